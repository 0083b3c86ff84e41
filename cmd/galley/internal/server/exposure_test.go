package server

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"testing/fstest"
)

// previewSite is a build with folders whose names a hostile path can
// reach by a double slash or a backslash, and a robots.txt of its own that
// lets crawlers in, as a published site's does.
func previewSite(t *testing.T) *Server {
	t.Helper()
	page := &fstest.MapFile{Data: []byte("<!doctype html><html><head><title>A</title></head><body><h1>A</h1></body></html>")}
	s := New()
	s.Built(fstest.MapFS{
		"index.html":                page,
		"news/index.html":           page,
		"evil.example/index.html":   page,
		"evil.example/x/index.html": page,
		`\evil.example/index.html`:  page,
		"css/site.css":              {Data: []byte("body{}")},
		"robots.txt":                {Data: []byte("User-agent: *\nAllow: /\n")},
		"404.html":                  page,
	}, nil)
	t.Cleanup(s.Close)
	return s
}

// serve sends a request for target, as it comes on the request line,
// straight to s.
func serve(s *Server, method, target string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest(method, target, nil))
	return w
}

// TestRedirectStaysOnOrigin asks for folders without their final slash
// by paths that, taken as a URL, name another host. The redirect to the
// folder must stay a path on the preview's own origin: "//host/" and
// "/\host/" are both another site to a browser.
func TestRedirectStaysOnOrigin(t *testing.T) {
	s := previewSite(t)
	tests := []struct{ target, want string }{
		{"/news", "/news/"},
		{"/news?a=1&b=2", "/news/?a=1&b=2"},
		{"//evil.example/..//news", "/news/"},
		{"//evil.example", "/evil.example/"},
		{"//evil.example/x", "/evil.example/x/"},
		{"///evil.example", "/evil.example/"},
		{"/.//evil.example", "/evil.example/"},
		{"/news/..//evil.example", "/evil.example/"},
		{"/%2F%2Fevil.example", "/evil.example/"},
		{"/%2f/evil.example", "/evil.example/"},
		{`/\evil.example`, "/%5Cevil.example/"},
		{"/%5Cevil.example", "/%5Cevil.example/"},
		{"/%5cevil.example?x=//evil", "/%5Cevil.example/?x=//evil"},
		{"/news?a=1#b", "/news/?a=1%23b"},
	}
	base, _ := url.Parse("http://127.0.0.1:1313/some/page/")
	for _, tt := range tests {
		w := serve(s, "GET", tt.target)
		loc := w.Header().Get("Location")
		if w.Code != http.StatusMovedPermanently || loc != tt.want {
			t.Errorf("GET %s: %d Location %q, want 301 %q", tt.target, w.Code, loc, tt.want)
		}
		if !sameOrigin(base, loc) {
			t.Errorf("GET %s: Location %q leaves the preview's origin", tt.target, loc)
		}
	}
}

// sameOrigin reports whether loc, resolved as a browser does (which reads
// a backslash as a slash), stays on base's scheme and host, and is a path
// that starts with a single slash.
func sameOrigin(base *url.URL, loc string) bool {
	if !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, `/\`) {
		return false
	}
	u, err := url.Parse(strings.ReplaceAll(loc, `\`, "/"))
	if err != nil || u.Host != "" || u.Scheme != "" {
		return false
	}
	r := base.ResolveReference(u)
	return r.Scheme == base.Scheme && r.Host == base.Host
}

// TestNoIndex checks that nothing the preview serves may be indexed:
// every answer says so in X-Robots-Tag, robots.txt shuts crawlers out
// whatever the build's says, and pages carry a robots meta tag too.
func TestNoIndex(t *testing.T) {
	s := previewSite(t)
	for _, tt := range []struct {
		method, target string
		status         int
	}{
		{"GET", "/", 200},
		{"GET", "/news/", 200},
		{"GET", "/css/site.css", 200},
		{"GET", "/robots.txt", 200},
		{"HEAD", "/news/", 200},
		{"GET", "/news", 301},
		{"GET", "/missing/", 404},
		{"POST", "/", 405},
		{"GET", scriptPath, 200},
	} {
		w := serve(s, tt.method, tt.target)
		if w.Code != tt.status || w.Header().Get("X-Robots-Tag") != "noindex, nofollow" {
			t.Errorf("%s %s: %d X-Robots-Tag %q, want %d \"noindex, nofollow\"", tt.method, tt.target, w.Code, w.Header().Get("X-Robots-Tag"), tt.status)
		}
	}
	w := serve(s, "GET", "/robots.txt")
	if body := w.Body.String(); body != "User-agent: *\nDisallow: /\n" || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain") {
		t.Errorf("robots.txt: %q %q, want every crawler disallowed", w.Header().Get("Content-Type"), body)
	}
	if body := serve(s, "GET", "/news/").Body.String(); !strings.Contains(body, `<meta name="robots" content="noindex, nofollow"></head>`) {
		t.Errorf("page without a robots meta tag: %s", body)
	}
	if body := serve(s, "GET", "/missing/").Body.String(); !strings.Contains(body, `<meta name="robots" content="noindex, nofollow"></head>`) {
		t.Errorf("404 page without a robots meta tag: %s", body)
	}

	// A failed build's problem page and the event stream, over a real
	// connection.
	s.Built(s.files, errString("content/a.md:1: bad"))
	ts := httptest.NewServer(s)
	defer ts.Close()
	for _, p := range []string{"/news/", eventsPath} {
		resp, err := http.Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		if got := resp.Header.Get("X-Robots-Tag"); got != "noindex, nofollow" {
			t.Errorf("GET %s: X-Robots-Tag %q", p, got)
		}
		if p != eventsPath {
			body, _ := io.ReadAll(resp.Body)
			if !strings.Contains(string(body), `<meta name="robots" content="noindex, nofollow">`) {
				t.Errorf("problem page without a robots meta tag: %s", body)
			}
		}
		resp.Body.Close()
	}
	s.Close()
}

type errString string

func (e errString) Error() string { return string(e) }

package server

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func newSite(t *testing.T) (*Server, *httptest.Server, fs.FS) {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"index.html":        "<!doctype html><html><body><h1>Home</h1></body></html>",
		"news/a/index.html": "<!doctype html><html><body><h1>A</h1></body></html>",
		"404.html":          "<!doctype html><html><body><h1>Lost</h1></body></html>",
		"css/site.css":      "body{}",
		"feed.xml":          "<rss/>",
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(data), 0o644)
	}
	secret := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(secret, []byte("secret"), 0o644)
	os.Symlink(secret, filepath.Join(dir, "link.txt"))
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := New()
	s.Built(root.FS(), nil)
	ts := httptest.NewServer(s)
	t.Cleanup(func() { s.Close(); ts.Close(); root.Close() })
	return s, ts, root.FS()
}

func get(t *testing.T, url string, header ...string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(body)
}

func TestServe(t *testing.T) {
	_, ts, _ := newSite(t)
	tests := []struct {
		path, ctype, contains string
		status                int
	}{
		{"/", "text/html; charset=utf-8", "<h1>Home</h1>", 200},
		{"/news/a/", "text/html; charset=utf-8", "<h1>A</h1>", 200},
		{"/css/site.css", "text/css; charset=utf-8", "body{}", 200},
		{"/feed.xml", "text/xml; charset=utf-8", "<rss/>", 200},
		{"/missing/", "text/html; charset=utf-8", "<h1>Lost</h1>", 404},
		{"/news/", "text/html; charset=utf-8", "<h1>Lost</h1>", 404}, // no listing
		{"/../../etc/passwd", "", "Lost", 404},
		{"/%2e%2e/%2e%2e/etc/passwd", "", "Lost", 404},
		{"/..%2f..%2fetc%2fpasswd", "", "Lost", 404},
		{"/link.txt", "", "Lost", 404}, // symlink out of the folder
	}
	for _, tt := range tests {
		resp, body := get(t, ts.URL+tt.path)
		if resp.StatusCode != tt.status || !strings.Contains(body, tt.contains) || tt.ctype != "" && resp.Header.Get("Content-Type") != tt.ctype {
			t.Errorf("GET %s: %d %q %q, want %d %q containing %q", tt.path, resp.StatusCode, resp.Header.Get("Content-Type"), body, tt.status, tt.ctype, tt.contains)
		}
		if strings.Contains(body, "secret") || strings.Contains(body, "root:") {
			t.Errorf("GET %s leaked a file from outside", tt.path)
		}
	}
	resp, body := get(t, ts.URL+"/news/a/")
	if !strings.Contains(body, `<script src="/_galley/reload.js" data-build="1" defer></script></body>`) {
		t.Errorf("reload script not injected: %s", body)
	}
	etag := resp.Header.Get("ETag")
	if etag == "" || resp.Header.Get("Last-Modified") == "" {
		t.Errorf("no ETag or Last-Modified: %v", resp.Header)
	}
	if resp, _ := get(t, ts.URL+"/news/a/", "If-None-Match", etag); resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: status %d, want 304", resp.StatusCode)
	}
	if resp, _ := get(t, ts.URL+"/news/a"); resp.Request.URL.Path != "/news/a/" {
		t.Errorf("folder without slash not redirected: ended at %s", resp.Request.URL.Path)
	}
}

func TestProblemPageAndRecovery(t *testing.T) {
	s, ts, files := newSite(t)
	s.Built(files, errors.New("content/news/a.md:3: date: cannot read \"soon\" <b>as a date</b>"))
	resp, body := get(t, ts.URL+"/news/a/")
	if resp.StatusCode != 500 || !strings.Contains(body, "content/news/a.md:3: date") || strings.Contains(body, "<b>") {
		t.Errorf("problem page: %d %s", resp.StatusCode, body)
	}
	if _, css := get(t, ts.URL+"/css/site.css"); css != "body{}" {
		t.Error("assets of the last good build are not served during a problem")
	}
	s.Built(files, nil)
	if resp, body := get(t, ts.URL+"/news/a/"); resp.StatusCode != 200 || !strings.Contains(body, "<h1>A</h1>") {
		t.Errorf("after a good build: %d %s", resp.StatusCode, body)
	}
}

func TestEvents(t *testing.T) {
	s, ts, files := newSite(t)
	resp, err := http.Get(ts.URL + eventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("Content-Type = %q", ct)
	}
	lines := bufio.NewReader(resp.Body)
	readData := func() string {
		for {
			line, err := lines.ReadString('\n')
			if err != nil {
				t.Fatal(err)
			}
			if d, ok := strings.CutPrefix(line, "data: "); ok {
				return strings.TrimSpace(d)
			}
		}
	}
	// newSite's build was the first.
	if got := readData(); got != "1" {
		t.Errorf("first event %q, want 1", got)
	}
	go func() { time.Sleep(20 * time.Millisecond); s.Built(files, nil) }()
	if got := readData(); got != "2" {
		t.Errorf("event after a build %q, want 2", got)
	}
}

func TestWatched(t *testing.T) {
	site := "/s"
	for name, want := range map[string]bool{
		"/s/site.yaml": true, "/s/content/news/a.md": true, "/s/templates/x.html": true, "/s/static/css/a.css": true,
		"/s/public/index.html": false, "/s/content/news/.a.md.swp": false, "/s/content/news/a.md~": false, "/s/README.md": false,
	} {
		if got := watched(site, name); got != want {
			t.Errorf("watched(%q) = %v, want %v", name, got, want)
		}
	}
}

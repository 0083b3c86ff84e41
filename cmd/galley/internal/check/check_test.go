package check

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// redirectTo is a redirect page such as galley build writes at an alias.
func redirectTo(url string) string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Moved</title>` +
		`<link rel="canonical" href="` + url + `"><meta name="robots" content="noindex">` +
		`<meta http-equiv="refresh" content="0; url=` + url + `"></head>` +
		`<body><p>This page has moved to <a href="` + url + `">Moved</a>.</p></body></html>`
}

// TestRedirectPages checks that a redirect page is not an orphan, that
// the page it leads to must exist, and that a redirect is no link that
// keeps a page from being orphaned.
func TestRedirectPages(t *testing.T) {
	const base = "https://news.example.org/"
	home := `<!doctype html><html><head><link rel="canonical" href="` + base + `"></head><body><a href="/news/x/">X</a></body></html>`
	page := `<!doctype html><html><head><meta name="generator" content="Galley"></head><body><a href="/">Home</a></body></html>`
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"redirects", map[string]string{
			"old/index.html": redirectTo(base + "news/x/"),
			"old/story.html": redirectTo("/news/x/"),
			"Old/Caps.html":  `<meta http-equiv="Refresh" content="0;URL='` + base + `news/x/'">`,
		}, nil},
		{"redirect to nowhere", map[string]string{
			"old/index.html": redirectTo(base + "news/gone/"),
		}, []string{
			`old/index.html: a href="https://news.example.org/news/gone/" leads to no file`,
			`old/index.html: redirect to "https://news.example.org/news/gone/" leads to no file`,
		}},
		{"redirect to elsewhere", map[string]string{
			"old/index.html": redirectTo("https://other.example.org/x/"),
		}, nil},
		{"page reached only by a redirect", map[string]string{
			"old/index.html":    redirectTo(base + "news/y/"),
			"news/y/index.html": page,
		}, []string{"news/y/index.html: no page links here (orphaned)"}},
		{"a refresh that does not redirect", map[string]string{
			"live/index.html": `<!doctype html><html><head><meta name="generator" content="Galley"><meta http-equiv="refresh" content="60"></head><body></body></html>`,
		}, []string{"live/index.html: no page links here (orphaned)"}},
		{"the owner's page, not Galley's, need not be linked", map[string]string{
			"google1234.html": `google-site-verification: google1234.html`,
			"kept.html":       `<!doctype html><html><head></head><body><a href="/gone/">Gone</a></body></html>`,
		}, []string{`kept.html: a href="/gone/" leads to no file`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{"index.html": home, "news/x/index.html": page}
			for name, data := range tt.files {
				files[name] = data
			}
			for name, data := range files {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			problems, err := Site(dir, "")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range problems {
				got = append(got, p.String())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestRefreshURL checks the reading of a meta refresh's content, as
// browsers read it.
func TestRefreshURL(t *testing.T) {
	tests := []struct{ content, want string }{
		{"0; url=https://a.example/x/", "https://a.example/x/"},
		{"0;URL='/x/'", "/x/"},
		{` 5 , url = "/x/" `, "/x/"},
		{"0; /x/", "/x/"},
		{"0", ""},
		{"60", ""},
		{"", ""},
		{"0; url=", ""},
	}
	for _, tt := range tests {
		if got := refreshURL(tt.content); got != tt.want {
			t.Errorf("refreshURL(%q) = %q, want %q", tt.content, got, tt.want)
		}
	}
}

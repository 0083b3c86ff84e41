package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestAliasesEndToEnd builds a site whose story and page have aliases and
// checks that every old path redirects to the new page, by a redirect
// page and by _redirects after the site's own rules; that galley check
// finds nothing wrong; and that a build with nothing changed keeps all.
func TestAliasesEndToEnd(t *testing.T) {
	t.Parallel()
	site := t.TempDir()
	files := map[string]string{
		"site.yaml": "title: The Test Times\nbase_url: https://news.example.org/\n",
		"content/news/moved.md": "---\ntitle: A story that moved\ndate: 2026-11-20\n" +
			"aliases: [/2019/11/old-url/, /old/story.html, /2018/no-slash]\n---\nWho we are: [about us](/about/).\n",
		"content/about.md":  "---\ntitle: About us\naliases: [/about-us/]\n---\nWho we are.\n",
		"static/_redirects": "/shop/* https://shop.example.org/:splat 302\n",
	}
	for name, data := range files {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(t.TempDir(), "public")
	env := []string{"GALLEY_BUILD_TIME=2026-11-24T09:00:00Z"}
	if _, stderr, code := runGalley(t, env, "build", "-s", site, "-d", dest); code != 0 {
		t.Fatalf("galley build: exit %d\n%s", code, stderr)
	}

	// Each old path, the file a static host serves for it, and where it
	// must lead, computed here rather than by Galley.
	tests := []struct{ old, file, target string }{
		{"/2019/11/old-url/", "2019/11/old-url/index.html", "/news/moved/"},
		{"/old/story.html", "old/story.html", "/news/moved/"},
		{"/2018/no-slash", "2018/no-slash/index.html", "/news/moved/"},
		{"/about-us/", "about-us/index.html", "/about/"},
	}
	for _, tt := range tests {
		page, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(tt.file)))
		if err != nil {
			t.Errorf("old path %s: %v", tt.old, err)
			continue
		}
		want := "https://news.example.org" + tt.target
		refresh, canonical, robots := redirectOf(t, page)
		if refresh != "0; url="+want || canonical != want || robots != "noindex" {
			t.Errorf("%s: refresh %q, canonical %q, robots %q; want a redirect to %s", tt.file, refresh, canonical, robots, want)
		}
		if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(tt.target), "index.html")); err != nil {
			t.Errorf("%s leads to %s, which the build did not write", tt.old, tt.target)
		}
	}

	got, err := os.ReadFile(filepath.Join(dest, "_redirects"))
	if err != nil {
		t.Fatal(err)
	}
	want := files["static/_redirects"] +
		"/2018/no-slash /news/moved/ 301\n" +
		"/2019/11/old-url/ /news/moved/ 301\n" +
		"/about-us/ /about/ 301\n" +
		"/old/story.html /news/moved/ 301\n"
	if string(got) != want {
		t.Errorf("_redirects =\n%s\nwant\n%s", got, want)
	}

	if stdout, stderr, code := runGalley(t, nil, "check", "-d", dest); code != 0 {
		t.Errorf("galley check: exit %d\n%s%s", code, stdout, stderr)
	}

	stdout, stderr, code := runGalley(t, env, "build", "-s", site, "-d", dest)
	if code != 0 || !strings.Contains(stdout+stderr, "up to date") {
		t.Errorf("second build: exit %d, want up to date\n%s%s", code, stdout, stderr)
	}
}

// redirectOf returns the meta refresh, canonical link and robots meta of
// a page, as a browser parses them.
func redirectOf(t *testing.T, page []byte) (refresh, canonical, robots string) {
	t.Helper()
	z := html.NewTokenizer(bytes.NewReader(page))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		attr := map[string]string{}
		for _, a := range tok.Attr {
			attr[a.Key] = a.Val
		}
		switch {
		case tok.Data == "meta" && strings.EqualFold(attr["http-equiv"], "refresh"):
			refresh = attr["content"]
		case tok.Data == "meta" && attr["name"] == "robots":
			robots = attr["content"]
		case tok.Data == "link" && attr["rel"] == "canonical":
			canonical = attr["href"]
		}
	}
	return refresh, canonical, robots
}

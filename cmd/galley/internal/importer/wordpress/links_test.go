package wordpress

import (
	"context"
	"io"
	"testing"

	"galley.dev/galley/cmd/galley/internal/importer"
)

// linkRun returns a run of an export of the old site at link, with a
// published post (ID 10, /2026/01/02/vote/), a draft (ID 11, /draft/),
// a category news/local and a tag, placed as the import places them.
func linkRun(t *testing.T, link, base string) *run {
	t.Helper()
	r := newRun(Source{}, "export.xml", importer.NewWriter(t.TempDir(), false, true, io.Discard))
	r.ex = &Export{Link: link,
		Categories: []Term{{Nicename: "news", Name: "News"}, {Nicename: "local", Name: "Local news", Parent: "news"}},
		Tags:       []Term{{Nicename: "tides", Name: "Tides"}},
		Authors:    []Author{{Login: "ana", DisplayName: "Ana Ruiz"}, {Login: "bob@example.com", DisplayName: "bob@example.com"}}}
	r.basePath = base
	for _, c := range r.ex.Categories {
		r.parents[c.Nicename] = c.Parent
	}
	r.indexStory(&Item{ID: 10, Title: "Vote", Name: "vote", Status: "publish", Type: "post", Link: link + "/2026/01/02/vote/"})
	r.indexStory(&Item{ID: 11, Title: "Draft", Name: "draft", Status: "draft", Type: "post", Link: link + "/draft/"})
	r.place(context.Background())
	return r
}

// TestNewURL checks where each kind of link of a body leads in the new
// site, for WordPress at the top of its host and in a folder.
func TestNewURL(t *testing.T) {
	for _, tt := range []struct {
		link, base string
		in, want   string
	}{
		{"https://old.example", "", "https://old.example/2026/01/02/vote/", "/news/vote/"},
		{"https://old.example", "", "https://www.old.example/2026/01/02/vote/#result", "/news/vote/#result"},
		{"https://old.example", "", "/2026/01/02/vote", "/news/vote/"},
		{"https://old.example", "", "https://old.example/?p=10", "/news/vote/"},
		{"https://old.example", "", "/index.php?p=10#x", "/news/vote/#x"},
		{"https://old.example", "", "https://old.example/?p=11", ""}, // a draft: nowhere to lead
		{"https://old.example", "", "https://old.example/draft/", ""},
		{"https://old.example", "", "https://old.example/?p=99", ""},
		{"https://old.example", "", "https://old.example/2019/gone/", ""},
		{"https://old.example", "", "https://old.example/category/news/local/", "/topics/local-news/"},
		{"https://old.example", "", "https://old.example/category/news/local/feed/", "/topics/local-news/feed.xml"},
		{"https://old.example", "", "/tag/tides/", "/topics/tides/"},
		{"https://old.example", "", "/author/ana/", "/authors/ana-ruiz/"},
		{"https://old.example", "", "/author/bob@example.com/", ""}, // no name but an email: no page
		{"https://old.example", "", "/feed/", "/feed.xml"},
		{"https://old.example", "", "https://old.example/", "/"},
		{"https://old.example", "", "https://old.example/wp-content/uploads/a.jpg", "https://old.example/wp-content/uploads/a.jpg"},
		{"https://old.example", "", "#notes", "#notes"},
		{"https://old.example", "", "https://old.example/files/2010/11/a.png", "https://old.example/files/2010/11/a.png"},               // a network's upload
		{"https://old.example", "", "https://old.example/~nathan/video/juggling.ogv", "https://old.example/~nathan/video/juggling.ogv"}, // a file beside WordPress
		{"https://old.example", "", "https://old.example/story.html", ""},
		{"https://old.example", "", "https://example.com/other/", "https://example.com/other/"},
		{"https://old.example", "", "mailto:desk@old.example", "mailto:desk@old.example"},
		{"https://old.example/blog", "/blog", "https://old.example/blog/2026/01/02/vote/", "/news/vote/"},
		{"https://old.example/blog", "/blog", "https://old.example/blog/?p=10", "/news/vote/"},
		{"https://old.example/blog", "/blog", "/blog/category/news/", "/topics/news/"},
		{"https://old.example/blog", "/blog", "https://old.example/contact/", "https://old.example/contact/"}, // the host's other site
		{"https://old.example/blog", "/blog", "https://old.example/blogroll/", "https://old.example/blogroll/"},
		{"https://old.example/blog", "/blog", "https://old.example/blog/", "/"},
	} {
		r := linkRun(t, tt.link, tt.base)
		if got := r.newURL(context.Background(), tt.in); got != tt.want {
			t.Errorf("site %s: newURL(%q) = %q, want %q", tt.link, tt.in, got, tt.want)
		}
	}
}

// TestUploadOf checks which URLs are uploads of the old site, where in
// --uploads their file is, and the path their copy takes.
func TestUploadOf(t *testing.T) {
	for _, tt := range []struct {
		link, base, in string
		rel, site      string
	}{
		{"https://old.example", "", "https://old.example/wp-content/uploads/2026/11/a.jpg", "2026/11/a.jpg", "/wp-content/uploads/2026/11/a.jpg"},
		{"https://old.example", "", "/wp-content/uploads/2026/11/a.jpg?w=300", "2026/11/a.jpg", "/wp-content/uploads/2026/11/a.jpg"},
		{"https://old.example", "", "https://old.example/files/2010/11/a.png", "2010/11/a.png", "/files/2010/11/a.png"}, // a network's
		{"https://old.example/blog", "/blog", "https://old.example/blog/wp-content/uploads/a.jpg", "a.jpg", "/blog/wp-content/uploads/a.jpg"},
		{"https://news.wordpress.com", "", "https://news.files.wordpress.com/2008/06/a.jpg", "2008/06/a.jpg", "/wp-content/uploads/2008/06/a.jpg"},
		{"https://old.example", "", "https://other.example/wp-content/uploads/a.jpg", "", ""}, // another site's
		{"https://old.example", "", "https://old.example/wp-content/uploads/../../wp-config.php", "", ""},
		{"https://old.example", "", "https://old.example/wp-content/uploads/", "", ""},
		{"https://old.example", "", "javascript:/wp-content/uploads/a.jpg", "", ""},
		{"https://old.example/blog", "/blog", "https://old.example/wp-content/uploads/a.jpg", "", ""},
	} {
		r := linkRun(t, tt.link, tt.base)
		rel, site, ok := r.uploadOf(tt.in)
		if rel != tt.rel || site != tt.site || ok != (tt.rel != "") {
			t.Errorf("site %s: uploadOf(%q) = %q, %q, %v; want %q, %q", tt.link, tt.in, rel, site, ok, tt.rel, tt.site)
		}
	}
}

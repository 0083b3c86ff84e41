package render

import (
	"net/url"
	"testing"
)

func TestEncode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a b", "a%20b"},
		{"C++ & C#", "C%2B%2B%20%26%20C%23"},
		{"100%", "100%25"},
		{"https://ex.org/news/a-b/?x=1#top", "https%3A%2F%2Fex.org%2Fnews%2Fa-b%2F%3Fx%3D1%23top"},
		{"Élection à Paris", "%C3%89lection%20%C3%A0%20Paris"},
		{"“quoted”", "%E2%80%9Cquoted%E2%80%9D"},
	}
	for _, tt := range tests {
		if got := encode(tt.in); got != tt.want {
			t.Errorf("encode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestShareLinks(t *testing.T) {
	page := "https://ex.org/news/c-plus-plus/"
	title := "C++ & #1 story"
	links := ShareLinks([]string{"x", "facebook", "linkedin", "whatsapp", "bluesky", "reddit", "email", "myspace"}, page, title)
	wantOrder := []string{"x", "facebook", "linkedin", "whatsapp", "bluesky", "reddit", "email"}
	if len(links) != len(wantOrder) {
		t.Fatalf("got %d links, want %d", len(links), len(wantOrder))
	}
	// Each endpoint, decoded as the network decodes it, gives back the
	// page URL and title exactly.
	tests := map[string]struct{ urlParam, titleParam string }{
		"x":        {"url", "text"},
		"facebook": {"u", ""},
		"linkedin": {"url", ""},
		"reddit":   {"url", "title"},
		"email":    {"body", "subject"},
		"whatsapp": {"", "text"},
		"bluesky":  {"", "text"},
	}
	for i, l := range links {
		if l.Network != wantOrder[i] {
			t.Errorf("link %d is %s, want %s", i, l.Network, wantOrder[i])
		}
		u, err := url.Parse(l.URL)
		if err != nil {
			t.Fatalf("%s: %v", l.Network, err)
		}
		q := u.Query()
		want := tests[l.Network]
		if want.urlParam != "" && q.Get(want.urlParam) != page {
			t.Errorf("%s: %s = %q, want %q", l.Network, want.urlParam, q.Get(want.urlParam), page)
		}
		if l.Network == "whatsapp" || l.Network == "bluesky" {
			if got := q.Get("text"); got != title+" "+page {
				t.Errorf("%s: text = %q", l.Network, got)
			}
		} else if want.titleParam != "" && q.Get(want.titleParam) != title {
			t.Errorf("%s: %s = %q, want %q", l.Network, want.titleParam, q.Get(want.titleParam), title)
		}
		if l.Label == "" {
			t.Errorf("%s: no accessible name", l.Network)
		}
	}
}

func FuzzShareLinks(f *testing.F) {
	f.Add("https://ex.org/news/a/", "C++ & #1 story")
	f.Add("https://ex.org/ä?x=1&y=2#f", "100% + 50%")
	f.Fuzz(func(t *testing.T, page, title string) {
		for _, l := range ShareLinks([]string{"facebook", "x", "reddit"}, page, title) {
			u, err := url.Parse(l.URL)
			if err != nil {
				t.Fatalf("%s: %v", l.URL, err)
			}
			q := u.Query()
			key := map[string]string{"facebook": "u", "x": "url", "reddit": "url"}[l.Network]
			if q.Get(key) != page {
				t.Fatalf("%s: %s round-trips to %q, want %q", l.Network, key, q.Get(key), page)
			}
		}
	})
}

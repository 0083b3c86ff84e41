package importer

import (
	"strings"
	"testing"
)

func TestRelink(t *testing.T) {
	moved := map[string]string{
		"/docs/maintaining/triaging/": "/triaging/",
		"/docs/install/":              "/install/",
		"/2016/07/19/first.html":      "/posts/first/",
	}
	tests := []struct {
		old, body, want string
		n               int
	}{
		{"/docs/maintaining/", "See [triage](triaging/) and [it](triaging/#labels).", "See [triage](/triaging/) and [it](/triaging/#labels).", 2},
		{"/docs/maintaining/", "Up: [install](../install/).", "Up: [install](/install/).", 1},
		{"/docs/maintaining/index.html", "[t](triaging)", "[t](/triaging/)", 1},
		{"/2016/07/19/second.html", "[first](first.html)", "[first](/posts/first/)", 1},
		{"/docs/maintaining/", "![photo](photo.jpg) [x](https://e.org/triaging/) [y](//e.org/docs/install/) [z](#top) [s](/css/site.css)", "![photo](photo.jpg) [x](https://e.org/triaging/) [y](//e.org/docs/install/) [z](#top) [s](/css/site.css)", 0},
		{"/docs/maintaining/", "[y](/docs/install/#gems)", "[y](/install/#gems)", 1},
		{"/docs/maintaining/", "[y](https://old.example.org/docs/install/#gems) [z](https://old.example.org.evil/docs/install/)", "[y](/install/#gems) [z](https://old.example.org.evil/docs/install/)", 1},
		{"/docs/maintaining/", "[t][ref]\n\n[ref]: triaging/\n", "[t][ref]\n\n[ref]: /triaging/\n", 1},
		{"/docs/maintaining/", "```\n[t](triaging/)\n```\n", "```\n[t](triaging/)\n```\n", 0},
		{"", "[t](triaging/)", "[t](triaging/)", 0},
	}
	for _, tt := range tests {
		got, n := relink(tt.body, tt.old, "https://old.example.org", moved)
		if got != tt.want || n != tt.n {
			t.Errorf("relink(%q, %q) = %q, %d; want %q, %d", tt.body, tt.old, got, n, tt.want, tt.n)
		}
	}
}

// FuzzRelink checks that relinking changes nothing but link
// destinations, and only into the new URLs.
func FuzzRelink(f *testing.F) {
	f.Add("See [a](a/) and ![b](../b.jpg)\n\n[r]: a/\n", "/x/y/")
	f.Add("```\n[a](a/)\n```\n[a](<a/>)", "/x/")
	f.Fuzz(func(t *testing.T, body, old string) {
		got, n := relink(body, old, "https://e.org", map[string]string{"/x/a/": "/new/"})
		if n == 0 && got != body {
			t.Fatalf("no link rewritten, but %q became %q", body, got)
		}
		if strings.Count(got, "/new/") < n {
			t.Fatalf("%d links rewritten, but %q", n, got)
		}
	})
}

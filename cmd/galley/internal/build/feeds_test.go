package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTermFeedFormats checks that topics and authors get the feeds of
// feeds.term_formats, RSS alone by default, and that their pages link
// just those, while the site and its sections keep all three.
func TestTermFeedFormats(t *testing.T) {
	story := "---\ntitle: Vote count\ndate: 2026-11-20\ntopics: [Politics]\nauthors: [Ana Ruiz]\n---\nBody.\n"
	all := []string{"feed.xml", "atom.xml", "feed.json"}
	for _, tt := range []struct {
		yaml string
		want []string // the feeds of a topic and of an author
	}{
		{"", []string{"feed.xml"}},
		{"feeds:\n  term_formats: [rss, atom, json]\n", all},
		{"feeds:\n  term_formats: [json]\n  rss_aliases: [index.xml]\n", []string{"feed.json"}},
		{"feeds:\n  term_formats: []\n", nil},
	} {
		dest, err := buildSite(t, map[string]string{"site.yaml": "title: T\n" + tt.yaml, "content/news/vote.md": story}, Options{})
		if err != nil {
			t.Fatalf("%q: %v", tt.yaml, err)
		}
		for _, dir := range []string{"", "news/"} {
			for _, f := range all {
				if _, err := os.Stat(filepath.Join(dest, dir+f)); err != nil {
					t.Errorf("%q: %s%s: %v; want the site's and sections' feeds in every format", tt.yaml, dir, f, err)
				}
			}
		}
		for _, dir := range []string{"topics/politics/", "authors/ana-ruiz/"} {
			page, err := os.ReadFile(filepath.Join(dest, dir, "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range append(all, "index.xml") {
				want := strings.Contains(strings.Join(tt.want, " "), f)
				if f == "index.xml" {
					want = false // an alias of RSS, which this term has not
				}
				_, err := os.Stat(filepath.Join(dest, dir, f))
				if written := err == nil; written != want {
					t.Errorf("%q: %s%s written = %v, want %v", tt.yaml, dir, f, written, want)
				}
				if linked := strings.Contains(string(page), `href="/`+dir+f+`"`); linked != want {
					t.Errorf("%q: %sindex.html links %s = %v, want %v", tt.yaml, dir, f, linked, want)
				}
			}
		}
	}
}

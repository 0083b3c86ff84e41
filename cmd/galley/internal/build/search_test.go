package build

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"galley.dev/galley"
	"galley.dev/galley/cmd/galley/internal/search"
)

// TestSearchIndex builds a small site and searches its index: published
// stories are found, a draft and a scheduled story never are; with
// search: false neither the page, nor its link, nor the index is
// written; a preview (galley serve) writes the page without an index, and
// the page then neither preloads one nor names one to its script.
func TestSearchIndex(t *testing.T) {
	story := func(title, extra string) string {
		return "---\ntitle: " + title + "\ndate: 2026-11-20T09:00:00Z\n" + extra + "---\n\nThe harbour " + strings.ToLower(title) + " story.\n"
	}
	for _, tt := range []struct {
		name, siteYAML string
		off, preview   bool
	}{
		{"on", "title: Gazette\n", false, false},
		{"off", "title: Gazette\nsearch: false\n", true, false},
		{"preview", "title: Gazette\n", false, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			site, dest := t.TempDir(), filepath.Join(t.TempDir(), "public")
			for name, data := range map[string]string{
				"site.yaml":                    tt.siteYAML,
				"content/news/barrier.md":      story("Barrier", ""),
				"content/news/unreleased.md":   story("Embargoed", "draft: true\n"),
				"content/news/tomorrow.md":     strings.Replace(story("Tomorrow", ""), "2026-11-20", "2027-01-01", 1),
				"content/news/quay-fishing.md": story("Quay", ""),
			} {
				writeFile(t, filepath.Join(site, name), []byte(data))
			}
			if _, err := Run(context.Background(), Options{Site: site, Dest: dest, Theme: galley.Theme(), Now: buildTime, Preview: tt.preview}); err != nil {
				t.Fatal(err)
			}
			home, _ := os.ReadFile(filepath.Join(dest, "index.html"))
			files := searchFiles(dest)
			if tt.off {
				if len(files) > 0 || strings.Contains(string(home), `href="/search/"`) {
					t.Errorf("search: false, yet %d files under search/ and a link: %v", len(files), strings.Contains(string(home), "/search/"))
				}
				return
			}
			if files["search/index.html"] == nil || !strings.Contains(string(home), `href="/search/"`) {
				names := make([]string, 0, len(files))
				for n := range files {
					names = append(names, n)
				}
				t.Fatalf("no search page, or no link to it: %v\n%s", names, home)
			}
			page := string(files["search/index.html"])
			preload := `<link rel="preload" href="/search/root.json" as="fetch" crossorigin>`
			if tt.preview {
				if len(files) != 1 || strings.Contains(page, preload) || !strings.Contains(page, `data-search-root="">`) {
					t.Errorf("a preview's search page: %d files under search/, want the page alone, with no root named:\n%s", len(files), page)
				}
				return
			}
			if !strings.Contains(page, preload) || !strings.Contains(page, `data-search-root="/search/root.json"`) {
				t.Errorf("the search page neither preloads nor names its root:\n%s", page)
			}
			for q, want := range map[string]string{"barrier": "/news/barrier/", "quay": "/news/quay-fishing/", "embargoed": "", "tomorrow": ""} {
				res, err := search.Search(files, q, 10)
				if err != nil {
					t.Fatal(err)
				}
				switch {
				case want == "" && len(res) > 0:
					t.Errorf("%q found %v: a draft or scheduled story is in the index", q, res)
				case want != "" && (len(res) != 1 || res[0].URL != want):
					t.Errorf("%q found %v, want %s", q, res, want)
				}
			}
		})
	}
}

// TestPlainText checks the words of a markdown body the index takes:
// link and image text without addresses, no tags, no heading IDs.
func TestPlainText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"See [the report](https://example.org/secret-word) now.", "See [the report  now."},
		{"![A quay](/img/quay.jpg \"Boats\")", "![A quay "},
		{"<span class=\"x\">kept</span>", " kept "},
		{"## Tides {#spring-tides}\n", "## Tides \n"},
		{"a < b and c > d", "a < b and c > d"},
	} {
		if got := plainText([]byte(tt.in)); got != tt.want {
			t.Errorf("plainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSearchMemo checks that a build after an edit, which analyses only
// the edited story and takes the others' words from the memo the build
// before left, makes the index a build without the memo makes; and that
// a damaged memo is ignored.
func TestSearchMemo(t *testing.T) {
	site := t.TempDir()
	story := func(title, body string) []byte {
		return []byte("---\ntitle: " + title + "\ndescription: A harbour story.\ndate: 2026-11-20T09:00:00Z\ntopics: [Harbour]\n---\n\n" + body + "\n")
	}
	writeFile(t, filepath.Join(site, "site.yaml"), []byte("title: Gazette\n"))
	for i, w := range []string{"barrier", "quay", "ferry", "lighthouse"} {
		writeFile(t, filepath.Join(site, "content/news", w+".md"), story("The "+w, strings.Repeat("The "+w+" story, day "+itoa(i)+". ", 20)))
	}
	build := func(dest string, noCache bool) map[string][]byte {
		t.Helper()
		if _, err := Run(context.Background(), Options{Site: site, Dest: dest, Theme: galley.Theme(), Now: buildTime, NoCache: noCache}); err != nil {
			t.Fatal(err)
		}
		return searchFiles(dest)
	}
	dest := filepath.Join(t.TempDir(), "public")
	build(dest, false)
	memo := filepath.Join(site, CacheDir, searchMemoFile)
	first, err := os.ReadFile(memo)
	if err != nil {
		t.Fatalf("no memo after a build: %v", err)
	}
	for i, damage := range []bool{false, true} {
		// Each take edits the story anew: an index up to date is not
		// made again, and reads no memo.
		writeFile(t, filepath.Join(site, "content/news/quay.md"), story("The quay", "A cormorant on the quay, take "+itoa(i)+"."))
		if damage {
			writeFile(t, memo, append(first[:len(first)/2:len(first)/2], "garbage"...))
		}
		got := build(dest, false)
		want := build(filepath.Join(t.TempDir(), "public"), true)
		if len(got) == 0 || len(got) != len(want) {
			t.Fatalf("damaged memo %v: %d index files, want %d", damage, len(got), len(want))
		}
		for name, b := range want {
			if !bytes.Equal(got[name], b) {
				t.Errorf("damaged memo %v: %s differs from a build without the memo", damage, name)
			}
		}
		if r, err := search.Search(got, "cormorant", 5); err != nil || len(r) != 1 {
			t.Errorf("damaged memo %v: cormorant finds %v, %v; want the edited story", damage, r, err)
		}
	}
}

// searchFiles returns the files under dest/search/, by path from dest.
func searchFiles(dest string) map[string][]byte {
	files := map[string][]byte{}
	_ = filepath.WalkDir(filepath.Join(dest, "search"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dest, p)
			files[filepath.ToSlash(rel)], _ = os.ReadFile(p)
		}
		return nil
	})
	return files
}

package build

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"

	"galley.dev/galley"
)

var update = flag.Bool("update", false, "rewrite the want/ files of testdata/*.txt from the output")

// buildTime is the clock of every golden build.
var buildTime = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)

// TestGolden builds each site in testdata/*.txt, a txtar archive of the
// site's files, and compares the output with its want/ files: want/stderr
// for a build that must fail, want/<path> for files it must write.
// Pages are compared unminified, so a diff reads like the template.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	if len(files) == 0 {
		t.Fatal("no testdata/*.txt")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			siteDir := t.TempDir()
			want := map[string][]byte{}
			for _, f := range ar.Files {
				if name, ok := strings.CutPrefix(f.Name, "want/"); ok {
					want[name] = f.Data
					continue
				}
				writeFile(t, filepath.Join(siteDir, f.Name), f.Data)
			}
			dest := filepath.Join(t.TempDir(), "public")
			_, buildErr := Run(context.Background(), Options{Site: siteDir, Dest: dest, Theme: galley.Theme(), Now: buildTime, NoMinify: true})
			got := map[string][]byte{}
			if buildErr != nil {
				got["stderr"] = []byte(buildErr.Error() + "\n")
			} else {
				_ = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
					if err == nil && !d.IsDir() && goldenExts[filepath.Ext(p)] {
						rel, _ := filepath.Rel(dest, p)
						data, _ := os.ReadFile(p)
						if !bytes.HasSuffix(data, []byte("\n")) {
							data = append(data, '\n') // as txtar stores it
						}
						got[filepath.ToSlash(rel)] = data
					}
					return nil
				})
			}
			if *update {
				rewrite(t, file, ar, got)
				return
			}
			if _, wantErr := want["stderr"]; wantErr != (buildErr != nil) {
				t.Fatalf("build error = %v, want stderr: %v", buildErr, wantErr)
			}
			for name, w := range want {
				if g, ok := got[name]; !ok {
					t.Errorf("%s: not written", name)
				} else if !bytes.Equal(g, w) {
					t.Errorf("%s differs from want (run go test -update to accept):\n%s", name, firstDiff(g, w))
				}
			}
		})
	}
}

// goldenExts are the outputs golden files hold: pages, feeds, sitemaps,
// robots.txt; not the theme's CSS and images.
var goldenExts = map[string]bool{".html": true, ".xml": true, ".json": true, ".txt": true}

// rewrite replaces the want/ files of the archive with got.
func rewrite(t *testing.T, file string, ar *txtar.Archive, got map[string][]byte) {
	t.Helper()
	var kept []txtar.File
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "want/") {
			kept = append(kept, f)
		}
	}
	names := make([]string, 0, len(got))
	for n := range got {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		kept = append(kept, txtar.File{Name: "want/" + n, Data: got[n]})
	}
	ar.Files = kept
	if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + itoa(i+1) + ":\n got: " + gl + "\nwant: " + wl
		}
	}
	return "(same lines, different bytes)"
}

func itoa(n int) string {
	return strings.TrimLeft(strings.Replace(time.Duration(n).String(), "ns", "", 1), " ")
}

// TestJSONLD checks that the structured data of an article page parses
// and carries what search engines need, even with markup in the headline.
func TestJSONLD(t *testing.T) {
	site := t.TempDir()
	writeFile(t, filepath.Join(site, "content/news/x.md"), []byte(`---
title: "Hostile </script><script>alert(1)</script> headline"
date: 2026-11-20T10:00:00Z
updated: 2026-11-21T10:00:00Z
authors: [Ana Ruiz]
topics: [Climate]
image:
  src: https://cdn.example.org/a.jpg
---
Body.
`))
	dest := filepath.Join(t.TempDir(), "out")
	if _, err := Run(context.Background(), Options{Site: site, Dest: dest, Theme: galley.Theme(), Now: buildTime}); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(dest, "news/x/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if scripts, handlers := liveScripts(t, page); scripts != 1 || handlers != 0 {
		t.Fatalf("page has %d script elements (want only the JSON-LD) and %d event handlers", scripts, handlers)
	}
	ld := JSONLD(t, page)
	if ld["@type"] != "NewsArticle" || ld["headline"] != "Hostile </script><script>alert(1)</script> headline" ||
		ld["datePublished"] != "2026-11-20T10:00:00Z" || ld["dateModified"] != "2026-11-21T10:00:00Z" {
		t.Errorf("JSON-LD = %v", ld)
	}
	if img, _ := ld["image"].([]any); len(img) != 1 || img[0].(map[string]any)["@type"] != "ImageObject" || img[0].(map[string]any)["contentUrl"] != "https://cdn.example.org/a.jpg" {
		t.Errorf("image = %v, want an ImageObject of the hero", ld["image"])
	}
	authors, _ := ld["author"].([]any)
	if len(authors) != 1 || authors[0].(map[string]any)["url"] != "http://localhost:1313/authors/ana-ruiz/" {
		t.Errorf("author = %v", ld["author"])
	}
	pub, _ := ld["publisher"].(map[string]any)
	if pub["name"] == "" || pub["logo"] == nil {
		t.Errorf("publisher = %v", pub)
	}
	if m, _ := ld["mainEntityOfPage"].(map[string]any); m["@id"] != "http://localhost:1313/news/x/" {
		t.Errorf("mainEntityOfPage = %v", ld["mainEntityOfPage"])
	}
}

// liveScripts parses an HTML page as a browser would and counts its
// script elements and event handler attributes.
func liveScripts(t *testing.T, page []byte) (scripts, handlers int) {
	t.Helper()
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return scripts, handlers
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if tok.Data == "script" {
				scripts++
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") {
					handlers++
				}
			}
		}
	}
}

var ldRE = regexp.MustCompile(`(?s)<script type="?application/ld\+json"?>(.*?)</script>`)

// JSONLD returns the JSON-LD object of an HTML page.
func JSONLD(t *testing.T, page []byte) map[string]any {
	t.Helper()
	m := ldRE.FindSubmatch(page)
	if m == nil {
		t.Fatal("no JSON-LD script in page")
	}
	var v map[string]any
	if err := json.Unmarshal(m[1], &v); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, m[1])
	}
	return v
}

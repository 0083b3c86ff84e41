package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// extractSite writes the src/ files of an importer's golden archive into
// a fresh folder and returns it.
func extractSite(t *testing.T, archive string) string {
	t.Helper()
	ar, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		name, ok := strings.CutPrefix(f.Name, "src/")
		if !ok {
			continue
		}
		writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), string(f.Data))
	}
	return dir
}

// TestImportSites imports the Hugo and Jekyll fixtures with the real
// binary, builds the result, and follows every old URL, computed here
// apart from the importer: each must be the story or a redirect to it.
func TestImportSites(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, archive string
		// old maps each old URL to the new page it must lead to.
		old map[string]string
	}{
		{"hugo", "internal/importer/hugo/testdata/site.txtar", map[string]string{
			"/2024/03/hello-world/": "/posts/hello-world/", // permalinks posts = /:year/:month/:slug/
			"/2024/03/old-hello/":   "/posts/hello-world/", // a relative alias, in the folder of the old URL
			"/2019/hello.html":      "/posts/hello-world/",
			"/2024/04/a-bundle/":    "/posts/bundle-post/", // :slug falls back to the title
			"/special/json/":        "/posts/json-post/",   // url: in JSON front matter
			"/docs/install/":        "/install/",           // a page without a date
			"/about/":               "/about/",
		}},
		{"jekyll", "internal/importer/jekyll/testdata/site.txtar", map[string]string{
			"/travel/europe/2016/07/19/first-post.html": "/posts/first-post/", // permalink: date with categories
			"/first/": "/posts/first-post/", // redirect_from
			"/about/": "/about/",
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src, site := extractSite(t, tt.archive), t.TempDir()
			stdout, stderr, code := runGalley(t, nil, "import", "-s", site, src)
			if code != 0 {
				t.Fatalf("import: exit %d: %s%s", code, stdout, stderr)
			}
			if !strings.Contains(stdout, "imported "+tt.name+" site") {
				t.Errorf("import report lacks its summary:\n%s", stdout)
			}
			again, _, code := runGalley(t, nil, "import", "-s", site, src)
			if code != 0 || strings.Contains(again, ": written") {
				t.Errorf("second import: exit %d, wrote again:\n%s", code, again)
			}
			dest := filepath.Join(t.TempDir(), "out")
			if _, stderr, code := runGalley(t, []string{"GALLEY_BUILD_TIME=2026-11-24T09:00:00Z"}, "build", "-s", site, "-d", dest); code != 0 {
				t.Fatalf("build: %s", stderr)
			}
			for old, page := range tt.old {
				file := filepath.Join(dest, filepath.FromSlash(old))
				if strings.HasSuffix(old, "/") {
					file = filepath.Join(file, "index.html")
				}
				data, err := os.ReadFile(file)
				if err != nil {
					t.Errorf("old URL %s: %v", old, err)
					continue
				}
				if old != page && !strings.Contains(string(data), page) {
					t.Errorf("old URL %s does not lead to %s:\n%.300s", old, page, data)
				}
				if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(page), "index.html")); err != nil {
					t.Errorf("new page %s: %v", page, err)
				}
			}
		})
	}
}

// TestImportUnknownFolder gives import a folder that is no Hugo or Jekyll
// site and holds no exports: it must fail and say what it looked for,
// not exit 0 having written nothing.
func TestImportUnknownFolder(t *testing.T) {
	t.Parallel()
	src, site := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(src, "notes.md"), "# Notes\n")
	_, stderr, code := runGalley(t, nil, "import", "-s", site, src)
	if code == 0 || !strings.Contains(stderr, "not a Hugo site") || !strings.Contains(stderr, "--from") {
		t.Errorf("exit %d, stderr %q; want a failure naming Hugo, Jekyll and --from", code, stderr)
	}
	if _, stderr, code := runGalley(t, nil, "import", "-s", site, "--from", "wordpress", src); code == 0 || !strings.Contains(stderr, "not a WordPress export") {
		t.Errorf("--from wordpress on a folder: exit %d, stderr %q", code, stderr)
	}
	if _, stderr, code := runGalley(t, nil, "import", "-s", site, "--from", "drupal", src); code == 0 || !strings.Contains(stderr, "hugo, jekyll, wordpress or text") {
		t.Errorf("--from drupal: exit %d, stderr %q", code, stderr)
	}
	if _, stderr, code := runGalley(t, nil, "import", "-s", site, "--from", "hugo", src); code == 0 || !strings.Contains(stderr, "no Hugo configuration") {
		t.Errorf("--from hugo on a folder without config: exit %d, stderr %q", code, stderr)
	}
}

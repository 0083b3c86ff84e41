package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestCache edits one article of the bundled site between builds and
// checks that the cached build equals a cold one byte for byte, that
// files the edit does not touch keep their modification time, and that a
// build with nothing changed leaves the output alone.
func TestCache(t *testing.T) {
	t.Parallel()
	site := t.TempDir()
	for _, d := range []string{"content", "static"} {
		if err := os.CopyFS(filepath.Join(site, d), os.DirFS(filepath.Join(repoRoot, d))); err != nil {
			t.Fatal(err)
		}
	}
	cfg, _ := os.ReadFile(filepath.Join(repoRoot, "site.yaml"))
	writeFile(t, filepath.Join(site, "site.yaml"), string(cfg))
	dest := filepath.Join(t.TempDir(), "public")
	build := func(args ...string) string {
		t.Helper()
		stdout, stderr, code := runGalley(t, nil, append([]string{"build", "-s", site}, args...)...)
		if code != 0 {
			t.Fatal(stderr)
		}
		return stdout
	}
	build("-d", dest)
	untouched := filepath.Join(dest, "news/andes-glacier-survey/index.html")
	before, _ := os.Stat(untouched)
	time.Sleep(10 * time.Millisecond)
	if out := build("-d", dest); !strings.HasPrefix(out, "up to date") {
		t.Errorf("second build: %q, want up to date", out)
	}

	story := filepath.Join(site, "content/news/election-a-paris.md")
	data, _ := os.ReadFile(story)
	writeFile(t, story, strings.Replace(string(data), "Early polls put two lists", "Early polls put the two lists", 1))
	if out := build("-d", dest); !strings.Contains(out, "kept from the last build") {
		t.Errorf("build after an edit: %q", out)
	}
	after, _ := os.Stat(untouched)
	if !after.ModTime().Equal(before.ModTime()) {
		t.Error("a page the edit does not touch was written again")
	}
	cold := filepath.Join(t.TempDir(), "cold")
	build("-d", cold, "--no-cache")
	if h, c := treeHashes(t, dest), treeHashes(t, cold); !slices.Equal(h, c) {
		t.Errorf("the cached build differs from a cold one:\n%v\n%v", h, c)
	}
	page, _ := os.ReadFile(filepath.Join(dest, "news/election-a-paris/index.html"))
	if !strings.Contains(string(page), "Early polls put the two lists") {
		t.Error("the edit is not in the page")
	}

	// The next build starts from the first build's tree, kept beside
	// dest; removing a story makes it drop pages and their folders.
	spare := filepath.Join(filepath.Dir(dest), ".galley-spare-public")
	if _, err := os.Stat(spare); err != nil {
		t.Fatalf("no spare tree after a warm build: %v", err)
	}
	if err := os.Remove(story); err != nil {
		t.Fatal(err)
	}
	build("-d", dest)
	if _, err := os.Stat(filepath.Join(dest, "news/election-a-paris")); err == nil {
		t.Error("the removed story's folder is still there")
	}
	cold = filepath.Join(t.TempDir(), "cold")
	build("-d", cold, "--no-cache")
	if h, c := treeHashes(t, dest), treeHashes(t, cold); !slices.Equal(h, c) {
		t.Errorf("the build from the spare tree differs from a cold one:\n%v\n%v", h, c)
	}
}

package main

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"galley.dev/galley/cmd/galley/internal/corpus"
)

// TestImportWordPress imports the WordPress fixture with the real
// binary, with its uploads, builds the site before and after the
// scheduled post is due, and checks the published site: which statuses
// are published, old URLs and short links, the hero's caption and
// credit, bylines and topics, and that no email of the export is
// written anywhere.
func TestImportWordPress(t *testing.T) {
	t.Parallel()
	src, site := extractSite(t, "internal/importer/wordpress/testdata/site.txtar"), t.TempDir()
	writePhoto(t, filepath.Join(src, "uploads", "2026", "11", "quay.jpg"), 1600, 1067)
	export := filepath.Join(src, "export.xml")
	plan, _, code := runGalley(t, nil, "import", "-s", site, "--dry-run", export)
	if code != 0 || !strings.Contains(plan, "content/news/barrier-vote.md: would be written") {
		t.Errorf("--dry-run: exit %d, no plan:\n%s", code, plan)
	}
	if entries, _ := os.ReadDir(site); len(entries) > 0 {
		t.Errorf("--dry-run wrote %v", entries)
	}
	if _, stderr, code := runGalley(t, nil, "import", "-s", site, export, export); code == 0 || !strings.Contains(stderr, "one export at a time") {
		t.Errorf("two exports: exit %d, stderr %q; want a failure, not a text import of XML", code, stderr)
	}
	stdout, stderr, code := runGalley(t, nil, "import", "-s", site, "--uploads", filepath.Join(src, "uploads"), export)
	if code != 0 {
		t.Fatalf("import: exit %d:\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{"imported wordpress site", "wordpress " + filepath.ToSlash(export) + ": 8 posts and 3 pages", "not imported: 1 nav_menu_item, 1 product, 1 revision"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("import report lacks %q:\n%s", want, stdout)
		}
	}
	if again, _, code := runGalley(t, nil, "import", "-s", site, "--uploads", filepath.Join(src, "uploads"), export); code != 0 || strings.Contains(again, ": written") {
		t.Errorf("second import: exit %d, wrote again:\n%s", code, again)
	}

	before := filepath.Join(t.TempDir(), "before")
	if _, stderr, code := runGalley(t, []string{"GALLEY_BUILD_TIME=2026-11-28T12:00:00Z"}, "build", "-s", site, "-d", before); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	for _, unpublished := range []string{"news/tide-tables", "news/harbour-dues", "news/staff-rota", "news/briefing", "news/old-draft"} {
		if _, err := os.Stat(filepath.Join(before, unpublished, "index.html")); err == nil {
			t.Errorf("/%s/ is published; a scheduled, pending, private, password-protected or binned post must not be", unpublished)
		}
	}

	dest := filepath.Join(t.TempDir(), "public")
	if _, stderr, code := runGalley(t, []string{"GALLEY_BUILD_TIME=2027-12-02T12:00:00Z"}, "build", "-s", site, "-d", dest); code != 0 {
		t.Fatalf("build when the scheduled post is due: %s", stderr)
	}
	if out, stderr, code := runGalley(t, nil, "check", "-d", dest); code != 0 {
		t.Errorf("check: exit %d:\n%s%s", code, out, stderr)
	}
	read := func(rel string) string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(rel)))
		if err != nil {
			t.Errorf("%v", err)
		}
		return string(data)
	}
	story := read("news/barrier-vote/index.html")
	for _, want := range []string{"Boats at dawn.", "Tom Berg/Gazette", "Ana Ruiz", `href="/news/tide-tables/"`, `href="/news/tide-tables/#spring"`, "/_img/"} {
		if !strings.Contains(story, want) {
			t.Errorf("the story lacks %q", want)
		}
	}
	for old, page := range map[string]string{
		"2026/11/21/barrier-vote/index.html": "/news/barrier-vote/",
		"about/team/index.html":              "/team/",
	} {
		if got := read(old); !strings.Contains(got, page) {
			t.Errorf("old URL /%s does not lead to %s:\n%.300s", old, page, got)
		}
	}
	if got := read("_redirects"); !strings.Contains(got, "/ p=10 /news/barrier-vote/ 301\n") || strings.Contains(got, "p=14 ") {
		t.Errorf("_redirects: the short link of the story is missing, or a draft's is there:\n%s", got)
	}
	read("news/tide-tables/index.html")
	read("authors/jane-doe/index.html")
	read("authors/sam-lee/index.html")
	read("authors/tom-berg/index.html")
	read("topics/local-news/index.html")
	read("topics-page/index.html")
	if _, err := os.Stat(filepath.Join(dest, "topics", "uncategorized")); err == nil {
		t.Error("WordPress's default Uncategorized became a topic")
	}
	for _, dir := range []string{site, dest} {
		noText(t, dir, "gazette.example.org/wp-content", "@gazette.example.org", "jane@example.com", "reader@example.com")
	}
}

// TestInterruptedWordPressImport presses Ctrl-C while a big export is
// imported: the import stops within a second, says so, and leaves no
// half-written file; importing again finishes the job.
func TestInterruptedWordPressImport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	export, site := filepath.Join(dir, "export.xml"), filepath.Join(dir, "site")
	f, err := os.Create(export)
	if err != nil {
		t.Fatal(err)
	}
	if err := corpus.WriteWXR(f, corpus.Options{Articles: 3000, Topics: 40, Authors: 10, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	cmd := exec.Command(galleyBin, "import", "-s", site, export)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until it writes stories, then interrupt it.
	for start := time.Now(); time.Since(start) < time.Minute; time.Sleep(5 * time.Millisecond) {
		if written, _ := filepath.Glob(filepath.Join(site, "content", "news", "*.md")); len(written) > 10 {
			break
		}
	}
	cmd.Process.Signal(interrupt)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(stderr.String(), "interrupted") {
			t.Errorf("interrupted import: %v, stderr %q; want a failure that says it was interrupted", err, stderr.String())
		}
	case <-time.After(time.Second):
		cmd.Process.Kill()
		t.Fatal("the import did not stop within a second of Ctrl-C")
	}
	written, _ := filepath.Glob(filepath.Join(site, "content", "news", "*.md"))
	if len(written) >= 2900 {
		t.Fatalf("%d stories written: the import finished before the interrupt; the test proves nothing", len(written))
	}
	if left, _ := filepath.Glob(filepath.Join(site, "content", "news", ".import-*")); len(left) > 0 {
		t.Errorf("the interrupted import left %v", left)
	}
	out, stderrAgain, code := runGalley(t, nil, "import", "-s", site, export)
	if code != 0 || !strings.Contains(out, "3000 posts") {
		t.Errorf("import after the interrupt: exit %d:\n%s", code, stderrAgain)
	}
}

// noText fails for each file under dir that holds one of the texts.
func noText(t *testing.T, dir string, texts ...string) {
	t.Helper()
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range texts {
			if bytes.Contains(data, []byte(s)) {
				t.Errorf("%s holds %q", p, s)
			}
		}
		return nil
	})
}

// writePhoto writes a JPEG of w×h pixels, a gradient, at name.
func writePhoto(t *testing.T, name string, w, h int) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 128, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestImportSeed imports the seed export with the real binary, builds the
// site, and finds every element of the original page on the article.
func TestImportSeed(t *testing.T) {
	t.Parallel()
	site := t.TempDir()
	writeFile(t, filepath.Join(site, "site.yaml"), "base_url: https://news.example.org/\nnewsletter:\n  action: https://lists.example.org/subscribe\n")
	seed := filepath.Join(repoRoot, "seeds/000_49bfff059735f1c2.txt")
	stdout, stderr, code := runGalley(t, nil, "import", "-s", site, "--date", "2026-11-21", seed)
	if code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	for _, want := range []string{"title \"Trump confirms CIA covert drone strike on Venezuelan port facility\"", "5 headings", "2 quotes joined"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("import report lacks %q: %s", want, stdout)
		}
	}
	if !strings.Contains(stderr, "date from --date") && !strings.Contains(stderr, "from --date") {
		t.Errorf("import did not say where the date came from: %q", stderr)
	}
	again, _, _ := runGalley(t, nil, "import", "-s", site, "--date", "2026-11-21", seed)
	if !strings.Contains(again, "unchanged") {
		t.Errorf("second import: %q, want unchanged", again)
	}
	dest := filepath.Join(t.TempDir(), "out")
	if _, stderr, code := runGalley(t, nil, "build", "-s", site, "-d", dest); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	page, err := os.ReadFile(filepath.Join(dest, "news", seedSlug, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<h1 class="headline">Trump confirms CIA covert drone strike on Venezuelan port facility</h1>`,
		`class="share-link share-facebook"`, `class="share-link share-x"`, `class="share-link share-linkedin"`,
		`<span class="caption">Trump bestätigt verdeckten CIA-Drohnenangriff auf Hafenanlage in Venezuela</span>`,
		`<span class="credit">Credit: John McDonnell/AP</span>`,
		`<h2 id="how-has-us-policy-toward-venezuela-recently-shifted">`,
		`<h2 id="political-pressure-beyond-drugs">`,
		`rel="author">Research Staff</a>`,
		`<form class="newsletter-form"`,
		`“These narcoterrorists are the al Qaeda of our hemisphere,” Hegseth said earlier this month.`,
	} {
		if !strings.Contains(string(page), want) {
			t.Errorf("article lacks %s", want)
		}
	}
	for _, boiler := range []string{"Share on facebook", "Sign up for our Newsletter"} {
		if strings.Contains(string(page), boiler) {
			t.Errorf("article keeps %q", boiler)
		}
	}
}

// runGalleyWithin runs the galley binary like runGalley, but kills it and
// fails the test if it runs longer than limit, so that a hang is a failure
// rather than a test binary that never ends.
func runGalleyWithin(t *testing.T, limit time.Duration, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, galleyBin, args...)
	cmd.WaitDelay = time.Second
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("galley %s still running after %v, killed", strings.Join(args, " "), limit)
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return o.String(), e.String(), code
}

// TestImportNamedPipe gives galley import a named pipe, by name and inside
// a folder: it must say so and go on, not wait forever for a writer.
func TestImportNamedPipe(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pipe := filepath.Join(dir, "a-pipe.txt")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	seed, err := os.ReadFile(filepath.Join(repoRoot, "seeds/000_49bfff059735f1c2.txt"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "b-seed.txt"), string(seed))
	for _, tt := range []struct {
		name string
		args []string
	}{
		{"argument", []string{pipe, filepath.Join(dir, "b-seed.txt")}},
		{"in a folder", []string{dir}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			site := t.TempDir()
			args := append([]string{"import", "-s", site, "--date", "2026-11-21"}, tt.args...)
			stdout, stderr, code := runGalleyWithin(t, 20*time.Second, args...)
			if code != 1 || !strings.Contains(stderr, pipe+": not a regular file; skipped") {
				t.Errorf("exit %d, stderr %q; want 1 and %s: not a regular file; skipped", code, stderr, pipe)
			}
			if !strings.Contains(stdout, "b-seed.txt → content/news/"+seedSlug+".md: written") {
				t.Errorf("the seed was not imported past the pipe: %q", stdout)
			}
		})
	}
}

// TestImportSameHeadline imports two different exports with one headline:
// both articles must be kept, under two slugs, and the site must build.
func TestImportSameHeadline(t *testing.T) {
	t.Parallel()
	site, dir := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(site, "site.yaml"), "base_url: https://news.example.org/\n")
	writeFile(t, filepath.Join(dir, "a.txt"), "Council votes on the harbour\n\nThe council met on Monday.\n")
	writeFile(t, filepath.Join(dir, "b.txt"), "Council votes on the harbour\n\nA different story, a year later.\n")
	stdout, stderr, code := runGalleyWithin(t, 60*time.Second, "import", "-s", site, "--date", "2026-11-21", dir)
	if code != 0 {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"a.txt → content/news/council-votes-on-the-harbour.md: written", "b.txt → content/news/council-votes-on-the-harbour-2.md: written"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("import report lacks %q: %s", want, stdout)
		}
	}
	dest := filepath.Join(t.TempDir(), "out")
	if _, stderr, code := runGalleyWithin(t, 60*time.Second, "build", "-s", site, "-d", dest); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	for _, page := range []string{"news/council-votes-on-the-harbour/index.html", "news/council-votes-on-the-harbour-2/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, page)); err != nil {
			t.Error(err)
		}
	}
}

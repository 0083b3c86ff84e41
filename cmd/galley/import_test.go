package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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

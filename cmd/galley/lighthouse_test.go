package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestLighthouse scores the article and home pages of the bundled site
// with Lighthouse (offline, Debian's Chromium): performance,
// accessibility, best practices and SEO must each be at least 95. It runs
// in make test (about 25 seconds) and alone with make lighthouse.
func TestLighthouse(t *testing.T) {
	t.Parallel()
	lh, _ := filepath.Abs(filepath.Join(repoRoot, ".ci/tools/node_modules/.bin/lighthouse"))
	if !exists(lh) {
		lh = ""
	}
	lh = requireTool(t, lh, "lighthouse (make tools installs it)")
	chromium := requireTool(t, lookPath("chromium"), "chromium")
	srv := browserSite(t)
	for _, pt := range pageTypes[:2] { // article, home
		t.Run(pt.kind, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "report.json")
			cmd := exec.Command(lh, srv.URL+pt.path, "--quiet", "--output=json", "--output-path="+out,
				"--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync --disable-quic --user-data-dir="+t.TempDir())
			cmd.Env = append(os.Environ(), "CHROME_PATH="+chromium)
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("lighthouse: %v\n%s", err, msg)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			var report struct {
				Categories map[string]struct {
					Score float64 `json:"score"`
				} `json:"categories"`
			}
			if err := json.Unmarshal(data, &report); err != nil {
				t.Fatal(err)
			}
			for _, cat := range []string{"performance", "accessibility", "best-practices", "seo"} {
				score := report.Categories[cat].Score * 100
				t.Logf("%s %s: %.0f", pt.kind, cat, score)
				if score < 95 {
					t.Errorf("%s %s score %.0f, want at least 95", pt.kind, cat, score)
				}
			}
		})
	}
}

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
	lh, chromium := lighthouseTools(t)
	srv := browserSite(t)
	for _, pt := range pageTypes[:2] { // article, home
		t.Run(pt.kind, func(t *testing.T) {
			scores := lighthouse(t, lh, chromium, srv.URL+pt.path)
			for _, cat := range []string{"performance", "accessibility", "best-practices", "seo"} {
				if scores[cat] < 95 {
					t.Errorf("%s %s score %.0f, want at least 95", pt.kind, cat, scores[cat])
				}
			}
		})
	}
}

// TestLighthousePhoto scores a story whose hero is a 4032×2268, 5.8 MB
// phone photo on Lighthouse's phone profile: performance at least 95,
// and no layout shift (CLS 0) as the picture arrives.
func TestLighthousePhoto(t *testing.T) {
	t.Parallel()
	lh, chromium := lighthouseTools(t)
	srv := phonePhotoSite(t)
	scores := lighthouse(t, lh, chromium, srv.URL+"/news/street/")
	if scores["performance"] < 95 {
		t.Errorf("performance %.0f, want at least 95", scores["performance"])
	}
	if cls := scores["cumulative-layout-shift"]; cls != 0 {
		t.Errorf("cumulative layout shift %.3f, want 0", cls)
	}
}

// lighthouseTools returns Lighthouse and Chromium, which make tools
// installs.
func lighthouseTools(t *testing.T) (lh, chromium string) {
	t.Helper()
	lh, _ = filepath.Abs(filepath.Join(repoRoot, ".ci/tools/node_modules/.bin/lighthouse"))
	if !exists(lh) {
		lh = ""
	}
	return requireTool(t, lh, "lighthouse (make tools installs it)"), requireTool(t, lookPath("chromium"), "chromium")
}

// lighthouse runs Lighthouse's default (phone) profile on url and
// returns its category scores (0–100) and, as
// "cumulative-layout-shift", the page's measured CLS.
func lighthouse(t *testing.T, lh, chromium, url string) map[string]float64 {
	t.Helper()
	out := filepath.Join(t.TempDir(), "report.json")
	cmd := exec.Command(lh, url, "--quiet", "--output=json", "--output-path="+out,
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
		Audits map[string]struct {
			NumericValue float64 `json:"numericValue"`
		} `json:"audits"`
	}
	if err := json.Unmarshal(data, &report); err != nil {
		t.Fatal(err)
	}
	scores := map[string]float64{"cumulative-layout-shift": report.Audits["cumulative-layout-shift"].NumericValue}
	for name, c := range report.Categories {
		scores[name] = c.Score * 100
	}
	t.Logf("%s: %v", url, scores)
	return scores
}

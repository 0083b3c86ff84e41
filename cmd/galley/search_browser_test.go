package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"galley.dev/galley/cmd/galley/internal/corpus"
)

// TestBundledSearch searches the bundled site in Chromium, as a reader
// does: a shared link runs its query, folding finds "Élection" from
// "election", the last word matches as a prefix while typing, and the
// live region says how many stories were found.
func TestBundledSearch(t *testing.T) {
	t.Parallel()
	srv := browserSite(t)
	ctx, consoleErrors := tab(t, newBrowser(t), 375)
	results := func() []string {
		t.Helper()
		return eval[[]string](t, ctx, `[...document.querySelectorAll('#search-results li h2 a')].map(a => a.getAttribute('href'))`)
	}
	waitResults := func(what string) {
		t.Helper()
		for start := time.Now(); time.Since(start) < 10*time.Second; time.Sleep(50 * time.Millisecond) {
			if eval[string](t, ctx, `document.querySelector('#search-status').textContent`) != "" {
				return
			}
		}
		t.Fatalf("%s: no result count announced", what)
	}
	for _, tt := range []struct{ query, want string }{
		{"election paris", "/news/election-a-paris/"},
		{"glaciers andes", "/news/andes-glacier-survey/"},
		{"venezuelan port", "/news/" + seedSlug + "/"},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search/?q="+strings.ReplaceAll(tt.query, " ", "+"))); err != nil {
			t.Fatal(err)
		}
		waitResults(tt.query)
		if got := results(); len(got) == 0 || got[0] != tt.want {
			t.Errorf("?q=%s: results %v, want %s first", tt.query, got, tt.want)
		}
	}
	// Typing: the last word is a prefix until a space ends it.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/search/"),
		chromedp.SendKeys(chromedp.CSS("#search-q"), "venezu")); err != nil {
		t.Fatal(err)
	}
	for start := time.Now(); time.Since(start) < 10*time.Second && len(results()) == 0; time.Sleep(50 * time.Millisecond) {
	}
	if got := results(); len(got) == 0 || got[0] != "/news/"+seedSlug+"/" {
		t.Errorf("typing venezu: results %v, want the drone strike story", got)
	}
	if status := eval[string](t, ctx, `document.querySelector('#search-status').textContent`); !strings.Contains(status, "found") {
		t.Errorf("live region says %q", status)
	}
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
	if len(srv.failed) > 0 {
		t.Errorf("failed requests: %v", srv.failed)
	}
}

// TestGeneratedSearch searches a generated site of 600 stories with a
// fallback: results lead to real pages, "More results" adds ten with
// the keyboard, the page passes axe-core, and without JavaScript the
// form goes to the fallback.
func TestGeneratedSearch(t *testing.T) {
	t.Parallel()
	site, dest := filepath.Join(t.TempDir(), "site"), filepath.Join(t.TempDir(), "public")
	if err := corpus.Write(site, corpus.Options{Articles: 600, Topics: 30, Authors: 12, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	cfg, _ := os.ReadFile(filepath.Join(site, "site.yaml"))
	writeFile(t, filepath.Join(site, "site.yaml"), string(cfg)+"search:\n  fallback: https://duckduckgo.com/?q={query}&sites=corpus.example.org\n")
	srv := newSiteServer(t, dest)
	if _, stderr, code := runGalley(t, nil, "build", "-s", site, "-d", dest, "--base-url", srv.URL+"/"); code != 0 {
		t.Fatal(stderr)
	}
	browser := newBrowser(t)
	ctx, consoleErrors := tab(t, browser, 1280)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search/?q=council+vote")); err != nil {
		t.Fatal(err)
	}
	links := func() []string {
		return eval[[]string](t, ctx, `[...document.querySelectorAll('#search-results li h2 a')].map(a => a.getAttribute('href'))`)
	}
	for start := time.Now(); time.Since(start) < 10*time.Second && len(links()) < 10; time.Sleep(50 * time.Millisecond) {
	}
	first := links()
	if len(first) != 10 {
		t.Fatalf("%d results shown, want the first 10", len(first))
	}
	for _, l := range first {
		if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(l), "index.html")); err != nil {
			t.Errorf("result %s leads to no page", l)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#search-more")), chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	for start := time.Now(); time.Since(start) < 10*time.Second && len(links()) < 20; time.Sleep(50 * time.Millisecond) {
	}
	if n := len(links()); n != 20 {
		t.Errorf("after More results: %d shown, want 20", n)
	}
	axePath, _ := filepath.Abs(filepath.Join(repoRoot, ".ci/tools/node_modules/axe-core/axe.min.js"))
	if !exists(axePath) {
		axePath = ""
	}
	axe, _ := os.ReadFile(requireTool(t, axePath, "axe-core (make tools installs it)"))
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](string(axe))); err != nil {
		t.Fatal(err)
	}
	serious := eval[[]string](t, ctx, `axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ': ' + v.help))`)
	if len(serious) > 0 {
		t.Errorf("axe-core: %v", serious)
	}
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
	noJS, _ := tab(t, browser, 375)
	if _, err := chromedp.Call(noJS, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(noJS, chromedp.Navigate(srv.URL+"/search/")); err != nil {
		t.Fatal(err)
	}
	attrs, err := chromedp.Run(noJS, chromedp.Attributes(chromedp.CSS("form[role=search]")))
	if err != nil {
		t.Fatal(err)
	}
	if attrs["action"] != "https://duckduckgo.com/" {
		t.Errorf("without JavaScript the form goes to %q, want the fallback", attrs["action"])
	}
}

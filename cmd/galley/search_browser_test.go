package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
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

package main

import (
	"context"
	"io/fs"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestHostileContentInBrowser opens every page of the hostile site in
// Chromium: no script from content may run, so no dialog may open.
func TestHostileContentInBrowser(t *testing.T) {
	t.Parallel()
	dest := hostileSite(t)
	srv := newSiteServer(t, dest)
	browser := newBrowser(t)
	var pages []string
	filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(dest, p)
			pages = append(pages, "/"+strings.TrimSuffix(filepath.ToSlash(rel), "index.html"))
		}
		return err
	})
	for _, p := range pages {
		ctx, _ := tab(t, browser, 1280)
		var dialogs atomic.Int32
		events := chromedp.Events(ctx, page.JavascriptDialogOpening)
		go func() {
			for _, err := range events {
				if err != nil {
					return
				}
				dialogs.Add(1)
			}
		}()
		nav, cancel := context.WithTimeout(ctx, 10*time.Second)
		err := chromedp.Do(nav, chromedp.Navigate(srv.URL+p), chromedp.Sleep(200*time.Millisecond),
			chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('a, img, button').forEach(e => e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})))`))
		cancel()
		if err != nil {
			t.Errorf("%s: %v (a dialog blocks a page)", p, err)
		}
		if n := dialogs.Load(); n > 0 {
			t.Errorf("%s: %d dialogs opened: content ran script", p, n)
		}
	}
	if len(pages) < 5 {
		t.Errorf("only %d pages", len(pages))
	}
}

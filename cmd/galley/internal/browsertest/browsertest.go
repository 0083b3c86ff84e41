// Package browsertest starts headless Chromium for the tests that read
// Galley's pages as a reader's browser does: the end-to-end tests of
// cmd/galley and the tests of the theme's search script.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// New starts headless Chromium for the test, or skips it when Chromium
// is not installed, unless GALLEY_REQUIRE_TOOLS is set: then it fails.
func New(tb testing.TB) context.Context {
	tb.Helper()
	chromium, _ := exec.LookPath("chromium")
	if chromium == "" {
		if os.Getenv("GALLEY_REQUIRE_TOOLS") != "" {
			tb.Fatal("chromium is not installed")
		}
		tb.Skip("chromium is not installed; make test installs it")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(tb.TempDir()),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	tb.Cleanup(cancel)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	tb.Cleanup(cancelAlloc)
	ctx, cancelBrowser := chromedp.NewContext(ctx)
	tb.Cleanup(cancelBrowser)
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		tb.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// Tab opens a new tab of browser with a viewport of width × height and
// returns it with a function that lists its console errors so far,
// uncaught exceptions and CSP refusals included.
func Tab(tb testing.TB, browser context.Context, width, height int64) (context.Context, func() []string) {
	tb.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	tb.Cleanup(cancel)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height)); err != nil {
		tb.Fatal(err)
	}
	var mu sync.Mutex
	var errs []string
	go func() {
		for m, err := range chromedp.Console(ctx) {
			if err != nil {
				return
			}
			if m.Type == "error" || m.IsException() {
				mu.Lock()
				errs = append(errs, m.String())
				mu.Unlock()
			}
		}
	}()
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(errs)
	}
}

// Eval evaluates js in the tab, awaiting a promise, and returns its value.
func Eval[T any](tb testing.TB, ctx context.Context, js string) T {
	tb.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.Fatalf("%s: %v", js, err)
	}
	return v
}

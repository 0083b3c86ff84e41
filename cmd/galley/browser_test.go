package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"galley.dev/galley/cmd/galley/internal/browsertest"
)

// pageTypes are the pages the browser suite opens, by kind.
var pageTypes = []struct{ kind, path string }{
	{"article", "/news/" + seedSlug + "/"},
	{"home", "/"},
	{"topic", "/topics/latin-america/"},
	{"topics", "/topics/"},
	{"author", "/authors/research-staff/"},
	{"404", "/no-such-page/"},
	{"search", "/search/?q=glacier"},
}

var widths = []int64{375, 1280}

// siteServer serves a built site on loopback, records every response's
// status, and stands in for the newsletter provider at /subscribe.
type siteServer struct {
	*httptest.Server
	mu       sync.Mutex
	failed   []string // requests that got 4xx or 5xx, but for the 404 test page
	received []string // emails posted to /subscribe
}

func newSiteServer(t *testing.T, dir string) *siteServer {
	s := &siteServer{}
	files := http.FileServer(http.Dir(dir))
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/subscribe" {
			r.ParseForm()
			s.mu.Lock()
			s.received = append(s.received, r.PostForm.Get("email"))
			s.mu.Unlock()
			fmt.Fprint(w, "<!doctype html><html lang=en><title>Thanks</title><p>Thanks")
			return
		}
		name := filepath.Join(dir, filepath.FromSlash(r.URL.Path))
		if info, err := os.Stat(name); err != nil || info.IsDir() && !exists(filepath.Join(name, "index.html")) {
			if r.URL.Path != "/no-such-page/" {
				s.mu.Lock()
				s.failed = append(s.failed, r.URL.Path)
				s.mu.Unlock()
			}
			w.WriteHeader(http.StatusNotFound)
			page, _ := os.ReadFile(filepath.Join(dir, "404.html"))
			w.Write(page)
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func exists(name string) bool { _, err := os.Stat(name); return err == nil }

// browserSite copies the bundled site with the newsletter pointed at the
// test server, builds it for that server, and serves it.
func browserSite(t *testing.T) *siteServer {
	t.Helper()
	site, dest := t.TempDir(), t.TempDir()
	for _, d := range []string{"content", "static", "templates"} {
		if err := os.CopyFS(filepath.Join(site, d), os.DirFS(filepath.Join(repoRoot, d))); err != nil {
			t.Fatal(err)
		}
	}
	srv := newSiteServer(t, filepath.Join(dest, "public"))
	cfg, err := os.ReadFile(filepath.Join(repoRoot, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg = []byte(strings.Replace(string(cfg), "https://newsletter.example.org/subscribe", srv.URL+"/subscribe", 1))
	writeFile(t, filepath.Join(site, "site.yaml"), string(cfg))
	if _, stderr, code := runGalley(t, nil, "build", "-s", site, "-d", filepath.Join(dest, "public"), "--base-url", srv.URL+"/"); code != 0 {
		t.Fatal(stderr)
	}
	return srv
}

// newBrowser starts headless Chromium for the test.
func newBrowser(t *testing.T) context.Context {
	return browsertest.New(t)
}

// tab opens a new tab at width and collects its console errors.
func tab(t *testing.T, browser context.Context, width int64) (context.Context, func() []string) {
	return browsertest.Tab(t, browser, width, 900)
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	return browsertest.Eval[T](t, ctx, js)
}

// pageReport is what the browser measures on every page.
type pageReport struct {
	Overflow   bool     `json:"overflow"`
	Invisible  []string `json:"invisible"`
	Feeds      []string `json:"feeds"`
	Favicon    string   `json:"favicon"`
	Title      string   `json:"title"`
	Focusables int      `json:"focusables"`
}

const reportJS = `(() => {
  const visible = (sel) => { const e = document.querySelector(sel); if (!e) return false;
    const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
  const want = {article: ['h1.headline', '.hero figcaption .caption', '.hero figcaption .credit', '.byline', '.share', '.newsletter form'],
    home: ['.masthead-title', '.lead-story .card-title'], topic: ['h1', '.cards .card-title'], topics: ['h1', '.terms a'],
    author: ['h1', '.cards .card-title'], '404': ['h1'], search: ['h1', 'form[role=search] input[type=search]', '#search-results li h2 a']}[KIND];
  return {
    overflow: document.documentElement.scrollWidth > window.innerWidth,
    invisible: want.filter(s => !visible(s)),
    feeds: [...document.querySelectorAll('link[rel=alternate]')].map(l => l.href),
    favicon: (document.querySelector('link[rel=icon]') || {}).href || '',
    title: document.title,
    focusables: [...document.querySelectorAll('a[href], input:not([type=hidden]), button')].filter(e => e.getClientRects().length > 0).length,
  };
})()`

// TestBrowser opens every page type at phone and desktop widths in
// headless Chromium and checks what a reader meets.
func TestBrowser(t *testing.T) {
	t.Parallel()
	srv := browserSite(t)
	browser := newBrowser(t)
	shots := os.Getenv("GALLEY_SCREENSHOTS")
	for _, pt := range pageTypes {
		for _, w := range widths {
			t.Run(fmt.Sprintf("%s-%d", pt.kind, w), func(t *testing.T) {
				ctx, consoleErrors := tab(t, browser, w)
				if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+pt.path)); err != nil {
					t.Fatal(err)
				}
				if pt.kind == "search" { // the results come after the page
					for start := time.Now(); time.Since(start) < 10*time.Second && eval[string](t, ctx, `document.querySelector('#search-status').textContent`) == ""; {
						time.Sleep(50 * time.Millisecond)
					}
				}
				r := eval[pageReport](t, ctx, strings.Replace(reportJS, "KIND", "'"+pt.kind+"'", 1))
				if r.Overflow {
					t.Error("page is wider than the viewport")
				}
				if len(r.Invisible) > 0 {
					t.Errorf("not visible: %v", r.Invisible)
				}
				if r.Favicon == "" {
					t.Error("no favicon link")
				}
				for _, f := range r.Feeds {
					if st := eval[int](t, ctx, `fetch(`+jsString(f)+`).then(r => r.status)`); st != 200 {
						t.Errorf("feed %s: status %d", f, st)
					}
				}
				if pt.kind == "article" {
					checkShareLinks(t, ctx, srv.URL+pt.path)
				}
				if shots != "" { // before the Tab walk moves focus about
					png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100 gives PNG; less, JPEG
					if err == nil {
						os.MkdirAll(shots, 0o755)
						os.WriteFile(filepath.Join(shots, fmt.Sprintf("%s-%d.png", pt.kind, w)), png, 0o644)
					}
				}
				checkKeyboard(t, ctx, r.Focusables)
				if errs := consoleErrors(); len(errs) > 0 && pt.kind != "404" {
					t.Errorf("console errors: %v", errs)
				}
			})
		}
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if len(srv.failed) > 0 {
		t.Errorf("failed requests: %v", srv.failed)
	}
}

func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// checkShareLinks decodes each share link and compares the URL it shares
// with the page's own absolute URL.
func checkShareLinks(t *testing.T, ctx context.Context, pageURL string) {
	t.Helper()
	hrefs := eval[map[string]string](t, ctx, `Object.fromEntries([...document.querySelectorAll('.share-link')].map(a => [a.className.split('share-')[2], a.href]))`)
	param := map[string]string{"facebook": "u", "x": "url", "linkedin": "url", "reddit": "url", "email": "body"}
	for _, network := range []string{"facebook", "x", "linkedin", "whatsapp", "bluesky", "reddit", "email"} {
		href, ok := hrefs[network]
		if !ok {
			t.Errorf("no %s share link", network)
			continue
		}
		u, err := url.Parse(href)
		if err != nil {
			t.Errorf("%s: %v", network, err)
			continue
		}
		got := u.Query().Get(param[network])
		if p, ok := param[network]; !ok || p == "" {
			got = u.Query().Get("text")
			if !strings.HasSuffix(got, " "+pageURL) {
				t.Errorf("%s shares %q, want it to end with %s", network, got, pageURL)
			}
			continue
		}
		if got != pageURL {
			t.Errorf("%s shares %q, want %q", network, got, pageURL)
		}
	}
	if eval[int](t, ctx, `[...document.querySelectorAll('.share-link')].filter(a => a.target === '_blank' && !a.relList.contains('noopener') || !a.getAttribute('aria-label')).length`) > 0 {
		t.Error("a share link opens a tab without rel=noopener, or lacks an accessible name")
	}
}

// checkKeyboard tabs through the page and checks that every link and
// form control gets focus, each with a visible focus style.
func checkKeyboard(t *testing.T, ctx context.Context, focusables int) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur(); window.__seen = new Set()`)); err != nil {
		t.Fatal(err)
	}
	var unstyled []string
	for i := 0; i < focusables+2; i++ {
		if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
			t.Fatal(err)
		}
		f := eval[struct {
			Tag    string `json:"tag"`
			Styled bool   `json:"styled"`
		}](t, ctx, `(() => { const e = document.activeElement; window.__seen.add(e); const s = getComputedStyle(e);
			return {tag: e.tagName + ' ' + (e.getAttribute('href') || e.name || ''),
			  styled: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'}; })()`)
		if f.Tag != "BODY " && !f.Styled {
			unstyled = append(unstyled, f.Tag)
		}
	}
	// Controls not shown (a hidden "More results") take no focus.
	missed := eval[[]string](t, ctx, `[...document.querySelectorAll('a[href], input:not([type=hidden]), button')].filter(e => e.getClientRects().length > 0 && !window.__seen.has(e)).map(e => e.tagName + ' ' + (e.getAttribute('href') || e.name))`)
	if len(missed) > 0 {
		t.Errorf("not reachable with Tab: %v", missed)
	}
	if len(unstyled) > 0 {
		t.Errorf("no visible focus style on: %v", unstyled)
	}
}

// TestBrowserNewsletter types into the signup form of an article: an
// invalid address is refused by the browser, a valid one reaches the
// form's action.
func TestBrowserNewsletter(t *testing.T) {
	t.Parallel()
	srv := browserSite(t)
	ctx, _ := tab(t, newBrowser(t), 375)
	// Enter in the email field submits the form, as a reader would.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/news/"+seedSlug+"/"),
		chromedp.SendKeys(chromedp.CSS("#newsletter-email"), "not-an-email"),
		chromedp.KeyEvent("\r"),
		chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	srv.mu.Lock()
	got := srv.received
	srv.mu.Unlock()
	if len(got) != 0 {
		t.Fatalf("the browser posted the invalid address %q", got)
	}
	if valid := eval[bool](t, ctx, `document.querySelector('.newsletter form').checkValidity()`); valid {
		t.Error("the form accepts an invalid address")
	}
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#newsletter-email').value = ''`),
		chromedp.SendKeys(chromedp.CSS("#newsletter-email"), "reader@example.org"),
		chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		srv.mu.Lock()
		received := append([]string(nil), srv.received...)
		srv.mu.Unlock()
		if len(received) > 0 {
			if received[0] != "reader@example.org" {
				t.Errorf("endpoint received %q", received)
			}
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Error("the form's POST never reached the endpoint")
}

// TestAccessibility runs axe-core in each page type, in light and dark
// colour schemes, and fails on violations of impact serious or critical.
func TestAccessibility(t *testing.T) {
	t.Parallel()
	axePath, _ := filepath.Abs(filepath.Join(repoRoot, ".ci/tools/node_modules/axe-core/axe.min.js"))
	if !exists(axePath) {
		axePath = ""
	}
	axe, _ := os.ReadFile(requireTool(t, axePath, "axe-core (make tools installs it)"))
	srv := browserSite(t)
	browser := newBrowser(t)
	for _, pt := range pageTypes {
		for _, scheme := range []string{"light", "dark"} {
			t.Run(pt.kind+"-"+scheme, func(t *testing.T) {
				ctx, _ := tab(t, browser, 1280)
				if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
				}); err != nil {
					t.Fatal(err)
				}
				if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+pt.path), chromedp.Evaluate[chromedp.Void](string(axe))); err != nil {
					t.Fatal(err)
				}
				violations := eval[[]struct {
					ID     string `json:"id"`
					Impact string `json:"impact"`
					Help   string `json:"help"`
					Nodes  int    `json:"nodes"`
				}](t, ctx, `axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length})))`)
				for _, v := range violations {
					if v.Impact == "serious" || v.Impact == "critical" {
						t.Errorf("%s (%s): %s, %d elements", v.ID, v.Impact, v.Help, v.Nodes)
					} else {
						t.Logf("%s (%s): %s", v.ID, v.Impact, v.Help)
					}
				}
			})
		}
	}
}

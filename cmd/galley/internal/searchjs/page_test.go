package searchjs

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"galley.dev/galley/cmd/galley/internal/render"
)

// TestPageWithoutJavaScript opens the search page with scripts off: the
// form sends the words to the fallback, and the page says so.
func TestPageWithoutJavaScript(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	ctx, _ := tab(t, newBrowser(t))
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+"/search/")); err != nil {
		t.Fatal(err)
	}
	// Scripts are off, so read the page through the DOM protocol.
	attrs, err := chromedp.Run(ctx, chromedp.Attributes(chromedp.CSS("form[role=search]")))
	if err != nil {
		t.Fatal(err)
	}
	note, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS("#search-help")))
	if err != nil {
		t.Fatal(err)
	}
	action := attrs["action"]
	if want := s.URL + "/fallback"; action != want {
		t.Errorf("form action = %q, want %q", action, want)
	}
	if !strings.Contains(note, "Without JavaScript, your search goes to 127.0.0.1") {
		t.Errorf("note = %q, want it to say where the search goes", note)
	}
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#search-q"), "barrier vote"),
		chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		s.mu.Lock()
		got := slices.Clone(s.fallback)
		s.mu.Unlock()
		if len(got) > 0 {
			v, _ := url.ParseQuery(got[0])
			if q := v["q"]; !slices.Equal(q, []string{"barrier vote"}) || v.Get("sites") != "example.org" || v.Get("ia") != "web" {
				t.Errorf("fallback got %q, want q=barrier vote, sites=example.org and ia=web", got[0])
			}
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Error("the form never reached the fallback")
}

// TestPageWithoutFallback checks the note when a site has no fallback.
func TestPageWithoutFallback(t *testing.T) {
	t.Parallel()
	page := string(renderPage(t, render.SearchForm{}, "/search/root.json"))
	if strings.Contains(page, "action=") {
		t.Error("with no fallback the form should send to the page itself, with no action")
	}
	if !strings.Contains(page, "Search needs JavaScript") {
		t.Error("with no fallback the page should say that search needs JavaScript")
	}
}

// TestPage searches as a reader does, with the keyboard, and checks the
// live region, the results, "More results", the URL and the filters.
func TestPage(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	ctx, consoleErrors := tab(t, newBrowser(t))
	// A shared link runs its query on load, and fetches only the records shown.
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+"/search/?q=covid")); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, ctx, "1 story found")
	if got := s.requested("/search/r/"); len(got) != 1 || !strings.HasPrefix(got[0], "/search/r/1-") {
		t.Errorf("records fetched = %v, want only r/1", got)
	}
	if got := eval[string](t, ctx, `document.querySelector('#search-results mark').textContent`); got != "Covid" {
		t.Errorf("first highlight = %q, want Covid", got)
	}
	page := eval[struct {
		Action  string `json:"action"`
		Hidden  int    `json:"hidden"`
		NoteOff bool   `json:"noteOff"`
		Name    string `json:"name"`
		Value   string `json:"value"`
	}](t, ctx, `({action: document.querySelector('form[role=search]').getAttribute('action'),
		hidden: document.querySelectorAll('form input[type=hidden]').length,
		noteOff: document.querySelector('[data-nojs]').hidden,
		name: document.querySelector('#search-q').name, value: document.querySelector('#search-q').value})`)
	if page.Action != "/search/" || page.Hidden != 0 || !page.NoteOff || page.Name != "q" || page.Value != "covid" {
		t.Errorf("with JavaScript the form should search here: %+v", page)
	}
	if got := s.requested("/search/f-"); len(got) != 0 {
		t.Errorf("facets fetched before the filters were opened: %v", got)
	}

	// Type a new query and press Enter: focus stays in the box.
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#search-q').value = ''`),
		chromedp.Focus(chromedp.CSS("#search-q")),
		chromedp.KeyEvent("vote"),
		chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, ctx, "12 stories found")
	if got := eval[string](t, ctx, `document.activeElement.id`); got != "search-q" {
		t.Errorf("focus after the search is on %q, want the box", got)
	}
	if got := eval[string](t, ctx, `location.search`); got != "?q=vote" {
		t.Errorf("URL query = %q, want ?q=vote", got)
	}
	items := eval[[]string](t, ctx, `[...document.querySelectorAll('#search-results > li h2 a')].map(a => a.getAttribute('href'))`)
	if len(items) != 10 || items[0] != "/news/barrier-vote/" {
		t.Errorf("results = %v, want 10 with /news/barrier-vote/ first", items)
	}
	card := eval[struct {
		Time string `json:"time"`
		Img  string `json:"img"`
		Alt  string `json:"alt"`
		W    int    `json:"w"`
	}](t, ctx, `(() => { const li = document.querySelectorAll('#search-results > li')[0];
		const img = document.querySelector('#search-results img');
		return {time: li.querySelector('time').dateTime, img: img.getAttribute('src'), alt: img.getAttribute('alt'), w: img.width}; })()`)
	if card.Time != "2026-04-01" || card.Img != "/images/glacier.jpg" || card.Alt != "" || card.W == 0 {
		t.Errorf("card = %+v", card)
	}

	// Tab reaches "More results"; Enter shows the rest and moves focus to the first new one.
	found := false
	for range 20 {
		if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
			t.Fatal(err)
		}
		if eval[string](t, ctx, `document.activeElement.id`) == "search-more" {
			found = true
			break
		}
	}
	if !found {
		t.Fatal(`Tab never reached "More results"`)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `document.querySelectorAll('#search-results > li').length === 12`)
	if got := eval[string](t, ctx, `document.activeElement.getAttribute('href') || document.activeElement.tagName`); got != "/news/briefing-7/" {
		t.Errorf("focus after More results is on %q, want the 11th result's link", got)
	}
	if !eval[bool](t, ctx, `document.querySelector('#search-more').hidden`) {
		t.Error(`"More results" still shows with every result shown`)
	}

	// Filters: the facets load when the reader opens them, and narrow the results.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".search-filters summary"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `document.querySelector('select[data-filter=author]').options.length === 4`)
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector('select[data-filter=author]');
		s.value = 'ana-ruiz'; s.dispatchEvent(new Event('change')); })()`)); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, ctx, "2 stories found")
	if got := eval[string](t, ctx, `location.search`); got != "?q=vote&author=ana-ruiz" {
		t.Errorf("URL query = %q", got)
	}
	if err := chromedp.Do(ctx,
		chromedp.Focus(chromedp.CSS("#search-q")),
		chromedp.KeyEvent(" zzz"), chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, ctx, "2 stories found") // an unknown word is ignored
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('#search-q').value = 'mayor'`), chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, ctx, "No stories found")
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.failed) > 0 {
		t.Errorf("failed requests: %v", s.failed)
	}
}

// TestOldIndex: on an index of another format version the live region
// says that it needs a rebuild, the script fetches nothing the old root
// names, and nothing goes to the console.
func TestOldIndex(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	ctx, consoleErrors := tab(t, newBrowser(t))
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+"/old/?q=vote")); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, ctx, "Search is out of date on this site: its index needs a rebuild.")
	if got := s.requested("/old/"); !slices.Equal(got, []string{"/old/", "/old/root.json"}) {
		t.Errorf("fetched %v, want the page and its root alone", got)
	}
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// TestPreview: a preview's page, which names no index, says search is
// not available there, fetches nothing, and logs nothing to the console.
func TestPreview(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	ctx, consoleErrors := tab(t, newBrowser(t))
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+"/preview/?q=vote")); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, ctx, "Search is not available in a preview: build the site to search it.")
	for _, p := range s.requested("/") {
		if p != "/preview/" && !strings.HasPrefix(p, "/css/") && !strings.HasPrefix(p, "/js/") && !strings.HasPrefix(p, "/favicon") {
			t.Errorf("fetched %s: a preview has no index to fetch", p)
		}
	}
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// waitStatus waits until the live region says want.
func waitStatus(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	waitFor(t, ctx, `(() => { const s = document.querySelector('#search-status');
		return s.getAttribute('role') === 'status' && s.getAttribute('aria-live') === 'polite' && s.textContent === `+jsString(want)+`; })()`)
}

func waitFor(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if eval[bool](t, ctx, cond) {
			return
		}
		time.Sleep(30 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s; status is %q", cond, eval[string](t, ctx, `(document.querySelector('#search-status') || {}).textContent || ''`))
}

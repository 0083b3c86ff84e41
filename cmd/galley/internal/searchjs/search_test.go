package searchjs

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"html/template"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"galley.dev/galley/cmd/galley/internal/browsertest"

	"galley.dev/galley/cmd/galley/internal/render"
)

// The theme, from the root of the repository.
var (
	templateDir = filepath.Join("..", "..", "..", "..", "templates")
	staticDir   = filepath.Join("..", "..", "..", "..", "static")
)

// testdata/site/search is a handmade index of 14 stories, format v2,
// written from testdata/handmade.json by TestHandmadeIndex -update:
//
//	0 Council approves budget      (topics Local news; Ana Ruiz)
//	1 Bogotá elects a mayor        ("city", "vote" in the body, impact 160; Tom Berg)
//	2 Flood barrier vote delayed   (Local news; Ana Ruiz)
//	3 Council votes on flood barrier (Local news; Tom Berg; "count" in the body)
//	4 Covid-19 cases fall          (Health; Desk)
//	5 O’Neill counts the votes     (section opinion; Ana Ruiz; "council" in the body)
//	6–13 Briefing 6 … Briefing 13  ("vote" in the body; Desk)
//
// Shards: "", "b", "c", "cit", "city", "cou", "v", in the tables "" (of
// "", "b", "c", "cou"), "ci" (of "cit", "city" and, as no shard has the
// key "ci", "c") and "v". "city" maps to the stem "citi", which lives in
// the shard "cit"; "19" is a stem with no surface word. Records come 4
// a file, 2 files a page (so r/0 and r/1 share a hash).

// server serves the theme's script and stylesheet, the index, a page of
// the search template and a blank page for the script's pure functions,
// all under a strict CSP, and records the paths it was asked for.
type server struct {
	*httptest.Server
	mu       sync.Mutex
	paths    []string
	fallback []string // raw queries that reached /fallback
	failed   []string // paths answered 4xx or 5xx
}

type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) { w.code = code; w.ResponseWriter.WriteHeader(code) }

func newServer(t *testing.T) *server {
	t.Helper()
	s := &server{}
	var page, oldPage, previewPage []byte
	mux := http.NewServeMux()
	mux.Handle("/js/", http.FileServer(http.Dir(staticDir)))
	mux.Handle("/css/", http.FileServer(http.Dir(staticDir)))
	mux.Handle("/images/", http.FileServer(http.Dir(staticDir)))
	mux.Handle("/search/", http.StripPrefix("/search/", http.FileServer(http.Dir("testdata/site/search"))))
	mux.HandleFunc("/search/{$}", func(w http.ResponseWriter, r *http.Request) { w.Write(page) })
	// /old/ is a search page on an index of format v1, which the script refuses.
	mux.HandleFunc("/old/{$}", func(w http.ResponseWriter, r *http.Request) { w.Write(oldPage) })
	mux.HandleFunc("/old/root.json", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"v":1,"n":1,"lang":"english","dates":[20463],"shards":[["","s/-dcaa9ca3.json"]],"records":{"size":32,"files":["r/0-6e21e77a.json"]},"facets":"f-1d9e7a22.json"}`))
	})
	// /preview/ is a search page as galley serve renders it: no index.
	mux.HandleFunc("/preview/{$}", func(w http.ResponseWriter, r *http.Request) { w.Write(previewPage) })
	mux.HandleFunc("/blank/", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<!doctype html><html lang="en"><title>blank</title><script src="/js/search.js" data-test></script>`))
	})
	mux.Handle("/favicon.svg", http.FileServer(http.Dir(staticDir)))
	mux.HandleFunc("/favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	mux.HandleFunc("/fallback", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.fallback = append(s.fallback, r.URL.RawQuery)
		s.mu.Unlock()
		w.Write([]byte(`<!doctype html><html lang="en"><title>fallback</title>`))
	})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.paths = append(s.paths, r.URL.Path)
		s.mu.Unlock()
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'")
		rec := &statusWriter{ResponseWriter: w, code: 200}
		mux.ServeHTTP(rec, r)
		if rec.code >= 400 {
			s.mu.Lock()
			s.failed = append(s.failed, r.URL.Path)
			s.mu.Unlock()
		}
	}))
	t.Cleanup(s.Close)
	page = renderPage(t, render.SearchFallback(s.URL+"/fallback?q={query}&sites=example.org&ia=web"), "/search/root.json")
	oldPage = renderPage(t, render.SearchForm{}, "/old/root.json")
	previewPage = renderPage(t, render.SearchForm{}, "")
	return s
}

// renderPage renders templates/search.html as the renderer does: every
// other template parsed first, with the renderer's functions, for the
// index whose root is at root.
func renderPage(t *testing.T, form render.SearchForm, root string) []byte {
	t.Helper()
	funcs := template.FuncMap{"add": func(a, b int) int { return a + b }, "join": strings.Join}
	base := template.New("").Funcs(funcs)
	names, _ := filepath.Glob(filepath.Join(templateDir, "*.html"))
	for _, name := range names {
		if b := filepath.Base(name); !slices.Contains([]string{"article.html", "page.html", "home.html", "list.html", "terms.html", "404.html", "search.html"}, b) {
			src, _ := os.ReadFile(name)
			template.Must(base.New(b).Parse(string(src)))
		}
	}
	src, err := os.ReadFile(filepath.Join(templateDir, "search.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := template.Must(template.Must(base.Clone()).New("search.html").Parse(string(src)))
	data := pageData{
		"Site":   map[string]any{"Title": "The Test", "Language": "en"},
		"Kind":   "search",
		"Title":  "Search",
		"URL":    "/search/",
		"Search": map[string]any{"Fallback": "", "Root": root, "Script": "/js/search.js", "Form": form},
	}
	var b bytes.Buffer
	if err := page.Execute(&b, data); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pageData is what the search template gets: a map, for the fields the
// page shows, and Page.Asset, which serves the theme's files under their
// plain names, as this test's server does.
type pageData map[string]any

func (pageData) Asset(sitePath string) string { return sitePath }

func (s *server) requested(prefix string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, p := range s.paths {
		if strings.HasPrefix(p, prefix) {
			out = append(out, p)
		}
	}
	return out
}

// newBrowser starts headless Chromium, or skips when it is missing
// (unless GALLEY_REQUIRE_TOOLS is set, as in CI).
func newBrowser(t testing.TB) context.Context {
	return browsertest.New(t)
}

// tab opens a tab and collects its console errors, CSP refusals included.
func tab(t *testing.T, browser context.Context) (context.Context, func() []string) {
	return browsertest.Tab(t, browser, 1024, 800)
}

func eval[T any](t testing.TB, ctx context.Context, js string) T {
	return browsertest.Eval[T](t, ctx, js)
}

// blank opens the blank page, where the script exposes its functions on
// window.__galleySearch.
func blank(t *testing.T) (*server, context.Context) {
	t.Helper()
	s := newServer(t)
	ctx, consoleErrors := tab(t, newBrowser(t))
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+"/blank/")); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if errs := consoleErrors(); len(errs) > 0 {
			t.Errorf("console errors: %v", errs)
		}
	})
	if !eval[bool](t, ctx, `typeof window.__galleySearch === 'object'`) {
		t.Fatal("the script did not expose window.__galleySearch")
	}
	return s, ctx
}

func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`).Replace(s) + "'"
}

func TestTokenize(t *testing.T) {
	t.Parallel()
	_, ctx := blank(t)
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Bogotá", []string{"bogota"}},
		{"Straße", []string{"strasse"}},
		{"STRAẞE", []string{"strasse"}},
		{"O’Neill", []string{"oneill"}},
		{"don't stop", []string{"dont", "stop"}},
		{"covid-19", []string{"covid", "19"}},
		{"3.5 a b x", nil},
		{"Ærø Łódź Đakovo Œuvre", []string{"aero", "lodz", "dakovo", "oeuvre"}},
		{"'quoted' ‘words’", []string{"quoted", "words"}},
		{"İstanbul ﬁnance", []string{"istanbul", "finance"}},
		{"ΟΔΟΣ", []string{"οδοσ"}}, // Go's unicode.ToLower has no final sigma
		{"Bogota\u0301", []string{"bogota"}},
		{strings.Repeat("a", 40) + " " + strings.Repeat("b", 41), []string{strings.Repeat("a", 40)}},
		{strings.Repeat("é", 20) + " " + strings.Repeat("ж", 21), []string{strings.Repeat("e", 20)}},
	} {
		got := eval[[]string](t, ctx, `__galleySearch.tokenize(`+jsString(tt.text)+`)`)
		if len(got) == 0 && len(tt.want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("tokenize(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestParse(t *testing.T) {
	t.Parallel()
	_, ctx := blank(t)
	type word struct {
		T      string `json:"t"`
		Quoted bool   `json:"quoted"`
		Prefix bool   `json:"prefix"`
	}
	type query struct {
		Words   []word   `json:"words"`
		Exclude []string `json:"exclude"`
		Filters []string `json:"filters"`
	}
	for _, tt := range []struct {
		q    string
		want query
	}{
		{"council", query{Words: []word{{"council", false, true}}}},
		{"council ", query{Words: []word{{"council", false, false}}}},
		{"co", query{Words: []word{{"co", false, false}}}},
		{`"flood barrier" -vote topic:Local-News year:2026 cou`, query{
			Words:   []word{{"flood", true, false}, {"barrier", true, false}, {"cou", false, true}},
			Exclude: []string{"vote"}, Filters: []string{"t:local-news", "y:2026"}}},
		{`cou "flood`, query{Words: []word{{"cou", false, false}, {"flood", true, false}}}},
		{"vote -covid-19", query{Words: []word{{"vote", false, false}}, Exclude: []string{"covid", "19"}}},
		{"vote author:ana-ruiz", query{Words: []word{{"vote", false, false}}, Filters: []string{"a:ana-ruiz"}}},
		{"topic: - \"\" vote vote", query{Words: []word{{"topic", false, false}, {"vote", false, true}}}},
	} {
		got := eval[query](t, ctx, `__galleySearch.parse(`+jsString(tt.q)+`)`)
		if len(got.Exclude) == 0 {
			got.Exclude = nil
		}
		if len(got.Filters) == 0 {
			got.Filters = nil
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parse(%q) = %+v, want %+v", tt.q, got, tt.want)
		}
	}
}

func TestDecode(t *testing.T) {
	t.Parallel()
	_, ctx := blank(t)
	all := "" // every encoding, to check that both base64url letters were met
	for _, postings := range [][][3]int{
		{{0, 255, 1}},
		{{0, 251, 255}, {1, 1, 4}, {300, 252, 254}, {20000, 63, 8}, {2000000, 200, 31}, {2000001, 191, 0}},
		{{127, 1, 1}, {128, 2, 2}, {16511, 3, 3}},
		{{0, 255, 1}, {248, 2, 3}},
	} {
		var b []byte
		prev := 0
		for i, p := range postings {
			if i == 0 {
				b = binary.AppendUvarint(b, uint64(p[0]))
			} else {
				b = binary.AppendUvarint(b, uint64(p[0]-prev))
			}
			prev = p[0]
			b = append(b, byte(p[1]), byte(p[2]))
		}
		enc := base64.RawURLEncoding.EncodeToString(b)
		all += enc
		got := eval[[][3]int](t, ctx, decodeJS(enc))
		if !reflect.DeepEqual(got, postings) {
			t.Errorf("decode(%q) = %v, want %v", enc, got, postings)
		}
	}
	if !strings.Contains(all, "-") || !strings.Contains(all, "_") {
		t.Errorf("the cases never decode - and _: %s", all)
	}
	if got := eval[[][3]int](t, ctx, decodeJS("-_8")); !reflect.DeepEqual(got, [][3]int(nil)) && len(got) != 0 {
		t.Errorf("decode of a truncated posting = %v, want none", got)
	}
}

func TestShardFor(t *testing.T) {
	t.Parallel()
	_, ctx := blank(t)
	for word, want := range map[string]string{
		"council": "cou", "cou": "cou", "co": "c", "c": "c", "city": "city", "citi": "cit", "cities": "cit",
		"cit": "cit", "ci": "c", "zebra": "", "a:ana-ruiz": "", "vote": "v", "bogota": "b", "": "",
	} {
		got := eval[string](t, ctx, `__galleySearch.engine('/search/root.json').shardFor(`+jsString(word)+`)`)
		if !strings.HasPrefix(got, "s/"+want+"-") {
			t.Errorf("shard of %q = %s, want the shard %q", word, got, want)
		}
	}
}

// TestSearch runs queries end to end on the handmade index and checks the
// stories found, in order.
func TestSearch(t *testing.T) {
	t.Parallel()
	_, ctx := blank(t)
	for _, tt := range []struct {
		q    string
		want []int
	}{
		// A title hit ×1.5 (5 has 150 in its title, 1 has 160 in its
		// body); ties in score go to the newer story.
		{"vote ", []int{3, 2, 5, 1, 13, 12, 11, 10, 9, 8, 7, 6}},
		{"council", []int{3, 0, 5}},      // councils expands to the same stem
		{"the council ", []int{3, 0, 5}}, // a word the index lacks is ignored
		{"flood barrier", []int{2, 3}},
		{"covid mayor ", []int{4, 1}},                               // no story has both: OR
		{"vote -barrier ", []int{5, 1, 13, 12, 11, 10, 9, 8, 7, 6}}, // exclusion
		{"cou", []int{5, 3, 0}},                                     // prefix: council, count
		{"cou ", nil},                                               // no prefix after a space
		{"cit", []int{1}},                                           // cities, city → citi
		{"city ", []int{1}},                                         // stem in another shard
		{"Bogotá", []int{1}},
		{"BOGOTA", []int{1}},
		{"O’Neill", []int{5}},
		{"COVID-19", []int{4}},                // 19 is a stem with no surface word
		{"vote author:ana-ruiz", []int{2, 5}}, // filter
		{"topic:local-news", []int{3, 2, 0}},  // filters alone: newest first
		{"vote year:2026 section:opinion", []int{5}},
		{"vote topic:nothing", nil},
		{`"council votes"`, []int{3, 5}},
		{`"flood mayor"`, nil}, // a phrase's words stay required in the OR fallback
		{`"flood" mayor `, []int{2, 3}},
		{"ruiz ", []int{5, 2, 0}}, // author names are words too
		{`"ruiz" `, nil},          // but not in a phrase, which wants title, dek or body
	} {
		got := eval[[]int](t, ctx, `__galleySearch.engine('/search/root.json').search(`+jsString(tt.q)+`).then(r => r.results.map(x => x.d))`)
		if len(got) == 0 && len(tt.want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("search(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

// TestRecency checks the recency factor: half the weight a half-life
// before the newest story, measured by 256-story date blocks.
func TestRecency(t *testing.T) {
	t.Parallel()
	_, ctx := blank(t)
	for _, tt := range []struct {
		d    int
		want float64
	}{{0, 0.7 + 0.3*0.5}, {255, 0.85}, {256, 1}, {600, 1}} {
		got := eval[float64](t, ctx, `__galleySearch.recency({dates: [100, 465], recency: 0.3, halflife: 365}, `+strconv.Itoa(tt.d)+`)`)
		if d := got - tt.want; d > 1e-12 || d < -1e-12 {
			t.Errorf("recency(doc %d) = %v, want %v", tt.d, got, tt.want)
		}
	}
}

// decodeJS is JavaScript that decodes the postings enc with the script's
// decodeFlat, as [doc, impact, fields] triples.
func decodeJS(enc string) string {
	return `(() => { const p = __galleySearch.decodeFlat(` + jsString(enc) + `), out = [];
		for (let i = 0; i < p.n; i++) out.push([p.docs[i], p.imp[i], p.fields[i]]);
		return out; })()`
}

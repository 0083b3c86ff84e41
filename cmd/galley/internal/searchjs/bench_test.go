package searchjs

import (
	"bytes"
	"compress/gzip"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// benchQueries are the first queries of BenchmarkFirstQuery: words of
// the generated corpus (cmd/galley/internal/corpus), typed whole.
var benchQueries = []string{"council vote", "flooding coast", "energy prices", "glacier ice", "court ruled", "schools hospitals"}

// BenchmarkFirstQuery measures a reader's first query on the built site
// in GALLEY_BENCH_SITE, with the browser's cache off, for Galley's search
// page and, when the site holds Pagefind's index (pagefind/) and the page
// pagefind-bench.html that .ci/bench/search writes, for Pagefind on the
// same site. Both pages mark a query and its results on screen with User
// Timing marks, search:query and search:results. Two ways in:
//
//   - link/: a shared link, /search/?q=words: the bytes of the index and
//     script fetched (raw, and gzipped as a host that compresses sends
//     them), and the milliseconds from the page's start to results;
//   - typed/: words typed into the page once it has loaded: the
//     milliseconds from the query to results.
//
// It reports medians over benchQueries; .ci/bench/search prints them.
func BenchmarkFirstQuery(b *testing.B) {
	dir := os.Getenv("GALLEY_BENCH_SITE")
	if dir == "" {
		b.Skip("GALLEY_BENCH_SITE names no built site; .ci/bench/search sets it")
	}
	srv := newCountingServer(b, dir)
	browser := newBrowser(b)
	engines := []struct {
		name, page string
		typeQuery  string // JavaScript that runs the query Q in the loaded page
		index      func(path string) bool
	}{
		{"galley", "/search/", `{ const b = document.getElementById('search-q'); b.value = Q; b.form.requestSubmit(); }`,
			func(p string) bool {
				return strings.HasPrefix(p, "/search/") && p != "/search/" || p == "/js/search.js"
			}},
		{"pagefind", "/pagefind-bench.html", `window.__search(Q)`,
			func(p string) bool { return strings.HasPrefix(p, "/pagefind/") }},
	}
	for _, e := range engines {
		if e.name == "pagefind" {
			if _, err := os.Stat(filepath.Join(dir, "pagefind-bench.html")); err != nil {
				continue
			}
		}
		b.Run("link/"+e.name, func(b *testing.B) {
			var kb, gzkb, ms []float64
			for range b.N {
				for _, q := range benchQueries {
					ctx := benchTab(b, browser)
					srv.reset()
					if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+e.page+"?q="+url.QueryEscape(q))); err != nil {
						b.Fatal(err)
					}
					ms = append(ms, mark(b, ctx, "search:results"))
					raw, gz := srv.bytes(e.index)
					kb, gzkb = append(kb, float64(raw)/1024), append(gzkb, float64(gz)/1024)
				}
			}
			b.ReportMetric(median(kb), "KB/query")
			b.ReportMetric(median(gzkb), "gzKB/query")
			b.ReportMetric(median(ms), "ms/query")
		})
		b.Run("typed/"+e.name, func(b *testing.B) {
			var ms []float64
			for range b.N {
				for _, q := range benchQueries {
					ctx := benchTab(b, browser)
					if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+e.page)); err != nil {
						b.Fatal(err)
					}
					// A reader takes longer to type than the page to settle.
					time.Sleep(500 * time.Millisecond)
					eval[any](b, ctx, `(() => { const Q = `+jsString(q)+`; `+e.typeQuery+` })()`)
					ms = append(ms, mark(b, ctx, "search:results")-mark(b, ctx, "search:query"))
				}
			}
			b.ReportMetric(median(ms), "ms/query")
		})
	}
}

// benchTab opens a tab with the browser's cache off, closed when the
// benchmark ends.
func benchTab(b *testing.B, browser context.Context) context.Context {
	ctx, cancel := chromedp.NewContext(browser)
	b.Cleanup(cancel)
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		b.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		b.Fatal(err)
	}
	return ctx
}

// mark waits, up to 30 s, for the page's first User Timing mark of name
// and returns its time from the page's start, in milliseconds.
func mark(b *testing.B, ctx context.Context, name string) float64 {
	b.Helper()
	js := `new Promise((ok, fail) => {
		const find = () => performance.getEntriesByName(` + jsString(name) + `, 'mark')[0];
		if (find()) return ok(find().startTime);
		const o = new PerformanceObserver(() => { if (find()) { o.disconnect(); ok(find().startTime); } });
		o.observe({ type: 'mark' });
		setTimeout(() => fail(new Error('no mark ` + name + ` after 30 s')), 30000);
	})`
	return eval[float64](b, ctx, js)
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

// A countingServer serves a folder and counts the bytes of each path
// since the last reset.
type countingServer struct {
	*httptest.Server
	mu   sync.Mutex
	sent map[string]int
	dir  string
}

func newCountingServer(tb testing.TB, dir string) *countingServer {
	s := &countingServer{sent: map[string]int{}, dir: dir}
	files := http.FileServer(http.Dir(dir))
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &countingWriter{ResponseWriter: w}
		files.ServeHTTP(cw, r)
		s.mu.Lock()
		s.sent[r.URL.Path] += cw.n
		s.mu.Unlock()
	}))
	tb.Cleanup(s.Close)
	return s
}

func (s *countingServer) reset() {
	s.mu.Lock()
	clear(s.sent)
	s.mu.Unlock()
}

// bytes returns the bytes sent of the paths keep keeps, and what they
// weigh gzipped, as a host that compresses sends them: a file is sent
// gzipped only when that makes it smaller.
func (s *countingServer) bytes(keep func(string) bool) (raw, gz int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for p, n := range s.sent {
		if !keep(p) {
			continue
		}
		raw += n
		if data, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(p))); err == nil {
			var b bytes.Buffer
			w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
			w.Write(data)
			w.Close()
			// A file compressed already (Pagefind's are) goes as it is.
			gz += min(b.Len(), n)
		}
	}
	return raw, gz
}

type countingWriter struct {
	http.ResponseWriter
	n int
}

func (w *countingWriter) Write(p []byte) (int, error) {
	n, err := w.ResponseWriter.Write(p)
	w.n += n
	return n, err
}

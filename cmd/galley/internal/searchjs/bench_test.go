package searchjs

import (
	"bytes"
	"compress/gzip"
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
// in GALLEY_BENCH_SITE: the bytes of the index and script fetched (with
// the browser's cache off) and the milliseconds from the page's start to
// results on screen, for Galley's search page and, when the site holds
// Pagefind's index (pagefind/) and the page pagefind-bench.html that
// .ci/bench/search writes, for Pagefind on the same site. It reports
// medians over benchQueries; .ci/bench/search prints them side by side.
func BenchmarkFirstQuery(b *testing.B) {
	dir := os.Getenv("GALLEY_BENCH_SITE")
	if dir == "" {
		b.Skip("GALLEY_BENCH_SITE names no built site; .ci/bench/search sets it")
	}
	srv := newCountingServer(b, dir)
	browser := newBrowser(b)
	engines := []struct {
		name, page, done string
		index            func(path string) bool
	}{
		{"galley", "/search/?q=", `document.querySelector('#search-status').textContent !== ''`,
			func(p string) bool {
				return strings.HasPrefix(p, "/search/") && p != "/search/" || p == "/js/search.js"
			}},
		{"pagefind", "/pagefind-bench.html?q=", `document.title.startsWith('done')`,
			func(p string) bool { return strings.HasPrefix(p, "/pagefind/") }},
	}
	for _, e := range engines {
		if e.name == "pagefind" {
			if _, err := os.Stat(filepath.Join(dir, "pagefind-bench.html")); err != nil {
				continue
			}
		}
		b.Run(e.name, func(b *testing.B) {
			var kb, gzkb, ms []float64
			for range b.N {
				for _, q := range benchQueries {
					ctx, cancel := chromedp.NewContext(browser)
					if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
						b.Fatal(err)
					}
					if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
						b.Fatal(err)
					}
					srv.reset()
					if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+e.page+url.QueryEscape(q))); err != nil {
						b.Fatal(err)
					}
					for start := time.Now(); !eval[bool](b, ctx, e.done); time.Sleep(5 * time.Millisecond) {
						if time.Since(start) > 30*time.Second {
							b.Fatalf("%s %q: no results after 30 s", e.name, q)
						}
					}
					ms = append(ms, eval[float64](b, ctx, `performance.now()`))
					raw, gz := srv.bytes(e.index)
					kb, gzkb = append(kb, float64(raw)/1024), append(gzkb, float64(gz)/1024)
					cancel()
				}
			}
			b.ReportMetric(median(kb), "KB/query")
			b.ReportMetric(median(gzkb), "gzKB/query")
			b.ReportMetric(median(ms), "ms/query")
		})
	}
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
// weigh gzipped, as a host that compresses sends them.
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
			gz += b.Len()
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

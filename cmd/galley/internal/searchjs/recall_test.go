package searchjs

import (
	"bufio"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// BenchmarkRecall runs the queries of GALLEY_BENCH_QUERIES (lines of
// "query<TAB>slug,slug": the stories, news/<slug>/, any of which
// answers it) on the built site GALLEY_BENCH_SITE in Chromium, through
// Galley's search page and, when the site holds Pagefind's index and
// pagefind-bench.html, through Pagefind, and reports recall@3: the
// share of queries with an answer among the first three results.
// .ci/bench/search sets both for CC Labs, a real blog imported from its
// WordPress export.
func BenchmarkRecall(b *testing.B) {
	dir, queries := os.Getenv("GALLEY_BENCH_SITE"), os.Getenv("GALLEY_BENCH_QUERIES")
	if dir == "" || queries == "" {
		b.Skip("GALLEY_BENCH_SITE and GALLEY_BENCH_QUERIES name no site and queries; .ci/bench/search sets them")
	}
	qs := readQueries(b, queries)
	srv := newCountingServer(b, dir)
	browser := newBrowser(b)
	engines := []struct{ name, page, done, urls string }{
		{"galley", "/search/?q=", `document.querySelector('#search-status').textContent !== ''`,
			`[...document.querySelectorAll('#search-results li h2 a')].map(a => a.getAttribute('href'))`},
		{"pagefind", "/pagefind-bench.html?q=", `document.title.startsWith('done')`, `window.__urls || []`},
	}
	for _, e := range engines {
		if e.name == "pagefind" {
			if _, err := os.Stat(filepath.Join(dir, "pagefind-bench.html")); err != nil {
				continue
			}
		}
		b.Run(e.name, func(b *testing.B) {
			found := 0
			for range b.N {
				found = 0
				for _, q := range qs {
					ctx, cancel := chromedp.NewContext(browser)
					if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+e.page+url.QueryEscape(q.text))); err != nil {
						b.Fatal(err)
					}
					for start := time.Now(); !eval[bool](b, ctx, e.done); time.Sleep(5 * time.Millisecond) {
						if time.Since(start) > 30*time.Second {
							b.Fatalf("%s %q: no results after 30 s", e.name, q.text)
						}
					}
					top := eval[[]string](b, ctx, e.urls)
					top = top[:min(3, len(top))]
					if slices.ContainsFunc(top, func(u string) bool { return slices.Contains(q.want, u) }) {
						found++
					} else {
						b.Logf("%s %q: %v", e.name, q.text, top)
					}
					cancel()
				}
			}
			b.ReportMetric(float64(found)/float64(len(qs)), "recall@3")
		})
	}
}

// A benchQuery is a query and the URLs that answer it.
type benchQuery struct {
	text string
	want []string
}

func readQueries(tb testing.TB, name string) []benchQuery {
	f, err := os.Open(name)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var qs []benchQuery
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		text, slugs, ok := strings.Cut(line, "\t")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		q := benchQuery{text: text}
		for _, s := range strings.Split(slugs, ",") {
			q.want = append(q.want, "/news/"+s+"/")
		}
		qs = append(qs, q)
	}
	if len(qs) == 0 {
		tb.Fatalf("%s: no queries", name)
	}
	return qs
}

package build

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"galley.dev/galley"
	"galley.dev/galley/cmd/galley/internal/config"
	"galley.dev/galley/cmd/galley/internal/content"
	"galley.dev/galley/cmd/galley/internal/corpus"
	"galley.dev/galley/cmd/galley/internal/feed"
	"galley.dev/galley/cmd/galley/internal/markdown"
	"galley.dev/galley/cmd/galley/internal/render"
	"galley.dev/galley/cmd/galley/internal/search"
	"galley.dev/galley/cmd/galley/internal/site"
	"galley.dev/galley/cmd/galley/internal/sitemap"
)

// The stage benchmarks run on a generated site of 1,000 stories, so that
// benchstat can compare each stage across commits:
//
//	go test -run='^$' -bench=. -benchmem -count=6 ./cmd/galley/internal/build > new.txt
//	benchstat old.txt new.txt

const benchStories = 1000

// benchSite writes the corpus once per benchmark and loads its model.
func benchSite(b *testing.B) (dir string, s *site.Site, r *render.Renderer) {
	b.Helper()
	dir = b.TempDir()
	if err := corpus.Write(dir, corpus.Options{Articles: benchStories, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	s, r = loadBenchSite(b, dir)
	return dir, s, r
}

// loadBenchSite loads the model of the site in dir.
func loadBenchSite(b *testing.B, dir string) (s *site.Site, r *render.Renderer) {
	b.Helper()
	fsys := os.DirFS(dir)
	cfg, err := config.Load(fsys)
	if err != nil {
		b.Fatal(err)
	}
	md := markdown.New(markdown.Options{})
	articles, err := content.Load(context.Background(), fsys, content.Options{Location: cfg.Location, Markdown: md})
	if err != nil {
		b.Fatal(err)
	}
	s, err = site.New(cfg, articles, site.Extra{}, site.Options{Now: buildTime})
	if err != nil {
		b.Fatal(err)
	}
	tmpl, err := render.LoadTemplates(fsys, galley.Theme(), true)
	if err != nil {
		b.Fatal(err)
	}
	return s, render.New(s, md, tmpl)
}

// heapBytes returns the bytes of the heap's objects, live or not yet
// collected.
func heapBytes() uint64 {
	m := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(m)
	return m[0].Value.Uint64()
}

// BenchmarkLoad reads and checks every story: the load stage.
func BenchmarkLoad(b *testing.B) {
	dir, _, _ := benchSite(b)
	fsys := os.DirFS(dir)
	md := markdown.New(markdown.Options{})
	b.ResetTimer()
	for b.Loop() {
		if _, err := content.Load(context.Background(), fsys, content.Options{Location: buildTime.Location(), Markdown: md}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkModel builds the site model: topics, authors, related stories.
func BenchmarkModel(b *testing.B) {
	_, s, _ := benchSite(b)
	var articles []*content.Article
	for _, a := range s.Articles {
		articles = append(articles, a.Article)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := site.New(s.Config, articles, site.Extra{}, site.Options{Now: buildTime}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMarkdown converts every story's body.
func BenchmarkMarkdown(b *testing.B) {
	_, s, r := benchSite(b)
	var n int64
	for _, a := range s.Articles {
		n += int64(len(a.Body))
	}
	b.SetBytes(n)
	b.ResetTimer()
	for b.Loop() {
		for _, a := range s.Articles {
			if _, err := r.Body(a); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkArticlePage executes the article template for every story,
// bodies converted beforehand.
func BenchmarkArticlePage(b *testing.B) {
	_, s, r := benchSite(b)
	bodies := make([][]byte, len(s.Articles))
	for i, a := range s.Articles {
		bodies[i], _ = r.Body(a)
	}
	b.ResetTimer()
	for b.Loop() {
		for i, a := range s.Articles {
			if err := r.Article(io.Discard, a, bodies[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkFeeds writes the site's RSS, Atom and JSON feeds.
func BenchmarkFeeds(b *testing.B) {
	_, s, r := benchSite(b)
	var items []feed.Item
	for _, a := range s.Articles[:s.Config.FeedItems] {
		body, _ := r.Body(a)
		items = append(items, feedItem(s.Config, a, string(body), r.HeroImage))
	}
	ch := feed.Channel{Title: "Bench", Link: "https://ex.org/", SelfURL: "https://ex.org/feed.xml"}
	var buf bytes.Buffer
	b.ResetTimer()
	for b.Loop() {
		for _, f := range feedFormats {
			buf.Reset()
			if err := f.write(&buf, ch, items); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkSitemap writes the sitemap of every page.
func BenchmarkSitemap(b *testing.B) {
	_, s, r := benchSite(b)
	urls := siteURLs(s, r)
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := sitemap.Build(urls, sitemap.DefaultLimits, func(int) string { return "" }); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild runs a whole cold build, minified, into a temp folder.
func BenchmarkBuild(b *testing.B) {
	dir, _, _ := benchSite(b)
	dest := filepath.Join(b.TempDir(), "public")
	b.ResetTimer()
	for b.Loop() {
		if _, err := Run(context.Background(), Options{Site: dir, Dest: dest, Theme: galley.Theme(), Now: buildTime, NoCache: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearchIndex builds the search index of the site in
// GALLEY_BENCH_SEARCH_SITE (.ci/bench/search sets it; a generated site of
// 1,000 stories otherwise), as a build does, and reports the heap it
// takes at its peak above the loaded site's, garbage not yet collected
// included: the index's own memory, apart from the build's.
func BenchmarkSearchIndex(b *testing.B) {
	var s *site.Site
	var r *render.Renderer
	if dir := os.Getenv("GALLEY_BENCH_SEARCH_SITE"); dir != "" {
		s, r = loadBenchSite(b, dir)
	} else {
		_, s, r = benchSite(b)
	}
	cards := make([][2]string, len(s.Articles))
	for i, a := range s.Articles {
		byline, image := r.SearchCard(a)
		cards[i] = [2]string{byline, image}
	}
	opts := search.Options{Language: s.Config.Language, Recency: s.Config.Search.RecencyWeight(), HalfLife: search.DefaultHalfLife}
	var peak uint64
	for b.Loop() {
		runtime.GC()
		base := heapBytes()
		done := make(chan struct{})
		sampled := make(chan uint64)
		go func() {
			var top uint64
			for t := time.NewTicker(2 * time.Millisecond); ; {
				select {
				case <-done:
					t.Stop()
					sampled <- top
					return
				case <-t.C:
					top = max(top, heapBytes())
				}
			}
		}()
		if _, err := search.Build(context.Background(), searchDocs(s, cards), opts); err != nil {
			b.Fatal(err)
		}
		close(done)
		if top := <-sampled; top > base {
			peak = max(peak, top-base)
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "MiB-heap")
	b.ReportMetric(float64(len(s.Articles)), "stories")
}

package search

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"strings"
	"testing"
)

func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 4000} {
		docs := generate(n, 600, 1)
		opts := Options{Language: "en", Recency: DefaultRecency, HalfLife: DefaultHalfLife}
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			var size int
			for b.Loop() {
				files, err := Build(context.Background(), docs, opts)
				if err != nil {
					b.Fatal(err)
				}
				size = 0
				for _, f := range files {
					size += len(f)
				}
			}
			b.ReportMetric(float64(size)/1e6, "MB")
		})
	}
}

// TestQueryBytes: on a 10,000-story site, a reader's first query
// fetches root.json, the shard tables and shards of its words and the
// records files of its first ten results: the budget is 100 KB
// raw. The root grows with the site (its dates and records hashes by
// the story, its tables by the shard), so at a tenth of its 30 KB
// budget for 100,000 stories it stays within that budget there.
func TestQueryBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 10,000-story index")
	}
	const stories, budget, rootBudget = 10000, 100 << 10, 30 << 10 * 10000 / 100000
	docs := generate(stories, 600, 2)
	files, err := Build(context.Background(), docs, Options{Language: "en", Recency: DefaultRecency, HalfLife: DefaultHalfLife})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, f := range files {
		total += len(f)
	}
	root := len(files["search/root.json"])
	t.Logf("index: %d files, %.1f MB; root %d B", len(files), float64(total)/1e6, root)
	if root > rootBudget {
		t.Errorf("root.json is %d bytes, want at most %d (30 KB at 100,000 stories)", root, rootBudget)
	}
	for _, q := range []string{"council budget ", "river flooding", "housing mayor", "glacier research ", "energy prices", "court ruled"} {
		r, err := openReader(files)
		if err != nil {
			t.Fatal(err)
		}
		found, err := r.run(parseQuery(q, languageNamed(r.root.Lang)))
		if err != nil {
			t.Fatal(err)
		}
		if len(found) < 10 {
			t.Fatalf("%q: %d results, want 10 or more", q, len(found))
		}
		for _, res := range found[:10] {
			if _, err := r.url(res.Doc); err != nil {
				t.Fatal(err)
			}
		}
		raw, zipped, kinds := 0, 0, map[string]int{}
		for name := range r.fetched {
			raw += len(files[name])
			zipped += gzipped(t, files[name])
			kinds[strings.SplitN(strings.TrimPrefix(name, "search/"), "/", 2)[0]] += len(files[name])
		}
		t.Logf("%q: %d results; %d files, %d B (%d B gzipped): %v", q, len(found), len(r.fetched), raw, zipped, kinds)
		if raw > budget {
			t.Errorf("%q fetches %d bytes, want at most %d", q, raw, budget)
		}
	}
}

// gzipped returns the size of b gzipped, as a web server sends it.
func gzipped(t *testing.T, b []byte) int {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Len()
}

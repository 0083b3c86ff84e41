package search

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
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

// TestQueryBytes: on a 20,000-story site, a reader's first query
// fetches root.json, the shards of its words and one records file: the
// issue's budget is 100 KiB in all.
func TestQueryBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 20,000-story index")
	}
	docs := generate(20000, 600, 2)
	files, err := Build(context.Background(), docs, Options{Language: "en", Recency: DefaultRecency, HalfLife: DefaultHalfLife})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, f := range files {
		total += len(f)
	}
	t.Logf("index: %d files, %.1f MB", len(files), float64(total)/1e6)
	for _, q := range []string{"council budget ", "river flooding", "housing mayor", "glacier research "} {
		r, err := openReader(files)
		if err != nil {
			t.Fatal(err)
		}
		found, err := r.run(parseQuery(q, languageNamed(r.root.Lang)))
		if err != nil {
			t.Fatal(err)
		}
		if len(found) == 0 {
			t.Fatalf("%q: no results", q)
		}
		fetched := []string{"search/root.json", "search/" + r.root.Records.Files[found[0].Doc/r.root.Records.Size]}
		for k := range r.shards {
			fetched = append(fetched, "search/"+r.names[k])
		}
		raw, zipped := 0, 0
		for _, name := range fetched {
			raw += len(files[name])
			zipped += gzipped(t, files[name])
		}
		t.Logf("%q: %d results; root %d B, %d shards, records: %d B (%d B gzipped)", q, len(found), len(files["search/root.json"]), len(r.shards), raw, zipped)
		if zipped > 100<<10 {
			t.Errorf("%q fetches %d bytes gzipped, want at most %d", q, zipped, 100<<10)
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

package search

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// referenceIndex is analysis as the package doc defines it, written
// plainly: one goroutine, maps of strings, the tokenizer's NFKD path.
// analyze, with its lexicon, numbered stems and workers, must give the
// same index.
func referenceIndex(docs []Doc, lang language) *index {
	type field struct {
		f    int
		text string
	}
	fields := func(d *Doc) []field {
		return []field{{fieldTitle, d.Title}, {fieldDek, d.Dek}, {fieldBody, d.Body},
			{fieldTopics, strings.Join(d.Topics, "\n")}, {fieldAuthors, strings.Join(d.Authors, "\n")}}
	}
	// Lengths are in bytes; the body's is BodySize when given.
	lengths := make([][numFields]int, len(docs))
	for i, d := range docs {
		lengths[i] = [numFields]int{len(d.Title), len(d.Dek), len(d.Body),
			len(strings.Join(d.Topics, "")), len(strings.Join(d.Authors, ""))}
		if d.BodySize > 0 {
			lengths[i][fieldBody] = d.BodySize
		}
	}
	avg := averageLengths(lengths)
	ix := &index{postings: map[string]*postingList{}, surfaces: map[string]string{}}
	for i := range docs {
		freqs := map[string]*[numFields]int{}
		for _, fl := range fields(&docs[i]) {
			eachTokenNFKD(fl.text, func(b []byte) {
				w := string(b)
				if lang.isStop(b) {
					return
				}
				s := lang.stemOf(w)
				ix.surfaces[w] = s
				if freqs[s] == nil {
					freqs[s] = new([numFields]int)
				}
				freqs[s][fl.f]++
			})
		}
		for _, s := range slices.Sorted(maps.Keys(freqs)) {
			var score float64
			var bits uint8
			for f, n := range freqs[s] {
				if n > 0 {
					bits |= 1 << f
					score += fieldWeight(f) * float64(n) / (1 - bm25b + bm25b*octaveStep(float64(lengths[i][f]))/avg[f])
				}
			}
			impact := uint8(max(1, min(255, math.Round(255*score/(k1+score)))))
			if ix.postings[s] == nil {
				ix.postings[s] = &postingList{}
			}
			ix.postings[s].add(posting{doc: i, impact: impact, fields: bits})
		}
		var terms []string
		for _, t := range docs[i].Topics {
			terms = append(terms, slugTerm("t:", t))
		}
		for _, a := range docs[i].Authors {
			terms = append(terms, slugTerm("a:", a))
		}
		if docs[i].Section != "" {
			terms = append(terms, "s:"+docs[i].Section)
		}
		terms = append(terms, "y:"+strconv.Itoa(docs[i].Date.Year()))
		slices.Sort(terms)
		for _, t := range slices.Compact(terms) {
			if t == "" {
				continue
			}
			if ix.postings[t] == nil {
				ix.postings[t] = &postingList{filter: true}
			}
			ix.postings[t].add(posting{doc: i, impact: 255})
		}
	}
	return ix
}

// TestAnalyzeReference: on sites in several languages and scripts, of
// more docs than one chunk and enough for every worker, analyze gives
// the index that referenceIndex does: the same surface words and stems,
// the same postings, byte for byte.
func TestAnalyzeReference(t *testing.T) {
	tests := []struct {
		lang string
		docs []Doc
	}{
		{"en", generate(1200, 120, 21)},
		{"fr", mixedDocs(1100, 22)},
		{"ru", mixedDocs(300, 23)},
		{"", mixedDocs(200, 24)},
		{"hu", mixedDocs(40, 25)}, // one worker
		{"en", nil},
	}
	for _, tt := range tests {
		lang := languageOf(tt.lang)
		docs := oldestFirst(tt.docs)
		got, _, err := analyze(context.Background(), docs, lang, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := referenceIndex(docs, lang)
		if !maps.Equal(got.surfaces, want.surfaces) {
			t.Errorf("%q, %d docs: %d surface words, want %d (or different stems)", tt.lang, len(docs), len(got.surfaces), len(want.surfaces))
		}
		if len(got.postings) != len(want.postings) {
			t.Errorf("%q, %d docs: %d stems and filter terms, want %d", tt.lang, len(docs), len(got.postings), len(want.postings))
		}
		for term, w := range want.postings {
			g := got.postings[term]
			if g == nil || string(g.buf) != string(w.buf) || g.n != w.n || g.filter != w.filter {
				t.Errorf("%q, %d docs: postings of %q differ", tt.lang, len(docs), term)
			}
		}
	}
}

// TestReadBody: docs whose bodies are read late (ReadBody, BodySize)
// give the index of the same docs with their bodies given, byte for
// byte, and a body that cannot be read fails the build with its error.
func TestReadBody(t *testing.T) {
	docs := generate(1500, 80, 31)
	opts := Options{Language: "en", Recency: DefaultRecency}
	want, err := Build(context.Background(), docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	var reads atomic.Int64
	late := slices.Clone(docs)
	for i := range late {
		body := late[i].Body
		late[i].Body, late[i].BodySize = "", len(body)
		late[i].ReadBody = func() (string, error) { reads.Add(1); return body, nil }
	}
	got, err := Build(context.Background(), late, opts)
	if err != nil {
		t.Fatal(err)
	}
	if n := reads.Load(); n != int64(len(docs)) {
		t.Errorf("bodies read %d times for %d docs, want once each", n, len(docs))
	}
	if !maps.EqualFunc(got, want, bytes.Equal) {
		t.Errorf("index of bodies read late differs: %d files, want %d", len(got), len(want))
	}

	broken := errors.New("content/news/x.md: read again: gone")
	late[700].ReadBody = func() (string, error) { return "", broken }
	if _, err := Build(context.Background(), late, opts); !errors.Is(err, broken) {
		t.Errorf("Build with a body that cannot be read: %v, want %v", err, broken)
	}
}

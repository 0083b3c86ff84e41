package search

import (
	"context"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
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
	lengths := make([][numFields]int, len(docs))
	for i := range docs {
		for _, fl := range fields(&docs[i]) {
			eachTokenNFKD(fl.text, func(w []byte) {
				if !lang.isStop(w) {
					lengths[i][fl.f]++
				}
			})
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
					score += fieldWeight(f) * float64(n) / (1 - bm25b + bm25b*float64(lengths[i][f])/avg[f])
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
		got, err := analyze(context.Background(), docs, lang)
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

package search

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestShardKeys(t *testing.T) {
	// items returns items of the words, each of n bytes in its shard.
	items := func(n int, words ...string) []item {
		var its []item
		for _, w := range words {
			its = append(its, item{word: w, bytes: n})
		}
		slices.SortFunc(its, func(a, b item) int { return strings.Compare(a.word, b.word) })
		return its
	}
	empty := len(`{"w":{},"p":{}}`)
	tests := []struct {
		name  string
		items []item
		limit int
		want  []string
	}{
		{"all fit in one", items(10, "council", "vote", "barrier"), 100, []string{""}},
		{"the biggest first letter splits off", items(10, "ca", "cb", "cc", "cd", "ce", "ab", "bb"), empty + 50, []string{"", "c"}},
		{"by more characters, words of the key stay", items(10, "co", "cou", "coun", "council", "councils", "count", "cx", "cy", "cz"), empty + 30,
			[]string{"", "c", "co", "cou", "coun", "counc"}},
		{"a key stops at 6 bytes", items(100, "abcdefgh", "abcdefgi"), empty + 50, []string{"", "a", "ab", "abc", "abcd", "abcde", "abcdef"}},
		{"filter terms split on", items(100, "t:local-a", "t:local-b"), empty + 150,
			[]string{"", "t", "t:", "t:l", "t:lo", "t:loc", "t:loca", "t:local", "t:local-", "t:local-a"}},
		{"whole characters, up to 6 bytes", items(100, "москва", "мост"), empty + 150, []string{"", "м", "мо", "мос"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := shardKeys(tt.items, tt.limit)
			if !slices.Equal(got, tt.want) {
				t.Errorf("shardKeys = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestTables: on an index of many shard tables, the two steps (root to
// table, table to shard) find the shard of every word that the longest
// shard key that is a prefix of it names, and a prefix's shards include
// every shard whose key starts with it.
func TestTables(t *testing.T) {
	files, err := build(context.Background(), generate(300, 60, 4), Options{Language: "en"}, 300)
	if err != nil {
		t.Fatal(err)
	}
	shards, _, _ := indexNames(t, files)
	keys := sortedKeys(shards)
	r, err := openReader(files)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.tables.keys) < 10 {
		t.Fatalf("%d tables, want many", len(r.tables.keys))
	}
	words := []string{"", "zzzz", "t:", "t:topic-1", "a:author-3", "y:2025", "\u00e9t\u00e9"}
	for _, k := range keys {
		words = append(words, k, k+"a", k+"zz")
		if k != "" {
			words = append(words, k[:len(k)-1])
		}
	}
	words = append(words, vocabulary(3000)...)
	for _, w := range words {
		got, err := r.shardName(w)
		if err != nil {
			t.Fatal(err)
		}
		if want := "search/" + shards[shardOf(keys, w)]; got != want {
			t.Errorf("shard of %q = %s, want %s", w, got, want)
		}
		if len([]rune(w)) < 3 {
			continue
		}
		names, err := r.prefixShards(w)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range keys {
			if strings.HasPrefix(k, w) && !slices.Contains(names, "search/"+shards[k]) {
				t.Errorf("shards of prefix %q lack %q", w, k)
			}
		}
	}
}

func TestShardOf(t *testing.T) {
	keys := []string{"", "c", "co", "coun", "t:"}
	tests := map[string]string{"council": "coun", "cou": "co", "co": "co", "cat": "c", "apple": "", "t:local": "t:", "": ""}
	for w, want := range tests {
		if got := shardOf(keys, w); got != want {
			t.Errorf("shardOf(%q) = %q, want %q", w, got, want)
		}
	}
}

func TestPostingsRoundTrip(t *testing.T) {
	in := []posting{{0, 1, 1}, {1, 255, 31}, {200, 7, 4}, {70000, 3, 0}}
	var l postingList
	for _, p := range in {
		l.add(p)
	}
	// The varint is binary.PutUvarint's: 200−1 = 199 takes two bytes.
	if want := []byte{0, 1, 1, 1, 255, 31, 0xc7, 0x01, 7, 4}; !slices.Equal(l.buf[:len(want)], want) {
		t.Errorf("encoded % x, want prefix % x", l.buf, want)
	}
	out, err := decodePostings(l.buf)
	if err != nil || !slices.Equal(out, in) {
		t.Errorf("decodePostings = %v, %v; want %v", out, err, in)
	}
	for _, bad := range [][]byte{{0x80}, {1, 2}, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 1}} {
		if _, err := decodePostings(bad); err == nil {
			t.Errorf("decodePostings(% x): no error", bad)
		}
	}
}

func TestPostingsCap(t *testing.T) {
	ix := &index{postings: map[string]*postingList{"word": {}, "y:2026": {filter: true}}}
	rec := make([]float64, maxPostings+100)
	for d := range rec {
		rec[d] = 1
		impact := uint8(100)
		if d < 100 {
			impact = 99 // the hundred weakest: dropped
		}
		ix.postings["word"].add(posting{doc: d, impact: impact, fields: 4})
		ix.postings["y:2026"].add(posting{doc: d, impact: 255})
	}
	ix.capPostings(rec)
	ps, _ := decodePostings(ix.postings["word"].buf)
	if len(ps) != maxPostings || ps[0].doc != 100 || ps[len(ps)-1].doc != maxPostings+99 {
		t.Errorf("capped to %d postings, docs %d..%d; want %d, docs 100..%d", len(ps), ps[0].doc, ps[len(ps)-1].doc, maxPostings, maxPostings+99)
	}
	if n := ix.postings["y:2026"].n; n != maxPostings+100 {
		t.Errorf("filter term capped to %d postings, want all %d", n, maxPostings+100)
	}
}

func TestExcerpt(t *testing.T) {
	long := strings.Repeat("word ", 100)
	tests := []struct{ in, want string }{
		{"Short  body,\n\nwith spaces.", "Short body, with spaces."},
		{long, strings.TrimSpace(strings.Repeat("word ", 32)) + " …"},
		{strings.Repeat("é", 300), strings.Repeat("é", 160) + " …"},
	}
	for _, tt := range tests {
		if got := excerptOf(tt.in); got != tt.want {
			t.Errorf("excerptOf(%.20q…) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestImpact checks BM25F impacts against the formula worked by hand.
func TestImpact(t *testing.T) {
	docs := []Doc{
		{URL: "/a/", Title: "Tram strike", Body: "drivers want pay", Date: day(1, 1)},
		{URL: "/b/", Title: "City news", Body: "tram late", Date: day(1, 2)},
	}
	ix, _, err := analyze(context.Background(), docs, languageOf("en"), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := decodePostings(ix.postings["tram"].buf)
	// Lengths are in bytes, and they and their means are rounded to
	// 2^(k/16). Title: 11 bytes round to 2^(55/16) = 10.834, the mean
	// (11 + 9)/2 = 10 to 2^(53/16) = 9.9339; tf' = 3/(0.25 +
	// 0.75·10.834/9.9339) = 2.8091, impact round(255·2.8091/4.0091) =
	// 179. Body: 9 bytes round to 2^(51/16) = 9.1108, the mean 12.5 to
	// 2^(58/16) = 12.3377; tf' = 1/(0.25 + 0.75·9.1108/12.3377) = 1.2441,
	// impact round(255·1.2441/2.4441) = 130.
	want := []posting{{0, 179, 1}, {1, 130, 4}}
	if !slices.Equal(ps, want) {
		t.Errorf("postings of tram = %v, want %v", ps, want)
	}
	if got := ix.surfaces["drivers"]; got != "driver" {
		t.Errorf("stem of drivers = %q, want driver", got)
	}
	f, _ := decodePostings(ix.postings["y:2026"].buf)
	if want := []posting{{0, 255, 0}, {1, 255, 0}}; !slices.Equal(f, want) {
		t.Errorf("postings of y:2026 = %v, want %v", f, want)
	}
}

// FuzzParseEntries: a table's entries never panic the reader, and what
// it reads is what it was given.
func FuzzParseEntries(f *testing.F) {
	for _, s := range []string{"XQP_r_", "eNunm6 ciRgGL2v vlZnslg", "t:local-Ab_-9x", "", " ", "abc", "москваAAAAAA", "  AAAAAA"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		es, err := parseEntries(s)
		if err != nil {
			return
		}
		for _, e := range es {
			if len(e.hash) != hashLen || strings.Contains(e.key, " ") {
				t.Fatalf("parseEntries(%q): entry %+v", s, e)
			}
		}
		if got := encodeEntries(es); got != s {
			t.Errorf("encodeEntries(parseEntries(%q)) = %q", s, got)
		}
	})
}

// TestLargest checks largest against a sort, on keys in order, in
// reverse, random, and of few distinct weights, as postings have.
func TestLargest(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 2, 3, 10, 100, 5001, 20000} {
		for _, shape := range []string{"ascending", "descending", "random", "few weights"} {
			keys := make([]uint64, n)
			for i := range keys {
				switch shape {
				case "ascending":
					keys[i] = uint64(i)
				case "descending":
					keys[i] = uint64(n - i)
				case "random":
					keys[i] = rng.Uint64()>>32<<32 | uint64(i)
				case "few weights":
					keys[i] = uint64(rng.IntN(3))<<32 | uint64(i)
				}
			}
			for _, k := range []int{0, 1, n / 2, n - 1, n} {
				want := slices.Clone(keys)
				slices.Sort(want)
				want = want[n-k:]
				got := slices.Clone(largest(slices.Clone(keys), k))
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Errorf("%s, n %d, k %d: largest differs from the sorted tail", shape, n, k)
				}
			}
		}
	}
}

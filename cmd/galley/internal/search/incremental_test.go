package search

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
)

// indexNames returns the shards the index lists, by key, its records
// files in order and its facets file, names from search/.
func indexNames(t *testing.T, files map[string][]byte) (shards map[string]string, records []string, facets string) {
	t.Helper()
	r, err := openReader(files)
	if err != nil {
		t.Fatal(err)
	}
	shards = map[string]string{}
	for _, k := range r.tables.keys {
		tb, err := r.table(k)
		if err != nil {
			t.Fatal(err)
		}
		for sk, name := range tb.names {
			shards[sk] = strings.TrimPrefix(name, "search/")
		}
	}
	for k := 0; k*r.root.Records.Size < r.root.N; k++ {
		name, ok := r.root.Records.Files.name(k)
		if !ok {
			t.Fatalf("root names no records file %d", k)
		}
		records = append(records, name)
	}
	return shards, records, r.root.Facets
}

// TestIncremental: an edit to one story's body rewrites root.json, that
// story's records file and the shards of the words it touched, and
// keeps the name of every other file.
func TestIncremental(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 2,000-story index twice")
	}
	docs := generate(2000, 600, 3)
	opts := Options{Language: "en", Recency: DefaultRecency, HalfLife: DefaultHalfLife}
	before, err := Build(context.Background(), docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	const edited = 1234
	lang := languageOf("en")
	tests := []struct {
		name string
		edit func(body string) string
		// touched returns the words whose shards may change.
		touched func(old, new string) []string
		// many is true when those are most of the story's words, which
		// may be in more than a few shards.
		many bool
	}{
		{
			name: "a word replaced",
			// A word for a word of as many bytes keeps the body's
			// length, and with it the impact of every other word.
			edit: func(body string) string {
				f := strings.Fields(body)
				i := firstWord(f, lang)
				w := Tokenize(f[i])[0]
				f[i] = strings.Replace(f[i], w, newWord(len(w)), 1)
				return strings.Join(f, " ")
			},
			touched: func(old, _ string) []string {
				f := strings.Fields(old)
				w := Tokenize(f[firstWord(f, lang)])[0]
				return []string{w, newWord(len(w))}
			},
		},
		{
			name: "a sentence added",
			// A body longer by a sentence keeps its length's step of a
			// sixteenth of an octave (4,194 bytes and 4,246 round to
			// 2^(193/16)), and with it the impact of every other word.
			edit: func(body string) string { return body + " The harbour zebracrossings were repainted overnight." },
			touched: func(_, _ string) []string {
				return Tokenize("The harbour zebracrossings were repainted overnight.")
			},
		},
		{
			name: "the body doubled",
			// Every word of the story may change impact: its shards,
			// and no other.
			edit:    func(body string) string { return body + " " + body },
			touched: func(_, new string) []string { return Tokenize(new) },
			many:    true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			changed := append([]Doc(nil), docs...)
			old := changed[edited].Body
			changed[edited].Body = tt.edit(old)
			after, err := Build(context.Background(), changed, opts)
			if err != nil {
				t.Fatal(err)
			}
			s0, r0, f0 := indexNames(t, before)
			s1, r1, f1 := indexNames(t, after)
			if string(before["search/root.json"]) == string(after["search/root.json"]) {
				t.Error("root.json did not change")
			}
			if f0 != f1 {
				t.Errorf("facets renamed: %s → %s", f0, f1)
			}
			// The edited story's record changes only if its excerpt does,
			// and then every file of its page is renamed, and no other.
			recordChanged := excerptOf(old) != excerptOf(changed[edited].Body)
			for k := range r0 {
				if same := r0[k] == r1[k]; same == (k/recordsPerPage == edited/recordsPerFile/recordsPerPage && recordChanged) {
					t.Errorf("records file %d: %s → %s", k, r0[k], r1[k])
				}
			}
			if b0, b1 := before["search/"+r0[edited/recordsPerFile]], after["search/"+r1[edited/recordsPerFile]]; bytes.Equal(b0, b1) == recordChanged {
				t.Errorf("records file of the edited story: changed %v, want %v", !bytes.Equal(b0, b1), recordChanged)
			}
			allowed := map[string]bool{}
			for _, w := range tt.touched(old, changed[edited].Body) {
				allowed[shardOf(sortedKeys(s1), w)] = true
				allowed[shardOf(sortedKeys(s1), lang.stemOf(w))] = true
			}
			var renamed, unexpected []string
			for k, name := range s1 {
				if s0[k] != name {
					renamed = append(renamed, k)
					if !allowed[k] {
						unexpected = append(unexpected, k)
					}
				}
			}
			if len(unexpected) > 0 {
				t.Errorf("shards %q changed though no touched word is in them", unexpected)
			}
			if len(renamed) == 0 || !tt.many && len(renamed) > len(s1)/20 {
				t.Errorf("%d of %d shards renamed (%q…), want a few", len(renamed), len(s1), renamed[:min(len(renamed), 10)])
			}
			t.Logf("%d of %d shards renamed", len(renamed), len(s1))
		})
	}
}

// newWord returns a word of n bytes that no generated doc has.
func newWord(n int) string { return ("zq" + strings.Repeat("x", n))[:n] }

// sortedKeys returns the keys of a shards map in byte order.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// firstWord returns the index of the first field that is one word, not
// a stop word.
func firstWord(fields []string, lang language) int {
	for i, f := range fields {
		if w := Tokenize(f); len(w) == 1 && !lang.isStop([]byte(w[0])) {
			return i
		}
	}
	return -1
}

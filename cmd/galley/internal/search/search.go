package search

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
)

// A Result is one story a query found.
type Result struct {
	Doc   int     // the story's number, 0 the oldest
	URL   string  // its site path
	Score float64 // relevance times recency, as the script ranks
}

// maxExpansions is how many words a last word typed as a prefix adds.
const maxExpansions = 8

// titleBoost multiplies the score of a story with every word in its title.
const titleBoost = 1.5

// Search runs query over the files Build made (keyed as Build keys them)
// as the reader's script does, and returns at most limit results, the
// best first. A query is never wrong; the error says the files are.
func Search(files map[string][]byte, query string, limit int) ([]Result, error) {
	r, err := openReader(files)
	if err != nil {
		return nil, err
	}
	q := parseQuery(query, languageNamed(r.root.Lang))
	found, err := r.run(q)
	if err != nil {
		return nil, err
	}
	found = found[:min(len(found), max(limit, 0))]
	for i := range found {
		if found[i].URL, err = r.url(found[i].Doc); err != nil {
			return nil, err
		}
	}
	return found, nil
}

// A reader reads index files as the script fetches them: a shard table,
// a shard or a records file only when the query needs it.
type reader struct {
	files   map[string][]byte
	root    rootFile
	tables  table                 // root's list of the shard tables
	lists   map[string]table      // shard tables read, by key
	shards  map[string]*shardFile // by file name
	records map[int][]record
	fetched map[string]bool // the files read, as the script would fetch them
}

// A table is a list of entries, the root's or a shard table's.
type table struct {
	keys  []string          // sorted
	names map[string]string // key → file, from search/
}

// newTable returns the table of entries s, naming files dir<key>-<hash>.json.
func newTable(s, dir string) (table, error) {
	es, err := parseEntries(s)
	if err != nil {
		return table{}, err
	}
	t := table{names: make(map[string]string, len(es))}
	for _, e := range es {
		t.keys = append(t.keys, e.key)
		t.names[e.key] = "search/" + keyedName(dir, e.key, e.hash)
	}
	slices.Sort(t.keys)
	return t, nil
}

// A shardFile is one decoded shard.
type shardFile struct {
	W map[string]any       `json:"w"` // stem, or 0 for the word itself
	P map[string][2]any    `json:"p"` // [df, postings]
	d map[string][]posting // decoded postings
}

// A stemRef is one stem a query word matches, with its postings.
type stemRef struct {
	stem     string
	df       int
	postings []posting
}

// openReader reads root.json of files.
func openReader(files map[string][]byte) (*reader, error) {
	r := &reader{files: files, lists: map[string]table{}, shards: map[string]*shardFile{}, records: map[int][]record{},
		fetched: map[string]bool{"search/root.json": true}}
	b, ok := files["search/root.json"]
	if !ok {
		return nil, fmt.Errorf("search/root.json: missing: build the index first")
	}
	var v struct {
		V int `json:"v"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, fmt.Errorf("search/root.json: %w", err)
	}
	if v.V != formatVersion {
		return nil, fmt.Errorf("search/root.json: format version %d, want %d: rebuild the site", v.V, formatVersion)
	}
	if err := json.Unmarshal(b, &r.root); err != nil {
		return nil, fmt.Errorf("search/root.json: %w", err)
	}
	var err error
	if r.tables, err = newTable(r.root.Shards, "t/"); err != nil {
		return nil, fmt.Errorf("search/root.json: shards: %w: rebuild the site", err)
	}
	return r, nil
}

// read returns the bytes of a file the index lists.
func (r *reader) read(name string) ([]byte, error) {
	b, ok := r.files[name]
	if !ok {
		return nil, fmt.Errorf("%s: missing, though the index lists it: rebuild the site", name)
	}
	r.fetched[name] = true
	return b, nil
}

// table returns the shard table of key, a key of root's tables.
func (r *reader) table(key string) (table, error) {
	if t, ok := r.lists[key]; ok {
		return t, nil
	}
	name := r.tables.names[key]
	b, err := r.read(name)
	if err != nil {
		return table{}, err
	}
	var tf tableFile
	if err := json.Unmarshal(b, &tf); err != nil {
		return table{}, fmt.Errorf("%s: %w", name, err)
	}
	t, err := newTable(tf.S, "s/")
	if err != nil {
		return table{}, fmt.Errorf("%s: %w: rebuild the site", name, err)
	}
	r.lists[key] = t
	return t, nil
}

// shardName returns the file of word's shard: the longest key that is a
// prefix of word in the table of the longest such key in root.
func (r *reader) shardName(word string) (string, error) {
	tk := shardOf(r.tables.keys, word)
	t, err := r.table(tk)
	if err != nil {
		return "", err
	}
	name, ok := t.names[shardOf(t.keys, word)]
	if !ok {
		return "", fmt.Errorf("%s: no shard for %q: rebuild the site", r.tables.names[tk], word)
	}
	return name, nil
}

// shard returns the shard file name.
func (r *reader) shard(name string) (*shardFile, error) {
	if s, ok := r.shards[name]; ok {
		return s, nil
	}
	b, err := r.read(name)
	if err != nil {
		return nil, err
	}
	s := &shardFile{d: map[string][]posting{}}
	if err := json.Unmarshal(b, s); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	r.shards[name] = s
	return s, nil
}

// shardOfWord returns the shard of word, and its file name.
func (r *reader) shardOfWord(word string) (*shardFile, string, error) {
	name, err := r.shardName(word)
	if err != nil {
		return nil, "", err
	}
	s, err := r.shard(name)
	return s, name, err
}

// stemOf returns the stem the index gives the surface word w, or w
// itself if it has none (a number, or a word typed already stemmed).
func (r *reader) stemOf(w string) (string, error) {
	s, _, err := r.shardOfWord(w)
	if err != nil {
		return "", err
	}
	if stem, ok := s.W[w].(string); ok {
		return stem, nil
	}
	return w, nil
}

// term returns the postings of a stem or filter term, or ok false.
func (r *reader) term(t string) (stemRef, bool, error) {
	s, name, err := r.shardOfWord(t)
	if err != nil {
		return stemRef{}, false, err
	}
	e, ok := s.P[t]
	if !ok {
		return stemRef{}, false, nil
	}
	df, _ := e[0].(float64)
	ps, ok := s.d[t]
	if !ok {
		enc, _ := e[1].(string)
		raw, err := base64.RawURLEncoding.DecodeString(enc)
		if err == nil {
			ps, err = decodePostings(raw)
		}
		if err != nil {
			return stemRef{}, false, fmt.Errorf("%s: postings of %q: %w", name, t, err)
		}
		s.d[t] = ps
	}
	return stemRef{stem: t, df: int(df), postings: ps}, true, nil
}

// prefixShards returns the files of the shards that can hold words that
// begin with w: its own, and those whose keys start with w, listed by its
// table and the tables whose keys start with w.
func (r *reader) prefixShards(w string) ([]string, error) {
	own, err := r.shardName(w)
	if err != nil {
		return nil, err
	}
	names := []string{own}
	tk := shardOf(r.tables.keys, w)
	for _, k := range r.tables.keys {
		if k != tk && !strings.HasPrefix(k, w) {
			continue
		}
		t, err := r.table(k)
		if err != nil {
			return nil, err
		}
		for _, sk := range t.keys {
			if strings.HasPrefix(sk, w) && !slices.Contains(names, t.names[sk]) {
				names = append(names, t.names[sk])
			}
		}
	}
	return names, nil
}

// stems returns the stems a query word matches: its own and, for a
// prefix, those of the maxExpansions words it begins with the most
// stories.
func (r *reader) stems(w queryWord) ([]stemRef, error) {
	var refs []stemRef
	own, err := r.stemOf(w.text)
	if err != nil {
		return nil, err
	}
	if ref, ok, err := r.term(own); err != nil {
		return nil, err
	} else if ok {
		refs = append(refs, ref)
	}
	if !w.prefix {
		return refs, nil
	}
	var more []stemRef
	names, err := r.prefixShards(w.text)
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		s, err := r.shard(name)
		if err != nil {
			return nil, err
		}
		for surface, v := range s.W {
			if !strings.HasPrefix(surface, w.text) || surface == w.text {
				continue
			}
			stem := surface
			if st, ok := v.(string); ok {
				stem = st
			}
			if stem == own || slices.ContainsFunc(more, func(x stemRef) bool { return x.stem == stem }) {
				continue
			}
			ref, ok, err := r.term(stem)
			if err != nil {
				return nil, err
			}
			if ok {
				more = append(more, ref)
			}
		}
	}
	slices.SortFunc(more, func(a, b stemRef) int { return cmp.Or(cmp.Compare(b.df, a.df), strings.Compare(a.stem, b.stem)) })
	return append(refs, more[:min(len(more), maxExpansions)]...), nil
}

// A hit is how well one query word matches one doc.
type hit struct {
	score float64
	title bool
}

// run returns every doc q finds, scored and ranked, without URLs.
func (r *reader) run(q query) ([]Result, error) {
	n := float64(r.root.N)
	// A word no story has (a stop word, which is not indexed, or a
	// typo) is dropped, as the reader's script drops it: it would
	// otherwise leave no story with every word.
	var words []queryWord
	var wordRefs [][]stemRef
	for _, w := range q.words {
		refs, err := r.stems(w)
		if err != nil {
			return nil, err
		}
		if len(refs) == 0 && !w.phrase {
			continue
		}
		words, wordRefs = append(words, w), append(wordRefs, refs)
	}
	q.words = words
	hits := make([]map[int]hit, len(q.words))
	for i, w := range q.words {
		refs := wordRefs[i]
		hits[i] = map[int]hit{}
		for _, ref := range refs {
			idf := math.Log(1 + (n-float64(ref.df)+0.5)/(float64(ref.df)+0.5))
			for _, p := range ref.postings {
				if w.phrase && p.fields&(1<<fieldTitle|1<<fieldDek|1<<fieldBody) == 0 {
					continue
				}
				h := hits[i][p.doc]
				h.score = max(h.score, idf*float64(p.impact)/255)
				h.title = h.title || p.fields&(1<<fieldTitle) != 0
				hits[i][p.doc] = h
			}
		}
	}
	allowed, err := r.allowed(q)
	if err != nil {
		return nil, err
	}
	var cands []int
	if len(q.words) == 0 {
		if len(q.filters) > 0 {
			for d := range r.root.N {
				if allowed(d) {
					cands = append(cands, d)
				}
			}
		}
	} else {
		for d := range hits[0] {
			if allowed(d) && everyWord(hits, d) {
				cands = append(cands, d)
			}
		}
		if len(cands) == 0 { // no story has every word: those with any
			seen := map[int]bool{}
			for _, h := range hits {
				for d := range h {
					if !seen[d] && allowed(d) {
						seen[d] = true
						cands = append(cands, d)
					}
				}
			}
		}
	}
	rw := r.root.Recency
	found := make([]Result, 0, len(cands))
	for _, d := range cands {
		score, title := 0.0, len(hits) > 0
		for _, h := range hits {
			score += h[d].score
			title = title && h[d].title
		}
		if title {
			score *= titleBoost
		}
		score *= (1 - rw) + rw*recency(r.root.Dates, d, r.root.HalfLife)
		found = append(found, Result{Doc: d, Score: score})
	}
	slices.SortFunc(found, func(a, b Result) int { return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(b.Doc, a.Doc)) })
	return found, nil
}

// everyWord reports whether doc d has every query word.
func everyWord(hits []map[int]hit, d int) bool {
	for _, h := range hits {
		if _, ok := h[d]; !ok {
			return false
		}
	}
	return true
}

// allowed returns whether a doc passes q's filters and exclusions.
func (r *reader) allowed(q query) (func(int) bool, error) {
	var must []map[int]bool
	for _, f := range q.filters {
		ref, _, err := r.term(f)
		if err != nil {
			return nil, err
		}
		m := map[int]bool{}
		for _, p := range ref.postings {
			m[p.doc] = true
		}
		must = append(must, m)
	}
	not := map[int]bool{}
	for _, w := range q.exclude {
		refs, err := r.stems(queryWord{text: w})
		if err != nil {
			return nil, err
		}
		for _, ref := range refs {
			for _, p := range ref.postings {
				not[p.doc] = true
			}
		}
	}
	return func(d int) bool {
		if not[d] {
			return false
		}
		for _, m := range must {
			if !m[d] {
				return false
			}
		}
		return true
	}, nil
}

// url returns the URL of doc d, from its records file.
func (r *reader) url(d int) (string, error) {
	size := max(r.root.Records.Size, 1)
	k := d / size
	recs, ok := r.records[k]
	if !ok {
		file, ok := r.root.Records.Files.name(k)
		if !ok {
			return "", fmt.Errorf("search/root.json: no records file for story %d: rebuild the site", d)
		}
		name := "search/" + file
		b, err := r.read(name)
		if err != nil {
			return "", err
		}
		if err := json.Unmarshal(b, &recs); err != nil {
			return "", fmt.Errorf("%s: %w", name, err)
		}
		r.records[k] = recs
	}
	if d%size >= len(recs) {
		file, _ := r.root.Records.Files.name(k)
		return "", fmt.Errorf("search/%s: no record %d: rebuild the site", file, d%size)
	}
	return recs[d%size].URL, nil
}

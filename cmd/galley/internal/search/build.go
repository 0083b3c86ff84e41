package search

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"galley.dev/galley/cmd/galley/internal/slug"
)

// A Doc is one published story, as the index sees it.
type Doc struct {
	URL     string    // site path, "/news/barrier-vote/"
	Title   string    // headline
	Dek     string    // description, plain text
	Body    string    // body as plain text, without markup (or see ReadBody)
	Topics  []string  // display names
	Authors []string  // display names
	Section string    // section slug, "news"; "" for none
	Date    time.Time // publication date; its location decides the year filter
	Byline  string    // "By Ana Ruiz and Tom Berg", as the site shows it
	Image   string    // URL of a small hero image (≤ 400 px wide), or ""

	// ReadBody, when set, returns the body as plain text in place of
	// Body. Build calls it once, from any goroutine, and keeps only the
	// excerpt: a big site's bodies are never all in memory at once.
	ReadBody func() (string, error)
	// BodySize is the body's length in bytes, as BM25F measures it,
	// known before the body is read; 0 means len(Body). A caller that
	// sets ReadBody gives the size of the body as the site stores it.
	BodySize int
	// Key, when set, names what analysis reads of the doc: its title,
	// dek, body, topics and authors, as a hash of them does. A Memo
	// holds docs by Key; "" is never remembered.
	Key string
}

// DefaultRecency is the weight of recency in a result's score that a
// site gets unless it sets another: 0 ranks by relevance alone, 1 by
// relevance times recency.
const DefaultRecency = 0.3

// DefaultHalfLife is the age in days at which a story's recency is one
// half, unless a site sets another.
const DefaultHalfLife = 365

// Options of an index.
type Options struct {
	// Language is the site's language ("en", "en-GB", "es", "fr-CA"):
	// its primary subtag chooses the stemmer and stop words. "" or a
	// language without a Snowball stemmer indexes words as they are.
	Language string
	// Recency is the weight of recency in the score, 0..1
	// (DefaultRecency is the usual value). The zero Options gives 0:
	// callers pass the site's setting.
	Recency float64
	// HalfLife is the age in days at which recency is one half; 0 means
	// DefaultHalfLife.
	HalfLife int

	// Memo, when set, holds the analyses of docs of an earlier build:
	// a doc whose Key it holds is not analysed again, nor its body read.
	Memo *Memo
	// Record, when set, receives the memo of this build's docs, marked
	// with MemoStamp, for ReadMemo to read in the next build. Build
	// does not report its write errors: a memo is only a shortcut.
	Record    io.Writer
	MemoStamp string
}

// Bounds of the format (see the package doc).
const (
	formatVersion  = 2
	maxPostings    = 5000      // postings kept for one stem
	maxShardBytes  = 24 << 10  // a shard over this splits by one more character
	maxKeyBytes    = 6         // a shard key this long splits no further
	datesEvery     = 256       // root "dates" holds the date of every 256th doc
	recordsPerFile = 4         // records in one records file
	excerptRunes   = 160       // length of a record's excerpt
	maxFacets      = 500       // topics and authors listed in the facets file
	analyzeChunk   = 1024      // docs analysed while the chunk before merges
	k1, bm25b      = 1.2, 0.75 // BM25F
)

// The fields of a doc: their bits in a posting and their BM25F weights.
const (
	fieldTitle = iota
	fieldDek
	fieldBody
	fieldTopics
	fieldAuthors
	numFields
)

// fieldWeight returns the BM25F weight of field f: a word of the
// headline says more about the story than one of its body.
func fieldWeight(f int) float64 {
	switch f {
	case fieldTitle:
		return 3
	case fieldBody:
		return 1
	}
	return 2
}

// Build returns the index files of docs, keyed by path relative to the
// site's root ("search/root.json", "search/s/co-1a2b3c4d.json", …). The
// bytes depend only on the docs (in any order) and opts.
func Build(ctx context.Context, docs []Doc, opts Options) (map[string][]byte, error) {
	return build(ctx, docs, opts, maxShardBytes)
}

// build is Build with shards of at most shardLimit bytes where they
// can split, so that tests see many shards on a small site.
func build(ctx context.Context, docs []Doc, opts Options, shardLimit int) (map[string][]byte, error) {
	if math.IsNaN(opts.Recency) || opts.Recency < 0 || opts.Recency > 1 {
		return nil, fmt.Errorf("search: recency %v is outside 0..1: set it between 0 (relevance only) and 1", opts.Recency)
	}
	if opts.HalfLife < 0 {
		return nil, fmt.Errorf("search: half-life %d is negative: set it in days, as 365", opts.HalfLife)
	}
	if opts.HalfLife == 0 {
		opts.HalfLife = DefaultHalfLife
	}
	docs = oldestFirst(docs)
	lang := languageOf(opts.Language)
	var rec *memoWriter
	if opts.Record != nil {
		rec = newMemoWriter(opts.Record, opts.MemoStamp)
	}
	ix, excerpts, err := analyze(ctx, docs, lang, opts.Memo, rec)
	rec.close()
	if err != nil {
		return nil, err
	}
	dates := docDates(docs)
	ix.capPostings(recencies(len(docs), dates, opts.HalfLife))

	files := make(map[string][]byte)
	shards, err := writeShards(ctx, ix, shardLimit, files)
	if err != nil {
		return nil, err
	}
	records, err := writeRecords(ctx, docs, excerpts, files)
	if err != nil {
		return nil, err
	}
	facets, err := writeFacets(docs, files)
	if err != nil {
		return nil, err
	}
	root := rootFile{
		V: formatVersion, N: len(docs), Lang: lang.name,
		Recency: opts.Recency, HalfLife: opts.HalfLife,
		Dates: dates, Shards: shards,
		Records: recordsIndex{Size: recordsPerFile, Files: records},
		Facets:  facets,
	}
	b, err := marshal(root)
	if err != nil {
		return nil, err
	}
	files["search/root.json"] = b
	return files, nil
}

// oldestFirst returns docs sorted by date, then URL (then the rest but
// the body, which may not be read yet, so that even duplicates come out
// in one order whatever the input order).
func oldestFirst(docs []Doc) []Doc {
	docs = slices.Clone(docs)
	slices.SortStableFunc(docs, func(a, b Doc) int {
		return cmp.Or(
			a.Date.Compare(b.Date),
			strings.Compare(a.URL, b.URL),
			strings.Compare(a.Title, b.Title),
			strings.Compare(a.Dek, b.Dek),
			cmp.Compare(a.bodySize(), b.bodySize()),
			slices.Compare(a.Topics, b.Topics),
			slices.Compare(a.Authors, b.Authors),
			strings.Compare(a.Section, b.Section),
			strings.Compare(a.Byline, b.Byline),
			strings.Compare(a.Image, b.Image),
		)
	})
	return docs
}

// epochDay returns t as days since 1970-01-01 UTC.
func epochDay(t time.Time) int {
	s := t.Unix()
	d := s / 86400
	if s%86400 < 0 {
		d--
	}
	return int(d)
}

// docDates returns root's "dates": the day of every 256th doc.
func docDates(docs []Doc) []int {
	dates := make([]int, 0, (len(docs)+datesEvery-1)/datesEvery)
	for k := 0; k < len(docs); k += datesEvery {
		dates = append(dates, epochDay(docs[k].Date))
	}
	return dates
}

// recencies returns recency(d) of each doc as the reader's script
// computes it: by the dates table, from the newest doc's date.
func recencies(n int, dates []int, halfLife int) []float64 {
	rec := make([]float64, n)
	for d := range rec {
		rec[d] = recency(dates, d, halfLife)
	}
	return rec
}

// recency is 0.5^(age/halfLife), age in days from the newest doc's date
// to doc d's, both as the dates table has them.
func recency(dates []int, d, halfLife int) float64 {
	if len(dates) == 0 || halfLife <= 0 {
		return 1
	}
	k := min(d/datesEvery, len(dates)-1)
	age := max(dates[len(dates)-1]-dates[k], 0)
	return math.Pow(0.5, float64(age)/float64(halfLife))
}

// An index is the inverted index before it is cut into shards.
type index struct {
	postings map[string]*postingList // by stem or filter term
	surfaces map[string]string       // surface word → stem
}

// A posting is one doc of a stem's postings.
type posting struct {
	doc    int
	impact uint8 // 1..255
	fields uint8 // bits of the fields the stem is in
}

// A postingList holds a stem's postings encoded as in a shard.
type postingList struct {
	buf    []byte
	n      int
	last   int
	filter bool // a filter term: never capped
}

// add appends a posting; docs come in increasing order.
func (l *postingList) add(p posting) {
	delta := p.doc - l.last
	if l.n == 0 {
		delta = p.doc
	}
	l.buf = appendUvarint(l.buf, uint64(delta))
	l.buf = append(l.buf, p.impact, p.fields)
	l.last = p.doc
	l.n++
}

// appendUvarint appends x as binary.PutUvarint writes it.
func appendUvarint(b []byte, x uint64) []byte {
	for x >= 0x80 {
		b = append(b, byte(x)|0x80)
		x >>= 7
	}
	return append(b, byte(x))
}

// decodePostings reads postings written by postingList.add.
func decodePostings(buf []byte) ([]posting, error) {
	return appendPostings(nil, buf)
}

// appendPostings appends the postings of buf to ps.
func appendPostings(ps []posting, buf []byte) ([]posting, error) {
	first := len(ps)
	doc := 0
	for i := 0; i < len(buf); {
		var x uint64
		var s uint
		for {
			if i >= len(buf) || s > 56 {
				return nil, errors.New("postings end inside a doc number")
			}
			c := buf[i]
			i++
			x |= uint64(c&0x7f) << s
			if c < 0x80 {
				break
			}
			s += 7
		}
		if i+2 > len(buf) {
			return nil, errors.New("postings end inside a posting")
		}
		if len(ps) == first {
			doc = int(x)
		} else {
			doc += int(x)
		}
		ps = append(ps, posting{doc: doc, impact: buf[i], fields: buf[i+1]})
		i += 2
	}
	return ps, nil
}

// capPostings keeps, of each stem with more than maxPostings, those
// with the highest impact·(0.5 + 0.5·recency), the newer first of
// equals: a word that common adds little to relevance, and its shard
// stays small.
func (ix *index) capPostings(rec []float64) {
	// ps and keys serve every stem: a common word of a big site has
	// a posting in most of its stories.
	var ps []posting
	var keys []uint64
	for _, l := range ix.postings {
		if l.filter || l.n <= maxPostings {
			continue
		}
		ps, _ = appendPostings(ps[:0], l.buf) // written by add: cannot fail
		// A key orders by weight, as a float32's bits order when it is
		// positive, then by the posting's index in ps, which is in doc
		// order: plain integers, which are all distinct, are selected
		// several times faster than with a comparison function.
		keys = keys[:0]
		for i, p := range ps {
			w := float32(float64(p.impact) * (0.5 + 0.5*rec[p.doc]))
			keys = append(keys, uint64(math.Float32bits(w))<<32|uint64(i))
		}
		kept := largest(keys, maxPostings)
		for i, k := range kept {
			kept[i] = k & math.MaxUint32
		}
		slices.Sort(kept)
		*l = postingList{}
		for _, i := range kept {
			l.add(ps[i])
		}
	}
}

// largest reorders keys, which are distinct, so that its last k are its
// k largest, and returns them, in no order: a quickselect, as only which
// postings are kept matters, and a common word of a big site has a
// posting in most of its stories (a sort took 9 s of a 100,000-story
// build).
func largest(keys []uint64, k int) []uint64 {
	if k <= 0 {
		return keys[len(keys):]
	}
	lo, hi, target := 0, len(keys)-1, len(keys)-k
	for lo < hi {
		// The median of three as pivot: keys nearly in order, as
		// postings of similar weight over time are, stay linear.
		mid := lo + (hi-lo)/2
		a, b, c := keys[lo], keys[mid], keys[hi]
		pivot := max(min(a, b), min(max(a, b), c))
		i, j := lo, hi
		for i <= j {
			for keys[i] < pivot {
				i++
			}
			for keys[j] > pivot {
				j--
			}
			if i <= j {
				keys[i], keys[j] = keys[j], keys[i]
				i++
				j--
			}
		}
		switch {
		case target <= j:
			hi = j
		case target >= i:
			lo = i
		default:
			return keys[target:]
		}
	}
	return keys[target:]
}

// A docTerms is what analysis finds in one doc.
type docTerms struct {
	postings []termPosting // of its stems
	filters  []string      // its filter terms
}

// A termPosting is a doc's posting of one stem.
type termPosting struct {
	stem   int32 // number in the lexicon
	impact uint8
	fields uint8
}

// analyze tokenizes and stems every doc and returns the inverted index
// and each doc's excerpt. It reads each body once: BM25F's average
// lengths are of sizes known before (fieldLengths), so a doc's impacts
// are final as soon as it is read. Workers fill slots of a chunk of
// docs that one goroutine merges in doc order while they fill the next,
// so the index does not depend on scheduling, and only a chunk's terms
// and no body are held beyond their doc. The docs memo holds are not
// read; with rec set, the analysis of every doc is written to it.
func analyze(ctx context.Context, docs []Doc, lang language, memo *Memo, rec *memoWriter) (*index, []string, error) {
	workers := max(1, min(runtime.GOMAXPROCS(0), len(docs)/64))
	lengths := make([][numFields]int, len(docs))
	for i := range docs {
		lengths[i] = fieldLengths(&docs[i])
	}
	avg := averageLengths(lengths)
	lex := newLexicon(lang)
	wks := make([]worker, workers)
	for w := range wks {
		wks[w] = worker{lex: lex, words: make(map[string]int32), memo: memo, rec: rec}
	}
	excerpts := make([]string, len(docs))

	m := &merger{filters: make(map[string]int)}
	var chunks [2][]docTerms // one filled while the other merges
	merged := make(chan struct{}, 1)
	merged <- struct{}{}
	for k, start := 0, 0; start < len(docs); k, start = k+1, start+analyzeChunk {
		end := min(start+analyzeChunk, len(docs))
		if chunks[k%2] == nil {
			chunks[k%2] = make([]docTerms, analyzeChunk)
		}
		out := chunks[k%2]
		err := parallel(ctx, end-start, workers, func(w, i int) error {
			d := start + i
			return wks[w].docAnalysis(&docs[d], lengths[d], avg, &out[i], &excerpts[d])
		})
		<-merged // the chunk before, which took the other slice
		if err != nil {
			return nil, nil, err
		}
		go func() {
			for i := range end - start {
				m.merge(start+i, &out[i])
			}
			merged <- struct{}{}
		}()
	}
	<-merged
	return m.index(lex), excerpts, nil
}

// parallel calls fn(worker, i) for i in 0..n-1 on workers goroutines,
// worker w (0..workers-1) calling fn for one i at a time and for its i
// in increasing order, so that fn may use per-worker state. The workers
// take runs of i as they go, so that one slowed down by other work on
// its core does not hold the others up. The first error stops them all.
func parallel(ctx context.Context, n, workers int, fn func(worker, i int) error) error {
	const run = 16
	var next atomic.Int64
	g, ctx := errgroup.WithContext(ctx)
	for w := range min(workers, (n+run-1)/run) {
		g.Go(func() error {
			for {
				if err := ctx.Err(); err != nil {
					return err
				}
				lo := int(next.Add(run)) - run
				if lo >= n {
					return nil
				}
				for i := lo; i < min(lo+run, n); i++ {
					if err := fn(w, i); err != nil {
						return err
					}
				}
			}
		})
	}
	return g.Wait()
}

// fieldLengths returns the length of each field of d in bytes, as
// BM25F normalizes by it: known from the doc before its body is read.
func fieldLengths(d *Doc) [numFields]int {
	var l [numFields]int
	l[fieldTitle], l[fieldDek], l[fieldBody] = len(d.Title), len(d.Dek), d.bodySize()
	for _, t := range d.Topics {
		l[fieldTopics] += len(t)
	}
	for _, a := range d.Authors {
		l[fieldAuthors] += len(a)
	}
	return l
}

// bodySize is BodySize, or else the length of Body.
func (d *Doc) bodySize() int {
	if d.BodySize > 0 {
		return d.BodySize
	}
	return len(d.Body)
}

// averageLengths returns avglen of each field, rounded as octaveStep
// rounds.
func averageLengths(lengths [][numFields]int) [numFields]float64 {
	var sum [numFields]float64
	for _, l := range lengths {
		for f, n := range l {
			sum[f] += float64(n)
		}
	}
	var avg [numFields]float64
	for f := range avg {
		avg[f] = octaveStep(sum[f] / float64(max(1, len(lengths))))
	}
	return avg
}

// octaveStep returns x > 0 rounded to a step of a sixteenth of an
// octave (2^(k/16)), and 0 for 0. BM25F needs only the rough size of a
// field and of its mean, as Lucene's one-byte norms keep it, and
// rounding both keeps the impact of every posting unchanged by an edit
// of a few words to one story (or by a story more or less in the
// mean): such an edit then rewrites only the shards of its words.
func octaveStep(x float64) float64 {
	if x <= 0 {
		return 0
	}
	return math.Exp2(math.Round(16*math.Log2(x)) / 16)
}

// A worker holds one analysis goroutine's state, kept from doc to doc.
type worker struct {
	tok  tokenizer
	lex  *lexicon    // the site's, shared
	memo *Memo       // of the last build, or nil
	rec  *memoWriter // this build's memo, or nil
	// words numbers the surface words this worker met; surfaces and
	// counts are by that number: each word with lex's number of its
	// stem, and its count in each field of the doc (zero between docs).
	words    map[string]int32
	surfaces []surfaceWord
	counts   [][numFields]int32
	met      []int32            // the surface words of the doc, in the order met
	freqs    [][numFields]int32 // by stem number: the doc's count in each field; zero between docs
	touched  []int32            // the stems of the doc, in the order met
	recalled []wordCount        // the words of the doc, from or for the memo
	filters  filterNames
}

// A surfaceWord is a word a worker met, with its stem's number in the
// lexicon, or -1 for a stop word.
type surfaceWord struct {
	word string
	stem int32
}

// surface returns the worker's number of the surface word w: from the
// words the worker met, else with its stem from the lexicon, which the
// workers share. Most tokens are words met before, and cost one lookup
// and no lock.
func (wk *worker) surface(w []byte) int32 {
	if id, ok := wk.words[string(w)]; ok {
		return id
	}
	return wk.newSurface(string(w))
}

// surfaceOf is surface of a word as a string.
func (wk *worker) surfaceOf(word string) int32 {
	if id, ok := wk.words[word]; ok {
		return id
	}
	return wk.newSurface(word)
}

// newSurface numbers a word new to the worker.
func (wk *worker) newSurface(word string) int32 {
	s := wk.lex.stem(word)
	id := int32(len(wk.surfaces))
	wk.words[word] = id
	wk.surfaces = append(wk.surfaces, surfaceWord{word: word, stem: s})
	wk.counts = append(wk.counts, [numFields]int32{})
	if int(s) >= len(wk.freqs) {
		wk.freqs = append(wk.freqs, make([][numFields]int32, int(s)+1-len(wk.freqs))...)
	}
	return id
}

// addStem adds the counts n of a word of the doc to its stem s.
func (wk *worker) addStem(s int32, n *[numFields]int32) {
	f := &wk.freqs[s]
	if *f == ([numFields]int32{}) {
		wk.touched = append(wk.touched, s)
	}
	for i, c := range n {
		f[i] += c
	}
}

// eachWord calls fn with the field and bytes of each surface word of
// d, whose body is body; the bytes are valid only until fn returns.
func (wk *worker) eachWord(d *Doc, body string, fn func(f int, word []byte)) {
	f := fieldTitle
	yield := func(w []byte) { fn(f, w) }
	wk.tok.each(d.Title, yield)
	f = fieldDek
	wk.tok.each(d.Dek, yield)
	f = fieldBody
	wk.tok.each(body, yield)
	// A name never runs into the next: as if joined by a line break.
	f = fieldTopics
	for _, t := range d.Topics {
		wk.tok.each(t, yield)
	}
	f = fieldAuthors
	for _, a := range d.Authors {
		wk.tok.each(a, yield)
	}
}

// docAnalysis sets dt to the postings and filter terms of d and excerpt
// to its excerpt: from the memo, or else from d's words.
func (wk *worker) docAnalysis(d *Doc, lengths [numFields]int, avg [numFields]float64, dt *docTerms, excerpt *string) error {
	wk.touched = wk.touched[:0]
	if e, words, ok := wk.memo.lookup(d.Key, wk.recalled[:0]); ok {
		wk.recalled = words
		*excerpt = e
		for i := range words {
			id := wk.surfaceOf(words[i].word)
			if s := wk.surfaces[id].stem; s >= 0 {
				wk.addStem(s, &words[i].n)
			}
		}
		wk.rec.doc(d.Key, e, words)
	} else if err := wk.countWords(d, excerpt); err != nil {
		return err
	}
	dt.postings = slices.Grow(dt.postings[:0], len(wk.touched))
	for _, s := range wk.touched {
		var score float64
		var bits uint8
		for f, n := range wk.freqs[s] {
			if n == 0 {
				continue
			}
			bits |= 1 << f
			norm := 1 - bm25b + bm25b*octaveStep(float64(lengths[f]))/avg[f]
			score += fieldWeight(f) * float64(n) / norm
		}
		wk.freqs[s] = [numFields]int32{}
		impact := math.Round(255 * score / (k1 + score))
		dt.postings = append(dt.postings, termPosting{stem: s, impact: uint8(max(1, min(255, impact))), fields: bits})
	}
	dt.filters = wk.filters.terms(d, dt.filters[:0])
	return nil
}

// countWords reads d's body, sets excerpt to its excerpt and counts its
// words into the stems' counts, and writes them to the memo.
func (wk *worker) countWords(d *Doc, excerpt *string) error {
	body := d.Body
	if d.ReadBody != nil {
		var err error
		if body, err = d.ReadBody(); err != nil {
			return err
		}
	}
	*excerpt = excerptOf(body)
	wk.met, wk.recalled = wk.met[:0], wk.recalled[:0]
	wk.eachWord(d, body, func(f int, word []byte) {
		id := wk.surface(word)
		if wk.surfaces[id].stem < 0 {
			return
		}
		n := &wk.counts[id]
		if *n == ([numFields]int32{}) {
			wk.met = append(wk.met, id)
		}
		n[f]++
	})
	for _, id := range wk.met {
		n := &wk.counts[id]
		wk.addStem(wk.surfaces[id].stem, n)
		if wk.rec != nil {
			wk.recalled = append(wk.recalled, wordCount{word: wk.surfaces[id].word, n: *n})
		}
		*n = [numFields]int32{}
	}
	wk.rec.doc(d.Key, *excerpt, wk.recalled)
	return nil
}

// A filterNames remembers the filter term of each topic, author,
// section and year met, so that a story costs no slug and no string.
type filterNames struct {
	topics, authors, sections map[string]string
	years                     map[int]string
}

// terms appends the filter terms of d to terms, each once: t:<topic
// slug>, a:<author slug>, s:<section>, y:<year>.
func (fn *filterNames) terms(d *Doc, terms []string) []string {
	if fn.topics == nil {
		*fn = filterNames{topics: map[string]string{}, authors: map[string]string{}, sections: map[string]string{}, years: map[int]string{}}
	}
	add := func(t string) {
		if t != "" && !slices.Contains(terms, t) {
			terms = append(terms, t)
		}
	}
	for _, t := range d.Topics {
		add(remember(fn.topics, t, func() string { return slugTerm("t:", t) }))
	}
	for _, a := range d.Authors {
		add(remember(fn.authors, a, func() string { return slugTerm("a:", a) }))
	}
	if d.Section != "" {
		add(remember(fn.sections, d.Section, func() string { return "s:" + d.Section }))
	}
	add(remember(fn.years, d.Date.Year(), func() string { return "y:" + strconv.Itoa(d.Date.Year()) }))
	return terms
}

// slugTerm returns the filter term of a display name, or "" for a name
// without a slug.
func slugTerm(prefix, name string) string {
	if s := slug.Make(name); s != "" {
		return prefix + s
	}
	return ""
}

// remember returns m[k], setting it to value() the first time.
func remember[K comparable](m map[K]string, k K, value func() string) string {
	v, ok := m[k]
	if !ok {
		v = value()
		m[k] = v
	}
	return v
}

// A merger builds the index from the docs' terms, in doc order: the
// postings of stem number s are stems[s], those of the filter terms
// follow the terms' order of first use.
type merger struct {
	stems   []postingList
	filters map[string]int // filter term → index in lists
	names   []string       // of the filter terms, by index in lists
	lists   []postingList
}

// merge adds doc's terms to the index.
func (m *merger) merge(doc int, dt *docTerms) {
	for _, p := range dt.postings {
		if int(p.stem) >= len(m.stems) {
			m.stems = append(m.stems, make([]postingList, int(p.stem)+1-len(m.stems))...)
		}
		m.stems[p.stem].add(posting{doc: doc, impact: p.impact, fields: p.fields})
	}
	for _, t := range dt.filters {
		k, ok := m.filters[t]
		if !ok {
			k = len(m.lists)
			m.filters[t] = k
			m.names = append(m.names, t)
			m.lists = append(m.lists, postingList{filter: true})
		}
		m.lists[k].add(posting{doc: doc, impact: 255})
	}
}

// index returns the index merged, of the stems and words of lex, which
// the analysis is done with: every stem has postings, and the surface
// words are lex's but stop words.
func (m *merger) index(lex *lexicon) *index {
	ix := &index{
		postings: make(map[string]*postingList, len(m.stems)+len(m.lists)),
		surfaces: make(map[string]string, len(lex.words)),
	}
	for s := range m.stems {
		ix.postings[lex.stems[s]] = &m.stems[s]
	}
	for k, t := range m.names {
		ix.postings[t] = &m.lists[k]
	}
	for w, s := range lex.words {
		if s >= 0 {
			ix.surfaces[w] = lex.stems[s]
		}
	}
	return ix
}

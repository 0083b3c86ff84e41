package search

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"galley.dev/galley/cmd/galley/internal/slug"
)

// Bounds of format v2 beyond build's (see the package doc).
const (
	hashLen        = 6       // base64url characters of a file's SHA-256 in its name: 36 bits
	maxTableBytes  = 2 << 10 // a shard table over this splits by one more character (for shards of maxShardBytes)
	recordsPerPage = 16      // records files that share one hash in root: an edit renames 16 files; the root grows 6 bytes per 64 stories
)

// rootFile is search/root.json.
type rootFile struct {
	V        int          `json:"v"`
	N        int          `json:"n"`
	Lang     string       `json:"lang"`
	Recency  float64      `json:"recency"`
	HalfLife int          `json:"halflife"`
	Dates    []int        `json:"dates"`
	Shards   string       `json:"shards"` // entries of the shard tables
	Records  recordsIndex `json:"records"`
	Facets   string       `json:"facets"`
}

// recordsIndex is root's "records".
type recordsIndex struct {
	Size  int         `json:"size"` // records in one file
	Files recordPages `json:"files"`
}

// recordPages names the records files: group k's hash is that of its
// page, k / Page.
type recordPages struct {
	Page   int    `json:"page"`   // records files per page
	Hashes string `json:"hashes"` // hashLen characters per page
}

// recordsName returns the records file of group k, whose page has hash h.
func recordsName(k int, h string) string {
	return "r/" + strconv.Itoa(k) + "-" + h + ".json"
}

// name returns the file of group k, or ok false when the root lists no
// hash for its page.
func (p recordPages) name(k int) (string, bool) {
	i := k / max(p.Page, 1) * hashLen
	if k < 0 || i+hashLen > len(p.Hashes) {
		return "", false
	}
	return recordsName(k, p.Hashes[i:i+hashLen]), true
}

// tableFile is a shard table, search/t/<key>-<hash>.json.
type tableFile struct {
	S string `json:"s"` // entries of the shards
}

// An entry is a key of a table (root's or a shard table's) and the hash
// of its file.
type entry struct{ key, hash string }

// encodeEntries returns entries (sorted by key) as a table lists them:
// each key followed by its hash, one space apart.
func encodeEntries(es []entry) string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(e.key + e.hash)
	}
	return b.String()
}

// parseEntries reads what encodeEntries writes.
func parseEntries(s string) ([]entry, error) {
	var es []entry
	for _, f := range strings.Split(s, " ") {
		if len(f) < hashLen {
			return nil, fmt.Errorf("entry %q has no hash", f)
		}
		es = append(es, entry{f[:len(f)-hashLen], f[len(f)-hashLen:]})
	}
	return es, nil
}

// marshal returns v as JSON without HTML escapes or a final newline:
// the files are fetched by a script, never inlined into a page.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("search: encode index: %w", err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// hashOf returns the first hashLen base64url characters of SHA-256(b).
func hashOf(b []byte) string {
	sum := sha256.Sum256(b)
	return base64.RawURLEncoding.EncodeToString(sum[:])[:hashLen]
}

// keyedName returns dir<key spelled for a file name>-<h>.json.
func keyedName(dir, key, h string) string {
	return dir + fileKey(key) + "-" + h + ".json"
}

// hashedName returns dir/stem-<hash of b>.json, so that a file keeps its
// name as long as its bytes stay the same.
func hashedName(dir, stem string, b []byte) string {
	return dir + stem + "-" + hashOf(b) + ".json"
}

// An item is one key of the shards' "w" or "p", with the bytes it adds.
type item struct {
	word  string
	stem  string // its stem when word is a surface word, else ""
	list  *postingList
	bytes int // of `"word":…` in "w" and in "p", each with its comma
}

// writeShards cuts the index into shards of about limit bytes and their
// list into shard tables, adds their files and returns root's "shards".
func writeShards(ctx context.Context, ix *index, limit int, files map[string][]byte) (string, error) {
	items := shardItems(ix)
	keys := shardKeys(items, limit)
	groups := make(map[string][]item, len(keys))
	for _, it := range items {
		k := shardOf(keys, it.word)
		groups[k] = append(groups[k], it)
	}
	var shards []entry
	for _, k := range keys {
		if k != "" && len(groups[k]) == 0 {
			continue // no word needs it: a lookup falls back to a shorter key
		}
		if err := ctx.Err(); err != nil {
			return "", err
		}
		b := encodeShard(groups[k])
		e := entry{k, hashOf(b)}
		files["search/"+keyedName("s/", e.key, e.hash)] = b
		shards = append(shards, e)
	}
	// Tables scale with the shards, so that tests of small shards meet
	// many tables too.
	return writeTables(shards, max(1, limit*maxTableBytes/maxShardBytes), files)
}

// writeTables cuts the list of shards (sorted) into tables of about
// limit bytes, as shardKeys cuts words into shards, adds their files
// and returns root's entries of them. A table whose key no shard has
// also lists the shard of its key, so that every word finds its shard
// in the table of the longest table key that is a prefix of it.
func writeTables(shards []entry, limit int, files map[string][]byte) (string, error) {
	items := make([]item, len(shards))
	have := make([]string, len(shards))
	for i, e := range shards {
		items[i] = item{word: e.key, bytes: len(e.key) + hashLen + 1}
		have[i] = e.key
	}
	keys := shardKeys(items, limit)
	groups := make(map[string][]entry, len(keys))
	for _, e := range shards {
		k := shardOf(keys, e.key)
		groups[k] = append(groups[k], e)
	}
	var tables []entry
	for _, k := range keys {
		es := groups[k]
		if k != "" && len(es) == 0 {
			continue
		}
		if len(es) == 0 || es[0].key != k {
			i, _ := slices.BinarySearch(have, shardOf(have, k))
			es = append([]entry{shards[i]}, es...)
		}
		b, err := marshal(tableFile{encodeEntries(es)})
		if err != nil {
			return "", err
		}
		e := entry{k, hashOf(b)}
		files["search/"+keyedName("t/", e.key, e.hash)] = b
		tables = append(tables, e)
	}
	return encodeEntries(tables), nil
}

// shardItems returns every surface word, stem and filter term in byte
// order, with its encoded size.
func shardItems(ix *index) []item {
	byWord := make(map[string]*item, len(ix.surfaces)+len(ix.postings))
	get := func(w string) *item {
		it := byWord[w]
		if it == nil {
			it = &item{word: w}
			byWord[w] = it
		}
		return it
	}
	for w, s := range ix.surfaces {
		it := get(w)
		it.stem = s
		it.bytes += len(w) + 4 // "w":0,
		if s != w {
			it.bytes += len(s) + 1 // "w":"s",
		}
	}
	for t, l := range ix.postings {
		it := get(t)
		it.list = l
		it.bytes += len(t) + 8 + len(strconv.Itoa(l.n)) + base64.RawURLEncoding.EncodedLen(len(l.buf)) // "t":[n,"…"],
	}
	items := make([]item, 0, len(byWord))
	for _, it := range byWord {
		items = append(items, *it)
	}
	slices.SortFunc(items, func(a, b item) int { return strings.Compare(a.word, b.word) })
	return items
}

// shardKeys returns the shard keys for items (sorted), in byte order.
// A shard over limit bytes whose key is shorter than maxKeyBytes (or
// is of filter terms, which share long prefixes such as "t:local-") gives
// its biggest ranges of one more character, biggest first, shards of
// their own (split again if need be) until what is left fits; so a few
// common words get shards of their own while rare ones share. Keys grow
// by whole characters so that each is valid UTF-8; "" is always a key.
func shardKeys(items []item, limit int) []string {
	var keys []string
	var split func(prefix string, items []item)
	split = func(prefix string, items []item) {
		keys = append(keys, prefix)
		size := shardBytes(items)
		if size <= limit || len(prefix) >= maxKeyBytes && !strings.Contains(prefix, ":") {
			return
		}
		type child struct {
			prefix string
			items  []item
			bytes  int
		}
		var children []child
		for i := 0; i < len(items); {
			rest := items[i].word[len(prefix):]
			if rest == "" {
				i++ // the word itself stays here
				continue
			}
			_, n := utf8.DecodeRuneInString(rest)
			next := prefix + rest[:n]
			j := i + 1
			for j < len(items) && strings.HasPrefix(items[j].word, next) {
				j++
			}
			children = append(children, child{next, items[i:j], shardBytes(items[i:j]) - shardBytes(nil)})
			i = j
		}
		slices.SortStableFunc(children, func(a, b child) int { return cmp.Compare(b.bytes, a.bytes) })
		for _, c := range children {
			if size <= limit {
				break
			}
			split(c.prefix, c.items)
			size -= c.bytes
		}
	}
	split("", items)
	slices.Sort(keys)
	return keys
}

// shardBytes returns the size of the shard file of items.
func shardBytes(items []item) int {
	n := len(`{"w":{},"p":{}}`)
	for _, it := range items {
		n += it.bytes
	}
	return n
}

// shardOf returns the longest key that is a prefix of word (keys sorted,
// holding "").
func shardOf(keys []string, word string) string {
	for n := len(word); n > 0; n-- {
		if _, ok := slices.BinarySearch(keys, word[:n]); ok {
			return word[:n]
		}
	}
	return ""
}

// fileKey spells a shard key for a file name: ASCII letters and digits
// as they are, other bytes as _xx (a key never holds "_").
func fileKey(k string) string {
	var b strings.Builder
	for i := 0; i < len(k); i++ {
		c := k[i]
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "_%02x", c)
		}
	}
	return b.String()
}

// encodeShard returns the shard file of items (in byte order). Keys are
// letters, digits and ':' only, so they need no JSON escapes.
func encodeShard(items []item) []byte {
	var b bytes.Buffer
	b.WriteString(`{"w":{`)
	first := true
	for _, it := range items {
		if it.stem == "" {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.WriteString(`"` + it.word + `":`)
		if it.stem == it.word {
			b.WriteByte('0')
		} else {
			b.WriteString(`"` + it.stem + `"`)
		}
	}
	b.WriteString(`},"p":{`)
	first = true
	for _, it := range items {
		if it.list == nil {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.WriteString(`"` + it.word + `":[` + strconv.Itoa(it.list.n) + `,"`)
		b.WriteString(base64.RawURLEncoding.EncodeToString(it.list.buf))
		b.WriteString(`"]`)
	}
	b.WriteString(`}}`)
	return b.Bytes()
}

// A record is what a result shows of a story.
type record struct {
	URL     string `json:"u"`
	Title   string `json:"t"`
	Dek     string `json:"d,omitempty"`
	Date    string `json:"a"`
	Byline  string `json:"b,omitempty"`
	Image   string `json:"i,omitempty"`
	Excerpt string `json:"x"`
}

// writeRecords adds the records files, named by the hash of their page,
// and returns root's names of them.
func writeRecords(ctx context.Context, docs []Doc, excerpts []string, files map[string][]byte) (recordPages, error) {
	pages := recordPages{Page: recordsPerPage}
	var hashes strings.Builder
	perPage := recordsPerPage * recordsPerFile
	for first := 0; first < len(docs); first += perPage {
		if err := ctx.Err(); err != nil {
			return recordPages{}, err
		}
		var page [][]byte
		for k := first / recordsPerFile; k*recordsPerFile < min(first+perPage, len(docs)); k++ {
			lo, hi := k*recordsPerFile, min((k+1)*recordsPerFile, len(docs))
			b, err := encodeRecords(docs[lo:hi], excerpts[lo:hi])
			if err != nil {
				return recordPages{}, err
			}
			page = append(page, b)
		}
		h := hashOf(bytes.Join(page, []byte("\n")))
		for i, b := range page {
			files["search/"+recordsName(first/recordsPerFile+i, h)] = b
		}
		hashes.WriteString(h)
	}
	pages.Hashes = hashes.String()
	return pages, nil
}

// encodeRecords returns the records file of docs, whose excerpts are
// excerpts.
func encodeRecords(docs []Doc, excerpts []string) ([]byte, error) {
	recs := make([]record, len(docs))
	for i, d := range docs {
		recs[i] = record{
			URL: d.URL, Title: d.Title, Dek: d.Dek, Date: d.Date.Format("2006-01-02"),
			Byline: d.Byline, Image: d.Image, Excerpt: excerpts[i],
		}
	}
	return marshal(recs)
}

// excerptOf returns the first excerptRunes characters of body, its spaces
// collapsed, cut at a word and ended with "…" when cut.
func excerptOf(body string) string {
	// Only the words of the excerpt, and one more, are folded: a body of
	// thousands of words costs no more than a short one.
	var b strings.Builder
	runes := 0
	for f := range strings.FieldsSeq(body) {
		if b.Len() > 0 {
			b.WriteByte(' ')
			runes++
		}
		b.WriteString(f)
		if runes += utf8.RuneCountInString(f); runes > excerptRunes {
			break
		}
	}
	body = b.String()
	if utf8.RuneCountInString(body) <= excerptRunes {
		return body
	}
	cut, n := 0, 0
	for i, r := range body {
		if r == ' ' {
			cut = i
		}
		if n == excerptRunes {
			break
		}
		n++
	}
	if cut == 0 { // one long word: cut inside it
		cut = len(string([]rune(body)[:excerptRunes]))
	}
	return strings.TrimRightFunc(body[:cut], func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) }) + " …"
}

// A facet counts the stories of one topic or author.
type facet struct {
	slug  string
	count int
	names map[string]int // display names seen, with their counts
}

// name returns the display name used most, the first in byte order of
// equals.
func (f *facet) name() string {
	best, n := "", 0
	for s, c := range f.names {
		if c > n || c == n && s < best {
			best, n = s, c
		}
	}
	return best
}

// writeFacets adds the facets file and returns its name.
func writeFacets(docs []Doc, files map[string][]byte) (string, error) {
	topics, authors := map[string]*facet{}, map[string]*facet{}
	sections, years := map[string]int{}, map[int]int{}
	count := func(m map[string]*facet, names []string) {
		seen := map[string]bool{}
		for _, n := range names {
			s := slug.Make(n)
			if s == "" || seen[s] {
				continue
			}
			seen[s] = true
			f := m[s]
			if f == nil {
				f = &facet{slug: s, names: map[string]int{}}
				m[s] = f
			}
			f.count++
			f.names[n]++
		}
	}
	for _, d := range docs {
		count(topics, d.Topics)
		count(authors, d.Authors)
		if d.Section != "" {
			sections[d.Section]++
		}
		years[d.Date.Year()]++
	}
	out := struct {
		Topics   [][3]any `json:"topics"`
		Authors  [][3]any `json:"authors"`
		Sections [][2]any `json:"sections"`
		Years    [][2]int `json:"years"`
	}{facetList(topics), facetList(authors), [][2]any{}, [][2]int{}}
	for _, s := range slices.Sorted(maps.Keys(sections)) {
		out.Sections = append(out.Sections, [2]any{s, sections[s]})
	}
	slices.SortStableFunc(out.Sections, func(a, b [2]any) int { return cmp.Compare(b[1].(int), a[1].(int)) })
	for _, y := range slices.Sorted(maps.Keys(years)) {
		out.Years = append(out.Years, [2]int{y, years[y]})
	}
	slices.Reverse(out.Years) // newest year first, as a reader scans them
	b, err := marshal(out)
	if err != nil {
		return "", err
	}
	name := hashedName("", "f", b)
	files["search/"+name] = b
	return name, nil
}

// facetList returns [name, slug, count] of the facets, the most stories
// first, then by name, at most maxFacets.
func facetList(m map[string]*facet) [][3]any {
	type row struct {
		name string
		f    *facet
	}
	rows := make([]row, 0, len(m))
	for _, f := range m {
		rows = append(rows, row{f.name(), f})
	}
	slices.SortFunc(rows, func(a, b row) int {
		return cmp.Or(cmp.Compare(b.f.count, a.f.count), strings.Compare(a.name, b.name), strings.Compare(a.f.slug, b.f.slug))
	})
	list := [][3]any{}
	for _, r := range rows[:min(len(rows), maxFacets)] {
		list = append(list, [3]any{r.name, r.f.slug, r.f.count})
	}
	return list
}

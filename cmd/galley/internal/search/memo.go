package search

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"hash"
	"hash/crc32"
	"io"
	"math"
	"sync"
)

// A Memo remembers what analysis found in each doc of an earlier build:
// the excerpt, and how many times each surface word (stop words left
// out) is in each field. Build, given one in Options.Memo, analyses
// only the docs whose Key it does not hold, and reads no other body.
// The index is the one a full analysis makes: a doc's impacts are
// worked out from its counts and this build's field lengths.
//
// Build writes the memo of the docs it indexes to Options.Record, in
// the order analysis ends them, each word spelled at its first use and
// numbered after (so that the bytes, unlike the index, vary from run
// to run):
//
//	"galley search memo 1\n" stamp
//	then per doc: key excerpt words
//	words: count, then per word: id<<1|new [word if new] fields count…
//
// where a string is its uvarint length and bytes, fields is a byte of
// the fields' bits, and a count follows for each bit set; then the
// CRC-32C of all before, big-endian, so that a damaged memo is not read.
type Memo struct {
	spelled []string          // the words, by number
	entries map[string][]byte // doc key → its excerpt and words
}

const memoMagic = "galley search memo 1\n"

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// ReadMemo returns the memo in data, which Build wrote with Options.Record
// and stamp, or nil if data is not one, or of another stamp: a memo of
// another version of Galley or another language is of no use. The memo
// keeps data.
func ReadMemo(data []byte, stamp string) *Memo {
	n := len(data) - 4
	if n < 0 || crc32.Checksum(data[:n], castagnoli) != binary.BigEndian.Uint32(data[n:]) {
		return nil
	}
	r := memoReader{b: data[:n]}
	if !r.prefix(memoMagic) || r.str() != stamp || r.bad {
		return nil
	}
	m := &Memo{entries: map[string][]byte{}}
	for len(r.b) > 0 {
		key := r.str()
		start := r.b
		r.skip() // the excerpt
		if !m.words(&r, true, func(wordCount) {}) {
			return nil
		}
		m.entries[key] = start[:len(start)-len(r.b)]
	}
	return m
}

// words reads the words of an entry from r, calling fn with each. With
// learn set, as ReadMemo reads the memo in order, it checks each and
// numbers the words spelled there; else it reads an entry so checked.
// It reports whether the words are well formed.
func (m *Memo) words(r *memoReader, learn bool, fn func(wordCount)) bool {
	for range r.uvarint() {
		if r.bad {
			return false
		}
		id := r.uvarint()
		n := id >> 1
		if id&1 == 1 { // spelled here, at its first use
			switch {
			case !learn:
				r.skip()
			case n != uint64(len(m.spelled)):
				return false // words are numbered as they are spelled
			default:
				m.spelled = append(m.spelled, r.str())
			}
		}
		if r.bad || n >= uint64(len(m.spelled)) {
			return false
		}
		wc := wordCount{word: m.spelled[n]}
		// A word is in one field at least, each with a count.
		fields := r.byte()
		if fields == 0 || fields >= 1<<numFields {
			return false
		}
		for f := range numFields {
			if fields&(1<<f) != 0 {
				c := r.uvarint()
				if c == 0 || c > math.MaxInt32 {
					return false
				}
				wc.n[f] = int32(c)
			}
		}
		fn(wc)
	}
	return !r.bad
}

// Len returns the number of docs the memo holds.
func (m *Memo) Len() int {
	if m == nil {
		return 0
	}
	return len(m.entries)
}

// lookup returns the excerpt and word counts remembered for key.
func (m *Memo) lookup(key string, counts []wordCount) (excerpt string, _ []wordCount, ok bool) {
	if m == nil || key == "" {
		return "", counts, false
	}
	entry, ok := m.entries[key]
	if !ok {
		return "", counts, false
	}
	r := memoReader{b: entry}
	excerpt = r.str()
	m.words(&r, false, func(wc wordCount) { counts = append(counts, wc) })
	return excerpt, counts, true
}

// A wordCount is a surface word's count in each field of a doc.
type wordCount struct {
	word string
	n    [numFields]int32
}

// A memoReader reads a memo's encoding; bad is set past its end.
type memoReader struct {
	b   []byte
	bad bool
}

func (r *memoReader) prefix(s string) bool {
	if !bytes.HasPrefix(r.b, []byte(s)) {
		return false
	}
	r.b = r.b[len(s):]
	return true
}

func (r *memoReader) uvarint() uint64 {
	x, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.bad, r.b = true, nil
		return 0
	}
	r.b = r.b[n:]
	return x
}

func (r *memoReader) byte() byte {
	if len(r.b) == 0 {
		r.bad = true
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *memoReader) str() string {
	return string(r.bytes())
}

func (r *memoReader) skip() { r.bytes() }

func (r *memoReader) bytes() []byte {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.bad, r.b = true, nil
		return nil
	}
	b := r.b[:n]
	r.b = r.b[n:]
	return b
}

// A memoWriter writes a memo as Build goes, one doc at a time, from any
// worker: a doc's words are written as soon as counted, and not held
// for the chunk. It stops at the first error, which Build does not
// report: a memo is only a shortcut, and the caller's writer knows the
// error.
type memoWriter struct {
	mu  sync.Mutex
	w   *bufio.Writer
	crc hash.Hash32
	ids map[string]uint64
	buf []byte
	err error
}

func newMemoWriter(w io.Writer, stamp string) *memoWriter {
	m := &memoWriter{w: bufio.NewWriterSize(w, 256<<10), crc: crc32.New(castagnoli), ids: map[string]uint64{}}
	m.buf = append(m.buf, memoMagic...)
	m.buf = appendString(m.buf, stamp)
	m.flush()
	return m
}

// doc writes the memo of one doc.
func (m *memoWriter) doc(key, excerpt string, words []wordCount) {
	if m == nil || key == "" {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err != nil {
		return
	}
	b := appendString(m.buf[:0], key)
	b = appendString(b, excerpt)
	b = binary.AppendUvarint(b, uint64(len(words)))
	for _, wc := range words {
		id, ok := m.ids[wc.word]
		if ok {
			b = binary.AppendUvarint(b, id<<1)
		} else {
			id = uint64(len(m.ids))
			m.ids[wc.word] = id
			b = binary.AppendUvarint(b, id<<1|1)
			b = appendString(b, wc.word)
		}
		var fields byte
		for f, n := range wc.n {
			if n > 0 {
				fields |= 1 << f
			}
		}
		b = append(b, fields)
		for _, n := range wc.n {
			if n > 0 {
				b = binary.AppendUvarint(b, uint64(n))
			}
		}
	}
	m.buf = b
	m.flush()
}

func (m *memoWriter) flush() {
	if m.err == nil {
		m.crc.Write(m.buf)
		_, m.err = m.w.Write(m.buf)
	}
}

// close writes the checksum and what is buffered.
func (m *memoWriter) close() {
	if m == nil || m.err != nil {
		return
	}
	if _, m.err = m.w.Write(m.crc.Sum(nil)); m.err == nil {
		m.err = m.w.Flush()
	}
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

package search

import (
	"io"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxWordBytes is the longest token kept: longer ones are URLs, hashes
// or scripts written without spaces, which nobody types into a search box.
const maxWordBytes = 40

// Tokenize returns the surface words of text, in order: folded to
// lowercase letters without diacritics, split on everything but letters
// and digits (an apostrophe inside a word joins it), without tokens of
// one character or longer than 40 bytes. Stop words are kept: the index
// drops them by language, and Tokenize knows none.
func Tokenize(text string) []string {
	var words []string
	eachToken(text, func(w []byte) { words = append(words, string(w)) })
	return words
}

// eachToken calls yield with each surface word of text, in order. The
// word's bytes are valid only until yield returns: the index looks most
// words up in maps and never needs a string of them.
func eachToken(text string, yield func([]byte)) {
	var t tokenizer
	t.each(text, yield)
}

// A tokenizer splits texts into surface words. The zero tokenizer is
// ready; one kept from text to text (one per analysis worker) keeps its
// buffers.
type tokenizer struct {
	buf        []byte // the token so far, folded
	runes      int    // in buf
	apostrophe bool   // an apostrophe followed the last letter
	it         *norm.Iter
}

// each calls yield with each surface word of text, as eachToken does.
//
// ASCII is its own NFKD and a boundary of normalization (no mark
// reorders across it), so each reads runs of ASCII bytes itself and
// hands only the runs of other bytes to a norm.Iter: most news text
// never touches the normalization tables. eachTokenNFKD is the plain
// definition, which FuzzTokenizePaths holds this to.
func (t *tokenizer) each(text string, yield func([]byte)) {
	t.buf, t.runes, t.apostrophe = t.buf[:0], 0, false
	normalizing := false // t.it reads text
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case isWordByte(c):
			// A run of lowercase letters and digits, copied at once.
			j := i + 1
			for j < len(text) && isWordByte(text[j]) {
				j++
			}
			t.buf = append(t.buf, text[i:j]...)
			t.runes += j - i
			t.apostrophe = false
			i = j
		case c < utf8.RuneSelf:
			t.ascii(c, yield)
			i++
		default:
			if t.it == nil {
				t.it = new(norm.Iter)
			}
			if !normalizing {
				t.it.InitString(norm.NFKD, text)
				normalizing = true
			}
			i = t.normalized(text, i, yield)
		}
	}
	t.flush(yield)
}

// normalized takes the text of t.it from byte i, which is not ASCII, up
// to the next ASCII byte between two segments (from where the text
// normalizes alone), and returns that byte's position.
func (t *tokenizer) normalized(text string, i int, yield func([]byte)) int {
	// Seek fails only for a negative position. It starts a segment as
	// the iterator would after an ASCII byte: nothing carries across.
	_, _ = t.it.Seek(int64(i), io.SeekStart)
	for {
		t.segment(t.it.Next(), yield)
		if t.it.Done() {
			return len(text)
		}
		if p := t.it.Pos(); text[p] < utf8.RuneSelf {
			return p
		}
	}
}

// isWordByte reports whether c is an ASCII byte that Tokenize keeps as
// it is: a lowercase letter or a digit.
func isWordByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

// eachTokenNFKD is eachToken with all of text through one norm.Iter:
// slower, and the reference that eachToken must agree with.
func eachTokenNFKD(text string, yield func([]byte)) {
	var t tokenizer
	var it norm.Iter
	it.InitString(norm.NFKD, text)
	for !it.Done() {
		t.segment(it.Next(), yield)
	}
	t.flush(yield)
}

// flush yields the token gathered, if it is one, and starts the next.
func (t *tokenizer) flush(yield func([]byte)) {
	if t.runes > 1 && len(t.buf) <= maxWordBytes {
		yield(t.buf)
	}
	t.buf, t.runes, t.apostrophe = t.buf[:0], 0, false
}

// ascii takes one ASCII byte of NFKD text.
func (t *tokenizer) ascii(c byte, yield func([]byte)) {
	switch {
	case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
	case c >= 'A' && c <= 'Z':
		c += 'a' - 'A'
	case c == '\'' && t.runes > 0 && !t.apostrophe:
		t.apostrophe = true
		return
	default:
		t.flush(yield)
		return
	}
	t.buf = append(t.buf, c)
	t.apostrophe = false
	t.runes++
}

// segment takes a segment of NFKD text, as norm.Iter returns it.
func (t *tokenizer) segment(seg []byte, yield func([]byte)) {
	for len(seg) > 0 {
		if c := seg[0]; c < utf8.RuneSelf {
			t.ascii(c, yield)
			seg = seg[1:]
			continue
		}
		r, n := utf8.DecodeRune(seg)
		seg = seg[n:]
		t.rune(r, yield)
	}
}

// rune takes one non-ASCII rune of NFKD text.
func (t *tokenizer) rune(r rune, yield func([]byte)) {
	switch {
	case unicode.Is(unicode.Mn, r):
		// The accents NFKD split off: "Bogotá" → "Bogota".
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		t.apostrophe = false
		r = unicode.ToLower(r)
		if s, ok := foldLetter(r); ok {
			t.buf = append(t.buf, s...)
			t.runes += utf8.RuneCountInString(s)
			return
		}
		t.buf = utf8.AppendRune(t.buf, r)
		t.runes++
	case r == '’' && t.runes > 0 && !t.apostrophe:
		// Joins only if a letter follows: "o’neill", not "dogs’ ".
		t.apostrophe = true
	default:
		t.flush(yield)
	}
}

// foldLetter spells the lowercase letters that NFKD does not decompose
// the way a reader types them without the key.
func foldLetter(r rune) (string, bool) {
	switch r {
	case 'ß':
		return "ss", true
	case 'æ':
		return "ae", true
	case 'ø':
		return "o", true
	case 'œ':
		return "oe", true
	case 'ł':
		return "l", true
	case 'đ':
		return "d", true
	}
	return "", false
}

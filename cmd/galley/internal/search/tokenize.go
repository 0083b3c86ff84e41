package search

import (
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
	var (
		buf        []byte
		runes      int
		apostrophe bool // an apostrophe followed the last letter
	)
	flush := func() {
		if runes > 1 && len(buf) <= maxWordBytes {
			yield(buf)
		}
		buf, runes, apostrophe = buf[:0], 0, false
	}
	var it norm.Iter
	it.InitString(norm.NFKD, text)
	for !it.Done() {
		seg := it.Next()
		for len(seg) > 0 {
			if c := seg[0]; c < utf8.RuneSelf { // most text: no tables
				seg = seg[1:]
				switch {
				case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
					buf = append(buf, c)
				case c >= 'A' && c <= 'Z':
					buf = append(buf, c+'a'-'A')
				case c == '\'' && runes > 0 && !apostrophe:
					apostrophe = true
					continue
				default:
					flush()
					continue
				}
				apostrophe = false
				runes++
				continue
			}
			r, n := utf8.DecodeRune(seg)
			seg = seg[n:]
			switch {
			case unicode.Is(unicode.Mn, r):
				// The accents NFKD split off: "Bogotá" → "Bogota".
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				apostrophe = false
				r = unicode.ToLower(r)
				if s, ok := foldLetter(r); ok {
					buf = append(buf, s...)
					runes += utf8.RuneCountInString(s)
					continue
				}
				buf = utf8.AppendRune(buf, r)
				runes++
			case (r == '\'' || r == '’') && runes > 0 && !apostrophe:
				// Joins only if a letter follows: "o’neill", not "dogs’ ".
				apostrophe = true
			default:
				flush()
			}
		}
	}
	flush()
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

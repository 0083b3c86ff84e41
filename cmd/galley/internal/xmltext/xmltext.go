// Package xmltext makes text fit for XML 1.0, whose Char production
// leaves out most control characters: one form feed pasted from a word
// processor into a story would otherwise make its feed ill-formed for
// every subscriber. The feeds and the sitemaps both write through it, so
// a title reads the same in each.
package xmltext

import (
	"strings"
	"unicode/utf8"
)

// Clean returns s without the characters XML 1.0 forbids. The vertical
// tab and form feed a word processor leaves for a line or page break
// become spaces, so that words stay apart; other control characters and
// the noncharacters U+FFFE and U+FFFF are dropped; bytes that are not
// UTF-8 become U+FFFD, as encoding/xml writes them. Tab, newline and
// carriage return stay.
func Clean(s string) string {
	if xmlSafe(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			b.WriteRune(utf8.RuneError)
		case r == '\v' || r == '\f':
			b.WriteByte(' ')
		case forbiddenRune(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// xmlSafe reports whether s is valid UTF-8 with no character XML 1.0
// forbids, the common case, which Clean returns without copying.
func xmlSafe(s string) bool { return Index(s) < 0 }

// Index returns the byte offset of the first character of s that XML 1.0
// forbids (or of a byte that is not UTF-8), or -1 if there is none.
func Index(s string) int {
	for i, r := range s {
		if r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") || forbiddenRune(r) {
			return i
		}
	}
	return -1
}

// forbiddenRune reports whether XML 1.0's Char production leaves r out:
// the C0 controls other than tab, newline and carriage return, and
// U+FFFE and U+FFFF. (Surrogates cannot occur in a decoded Go string.)
func forbiddenRune(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF
}

// Package slug turns titles and names into URL path segments, and checks
// the ones written by hand.
//
// A slug that Galley makes is lowercase ASCII letters and digits in words
// joined by single hyphens ("election-a-paris"). Make transliterates Latin
// letters with diacritics, common ligatures, Greek and Cyrillic, so that a
// newsroom's headlines in any European language give readable URLs; Valid
// is the rule such slugs follow.
//
// A slug written in front matter, and the name of a content folder or
// file, may be any safe single path segment (Check): "2.10-release",
// "Überraschung" and "docs.v2" are good, so that a site moved from another
// generator keeps its URLs. Both rules guarantee that a slug can never
// leave the output folder.
package slug

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxLen is the longest slug Make returns; longer ones are cut at a hyphen.
const MaxLen = 80

// Make returns the slug of s, or "" when s holds no letter or digit that
// can be written in ASCII. A slug longer than MaxLen is cut at the last
// hyphen within it (mid-word only if its first word is longer).
func Make(s string) string {
	return Cut(words(s), MaxLen)
}

// words returns s as lowercase ASCII words joined by hyphens, whole.
func words(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pendingHyphen := false
	emit := func(word string) {
		if word == "" {
			return // a letter with no spelling (ь, ъ) joins nothing
		}
		if pendingHyphen && b.Len() > 0 {
			b.WriteByte('-')
		}
		pendingHyphen = false
		b.WriteString(word)
	}
	for _, r := range norm.NFKD.String(s) {
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			emit(string(r))
		case r >= 'A' && r <= 'Z':
			emit(string(r + ('a' - 'A')))
		case r == '\'' || r == '’' || unicode.Is(unicode.Mn, r):
			// Apostrophes join their word ("Venezuela’s" → "venezuelas"),
			// and combining marks are the accents NFKD split off.
		case r == '&':
			pendingHyphen = true
			emit("and")
			pendingHyphen = true
		case r == '+':
			pendingHyphen = true
			emit("plus")
			pendingHyphen = true
		default:
			if t, ok := translit[unicode.ToLower(r)]; ok {
				emit(t)
				continue
			}
			pendingHyphen = true
		}
	}
	return b.String()
}

// cut shortens slug to at most n bytes, at a hyphen where there is one.
// Cut shortens slug to at most n bytes, at its last hyphen within them
// where it has one.
func Cut(slug string, n int) string {
	if len(slug) <= n {
		return slug
	}
	if i := strings.LastIndexByte(slug[:n+1], '-'); i > 0 {
		return slug[:i]
	}
	return slug[:n]
}

// Valid reports whether s is a slug: one or more words of lowercase ASCII
// letters and digits joined by single hyphens, at most MaxLen bytes. Such a
// name has no dot, slash or percent sign, so it cannot name a path outside
// the folder it is joined to.
func Valid(s string) bool {
	if s == "" || len(s) > MaxLen || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// translit spells in ASCII the letters that NFKD does not decompose.
var translit = map[rune]string{
	'ß': "ss", 'æ': "ae", 'ø': "o", 'œ': "oe", 'đ': "d", 'ð': "d", 'þ': "th",
	'ł': "l", 'ı': "i", 'ŋ': "n", 'ħ': "h", 'ŧ': "t", 'ĸ': "k",
	// Greek
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i",
	'θ': "th", 'ι': "i", 'κ': "k", 'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x",
	'ο': "o", 'π': "p", 'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t", 'υ': "y",
	'φ': "f", 'χ': "ch", 'ψ': "ps", 'ω': "o",
	// Cyrillic
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e",
	'ж': "zh", 'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya", 'є': "ye",
	'і': "i", 'ї': "yi", 'ґ': "g",
}

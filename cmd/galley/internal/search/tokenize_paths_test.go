package search

import (
	"slices"
	"strings"
	"testing"
)

// tokens returns the words each of eachToken's paths gives for text.
func tokens(each func(string, func([]byte)), text string) []string {
	var words []string
	each(text, func(w []byte) { words = append(words, string(w)) })
	return words
}

// pathTexts are texts that cross between eachToken's ASCII path and
// its normalized one at every kind of place.
var pathTexts = []string{
	"",
	"plain ascii words, 2026 and UPPER Case",
	"Bogotá", "bogota\u0301", "e\u0301te\u0301 l'été", "ÉLECTION à Paris",
	"Straße æsir Œuvre ø ł đ", "ß", "aß", "ßa", "x ß y",
	"O’Neill o'neill dogs’ ’tis rock’n’roll", "a’’b", "l’été", "é’a", "a’é",
	"ﬁnance ２０２６ ﬁ", "Москва́ и Київ", "москва-2026", "Ǆemal ǅ İstanbul",
	"a" + strings.Repeat("\u0301", 40) + "b", // marks past the stream-safe limit
	"a" + strings.Repeat("\u0316\u0301", 20) + "b\u0301c",
	"x\u0301\u0316 y\u0316\u0301", "\u0301lead", "trail\u0301", "\u0301",
	"\ufdfa word", "w\ufdfa", // a decomposition of many segments
	"한국어 텍스트 abc한국", "日本語のテキスト and 中文", "ﷺ",
	"\xff", "ab\xffcd", "\xe2\x80", "é\xff", "\xffé", "caf\xc3", // invalid UTF-8
	strings.Repeat("a", 39) + "é " + strings.Repeat("é", 20) + " " + strings.Repeat("b", 40) + "\u0301",
	"covid-19 e-mail@example.org 3.5 per cent",
	"“quoted” — dash – and… ellipsis",
	"ǅemal's ﬂow”",
}

// TestTokenizePaths: eachToken reads ASCII itself and normalizes only
// the rest; it must give exactly what normalizing everything gives, or
// the index and the reader's queries would disagree about words.
func TestTokenizePaths(t *testing.T) {
	for _, text := range pathTexts {
		fast, plain := tokens(eachToken, text), tokens(eachTokenNFKD, text)
		if !slices.Equal(fast, plain) {
			t.Errorf("%q: eachToken = %q, eachTokenNFKD = %q", text, fast, plain)
		}
	}
	for _, d := range mixedDocs(50, 11) {
		for _, text := range []string{d.Title, d.Dek, d.Body, strings.Join(d.Topics, "\n")} {
			if fast, plain := tokens(eachToken, text), tokens(eachTokenNFKD, text); !slices.Equal(fast, plain) {
				t.Errorf("%q: eachToken = %q, eachTokenNFKD = %q", text, fast, plain)
			}
		}
	}
}

func FuzzTokenizePaths(f *testing.F) {
	for _, text := range pathTexts {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		fast, plain := tokens(eachToken, text), tokens(eachTokenNFKD, text)
		if !slices.Equal(fast, plain) {
			t.Errorf("%q: eachToken = %q, eachTokenNFKD = %q", text, fast, plain)
		}
	})
}

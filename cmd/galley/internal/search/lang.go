package search

import (
	"strings"
	"unicode"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/hungarian"
	"github.com/kljensen/snowball/norwegian"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
	"github.com/kljensen/snowball/swedish"
)

// A language stems words and knows their stop words. The zero language
// (no stemmer) keeps every word as it is: the index still works, only
// without "councils" finding "council".
type language struct {
	name string // the Snowball name written in root.json, or ""
	stem func(word string, stemStopWords bool) string
	stop map[string]bool
}

// languageOf returns the language of a site's language tag ("en-GB",
// "fr_CA", "es"), by its primary subtag, or the zero language for one
// that github.com/kljensen/snowball v0.10.0 cannot stem.
func languageOf(tag string) language {
	primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
	primary, _, _ = strings.Cut(primary, "_")
	switch primary {
	case "en":
		return languageNamed("english")
	case "es":
		return languageNamed("spanish")
	case "fr":
		return languageNamed("french")
	case "ru":
		return languageNamed("russian")
	case "sv":
		return languageNamed("swedish")
	case "no", "nb", "nn":
		return languageNamed("norwegian")
	case "hu":
		return languageNamed("hungarian")
	}
	return language{}
}

// languageNamed returns the language of a Snowball name ("english", as
// root.json records it), so that Search drops the stop words the index
// dropped; an unknown name is the zero language.
func languageNamed(name string) language {
	var (
		stem  func(string, bool) string
		words string
	)
	switch name {
	case "english":
		stem, words = english.Stem, stopEnglish
	case "spanish":
		stem, words = spanish.Stem, stopSpanish
	case "french":
		stem, words = french.Stem, stopFrench
	case "russian":
		stem, words = russian.Stem, stopRussian
	case "swedish":
		stem, words = swedish.Stem, stopSwedish
	case "norwegian":
		stem, words = norwegian.Stem, stopNorwegian
	case "hungarian":
		stem, words = hungarian.Stem, stopHungarian
	default:
		return language{}
	}
	stop := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		stop[w] = true
	}
	return language{name: name, stem: stem, stop: stop}
}

// isStop reports whether the surface word w is a stop word.
func (l language) isStop(w []byte) bool { return l.stop[string(w)] }

// stemOf returns the stem of the surface word w: its Snowball stem, or w
// itself for a language without a stemmer and for numbers, which no
// stemmer should touch ("1990s" is a word, "1990" a number).
func (l language) stemOf(w string) string {
	if l.stem == nil || allDigits(w) {
		return w
	}
	s := l.stem(w, true)
	if s == "" {
		return w
	}
	return s
}

// allDigits reports whether w is made of digits only.
func allDigits(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

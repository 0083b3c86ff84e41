package importer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Quotation marks, opening and closing.
const (
	openQuotes  = "“\"‘«„"
	closeQuotes = "”\"’»“"
)

// speechRE finds the verbs of an attribution ("Hegseth said …").
var speechRE = regexp.MustCompile(`(?i)\b(said|says|say|told|tells|added|adds|wrote|writes|asked|asks|stated|warned|noted|explained|insisted|replied|argued|according to|declared|claimed|recalled|conceded|acknowledged)\b`)

// joinTornQuotes puts quotations that the old layout tore out of their
// sentences back in:
//
//   - a sentence cut just before its quote ("… said it did not assist",
//     then "“to include intel support.”") is joined to the quote;
//   - a quote that ends in a comma ("“… our hemisphere,”") is joined to
//     its attribution ("Hegseth said earlier this month.").
func joinTornQuotes(blocks []string, st *Stats) []string {
	var out []string
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		for i+1 < len(blocks) && torn(b, blocks[i+1]) {
			b = b + " " + blocks[i+1]
			i++
			st.QuotesJoined++
		}
		out = append(out, b)
	}
	return out
}

// torn reports whether a and the block after it, b, are one sentence.
func torn(a, b string) bool {
	// "… said it did not assist" + "“to include …”". A quote that opens
	// in lower case goes on a sentence even after a short block; one that
	// opens in capitals may begin a paragraph under a subheading.
	if startsWithQuote(b) && !endsSentence(a) && (quoteOpensLower(b) || !headingShape(a)) {
		return true
	}
	// "“… hemisphere,”" + "Hegseth said …": no sentence ends in ,” so
	// whatever comes before, the attribution belongs to it.
	if endsQuotedClause(a) {
		first, _ := utf8.DecodeRuneInString(b)
		if unicode.IsLower(first) || len(strings.Fields(b)) <= 14 && speechRE.MatchString(b) {
			return true // "“… hemisphere,”" + "Hegseth said …"
		}
	}
	return false
}

// quoteOpensLower reports whether the quotation s starts with opens with
// a lower-case letter: "“to include intel support.”".
func quoteOpensLower(s string) bool {
	_, size := utf8.DecodeRuneInString(s)
	r, _ := utf8.DecodeRuneInString(s[size:])
	return unicode.IsLower(r)
}

func startsWithQuote(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune(openQuotes, r)
}

// endsQuotedClause reports whether s ends with a quotation that the
// sentence goes on after: ,” or ?” or !” or — ”.
func endsQuotedClause(s string) bool {
	r, size := utf8.DecodeLastRuneInString(s)
	if !strings.ContainsRune(closeQuotes, r) {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(s[:len(s)-size])
	return before == ',' || before == '—' || before == '–'
}

// endsSentence reports whether s ends as a sentence does, with or without
// a closing quote after the stop.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, closeQuotes+")]")
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…:", r)
}

// headingShape reports whether s is short and unpunctuated like a
// subheading, which must not swallow the quote that opens the next
// paragraph.
func headingShape(s string) bool {
	words := strings.Fields(s)
	if len(words) > 12 || len(s) > 100 {
		return false
	}
	last := words[len(words)-1]
	return !speechRE.MatchString(last) && !strings.HasSuffix(s, ",")
}

// isHeading reports whether a block is a subheading: one short line, not
// a sentence (no final stop, though a question mark is common), not a
// quotation, starting with a capital or digit.
func isHeading(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 14 || len(s) > 110 || startsWithQuote(s) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	switch {
	case last == '?':
		return strings.Count(s, "?") == 1 && !strings.ContainsAny(s, ".!")
	case strings.ContainsRune(".!,;:…"+closeQuotes, last):
		return false
	}
	return !strings.Contains(s, ". ")
}

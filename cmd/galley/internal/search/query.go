package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A query is a reader's search, parsed.
type query struct {
	words   []queryWord
	exclude []string // surface words whose stems a result must not have
	filters []string // filter terms a result must have ("t:local-news")
}

// A queryWord is one word a result should have.
type queryWord struct {
	text   string // surface word, folded
	phrase bool   // from a quoted phrase: must be in the title, dek or body
	prefix bool   // the last word, still being typed: also matches words it begins
}

// minPrefixRunes is the shortest last word that is expanded as a prefix:
// "co" would match half the dictionary.
const minPrefixRunes = 3

// parseQuery parses a reader's query. Unknown syntax is never an error:
// what is not an operator is words, and an unclosed quote runs to the end.
func parseQuery(text string, lang language) query {
	var q query
	type part struct {
		text   string
		quoted bool
	}
	var parts []part
	var cur strings.Builder
	quoted := false
	flush := func() {
		if cur.Len() > 0 || quoted {
			parts = append(parts, part{cur.String(), quoted})
		}
		cur.Reset()
	}
	for _, r := range text {
		switch {
		case r == '"' || r == '“' || r == '”' || r == '„':
			flush()
			quoted = !quoted
		case unicode.IsSpace(r) && !quoted:
			flush()
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	words := func(s string, phrase bool) {
		eachToken(s, func(w []byte) {
			if !lang.isStop(w) {
				q.words = append(q.words, queryWord{text: string(w), phrase: phrase})
			}
		})
	}
	last := -1 // index in q.words of the last plain word ending the query
	for i, p := range parts {
		switch {
		case p.quoted:
			words(p.text, true)
		case len(p.text) > 1 && p.text[0] == '-':
			eachToken(p.text[1:], func(w []byte) {
				if !lang.isStop(w) {
					q.exclude = append(q.exclude, string(w))
				}
			})
		case filterTerm(p.text) != "":
			q.filters = append(q.filters, filterTerm(p.text))
		default:
			n := len(q.words)
			words(p.text, false)
			if i == len(parts)-1 && len(q.words) > n {
				last = len(q.words) - 1
			}
		}
	}
	if last >= 0 && last == len(q.words)-1 && endsInWord(text) && utf8.RuneCountInString(q.words[last].text) >= minPrefixRunes {
		q.words[last].prefix = true
	}
	return q
}

// filterTerm returns the filter term of an operator ("topic:local-news"
// → "t:local-news"), or "" if s is none. Topic, author and year values
// are slugs, lowercase ASCII; a section keeps its spelling.
func filterTerm(s string) string {
	operators := [...][2]string{{"topic:", "t:"}, {"author:", "a:"}, {"section:", "s:"}, {"year:", "y:"}}
	for _, op := range operators {
		if len(s) > len(op[0]) && strings.EqualFold(s[:len(op[0])], op[0]) {
			v := s[len(op[0]):]
			if op[1] != "s:" {
				v = strings.ToLower(v)
			}
			return op[1] + v
		}
	}
	return ""
}

// endsInWord reports whether text ends with a letter or digit (or an
// accent on one): the reader is still typing its last word.
func endsInWord(text string) bool {
	r, _ := utf8.DecodeLastRuneInString(text)
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

package search

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestParseQuery(t *testing.T) {
	w := func(s string) queryWord { return queryWord{text: s} }
	pre := func(s string) queryWord { return queryWord{text: s, prefix: true} }
	phr := func(s string) queryWord { return queryWord{text: s, phrase: true} }
	tests := []struct {
		in   string
		want query
	}{
		{"", query{}},
		{"council", query{words: []queryWord{pre("council")}}},
		{"council ", query{words: []queryWord{w("council")}}},
		{"barrier counc", query{words: []queryWord{w("barrier"), pre("counc")}}},
		{"barrier co", query{words: []queryWord{w("barrier"), w("co")}}}, // too short to expand
		{"the council of the", query{words: []queryWord{w("council")}}},  // stop words dropped; last is not a prefix
		{"council.", query{words: []queryWord{w("council")}}},            // punctuation ends the word
		{"Bogotá", query{words: []queryWord{pre("bogota")}}},             // folded
		{`"river barrier" vote`, query{words: []queryWord{phr("river"), phr("barrier"), pre("vote")}}},
		{`vote "river barrier`, query{words: []queryWord{w("vote"), phr("river"), phr("barrier")}}}, // unclosed quote
		{`vote “river barrier”`, query{words: []queryWord{w("vote"), phr("river"), phr("barrier")}}},
		{"council -flooding", query{words: []queryWord{w("council")}, exclude: []string{"flooding"}}},
		{"council -the", query{words: []queryWord{w("council")}}},
		{"- council", query{words: []queryWord{pre("council")}}}, // a lone minus is nothing
		{"covid-19", query{words: []queryWord{w("covid"), w("19")}}},
		{"topic:local-news author:Ana-Ruiz section:News year:2026 flood",
			query{words: []queryWord{pre("flood")}, filters: []string{"t:local-news", "a:ana-ruiz", "s:News", "y:2026"}}},
		{"TOPIC:Climate", query{filters: []string{"t:climate"}}},
		{"topic: flood", query{words: []queryWord{w("topic"), pre("flood")}}}, // no value: words
		{"flood year:2026", query{words: []queryWord{w("flood")}, filters: []string{"y:2026"}}},
		{"o’neill's", query{words: []queryWord{pre("oneills")}}},
	}
	lang := languageOf("en")
	for _, tt := range tests {
		if got := parseQuery(tt.in, lang); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseQuery(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"", "council", `"river barrier" -flood topic:x year:2026 counc`, `"""`, "-", "-\"x", "topic:", "a’’b", "\xff\xfe", strings.Repeat("ab ", 1000)} {
		f.Add(s)
	}
	lang := languageOf("en")
	f.Fuzz(func(t *testing.T, s string) {
		start := time.Now()
		q := parseQuery(s, lang)
		if d := time.Since(start); d > time.Second {
			t.Fatalf("parseQuery of %d bytes took %v", len(s), d)
		}
		if len(q.words)+len(q.exclude)+len(q.filters) > len(s) {
			t.Fatalf("%d terms from %d bytes", len(q.words)+len(q.exclude)+len(q.filters), len(s))
		}
		for i, w := range q.words {
			if w.text == "" || !utf8.ValidString(w.text) || lang.isStop([]byte(w.text)) {
				t.Fatalf("word %q", w.text)
			}
			if w.prefix && i != len(q.words)-1 {
				t.Fatalf("prefix word %q is not the last", w.text)
			}
		}
	})
}

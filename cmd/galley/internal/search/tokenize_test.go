package search

import (
	"slices"
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Bogotá", []string{"bogota"}},
		{"Straße", []string{"strasse"}},
		{"O’Neill said", []string{"oneill", "said"}},
		{"O'Neill", []string{"oneill"}},
		{"København", []string{"kobenhavn"}},
		{"covid-19", []string{"covid", "19"}},
		{"don't", []string{"dont"}},
		{"3.5 per cent", []string{"per", "cent"}}, // single characters drop
		{"Łódź Æsir Œuvre đak", []string{"lodz", "aesir", "oeuvre", "dak"}},
		{"ÉLECTION à Paris", []string{"election", "paris"}},
		{"the dogs’ bowls", []string{"the", "dogs", "bowls"}}, // a final apostrophe splits
		{"’tis 'quoted'", []string{"tis", "quoted"}},          // so does a first one
		{"rock’n’roll", []string{"rocknroll"}},
		{"a I x", nil},
		{"ﬁnance ２０２６", []string{"finance", "2026"}},   // NFKD compatibility forms
		{"Москва́ и Київ", []string{"москва", "киів"}}, // ї is і with a diaeresis
		{strings.Repeat("a", 40) + " " + strings.Repeat("b", 41), []string{strings.Repeat("a", 40)}},
		{"e-mail@example.org", []string{"mail", "example", "org"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := Tokenize(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStem(t *testing.T) {
	tests := []struct {
		lang, word, want string
	}{
		{"en", "councils", "council"},
		{"en-GB", "flooding", "flood"},
		{"en", "running", "run"},
		{"en", "1990", "1990"},
		{"es", "elecciones", "eleccion"},
		{"es-MX", "ciudades", "ciudad"},
		{"fr-CA", "gouvernements", "gouvern"},
		{"fr", "élections", "elect"},
		{"ru", "москвы", "москв"},
		{"sv", "kommunerna", "kommun"},
		{"nb", "kommunene", "kommun"},
		{"hu", "városok", "varos"}, // the folded surface word is stemmed
		{"de", "häuser", "hauser"}, // no German stemmer: the word itself
		{"", "councils", "councils"},
	}
	for _, tt := range tests {
		w := tt.word
		if toks := Tokenize(w); len(toks) == 1 {
			w = toks[0]
		}
		if got := languageOf(tt.lang).stemOf(w); got != tt.want {
			t.Errorf("stem(%s, %q) = %q, want %q", tt.lang, w, got, tt.want)
		}
	}
}

func TestLanguageName(t *testing.T) {
	tests := map[string]string{"en": "english", "EN-gb": "english", "es_ES": "spanish", "fr-CA": "french",
		"ru": "russian", "sv-SE": "swedish", "nn": "norwegian", "hu": "hungarian", "de": "", "": "", "xx-yy": ""}
	for tag, want := range tests {
		if got := languageOf(tag).name; got != want {
			t.Errorf("languageOf(%q).name = %q, want %q", tag, got, want)
		}
	}
}

func TestStopWords(t *testing.T) {
	tests := []struct {
		lang, word string
		stop       bool
	}{
		{"en", "the", true},
		{"en", "yourselves", true},
		{"en", "council", false},
		{"es", "mas", true},  // "más", folded
		{"es", "esta", true}, // "está" and "esta"
		{"fr", "ete", true},  // "été"
		{"fr", "conseil", false},
		{"sv", "och", true},
		{"hu", "altal", true}, // "által"
		{"ru", "когда", true},
		{"de", "und", false}, // no list: every word is indexed
		{"", "the", false},
	}
	for _, tt := range tests {
		if got := languageOf(tt.lang).isStop([]byte(tt.word)); got != tt.stop {
			t.Errorf("isStop(%s, %q) = %v, want %v", tt.lang, tt.word, got, tt.stop)
		}
	}
	// Every list is as Tokenize folds it, or a stop word would be indexed.
	for _, l := range []string{"english", "spanish", "french", "russian", "swedish", "norwegian", "hungarian"} {
		lang := languageNamed(l)
		if len(lang.stop) < 100 {
			t.Errorf("%s: %d stop words, want the Snowball list", l, len(lang.stop))
		}
		for w := range lang.stop {
			if toks := Tokenize(w); len(toks) != 1 || toks[0] != w {
				t.Errorf("%s stop word %q tokenizes to %q", l, w, toks)
			}
		}
	}
}

package xmltext

import (
	"bytes"
	"encoding/xml"
	"testing"
)

const forbidden = "a\vb\fc\x00d\x1be\uFFFEf\uFFFFg\xffh"

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"plain":         "plain",
		"tab\tnl\ncr\r": "tab\tnl\ncr\r",
		forbidden:       "a b cdefg\uFFFDh",
		"\uFFFD kept":   "\uFFFD kept",
	} {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"", "plain", forbidden, "tab\tnl\ncr\r", "\uFFFD", "\xff\xfe", "a\u0085b\u00a0c", "\U0001F600"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Clean(s)
		if bad := Index(got); bad >= 0 {
			t.Fatalf("Clean(%q) = %q, forbidden character at %d", s, got, bad)
		}
		if again := Clean(got); again != got {
			t.Fatalf("Clean is not idempotent: %q then %q", got, again)
		}
		if Index(s) < 0 && got != s {
			t.Fatalf("Clean changed allowed text %q to %q", s, got)
		}
		var b bytes.Buffer
		b.WriteString("<a>")
		xml.EscapeText(&b, []byte(got))
		b.WriteString("</a>")
		if err := xml.Unmarshal(b.Bytes(), new(struct {
			S string `xml:",chardata"`
		})); err != nil {
			t.Fatalf("escaped %q is not well-formed: %v", got, err)
		}
	})
}

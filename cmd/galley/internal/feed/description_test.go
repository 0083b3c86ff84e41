package feed

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"galley.dev/galley/cmd/galley/internal/xmltext"
)

// deks are plain-text descriptions as editors write them: with the
// characters HTML and XML treat specially, and text that looks like
// markup or a character reference but is meant as written.
var deks = []string{
	"Law & Order",
	"O'Brien says \"no\"",
	"AT&T and Q&A; R&D",
	"5 > 3 and 2 < 4",
	"Tags like <b>bold</b> stay text",
	"&copy; and &amp; as typed",
	"A < b, & c; <3",
}

// htmlText is the text a reader shows for s read as HTML.
func htmlText(t *testing.T, s string) string {
	t.Helper()
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return b.String()
}

// TestRSSDescriptionText reads each dek back with gofeed, as a reader's
// app does. The channel's and each item's description, which many
// readers show as HTML, read back as written when the dek holds no
// markup (never as "Law &amp; Order"), and show as written when read as
// HTML: a "<b>" typed in a name stays text, in every reader.
func TestRSSDescriptionText(t *testing.T) {
	for _, dek := range deks {
		t.Run(dek, func(t *testing.T) {
			ch := channel
			ch.Description = dek
			its := []Item{{Title: "A", URL: "https://ex.org/a/", Summary: dek, Published: t1, Updated: t1}}
			data := render(t, func(b *bytes.Buffer) error { return RSS(b, ch, its) })
			if !looksLikeMarkup(dek) && (bytes.Contains(data, []byte("&amp;amp;")) || bytes.Contains(data, []byte("&amp;#"))) {
				t.Errorf("escaped twice: %s", data)
			}
			parsed, err := gofeed.NewParser().ParseString(string(data))
			if err != nil {
				t.Fatal(err)
			}
			if text := htmlText(t, parsed.Description); text != dek {
				t.Errorf("channel description %q shows as %q, want %q", parsed.Description, text, dek)
			}
			if !looksLikeMarkup(dek) && parsed.Description != dek {
				t.Errorf("channel description %q, want %q as written", parsed.Description, dek)
			}
			got := parsed.Items[0].Description
			if text := htmlText(t, got); text != dek {
				t.Errorf("item description %q shows as %q, want %q", got, text, dek)
			}
			if !looksLikeMarkup(dek) && got != dek {
				t.Errorf("item description %q, want %q as written", got, dek)
			}
		})
	}
}

// looksLikeMarkup reports whether a dek holds a tag or a character
// reference, which must be escaped in HTML.
func looksLikeMarkup(s string) bool {
	return strings.Contains(s, "<b>") || strings.Contains(s, "&copy;") || strings.Contains(s, "&amp;")
}

// TestChannelDescriptionEveryFormat checks the channel's description in
// Atom and JSON Feed reads back as written too.
func TestChannelDescriptionEveryFormat(t *testing.T) {
	for _, f := range formats {
		for _, dek := range deks {
			ch := channel
			ch.Description = dek
			data := render(t, func(b *bytes.Buffer) error { return f.write(b, ch, nil) })
			parsed, err := gofeed.NewParser().ParseString(string(data))
			if err != nil {
				t.Fatal(err)
			}
			got := parsed.Description
			if f.name == "feed.xml" {
				got = htmlText(t, got) // shown as HTML: see TestRSSDescriptionText
			}
			if got != dek {
				t.Errorf("%s: channel description %q, want %q", f.name, got, dek)
			}
		}
	}
}

// FuzzEscapeHTML checks that any dek shows exactly as written when a
// reader renders the item's description as HTML, and that text with
// nothing HTML would read as markup is left as typed.
func FuzzEscapeHTML(f *testing.F) {
	for _, d := range deks {
		f.Add(d)
	}
	f.Add("&#x1F600; &#128512 &notit; &amp &AMP; &CounterClockwiseContourIntegral;")
	f.Add("</ p> <!-- x --> <?php ?> <a href=x>")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsAny(s, "\x00\r") || xmltext.Index(s) >= 0 {
			return // HTML itself rewrites these; xmltext.Clean removes the last
		}
		got := escapeHTML(s)
		if text := htmlText(t, got); text != s {
			t.Fatalf("escapeHTML(%q) = %q, which shows as %q", s, got, text)
		}
		if !strings.ContainsAny(s, "<&") && got != s {
			t.Fatalf("escapeHTML(%q) = %q, want it unchanged", s, got)
		}
	})
}

// BenchmarkEscapeHTML shows escapeHTML linear in the dek's length, for
// text full of "&" and "&#", which a check reading to the end of the
// text from each would make quadratic: ×4 the input, ×4 the time.
func BenchmarkEscapeHTML(b *testing.B) {
	for _, n := range []int{1000, 4000} {
		s := strings.Repeat("&#&x&amp<a ", n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				escapeHTML(s)
			}
		})
	}
}

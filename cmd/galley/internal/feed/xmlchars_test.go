package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"galley.dev/galley/cmd/galley/internal/xmltext"
)

// forbidden holds characters XML 1.0 does not allow, as a word processor
// or a broken import leaves them in text: a vertical tab, a form feed,
// NUL, ESC, the noncharacters U+FFFE and U+FFFF, and a byte that is not
// UTF-8.
const forbidden = "a\vb\fc\x00d\x1be\uFFFEf\uFFFFg\xffh"

// wellFormed parses data strictly as XML 1.0, as a feed reader's parser
// does, and fails on any character outside the XML character range.
func wellFormed(t *testing.T, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	for {
		_, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("ill-formed XML: %v\n%q", err, data)
		}
	}
	if bad := xmltext.Index(string(data)); bad >= 0 {
		t.Fatalf("output holds a character XML 1.0 forbids at byte %d: %q", bad, data)
	}
	for _, ref := range []string{"&#x0;", "&#x1b;", "&#xB;", "&#xb;", "&#xC;", "&#xc;", "&#11;", "&#12;", "&#xFFFE;", "&#xFFFF;"} {
		if bytes.Contains(bytes.ToLower(data), []byte(strings.ToLower(ref))) {
			t.Fatalf("output holds the forbidden reference %s: %q", ref, data)
		}
	}
}

// fill sets every string reachable from v (fields, slices, pointers) to
// s, so that a field added later is covered without editing this test.
func fill(v reflect.Value, s string) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + s)
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		fill(v.Elem(), s)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), s)
			}
		}
	case reflect.Slice:
		if v.Len() == 0 {
			v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		}
		for i := range v.Len() {
			fill(v.Index(i), s)
		}
	}
}

// TestForbiddenCharacters writes feeds whose every text, from the title
// to the image credit and the full content, holds characters XML 1.0
// forbids, and reads them back strictly and with gofeed: one pasted form
// feed must not break every subscriber's feed.
func TestForbiddenCharacters(t *testing.T) {
	cases := []struct {
		name  string
		ch    Channel
		items []Item
	}{
		{"title", channel, []Item{{Title: "Harbour\vbarrier", URL: "https://ex.org/a/", Published: t1}}},
		{"dek", channel, []Item{{Title: "A", URL: "https://ex.org/a/", Summary: "Dek\fwith a page break", Published: t1}}},
		{"body", channel, []Item{{Title: "A", URL: "https://ex.org/a/", ContentHTML: "<p>Pasted\vfrom\fWord\x00\x1b[0m</p>", Published: t1}}},
		{"noncharacters", channel, []Item{{Title: "A\uFFFE", URL: "https://ex.org/a/", ContentHTML: "<p>x\uFFFFy</p>", Published: t1}}},
		{"author", channel, []Item{{Title: "A", URL: "https://ex.org/a/", Authors: []Author{{Name: "Ana\vRuiz", URL: "https://ex.org/ana/"}}, Published: t1}}},
		{"topic", channel, []Item{{Title: "A", URL: "https://ex.org/a/", Categories: []string{"Cli\fmate"}, Published: t1}}},
		{"credit", channel, []Item{{Title: "A", URL: "https://ex.org/a/", Image: &Image{URL: "https://ex.org/a.jpg", Caption: "The\vharbour", Credit: "Ana\x1bRuiz/AP", Alt: "Bo\x00ats"}, Published: t1}}},
		{"channel", Channel{Title: "The\vTimes", Description: "News\f", Language: "en", Link: "https://ex.org/", SelfURL: "https://ex.org/feed.xml"}, items},
		{"not UTF-8", channel, []Item{{Title: "A\xff", URL: "https://ex.org/a/", ContentHTML: "<p>\xfe\xff</p>", Published: t1}}},
		{"every field", everyField(), []Item{everyItem()}},
	}
	for _, c := range cases {
		for _, f := range formats {
			t.Run(c.name+"/"+f.name, func(t *testing.T) {
				data := render(t, func(b *bytes.Buffer) error { return f.write(b, c.ch, c.items) })
				if f.name == "feed.json" {
					if !json.Valid(data) {
						t.Fatalf("invalid JSON: %q", data)
					}
				} else {
					wellFormed(t, data)
				}
				parsed, err := gofeed.NewParser().ParseString(string(data))
				if err != nil {
					t.Fatalf("gofeed: %v\n%q", err, data)
				}
				if len(parsed.Items) != len(c.items) {
					t.Fatalf("%d items, want %d", len(parsed.Items), len(c.items))
				}
			})
		}
	}
}

func everyField() Channel {
	var ch Channel
	fill(reflect.ValueOf(&ch).Elem(), forbidden)
	return ch
}

func everyItem() Item {
	var it Item
	fill(reflect.ValueOf(&it).Elem(), forbidden)
	return it
}

// TestForbiddenCharactersReadable checks what a reader sees: the breaks a
// word processor leaves become spaces, other forbidden characters go, and
// the rest of the text stays as written.
func TestForbiddenCharactersReadable(t *testing.T) {
	ch := Channel{Title: "T", Link: "https://ex.org/", SelfURL: "https://ex.org/feed.xml"}
	in := []Item{{Title: "Harbour\vbarrier\f approved\x00\x1b\uFFFE\uFFFF", URL: "https://ex.org/a/", Summary: "tab\tand\nnewline stay; \uFFFD too", ContentHTML: "<p>Pasted\vfrom Word</p>", Published: t1,
		Authors: []Author{{Name: "Ana\vRuiz"}}, Categories: []string{"Cli\x00mate"}}}
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			data := render(t, func(b *bytes.Buffer) error { return f.write(b, ch, in) })
			parsed, err := gofeed.NewParser().ParseString(string(data))
			if err != nil {
				t.Fatalf("gofeed: %v\n%q", err, data)
			}
			got := parsed.Items[0]
			if got.Title != "Harbour barrier  approved" {
				t.Errorf("title %q", got.Title)
			}
			if !strings.Contains(got.Content, "Pasted from Word") {
				t.Errorf("content %q", got.Content)
			}
			if got.Description != "tab\tand\nnewline stay; \uFFFD too" {
				t.Errorf("description %q", got.Description)
			}
			if len(got.Authors) != 1 || got.Authors[0].Name != "Ana Ruiz" {
				t.Errorf("authors %q", authorNames(got.Authors))
			}
			if len(got.Categories) != 1 || got.Categories[0] != "Climate" {
				t.Errorf("categories %q", got.Categories)
			}
		})
	}
	// The caller's values are left as they were.
	if in[0].Authors[0].Name != "Ana\vRuiz" || in[0].Categories[0] != "Cli\x00mate" {
		t.Errorf("the caller's items were changed: %+v", in[0])
	}
}

func authorNames(ps []*gofeed.Person) []string {
	var names []string
	for _, p := range ps {
		names = append(names, p.Name)
	}
	return names
}

// walkStrings calls f with every string reachable from v.
func walkStrings(v reflect.Value, f func(string)) {
	switch v.Kind() {
	case reflect.String:
		f(v.String())
	case reflect.Pointer:
		if !v.IsNil() {
			walkStrings(v.Elem(), f)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				walkStrings(v.Field(i), f)
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			walkStrings(v.Index(i), f)
		}
	}
}

// TestCleanEveryField fails when a string field is added to Channel or
// Item (or what they hold) and clean does not pass it through xmltext.Clean.
func TestCleanEveryField(t *testing.T) {
	ch, items := clean(everyField(), []Item{everyItem()})
	check := func(s string) {
		if bad := xmltext.Index(s); bad >= 0 {
			t.Errorf("clean left a forbidden character in %q", s)
		}
	}
	walkStrings(reflect.ValueOf(ch), check)
	walkStrings(reflect.ValueOf(items), check)
}

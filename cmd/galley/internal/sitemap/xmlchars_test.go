package sitemap

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

// wellFormed parses data strictly as XML 1.0, as a search engine's
// parser does, and fails on any character outside the XML character
// range, raw or as a reference.
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
	for i, r := range string(data) {
		if r == utf8.RuneError && !bytes.HasPrefix(data[i:], []byte("\uFFFD")) || r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			t.Fatalf("forbidden character %U at byte %d: %q", r, i, data)
		}
	}
}

// TestForbiddenCharacters puts characters XML 1.0 forbids in every text
// of a sitemap, a sitemap index and a news sitemap, and expects
// well-formed XML where a word processor's breaks read as spaces and the
// other forbidden characters are gone.
func TestForbiddenCharacters(t *testing.T) {
	const bad = "\v\f\x00\x1b\uFFFE\uFFFF"
	urls := []URL{
		{Loc: "https://ex.org/a/\x00", LastMod: day, Images: []Image{{Loc: "https://ex.org/a.jpg\x1b", Caption: "The\vharbour\f mouth" + bad}}},
		{Loc: "https://ex.org/b/\uFFFE", LastMod: day},
	}
	parts, index, err := Build(urls, Limits{MaxURLs: 1, MaxBytes: 1 << 20}, func(i int) string { return partURL(i) + "\f" })
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range append(parts, index) {
		wellFormed(t, p)
	}
	var set struct {
		URLs []struct {
			Loc    string `xml:"loc"`
			Images []struct {
				Caption string `xml:"caption"`
			} `xml:"image"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(parts[0], &set); err != nil {
		t.Fatal(err)
	}
	if got := set.URLs[0].Images[0].Caption; got != "The harbour  mouth  " {
		t.Errorf("caption %q, want the breaks as spaces and the rest dropped", got)
	}
	if got := set.URLs[0].Loc; got != "https://ex.org/a/" {
		t.Errorf("loc %q", got)
	}

	var b bytes.Buffer
	items := []NewsItem{{Loc: "https://ex.org/a/\x1b", Title: "Harbour\vbarrier" + bad, Published: day}}
	if err := News(&b, Publication{Name: "The\fTimes\x00", Language: "en\x00"}, items); err != nil {
		t.Fatal(err)
	}
	wellFormed(t, b.Bytes())
	if !strings.Contains(b.String(), "<news:title>Harbour barrier  </news:title>") || !strings.Contains(b.String(), "<news:name>The Times</news:name>") {
		t.Errorf("news sitemap: %s", b.Bytes())
	}
	b.Reset()
	if err := News(&b, Publication{Name: "T", Language: "en"}, nil); err != nil {
		t.Fatal(err)
	}
	wellFormed(t, b.Bytes())
}

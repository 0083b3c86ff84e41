package feed

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

var update = flag.Bool("update", false, "rewrite golden files")

var (
	t1 = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	t2 = time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	t3 = time.Date(2026, 11, 22, 8, 15, 0, 0, time.FixedZone("EST", -5*3600))
)

var channel = Channel{
	Title: "The Test & Times", Description: "News <for> tests", Language: "en",
	Link: "https://ex.org/", SelfURL: "https://ex.org/feed.xml", Updated: t3,
}

var items = []Item{
	{
		Title: "Harbour barrier approved", URL: "https://ex.org/news/harbour/", Summary: "Councillors vote 31 to 9.",
		ContentHTML: `<p>The council voted.</p><figure><img src="https://ex.org/news/harbour/a.jpg" alt="A"></figure>`,
		Published:   t3, Updated: t3,
		Authors:    []Author{{Name: "Ana Ruiz", URL: "https://ex.org/authors/ana-ruiz/"}},
		Categories: []string{"Climate", "Europe"},
		Image:      &Image{URL: "https://ex.org/news/harbour/harbour.jpg", Width: 1200, Height: 800, Caption: "The harbour mouth", Credit: "Ana Ruiz/AP", Alt: "Boats"},
	},
	{
		Title: "Two authors", URL: "https://ex.org/news/two/", Summary: "A dek.", ContentHTML: "<p>Body.</p>",
		Published: t1, Updated: t2,
		Authors:    []Author{{Name: "Ana Ruiz", URL: "https://ex.org/authors/ana-ruiz/"}, {Name: "Tom Berg", URL: "https://ex.org/authors/tom-berg/"}},
		Categories: []string{"Economy"},
	},
	{
		Title: `Tricky <script>alert(1)</script> & ]]> title`, URL: "https://ex.org/news/tricky/?a=1&b=2",
		Summary: `Summary with <b>markup</b> & ]]>`, ContentHTML: `<p>Content with ]]> and &amp; and &lt;script&gt;</p>`,
		Published: t1, Updated: t1,
	},
}

func render(t *testing.T, write func(*bytes.Buffer) error) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		os.MkdirAll("testdata", 0o755)
		os.WriteFile(path, got, 0o644)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update accepts it):\n%s", name, got)
	}
}

// formats lists each format with its file name.
var formats = []struct {
	name  string
	write func(w *bytes.Buffer, ch Channel, items []Item) error
}{
	{"feed.xml", func(w *bytes.Buffer, ch Channel, it []Item) error { return RSS(w, ch, it) }},
	{"atom.xml", func(w *bytes.Buffer, ch Channel, it []Item) error { return Atom(w, ch, it) }},
	{"feed.json", func(w *bytes.Buffer, ch Channel, it []Item) error { return JSON(w, ch, it) }},
}

// TestParse writes each format and reads it back with a third-party
// parser, as a reader's app would.
func TestParse(t *testing.T) {
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			data := render(t, func(b *bytes.Buffer) error { return f.write(b, channel, items) })
			golden(t, f.name, data)
			if again := render(t, func(b *bytes.Buffer) error { return f.write(b, channel, items) }); !bytes.Equal(data, again) {
				t.Error("two writes of one feed differ")
			}
			parsed, err := gofeed.NewParser().ParseString(string(data))
			if err != nil {
				t.Fatalf("gofeed: %v\n%s", err, data)
			}
			if parsed.Title != channel.Title || parsed.Link != channel.Link || parsed.Language != "en" && f.name != "atom.xml" {
				t.Errorf("channel = %q %q %q", parsed.Title, parsed.Link, parsed.Language)
			}
			if len(parsed.Items) != len(items) {
				t.Fatalf("%d items, want %d", len(parsed.Items), len(items))
			}
			for i, want := range items {
				got := parsed.Items[i]
				if title := got.Title; title != want.Title {
					t.Errorf("item %d title %q, want %q", i, title, want.Title)
				}
				if got.Link != want.URL || got.GUID != want.URL {
					t.Errorf("item %d link %q guid %q, want %q", i, got.Link, got.GUID, want.URL)
				}
				if got.PublishedParsed == nil || !got.PublishedParsed.Equal(want.Published) {
					t.Errorf("item %d published %v, want %v", i, got.PublishedParsed, want.Published)
				}
				if got.UpdatedParsed == nil || !got.UpdatedParsed.Equal(want.Updated) {
					t.Errorf("item %d updated %v, want %v", i, got.UpdatedParsed, want.Updated)
				}
				if got.Content != want.ContentHTML {
					t.Errorf("item %d content %q, want %q", i, got.Content, want.ContentHTML)
				}
				var authors []string
				for _, a := range got.Authors {
					authors = append(authors, a.Name)
				}
				if f.name == "feed.xml" {
					authors = nil
					if got.DublinCoreExt != nil {
						authors = got.DublinCoreExt.Creator
					}
				}
				var wantAuthors []string
				for _, a := range want.Authors {
					wantAuthors = append(wantAuthors, a.Name)
				}
				if strings.Join(authors, ",") != strings.Join(wantAuthors, ",") {
					t.Errorf("item %d authors %v, want %v", i, authors, wantAuthors)
				}
				if strings.Join(got.Categories, ",") != strings.Join(want.Categories, ",") {
					t.Errorf("item %d categories %v, want %v", i, got.Categories, want.Categories)
				}
				checkImage(t, f.name, i, got, want.Image)
			}
		})
	}
}

func checkImage(t *testing.T, format string, i int, got *gofeed.Item, want *Image) {
	t.Helper()
	var url, credit string
	switch format {
	case "feed.xml":
		if m := got.Extensions["media"]["content"]; len(m) > 0 {
			url = m[0].Attrs["url"]
			if c := m[0].Children["credit"]; len(c) > 0 {
				credit = c[0].Value
			}
		}
	case "atom.xml":
		for _, e := range got.Enclosures {
			url = e.URL
		}
	case "feed.json":
		if got.Image != nil {
			url = got.Image.URL
		}
	}
	if want == nil {
		if url != "" {
			t.Errorf("item %d has image %q, want none", i, url)
		}
		return
	}
	if url != want.URL {
		t.Errorf("item %d image %q, want %q", i, url, want.URL)
	}
	if format == "feed.xml" && credit != want.Credit {
		t.Errorf("item %d media:credit %q, want %q", i, credit, want.Credit)
	}
}

func TestRSSSelfLink(t *testing.T) {
	data := string(render(t, func(b *bytes.Buffer) error { return RSS(b, channel, items) }))
	for _, want := range []string{
		`<atom:link href="https://ex.org/feed.xml" rel="self" type="application/rss+xml"></atom:link>`,
		`xmlns:dc="http://purl.org/dc/elements/1.1/"`, `<lastBuildDate>Sun, 22 Nov 2026 08:15:00 -0500</lastBuildDate>`,
	} {
		if !strings.Contains(data, want) {
			t.Errorf("RSS lacks %s", want)
		}
	}
	if strings.Contains(data, "<author>") {
		t.Error("RSS <author> wants an email address; authors belong in dc:creator")
	}
}

func TestJSONFeedRequiredFields(t *testing.T) {
	for _, its := range [][]Item{items, nil} {
		data := render(t, func(b *bytes.Buffer) error { return JSON(b, channel, its) })
		var f map[string]any
		if err := json.Unmarshal(data, &f); err != nil {
			t.Fatal(err)
		}
		if f["version"] != "https://jsonfeed.org/version/1.1" || f["title"] != channel.Title || f["feed_url"] != channel.SelfURL {
			t.Errorf("JSON Feed top level = %v", f)
		}
		list, ok := f["items"].([]any)
		if !ok || len(list) != len(its) {
			t.Fatalf("items = %v, want %d", f["items"], len(its))
		}
		for _, it := range list {
			if id, _ := it.(map[string]any)["id"].(string); id == "" {
				t.Errorf("item without id: %v", it)
			}
		}
	}
}

func TestEmptyFeeds(t *testing.T) {
	for _, f := range formats {
		data := render(t, func(b *bytes.Buffer) error {
			return f.write(b, Channel{Title: "Empty", Link: "https://ex.org/", SelfURL: "https://ex.org/" + f.name}, nil)
		})
		if _, err := gofeed.NewParser().ParseString(string(data)); err != nil {
			t.Errorf("%s: empty feed does not parse: %v", f.name, err)
		}
	}
}

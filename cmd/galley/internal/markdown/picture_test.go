package markdown

import (
	"bytes"
	"strings"
	"testing"
)

// TestConvertPictures checks that a local picture of the text is shown
// through its derivatives, as a <picture> in a figure and with a srcset
// inline, that a picture without derivatives stays as it was, and that
// a feed's copy (Abs) keeps only the <img>.
func TestConvertPictures(t *testing.T) {
	c := New(Options{})
	pictures := func(sitePath string) *Picture {
		if sitePath != "/news/story/map.jpg" {
			return nil
		}
		return &Picture{Src: "/_img/ab/map-1280.jpg", Srcset: "/_img/ab/map-640.jpg 640w, /_img/ab/map-1280.jpg 1280w", Width: 2000, Height: 1000,
			Sources: []PictureSource{{Type: "image/webp", Srcset: "/_img/ab/map-640.webp 640w, /_img/ab/map-1280.webp 1280w"}}}
	}
	tests := []struct{ name, src, want, feed string }{
		{"figure", `![The districts](map.jpg "Where the vote swings")`,
			"<figure>\n<picture><source type=\"image/webp\" srcset=\"/_img/ab/map-640.webp 640w, /_img/ab/map-1280.webp 1280w\" sizes=\"" + BodySizes + "\"><img src=\"/_img/ab/map-1280.jpg\" srcset=\"/_img/ab/map-640.jpg 640w, /_img/ab/map-1280.jpg 1280w\" sizes=\"" + BodySizes + "\" alt=\"The districts\" width=\"2000\" height=\"1000\" loading=\"lazy\" decoding=\"async\"></picture>\n<figcaption>Where the vote swings</figcaption>\n</figure>",
			"<figure>\n<img src=\"https://ex.org/_img/ab/map-1280.jpg\" alt=\"The districts\" width=\"2000\" height=\"1000\" loading=\"lazy\" decoding=\"async\">\n<figcaption>Where the vote swings</figcaption>\n</figure>"},
		{"inline", `A map: ![The districts](map.jpg) here.`,
			`<p>A map: <img src="/_img/ab/map-1280.jpg" alt="The districts" srcset="/_img/ab/map-640.jpg 640w, /_img/ab/map-1280.jpg 1280w" sizes="` + BodySizes + `" width="2000" height="1000" loading="lazy" decoding="async"> here.</p>`,
			`<p>A map: <img src="https://ex.org/_img/ab/map-1280.jpg" alt="The districts" width="2000" height="1000" loading="lazy" decoding="async"> here.</p>`},
		{"no derivatives", `![Other](other.jpg)`, `<p><img src="/news/story/other.jpg" alt="Other"></p>`, `<p><img src="https://ex.org/news/story/other.jpg" alt="Other"></p>`},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := c.ConvertPictures(&b, []byte(tt.src), "/news/story/", pictures); err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(b.String()); got != tt.want {
			t.Errorf("%s:\ngot  %s\nwant %s", tt.name, got, tt.want)
		}
		if got := strings.TrimSpace(string(Abs(b.Bytes(), "https://ex.org/"))); got != tt.feed {
			t.Errorf("%s, for a feed:\ngot  %s\nwant %s", tt.name, got, tt.feed)
		}
	}
}

// FuzzStripResponsive checks that stripping never grows a text nor
// leaves a srcset behind.
func FuzzStripResponsive(f *testing.F) {
	f.Add(`<picture><source type="image/webp" srcset="a 1w"><img src="a" srcset="a 1w" sizes="1px"></picture>`)
	f.Add(`<source srcset="unclosed`)
	f.Fuzz(func(t *testing.T, s string) {
		out := stripResponsive([]byte(s))
		if len(out) > len(s) {
			t.Fatalf("%q grew to %q", s, out)
		}
		if strings.Contains(s, "srcset=") && bytes.Contains(out, []byte(` srcset="`)) && bytes.Count(out, []byte(`"`))%2 == 0 && !bytes.Contains(out, []byte(` srcset="`+"\x00")) {
			// A srcset left means its quote never closed; anything else is a bug.
			if i := bytes.Index(out, []byte(` srcset="`)); bytes.IndexByte(out[i+9:], '"') >= 0 {
				t.Fatalf("%q kept a srcset: %q", s, out)
			}
		}
	})
}

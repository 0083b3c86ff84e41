package markdown

import (
	"bytes"
	"strings"
	"testing"
)

func convert(t *testing.T, c *Converter, src, page string) string {
	t.Helper()
	var b bytes.Buffer
	if err := c.Convert(&b, []byte(src), page); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestConvert(t *testing.T) {
	c := New(Options{})
	tests := []struct {
		name, src, want string
		absent          []string
	}{
		{"heading id transliterates", "## Élection à Paris", `<h2 id="election-a-paris">Élection à Paris</h2>`, nil},
		{"duplicate heading ids", "## Why\n\n## Why", `<h2 id="why-1">`, nil},
		{"explicit heading id", "## 1.0.0 / 2013-05-06 {#v1-0-0}", `<h2 id="v1-0-0">1.0.0 / 2013-05-06</h2>`, []string{"{#"}},
		{"setext heading id", "Version one {#v1}\n===", `<h1 id="v1">Version one</h1>`, nil},
		{"braces are text, not attributes", "## Using {braces} {.big style=color:red}", `<h2 id="using-braces-big-style-color-red">Using {braces} {.big style=color:red}</h2>`, []string{`class="`, `style="`}},
		{"an id of script is text", `## X {#"><script>}`, `<h2 id=`, []string{"<script"}},
		{"figure", `![Harbour](harbour.jpg "Boats at dawn")`,
			"<figure>\n<img src=\"/news/story/harbour.jpg\" alt=\"Harbour\" loading=\"lazy\" decoding=\"async\">\n<figcaption>Boats at dawn</figcaption>\n</figure>", []string{"<p>"}},
		{"image without title stays inline", `![Harbour](harbour.jpg)`, `<p><img src="/news/story/harbour.jpg" alt="Harbour"></p>`, []string{"<figure>"}},
		{"relative link resolved", `[more](../other/)`, `<a href="/news/other/">more</a>`, nil},
		{"absolute link kept", `[x](https://example.org/a?b=1&c=2)`, `<a href="https://example.org/a?b=1&amp;c=2">x</a>`, nil},
		{"javascript link unwrapped", `[click](javascript:alert(1))`, `<p>click</p>`, []string{"javascript", "href"}},
		{"JaVaScRiPt with entity", `[click](&#106;avascript:alert(1))`, `<p>click</p>`, []string{"avascript", "href"}},
		{"vbscript image dropped", `![pic](vbscript:msgbox)`, `<p>pic</p>`, []string{"vbscript", "<img"}},
		{"data image dropped", `![pic](data:image/png;base64,AAAA)`, `<p>pic</p>`, []string{"data:", "<img"}},
		{"autolink javascript", `<javascript:alert(1)>`, `javascript:alert(1)`, []string{"href"}},
		{"raw html dropped", "<script>alert(1)</script>\n\nText <b onclick=x>bold</b>", `bold`, []string{"<script", "onclick", "<b"}},
		{"typographer", `"Quoted" -- dash`, `<p>&ldquo;Quoted&rdquo; &ndash; dash</p>`, nil},
		{"footnote", "Claim.[^1]\n\n[^1]: Source.", `<div class="footnotes" role="doc-endnotes">`, nil},
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |", `<table>`, nil},
		{"image in unsafe link", `[![i](data:image/png;base64,AA)](vbscript:x)`, `<p>i</p>`, []string{"data:", "vbscript", "<img"}},
		{"mailto kept", `[mail](mailto:desk@example.org)`, `href="mailto:desk@example.org"`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := convert(t, c, tt.src, "/news/story/")
			if !strings.Contains(got, tt.want) {
				t.Errorf("got\n%s\nwant it to contain\n%s", got, tt.want)
			}
			for _, a := range tt.absent {
				if strings.Contains(got, a) {
					t.Errorf("got\n%s\nwant no %q", got, a)
				}
			}
		})
	}
}

func TestUnsafeKeepsHTML(t *testing.T) {
	got := convert(t, New(Options{Unsafe: true}), "Text <b>bold</b>", "/a/")
	if !strings.Contains(got, "<b>bold</b>") {
		t.Errorf("got %s", got)
	}
}

func TestSafeURL(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"https://example.org/", true},
		{"http://x", true},
		{"/a/b", true},
		{"photo.jpg", true},
		{"#fn1", true},
		{"mailto:a@b", true},
		{"tel:+123", true},
		{"javascript:alert(1)", false},
		{"JAVASCRIPT:alert(1)", false},
		{" javascript:x", false},
		{"java\tscript:x", false},
		{"vbscript:x", false},
		{"data:text/html,x", false},
		{"file:///etc/passwd", false},
		{"ftp://x", false},
	}
	for _, tt := range tests {
		if got := SafeURL(tt.in); got != tt.want {
			t.Errorf("SafeURL(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestResolve(t *testing.T) {
	tests := []struct{ u, page, want string }{
		{"photo.jpg", "/news/story/", "/news/story/photo.jpg"},
		{"../x/", "/news/story/", "/news/x/"},
		{"/abs", "/news/story/", "/abs"},
		{"#top", "/news/story/", "#top"},
		{"https://e.org/a", "/news/story/", "https://e.org/a"},
		{"../../../../etc", "/news/story/", "/etc"},
	}
	for _, tt := range tests {
		if got := Resolve(tt.u, tt.page); got != tt.want {
			t.Errorf("Resolve(%q, %q) = %q, want %q", tt.u, tt.page, got, tt.want)
		}
	}
}

func TestFirstParagraph(t *testing.T) {
	c := New(Options{})
	src := "## Heading\n\n![img](a.jpg)\n\nThe *first* paragraph\nwith a [link](x) and \"quotes\".\n\nSecond."
	want := "The first paragraph with a link and “quotes”."
	if got := c.FirstParagraph([]byte(src)); got != want {
		t.Errorf("FirstParagraph = %q, want %q", got, want)
	}
}

func TestAbs(t *testing.T) {
	in := `<a href="/news/x/">x</a><img src="/a.jpg"><a href="//evil">e</a><a href="https://o/">o</a>`
	want := `<a href="https://ex.org/news/x/">x</a><img src="https://ex.org/a.jpg"><a href="//evil">e</a><a href="https://o/">o</a>`
	if got := string(Abs([]byte(in), "https://ex.org/")); got != want {
		t.Errorf("Abs =\n%s\nwant\n%s", got, want)
	}
}

func FuzzConvertNoUnsafeURL(f *testing.F) {
	for _, s := range []string{"[a](javascript:x)", "![a](data:x)", "<vbscript:x>", "[a](&#x6A;avascript:x)", "[a](<java\nscript:x>)", "## x {#a-1} {#b}", "# *a* -- b {#c:d}\n\ny {#z}\n---"} {
		f.Add(s)
	}
	c := New(Options{})
	f.Fuzz(func(t *testing.T, src string) {
		var b bytes.Buffer
		if err := c.Convert(&b, []byte(src), "/news/x/"); err != nil {
			t.Fatal(err)
		}
		out := strings.ToLower(b.String())
		for _, bad := range []string{`href="javascript:`, `src="javascript:`, `href="vbscript:`, `src="data:`, `href="data:`, "<script"} {
			if strings.Contains(out, bad) {
				t.Fatalf("output of %q contains %q:\n%s", src, bad, out)
			}
		}
	})
}

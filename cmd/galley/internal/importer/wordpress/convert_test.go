package wordpress

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"galley.dev/galley/cmd/galley/internal/importer/importtest"
	"galley.dev/galley/cmd/galley/internal/markdown"
)

// testOptions are the options the golden files are converted with: old
// uploads move under /media/, old pages lose the old host, and two
// attachments exist for shortcodes that name them.
func testOptions() BodyOptions {
	media := map[int]Media{
		7: {ID: 7, URL: "/media/one.jpg", Alt: "One", Caption: "The first"},
		8: {ID: 8, URL: "/media/two.jpg", Alt: "Two"},
	}
	return BodyOptions{
		Attachment: func(id int) (Media, bool) { m, ok := media[id]; return m, ok },
		Children:   func() []Media { return []Media{media[7], media[8]} },
		URL: func(u string) string {
			if rest, ok := strings.CutPrefix(u, "https://old.example/wp-content/uploads/"); ok {
				return "/media/" + rest
			}
			if strings.HasPrefix(u, "https://old.example/gone/") {
				return "" // an address the new site will not have
			}
			if rest, ok := strings.CutPrefix(u, "https://old.example"); ok {
				return rest
			}
			return u
		},
	}
}

// TestConvertGolden converts each testdata/body/NAME.html and compares
// the Markdown, then the notes, with NAME.md: the Markdown, and after a
// line "<!-- notes -->" one note a line as "LINE: WHY".
func TestConvertGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/body/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	for _, in := range files {
		name := strings.TrimSuffix(filepath.Base(in), ".html")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			opts := testOptions()
			opts.Unsafe = strings.HasPrefix(name, "unsafe-")
			md, notes := ConvertBody(string(src), opts)
			got := md + "\n<!-- notes -->\n"
			for _, n := range notes {
				got += fmt.Sprintf("%d: %s\n", n.Line, n.Why)
			}
			want := strings.TrimSuffix(in, ".html") + ".md"
			if importtest.Update() {
				if err := os.WriteFile(want, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			b, err := os.ReadFile(want)
			if err != nil {
				t.Fatalf("%v (run go test -run TestConvertGolden -update)", err)
			}
			if got != string(b) {
				t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", want, got, b)
			}
			if strings.Contains(md, "<!-- wp:") || strings.Contains(md, "<!-- /wp:") {
				t.Errorf("a block comment reached the Markdown:\n%s", md)
			}
		})
	}
}

func TestConvertBody(t *testing.T) {
	tests := []struct {
		name, in string
		opts     BodyOptions
		want     string   // the Markdown, trimmed
		notes    []string // "LINE: WHY"
	}{
		{
			name: "classic line breaks",
			in:   "one\ntwo\n\nthree",
			want: "one  \ntwo\n\nthree",
		},
		{
			name: "entities",
			in:   "<!-- wp:paragraph --><p>It&#8217;s&nbsp;here &amp; now</p><!-- /wp:paragraph -->",
			want: "It’s\u00a0here & now",
		},
		{
			name: "figure with caption",
			in:   `<figure class="wp-block-image"><a href="https://old.example/wp-content/uploads/a.jpg"><img src="https://old.example/wp-content/uploads/a-300x200.jpg" alt="A cat"/></a><figcaption>The <em>cat</em></figcaption></figure>`,
			opts: testOptions(),
			want: `![A cat](/media/a-300x200.jpg "The cat")`,
		},
		{
			name: "internal link mapped",
			in:   `<p><a href="https://old.example/2020/01/x/">x</a></p>`,
			opts: testOptions(),
			want: "[x](/2020/01/x/)",
		},
		{
			name:  "javascript link dropped",
			in:    "<p>a</p>\n<p><a href=\"JavaScript:alert(1)\">click</a></p>",
			want:  "a\n\nclick",
			notes: []string{"2: link to a javascript: URL dropped"},
		},
		{
			name:  "script removed with its line",
			in:    "<!-- wp:html -->\n<div>\n<script>alert(1)</script>\n</div>\n<!-- /wp:html -->",
			want:  "",
			notes: []string{"1: Custom HTML block converted to Markdown (the site does not allow raw HTML)", "3: <script> removed"},
		},
		{
			name: "youtube iframe",
			in:   `<p><iframe src="https://www.youtube.com/embed/abc123?feature=oembed"></iframe></p>`,
			want: "Video: <https://www.youtube.com/watch?v=abc123>",
		},
		{
			name:  "dynamic block",
			in:    "<p>a</p>\n\n<!-- wp:latest-posts {\"postsToShow\":3} /-->",
			want:  "a",
			notes: []string{"3: dynamic block wp:latest-posts dropped: it lists the old site's content"},
		},
		{
			name:  "unknown block",
			in:    "<!-- wp:jetpack/slideshow -->\n<div><p>slide</p></div>\n<!-- /wp:jetpack/slideshow -->",
			want:  "slide",
			notes: []string{"1: unknown block wp:jetpack/slideshow: its HTML converted"},
		},
		{
			name: "code language from attrs",
			in:   `<!-- wp:code {"language":"go"} --><pre class="wp-block-code"><code>x := 1</code></pre><!-- /wp:code -->`,
			want: "```go\nx := 1\n```",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			md, notes := ConvertBody(tt.in, tt.opts)
			if got := strings.TrimSpace(md); got != tt.want {
				t.Errorf("markdown\n got %q\nwant %q", got, tt.want)
			}
			var got []string
			for _, n := range notes {
				got = append(got, fmt.Sprintf("%d: %s", n.Line, n.Why))
			}
			if strings.Join(got, "\n") != strings.Join(tt.notes, "\n") {
				t.Errorf("notes\n got %q\nwant %q", got, tt.notes)
			}
		})
	}
}

// TestConvertRendersInGalley renders converted Markdown with Galley's own
// Markdown converter and checks that the structure WordPress showed is
// there: headings, lists, a figure with its caption, a table, code.
func TestConvertRendersInGalley(t *testing.T) {
	in := `<!-- wp:heading --><h2>Results &amp; more</h2><!-- /wp:heading -->
<!-- wp:list --><ul><li>first</li><li>second <strong>bold</strong></li></ul><!-- /wp:list -->
<!-- wp:image --><figure class="wp-block-image"><img src="/a.jpg" alt="Alt"/><figcaption>A caption</figcaption></figure><!-- /wp:image -->
<!-- wp:table --><figure class="wp-block-table"><table><thead><tr><th>City</th><th>Votes</th></tr></thead><tbody><tr><td>Paris</td><td>12</td></tr></tbody></table></figure><!-- /wp:table -->
<!-- wp:code --><pre class="wp-block-code"><code class="language-sh">echo "&lt;hi&gt;"</code></pre><!-- /wp:code -->
<!-- wp:separator --><hr class="wp-block-separator"/><!-- /wp:separator -->
<!-- wp:quote --><blockquote class="wp-block-quote"><p>Quoted</p><cite>Someone</cite></blockquote><!-- /wp:quote -->`
	md, notes := ConvertBody(in, BodyOptions{})
	if len(notes) > 0 {
		t.Errorf("notes: %v", notes)
	}
	var b bytes.Buffer
	if err := markdown.New(markdown.Options{}).Convert(&b, []byte(md), "/news/x/"); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		`<h2 id="results-and-more">Results &amp; more</h2>`,
		"<ul>\n<li>first</li>\n<li>second <strong>bold</strong></li>\n</ul>",
		"<figure>\n<img src=\"/a.jpg\" alt=\"Alt\"",
		"<figcaption>A caption</figcaption>",
		"<th>City</th>", "<td>Paris</td>",
		`<pre><code class="language-sh">echo &quot;&lt;hi&gt;&quot;`,
		"<hr>",
		"<blockquote>\n<p>Quoted</p>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("rendered HTML lacks %q:\n%s\n--- from\n%s", want, out, md)
		}
	}
}

func FuzzConvertBody(f *testing.F) {
	for _, s := range []string{
		"",
		"a\nb\n\nc",
		`<!-- wp:paragraph --><p>a</p><!-- /wp:paragraph -->`,
		`<!-- wp:columns --><div><!-- wp:column --><div><!-- wp:image {"id":1} --><figure><img src="x.jpg"/><figcaption>c</figcaption></figure><!-- /wp:image --></div><!-- /wp:column --></div><!-- /wp:columns -->`,
		`<!-- wp:embed {"url":"https://youtu.be/x","providerNameSlug":"youtube"} /-->`,
		`<pre>&lt;!-- wp:paragraph --&gt;<!-- wp:x --></pre>`,
		`<!-- wp:html --><script>x</script><!-- /wp:html --><!-- /wp:html -->`,
		`<!-- wp:a {"x": --> <!-- wp:b`,
		`[caption id="attachment_7"]<img src="a.jpg"> c[/caption]`,
		`<a href="javascript:x"><img src="data:image/png;base64,AA"></a><iframe src="https://evil.example/"></iframe>`,
		"<table><tr><td>1<td>2</table><ul><li>x<ol><li>y</ol></ul>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, unsafe := range []bool{false, true} {
			opts := testOptions()
			opts.Unsafe = unsafe
			md, notes := ConvertBody(s, opts)
			if strings.Contains(md, "<!-- wp:") || strings.Contains(md, "<!-- /wp:") {
				t.Fatalf("block comment in output of %q:\n%s", s, md)
			}
			lines := strings.Count(s, "\n") + 1
			for _, n := range notes {
				if n.Line < 1 || n.Line > lines {
					t.Fatalf("note at line %d of a %d-line body: %v", n.Line, lines, n)
				}
			}
		}
	})
}

// BenchmarkConvertBody converts a generated post of every kind of block,
// at sizes n and 4n, to show the time grows linearly.
func BenchmarkConvertBody(b *testing.B) {
	unit := `<!-- wp:heading --><h2>Heading</h2><!-- /wp:heading -->
<!-- wp:paragraph --><p>Some <a href="https://old.example/x/">text</a> &amp; more.</p><!-- /wp:paragraph -->
<!-- wp:image --><figure class="wp-block-image"><img src="https://old.example/wp-content/uploads/a.jpg" alt="a"/><figcaption>c</figcaption></figure><!-- /wp:image -->
<!-- wp:list --><ul><li>a</li><li>b</li></ul><!-- /wp:list -->
<!-- wp:columns --><div class="wp-block-columns"><!-- wp:column --><div><!-- wp:paragraph --><p>col</p><!-- /wp:paragraph --></div><!-- /wp:column --></div><!-- /wp:columns -->
<!-- wp:embed {"url":"https://youtu.be/x","providerNameSlug":"youtube"} --><figure><div>https://youtu.be/x</div></figure><!-- /wp:embed -->
<!-- wp:html --><div><script>x()</script></div><!-- /wp:html -->
<!-- wp:code --><pre class="wp-block-code"><code>a &lt; b</code></pre><!-- /wp:code -->
`
	classic := "Para one\nline two\n\n<pre>code\n\nmore</pre>\n\n<script>x\ny</script>\n[caption]<img src=\"a.jpg\"> c[/caption]\n\n"
	for _, n := range []int{250, 1000} {
		for _, kind := range []struct{ name, unit string }{{"blocks", unit}, {"classic", classic}} {
			post := strings.Repeat(kind.unit, n)
			b.Run(fmt.Sprintf("%s/%d", kind.name, n), func(b *testing.B) {
				b.SetBytes(int64(len(post)))
				for b.Loop() {
					ConvertBody(post, testOptions())
				}
			})
		}
	}
}

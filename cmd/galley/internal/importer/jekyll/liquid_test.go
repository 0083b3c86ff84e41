package jekyll

import (
	"context"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"galley.dev/galley/cmd/galley/internal/importer"
)

func testConverter(kept *[]string) *converter {
	return &converter{
		link:    func(t string) (string, bool) { return "/about/", t == "about.md" },
		post:    func(t string) (string, bool) { return "/posts/second/", t == "2017-01-02-second" },
		baseURL: "https://x.org/blog",
		site:    map[string]string{"site.title": "Notes"},
		keep:    func(line int, what string) { *kept = append(*kept, what) },
		include: func(name string, relative bool) (string, string) {
			switch {
			case name == "simple.md" && !relative:
				return "Simple *text*.\n", ""
			case name == "big.md" && !relative:
				return strings.Repeat("x", 100), ""
			case name == "rel.html" && relative:
				return "<p>Relative</p>\n", ""
			}
			return "", "not found"
		},
		maxSize: 1 << 20,
	}
}

var liquidCases = []struct {
	in, want string
	kept     int
}{
	{"{% highlight ruby linenos %}\nputs 1\n{% endhighlight %}", "```ruby\nputs 1\n```", 0},
	{"{%- highlight go -%}\nx\n{%- endhighlight -%}", "```go\nx\n```", 0},
	{"{% raw %}{{ x }}{% endraw %}", "{{ x }}", 0},
	{"```\n{% raw %}{% if %}{% endraw %}\n```", "```\n{% if %}\n```", 0},
	{"```\n{{ site.url }}\n```", "```\n{{ site.url }}\n```", 0},
	{"[a]({% link about.md %})", "[a](/about/)", 0},
	{"[a]({% post_url 2017-01-02-second %})", "[a](/posts/second/)", 0},
	{"[a]({% post_url 2001-01-01-missing %})", "[a]({% post_url 2001-01-01-missing %})", 1},
	{"{{ site.baseurl }}/img.png", "/img.png", 0},
	{"{{ site.url }}{{ site.baseurl }}/x", "https://x.org/blog/x", 0},
	{`{{ "/a.png" | relative_url }}`, "/a.png", 0},
	{`{{ 'a.png' | absolute_url }}`, "https://x.org/blog/a.png", 0},
	{"{{ site.title }}", "Notes", 0},
	{"{% comment %}secret{% endcomment %}x", "x", 0},
	{`{% include note.html %}`, `{% include note.html %}`, 1},
	{"{% include simple.md %}", "Simple *text*.\n", 0},
	{"a\n{%- include simple.md -%}\nb", "a\nSimple *text*.\n\nb", 0},
	{"{% include_relative rel.html %}", "<p>Relative</p>\n", 0},
	{"{% include_relative simple.md %}", "{% include_relative simple.md %}", 1},
	{`{% include simple.md text="hi" %}`, `{% include simple.md text="hi" %}`, 1},
	{"{% include simple.md x=page.y %}", "{% include simple.md x=page.y %}", 1},
	{"{% include {{ page.file }} %}", "{% include {{ page.file }} %}", 1},
	{"{% include %}", "{% include %}", 1},
	{"```\n{% include simple.md %}\n```", "```\n{% include simple.md %}\n```", 0},
	{"{{ page.title }}", "{{ page.title }}", 1},
	{"{% raw %} never closed", "{% raw %} never closed", 1},
	{"{{ not\n\na tag }}", "{{ not\n\na tag }}", 0},
}

func TestConvert(t *testing.T) {
	for _, tt := range liquidCases {
		var kept []string
		if got := testConverter(&kept).convert(tt.in, 1); got != tt.want {
			t.Errorf("convert(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
		if len(kept) != tt.kept {
			t.Errorf("convert(%q) kept %q, want %d", tt.in, kept, tt.kept)
		}
	}
}

// TestIncludeReasons checks that each include left as text says why.
func TestIncludeReasons(t *testing.T) {
	for _, tt := range []struct{ in, why string }{
		{`{% include simple.md text="hi" %}`, "it passes parameters"},
		{"{% include {{ page.file }} %}", "names its file with Liquid"},
		{"{% include note.html %}", "not found"},
		{"{% include %}", "names no file"},
	} {
		var kept []string
		testConverter(&kept).convert(tt.in, 1)
		if len(kept) != 1 || !strings.Contains(kept[0], tt.why) || !strings.HasPrefix(kept[0], "Liquid "+tt.in+" kept as text") {
			t.Errorf("convert(%q) kept %q, want one note saying %q", tt.in, kept, tt.why)
		}
	}
}

// TestIncludeArticleLimit checks that inlining stops before the article
// passes the size a Galley build accepts.
func TestIncludeArticleLimit(t *testing.T) {
	var kept []string
	c := testConverter(&kept)
	c.maxSize = 250
	x := strings.Repeat("x", 100)
	got := c.convert("{% include big.md %}{% include big.md %}{% include big.md %}", 1)
	if want := x + x + "{% include big.md %}"; got != want {
		t.Errorf("convert = %q, want %q", got, want)
	}
	if len(kept) != 1 || !strings.Contains(kept[0], "larger than 250 bytes") {
		t.Errorf("kept %q, want one note on the size", kept)
	}
}

// FuzzConvert checks that the Liquid converter never panics, keeps valid
// UTF-8 valid, and leaves text without { as it is.
func FuzzConvert(f *testing.F) {
	for _, tt := range liquidCases {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var kept []string
		out := testConverter(&kept).convert(in, 1)
		if utf8.ValidString(in) && !utf8.ValidString(out) {
			t.Fatalf("convert(%q) = %q, not UTF-8", in, out)
		}
		if !strings.Contains(in, "{") && out != in {
			t.Fatalf("convert(%q) = %q, want it unchanged", in, out)
		}
	})
}

var includePathCases = []struct {
	dir, name, want string // want "" for a name refused
}{
	{"_includes", "note.html", "_includes/note.html"},
	{"_includes", "sub/note.md", "_includes/sub/note.md"},
	{"_includes", "a-b_c.(1)+~#@.txt", "_includes/a-b_c.(1)+~#@.txt"},
	{"_includes", "/note.html", "_includes/note.html"}, // Jekyll joins it under _includes
	{"_posts", "snippet.md", "_posts/snippet.md"},
	{"", "top.md", "top.md"},
	{"_includes", "../secret", ""},
	{"_includes", "a/../../b", ""},
	{"_includes", "a..b", ""}, // Jekyll refuses any run of . and /
	{"_includes", "./x", ""},
	{"_includes", "a//b", ""},
	{"_includes", ".", ""},
	{"_includes", "", ""},
	{"_includes", "a\\..\\b", ""},
	{"_includes", "a b", ""},
	{"_includes", "{{x}}", ""},
	{"_includes", "é.md", ""},
	{"_includes", "a\x00b", ""},
}

func TestIncludePath(t *testing.T) {
	for _, tt := range includePathCases {
		got, err := includePath(tt.dir, tt.name)
		if got != tt.want || (err == nil) != (tt.want != "") {
			t.Errorf("includePath(%q, %q) = %q, %v; want %q", tt.dir, tt.name, got, err, tt.want)
		}
	}
}

// FuzzIncludePath checks that no name leads out of the folder it is
// read in, and that the path returned is clean.
func FuzzIncludePath(f *testing.F) {
	for _, tt := range includePathCases {
		f.Add(tt.dir, tt.name)
	}
	f.Fuzz(func(t *testing.T, dir, name string) {
		dir = path.Clean("/" + dir)[1:] // a folder in the site, as callers give it
		got, err := includePath(dir, name)
		if err != nil {
			return
		}
		if got != path.Clean(got) || got == dir || !strings.HasPrefix(got, strings.TrimPrefix(dir+"/", "/")) {
			t.Fatalf("includePath(%q, %q) = %q, outside the folder or not clean", dir, name, got)
		}
	})
}

// TestInclude reads includes from a site on disk: simple files are
// inlined, every other one is refused with a reason.
func TestInclude(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	files := map[string]string{
		"_includes/note.html":     "<aside>Note</aside>\n",
		"_includes/sub/bio.md":    "Ana writes *here*.\n",
		"_includes/liquid.html":   "<p>{{ include.text }}</p>\n",
		"_includes/tag.html":      "{% if x %}y{% endif %}\n",
		"_includes/self.html":     "Again: {% include self.html %}\n",
		"_includes/big.html":      strings.Repeat("x", maxIncludeSize+1),
		"_includes/dir/keep.txt":  "",
		"_posts/snippet.md":       "A snippet.\n",
		"_posts/2020-01-01-a.md":  "---\n---\n",
		"secret.txt":              "top secret\n",
		"partials/footer.html":    "Footer\n",
		"_includes/limit.html":    strings.Repeat("y", maxIncludeSize),
		"_includes/crlf.html":     "Windows\r\n",
		"_includes/curly.html":    "Not Liquid: { and } and {x}\n",
		"_includes/percent.html":  "50% {%\n",
		"_includes/output.html":   "{{\n",
		"_drafts/rel/note.md":     "Relative note.\n",
		"_drafts/rel/deeper/x.md": "Deeper.\n",
	}
	for name, data := range files {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(root, "outside.html"), []byte("outside\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	links := os.Symlink(filepath.Join(root, "outside.html"), filepath.Join(site, "_includes", "out.html")) == nil &&
		os.Symlink(filepath.Join(site, "secret.txt"), filepath.Join(site, "_includes", "in-site.html")) == nil
	for _, tt := range []struct {
		from, name string
		relative   bool
		includes   string // includes_dir
		text, why  string
	}{
		{"_posts/2020-01-01-a.md", "note.html", false, "", "<aside>Note</aside>\n", ""},
		{"_posts/2020-01-01-a.md", "sub/bio.md", false, "", "Ana writes *here*.\n", ""},
		{"_posts/2020-01-01-a.md", "crlf.html", false, "", "Windows\r\n", ""},
		{"_posts/2020-01-01-a.md", "curly.html", false, "", "Not Liquid: { and } and {x}\n", ""},
		{"_posts/2020-01-01-a.md", "limit.html", false, "", strings.Repeat("y", maxIncludeSize), ""},
		{"_posts/2020-01-01-a.md", "liquid.html", false, "", "", "_includes/liquid.html holds Liquid"},
		{"_posts/2020-01-01-a.md", "tag.html", false, "", "", "_includes/tag.html holds Liquid"},
		{"_posts/2020-01-01-a.md", "percent.html", false, "", "", "holds Liquid"},
		{"_posts/2020-01-01-a.md", "output.html", false, "", "", "holds Liquid"},
		// A file that includes itself holds Liquid, so it is never
		// inlined, and never read again and again.
		{"_posts/2020-01-01-a.md", "self.html", false, "", "", "_includes/self.html holds Liquid"},
		{"_posts/2020-01-01-a.md", "big.html", false, "", "", "_includes/big.html is 1048577 bytes, over the 1048576"},
		{"_posts/2020-01-01-a.md", "missing.html", false, "", "", "_includes/missing.html does not exist"},
		{"_posts/2020-01-01-a.md", "dir", false, "", "", "_includes/dir is not a regular file"},
		{"_posts/2020-01-01-a.md", "../secret.txt", false, "", "", `"../secret.txt" leads outside _includes`},
		{"_posts/2020-01-01-a.md", "a b", false, "", "", `"a b" is not a file name Jekyll includes`},
		{"_posts/2020-01-01-a.md", "footer.html", false, "partials", "Footer\n", ""},
		{"_posts/2020-01-01-a.md", "footer.html", false, "../partials", "Footer\n", ""}, // Jekyll reads it in the site
		{"_posts/2020-01-01-a.md", "snippet.md", true, "", "A snippet.\n", ""},
		{"_posts/2020-01-01-a.md", "../secret.txt", true, "", "", `"../secret.txt" leads outside _posts`},
		{"_drafts/rel/x.md", "note.md", true, "", "Relative note.\n", ""},
		{"_drafts/rel/x.md", "deeper/x.md", true, "", "Deeper.\n", ""},
		{"about.md", "secret.txt", true, "", "top secret\n", ""},
	} {
		r := newTestRun(t, site, config{IncludesDir: tt.includes})
		text, why := r.include(context.Background(), tt.from, tt.name, tt.relative)
		if text != tt.text || !strings.Contains(why, tt.why) || (why == "") != (tt.why == "") {
			t.Errorf("include(%s, %q, relative %v, includes_dir %q) = %.40q, %q; want %.40q, %q", tt.from, tt.name, tt.relative, tt.includes, text, why, tt.text, tt.why)
		}
	}
	if !links {
		t.Log("no symbolic links here; their cases are not run")
		return
	}
	r := newTestRun(t, site, config{})
	if _, why := r.include(context.Background(), "_posts/2020-01-01-a.md", "out.html", false); !strings.Contains(why, "_includes/out.html leads outside _includes") {
		t.Errorf("include of a link out of the site: %q, want it refused", why)
	}
	if _, why := r.include(context.Background(), "_posts/2020-01-01-a.md", "in-site.html", false); !strings.Contains(why, "_includes/in-site.html leads outside _includes") {
		t.Errorf("include of a link out of _includes: %q, want it refused, as Jekyll's safe mode does", why)
	}
}

// newTestRun is a run over the site folder dir with configuration cfg.
func newTestRun(t *testing.T, dir string, cfg config) *run {
	t.Helper()
	w := importer.NewWriter(t.TempDir(), false, true, new(strings.Builder))
	if err := w.Confine(dir); err != nil {
		t.Fatal(err)
	}
	r := newRun(dir, w)
	r.cfg = cfg
	return r
}

// TestListing checks that a page is a listing only when its Liquid, not
// its text, reads the site's posts.
func TestListing(t *testing.T) {
	tests := []struct {
		body string
		want bool
	}{
		{"{% for post in site.posts %}{{ post.title }}{% endfor %}", true},
		{"{% for post in paginator.posts %}x{% endfor %}", true},
		{"<ul>{{ site.tags | size }}</ul>", true},
		{"- `site.posts` is now a Collection ([#4055]({{ site.repository }}/issues/4055))", false},
		{"{% raw %}{% for post in site.posts %}{% endraw %} shows a loop", false},
		{"{%- raw -%}{{ site.posts }}{%- endraw -%}", false},
		{"plain text about site.pages and { braces", false},
		{"{% if x %}unclosed", false},
	}
	for _, tt := range tests {
		if got := listing([]byte(tt.body)); got != tt.want {
			t.Errorf("listing(%q) = %v, want %v", tt.body, got, tt.want)
		}
	}
}

// FuzzListing checks that listing never panics or loops on any text.
func FuzzListing(f *testing.F) {
	f.Add("{% raw %}{{ site.posts }}{% endraw %}{% for p in site.posts %}")
	f.Add("{{{%%}}{%")
	f.Fuzz(func(t *testing.T, body string) { listing([]byte(body)) })
}

func TestHeadingIDs(t *testing.T) {
	tests := []struct {
		in, want string
		n        int
	}{
		{"## 1.0.0 / 2013-05-06\n{: #v1-0-0}\n\nText\n", "## 1.0.0 / 2013-05-06 {#v1-0-0}\n\nText\n", 1},
		{"### Minor\n{: #minor .small}\r\n", "### Minor {#minor}\r\n", 1},
		{"Para\n{: #p}\n", "Para\n{: #p}\n", 0},
		{"```\n## x\n{: #x}\n```\n", "```\n## x\n{: #x}\n```\n", 0},
		{"## x\n{: .cls}\n", "## x\n{: .cls}\n", 0},
		{"## last\n{: #end}", "## last {#end}", 1},
	}
	for _, tt := range tests {
		got, n := headingIDs(tt.in)
		if got != tt.want || n != tt.n {
			t.Errorf("headingIDs(%q) = %q, %d; want %q, %d", tt.in, got, n, tt.want, tt.n)
		}
	}
}

package jekyll

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func testConverter(kept *[]string) *converter {
	return &converter{
		link:    func(t string) (string, bool) { return "/about/", t == "about.md" },
		post:    func(t string) (string, bool) { return "/posts/second/", t == "2017-01-02-second" },
		baseURL: "https://x.org/blog",
		site:    map[string]string{"site.title": "Notes"},
		keep:    func(line int, what string) { *kept = append(*kept, what) },
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

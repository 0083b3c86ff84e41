package hugo

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func testConverter(kept *[]string) *converter {
	return &converter{
		ref: func(target string) (string, bool) {
			target, frag, _ := strings.Cut(target, "#")
			if strings.Trim(target, "/") == "posts/a.md" || target == "a" {
				if frag != "" {
					frag = "#" + frag
				}
				return "/news/a/" + frag, true
			}
			return "", false
		},
		param: func(key string) (string, bool) { return map[string]string{"mood": "calm"}[key], key == "mood" },
		keep:  func(line int, what string) { *kept = append(*kept, what) },
	}
}

var shortcodeCases = []struct {
	in, want string
	kept     int
}{
	{`{{< figure src="a.jpg" caption="A boat." attr="Ana/AP" alt="Boat" >}}`, `![Boat](a.jpg "A boat. Credit: Ana/AP")`, 0},
	{`{{< figure src="a b.jpg" title="T" caption="C" >}}`, `![T](<a b.jpg> "T. C")`, 0},
	{`{{< figure src=a.jpg >}}`, `![](a.jpg)`, 0},
	{`{{< figure src="a.jpg" caption=„Niedrig“ attr="Ana" >}}`, `![Niedrig](a.jpg "Niedrig. Credit: Ana")`, 0},
	{`{{< figure src="a.jpg" caption="Half smart” >}}`, `![Half smart](a.jpg "Half smart")`, 0},
	{`{{< figure src=“a.jpg” caption=“Typographic quotes” >}}`, `![Typographic quotes](a.jpg "Typographic quotes")`, 0},
	{`{{< figure src="a.jpg" caption="Say \"hi\"" >}}`, `![Say "hi"](a.jpg "Say \"hi\"")`, 0},
	{`{{< figure src="a.jpg" link="https://x.org/" >}}`, `[![](a.jpg)](https://x.org/)`, 0},
	{`{{< youtube dQw4w9WgXcQ >}}`, "Video: https://www.youtube.com/watch?v=dQw4w9WgXcQ", 0},
	{`{{< youtube id="abc" title="T" >}}`, "Video: https://www.youtube.com/watch?v=abc", 0},
	{`{{< vimeo 146022717 >}}`, "Video: https://vimeo.com/146022717", 0},
	{`{{< tweet user="jack" id="20" >}}`, "Post: https://x.com/jack/status/20", 0},
	{`{{< instagram BWNjjyYFxVx >}}`, "Instagram: https://www.instagram.com/p/BWNjjyYFxVx/", 0},
	{`{{< gist spf13 7896402 >}}`, "Gist: https://gist.github.com/spf13/7896402", 0},
	{"{{< highlight go \"linenos=table\" >}}\nx := 1\n{{< /highlight >}}", "```go\nx := 1\n```", 0},
	{"{{< highlight md >}}\n```\ncode\n```\n{{< /highlight >}}", "````md\n```\ncode\n```\n````", 0},
	{`see {{< ref "posts/a.md" >}}.`, "see /news/a/.", 0},
	{`see {{< relref "/posts/a.md#part" >}}.`, "see /news/a/#part.", 0},
	{`see {{< ref "missing" >}}.`, `see {{< ref "missing" >}}.`, 1},
	{"a\n<!--more-->\nb", "a\nb", 0},
	{"a <!-- more --> b", "a b", 0},
	{"{{< details summary=\"Why\" >}}\nBecause {{< ref a >}}.\n{{< /details >}}", "**Why**\n\nBecause /news/a/.", 0},
	{"{{% details summary=\"Why\" %}}\nBecause.\n{{% /details %}}", "**Why**\n\nBecause.", 0},
	{`{{< param mood >}}`, "calm", 0},
	{`{{< param nope >}}`, `{{< param nope >}}`, 1},
	{"{{< notice warning >}}\nCareful.\n{{< /notice >}}", "{{< notice warning >}}\nCareful.\n{{< /notice >}}", 1},
	{"```\n{{< youtube x >}}\n```", "```\n{{< youtube x >}}\n```", 0},
	{"~~~~\n{{< youtube x >}}\n~~~\n~~~~", "~~~~\n{{< youtube x >}}\n~~~\n~~~~", 0},
	{`{{</* youtube x */>}}`, `{{< youtube x >}}`, 0},
	{`{{< highlight go >}} never closed`, `{{< highlight go >}} never closed`, 1},
	{`{{< broken`, `{{< broken`, 0},
	{"text {{< youtube x >}} more", "text\n\nVideo: https://www.youtube.com/watch?v=x\n\nmore", 0},
}

// TestConvert checks each shortcode conversion, and that what it cannot
// convert stays as it was and is reported.
func TestConvert(t *testing.T) {
	for _, tt := range shortcodeCases {
		var kept []string
		c := testConverter(&kept)
		if got := strings.TrimSpace(c.convert(tt.in, 1)); got != tt.want {
			t.Errorf("convert(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
		if len(kept) != tt.kept {
			t.Errorf("convert(%q) kept %q, want %d", tt.in, kept, tt.kept)
		}
	}
}

// FuzzConvert checks that the shortcode converter never panics, keeps
// valid UTF-8 valid, and leaves text without {{ or <!-- as it is.
func FuzzConvert(f *testing.F) {
	for _, tt := range shortcodeCases {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var kept []string
		out := testConverter(&kept).convert(in, 1)
		if utf8.ValidString(in) && !utf8.ValidString(out) {
			t.Fatalf("convert(%q) = %q, not UTF-8", in, out)
		}
		if !strings.Contains(in, "{{") && !strings.Contains(in, "<!--") && out != in {
			t.Fatalf("convert(%q) = %q, want it unchanged", in, out)
		}
	})
}

// BenchmarkConvertManyTags converts a body of many fences and unknown
// shortcodes: 40k take about four times what 10k take.
func BenchmarkConvertManyTags(b *testing.B) {
	for _, n := range []int{10000, 40000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			body := strings.Repeat("```\ncode\n```\n{{< unknown >}}\n", n)
			for b.Loop() {
				var kept []string
				testConverter(&kept).convert(body, 1)
			}
		})
	}
}

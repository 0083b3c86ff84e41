package jekyll

import (
	"fmt"
	"regexp"
	"strings"

	"galley.dev/galley/cmd/galley/internal/importer"
)

// A converter turns one page's Liquid into markdown.
type converter struct {
	// link returns the new URL of the file a {% link %} names, and post
	// that of the post a {% post_url %} names.
	link, post func(target string) (string, bool)
	baseURL    string // site.url, without a trailing slash
	// site are the values of other {{ site.x }} outputs: title, description.
	site map[string]string
	// keep is told of each tag left as text, with its line in the file.
	keep      func(line int, what string)
	converted int
}

// A tag is one {% … %} or {{ … }}.
type tag struct {
	start, end int
	output     bool   // {{ }} rather than {% %}
	text       string // between the delimiters, without - and spaces
	name       string // the first word of text
	args       string // the rest
}

// readTag reads the tag at s[i:], which starts with {% or {{.
func readTag(s string, i int) (tag, bool) {
	t := tag{start: i, output: s[i+1] == '{'}
	closer := "%}"
	if t.output {
		closer = "}}"
	}
	j := strings.Index(s[i+2:], closer)
	if j < 0 {
		return t, false
	}
	inner := s[i+2 : i+2+j]
	if strings.Contains(inner, "\n\n") {
		return t, false // a tag does not span paragraphs; this is text
	}
	t.end = i + 2 + j + len(closer)
	t.text = strings.TrimSpace(strings.Trim(strings.TrimSpace(inner), "-"))
	t.name, t.args, _ = strings.Cut(t.text, " ")
	t.args = strings.TrimSpace(t.args)
	return t, t.text != ""
}

// endTag finds {% name %} after offset from: where it starts and ends.
func endTag(s string, from int, name string) (start, end int, ok bool) {
	for i := from; i < len(s); i++ {
		k := strings.Index(s[i:], "{%")
		if k < 0 {
			return 0, 0, false
		}
		i += k
		if t, ok := readTag(s, i); ok && !t.output && t.text == name {
			return t.start, t.end, true
		}
	}
	return 0, 0, false
}

// rawTags matches {% raw %} and {% endraw %}, which Jekyll readers never
// saw, inside fenced code too.
var rawTags = regexp.MustCompile(`\{%-?\s*(end)?raw\s*-?%\}`)

// convert returns body with the Liquid it knows converted. Fenced code is
// left as it is but for {% raw %} and {% endraw %}, which Jekyll removed
// there too. line0 is the line of the file where body starts.
func (c *converter) convert(body string, line0 int) string {
	fences := importer.Fences(body)
	var out strings.Builder
	lines := importer.NewLineCounter(body, line0)
	last := 0
	for i := 0; i < len(body); i++ {
		if end := importer.InFence(fences, i); end >= 0 {
			out.WriteString(body[last:i])
			code := body[i:end]
			if stripped := rawTags.ReplaceAllString(code, ""); stripped != code {
				c.converted++
				code = stripped
			}
			out.WriteString(code)
			last, i = end, end-1
			continue
		}
		if body[i] != '{' || i+1 >= len(body) || body[i+1] != '%' && body[i+1] != '{' {
			continue
		}
		t, ok := readTag(body, i)
		if !ok {
			continue
		}
		line := lines.Line(i)
		md, after, ok := c.render(body, t)
		if !ok {
			c.keep(line, fmt.Sprintf("Liquid %s kept as text; convert it by hand", shorten(body[t.start:t.end])))
			i = t.end - 1
			continue
		}
		c.converted++
		out.WriteString(body[last:i])
		out.WriteString(md)
		last, i = after, after-1
	}
	out.WriteString(body[last:])
	return out.String()
}

// shorten cuts a tag for the report.
func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}

// render converts one tag; after is where the text after it (after its
// end tag, for a block) starts.
func (c *converter) render(body string, t tag) (md string, after int, ok bool) {
	if t.output {
		return c.output(t.text), t.end, c.output(t.text) != "\x00"
	}
	block := func(end string) (string, int, bool) {
		s, e, found := endTag(body, t.end, end)
		if !found {
			return "", 0, false
		}
		return body[t.end:s], e, true
	}
	switch t.name {
	case "raw":
		if inner, e, ok := block("endraw"); ok {
			return inner, e, true
		}
	case "comment":
		if _, e, ok := block("endcomment"); ok {
			return "", e, true
		}
	case "highlight":
		if inner, e, ok := block("endhighlight"); ok {
			lang, _, _ := strings.Cut(t.args, " ")
			return importer.Fence(lang, inner), e, true
		}
	case "link":
		if u, ok := c.link(unquote(t.args)); ok {
			return u, t.end, true
		}
	case "post_url":
		if u, ok := c.post(unquote(t.args)); ok {
			return u, t.end, true
		}
	}
	return "", 0, false
}

// stringFilter matches {{ "path" | relative_url }} and absolute_url.
var stringFilter = regexp.MustCompile(`^(?:"([^"]*)"|'([^']*)')\s*\|\s*(relative_url|absolute_url)$`)

// output converts the text of a {{ }} tag, or returns "\x00" for one it
// does not know.
func (c *converter) output(text string) string {
	switch text {
	case "site.baseurl", "site.baseurl | prepend: site.url", "site.url":
		if text == "site.baseurl" {
			return ""
		}
		return c.baseURL
	}
	if v, ok := c.site[text]; ok && v != "" {
		return v
	}
	if m := stringFilter.FindStringSubmatch(text); m != nil {
		p := m[1] + m[2]
		if !strings.HasPrefix(p, "/") && !strings.Contains(p, "://") {
			p = "/" + p
		}
		if m[3] == "absolute_url" {
			return c.baseURL + p
		}
		return p
	}
	return "\x00"
}

// unquote drops the quotes around a tag's argument.
func unquote(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

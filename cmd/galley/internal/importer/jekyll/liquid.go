package jekyll

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"galley.dev/galley/cmd/galley/internal/importer"
	"galley.dev/galley/cmd/galley/internal/markdown"
)

// A converter turns one page's Liquid into markdown.
type converter struct {
	// link returns the new URL of the file a {% link %} names, and post
	// that of the post a {% post_url %} names.
	link, post func(target string) (string, bool)
	baseURL    string // site.url, without a trailing slash
	// site are the values of other {{ site.x }} outputs: title, description.
	site map[string]string
	// include returns the text of the file an {% include %} names (an
	// {% include_relative %} when relative), or why it is not inlined.
	include func(name string, relative bool) (text, why string)
	// maxSize is the most bytes the article may grow to by includes.
	maxSize int
	// keep is told of each tag left as text, with its line in the file.
	keep      func(line int, what string)
	converted int
	size      int // of the article so far, includes inlined
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
	fences := markdown.Fences(body)
	c.size = len(body)
	var out strings.Builder
	lines := importer.NewLineCounter(body, line0)
	last := 0
	for i := 0; i < len(body); i++ {
		if end := markdown.InFence(fences, i); end >= 0 {
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
		md, after, why := c.render(body, t)
		if why != "" {
			if why == unknown {
				why = ""
			} else {
				why = ": " + why
			}
			c.keep(line, fmt.Sprintf("Liquid %s kept as text%s; convert it by hand", shorten(body[t.start:t.end]), why))
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

// unknown is render's why for a tag it does not know.
const unknown = "\x00"

// render converts one tag; after is where the text after it (after its
// end tag, for a block) starts. It returns why when it leaves the tag
// as it is: unknown, or the reason to give.
func (c *converter) render(body string, t tag) (md string, after int, why string) {
	if t.output {
		if md := c.output(t.text); md != "\x00" {
			return md, t.end, ""
		}
		return "", 0, unknown
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
			return inner, e, ""
		}
	case "comment":
		if _, e, ok := block("endcomment"); ok {
			return "", e, ""
		}
	case "highlight":
		if inner, e, ok := block("endhighlight"); ok {
			lang, _, _ := strings.Cut(t.args, " ")
			return importer.Fence(lang, inner), e, ""
		}
	case "link":
		if u, ok := c.link(unquote(t.args)); ok {
			return u, t.end, ""
		}
	case "post_url":
		if u, ok := c.post(unquote(t.args)); ok {
			return u, t.end, ""
		}
	case "include", "include_relative":
		text, why := c.inline(t)
		return text, t.end, why
	}
	return "", 0, unknown
}

// inline returns the text of the file an include tag names, or why it
// is left as it is. Only a file given no parameters is inlined: the
// parameters are for Liquid in the file, which needs the old templates.
func (c *converter) inline(t tag) (text, why string) {
	if strings.Contains(t.args, "{{") {
		return "", "it names its file with Liquid, which only the old build knew"
	}
	fields := strings.Fields(t.args)
	switch {
	case len(fields) == 0:
		return "", "it names no file"
	case len(fields) > 1:
		return "", "it passes parameters, which only the old templates read"
	}
	text, why = c.include(fields[0], t.name == "include_relative")
	if why != "" {
		return "", why
	}
	grown := c.size + len(text) - (t.end - t.start)
	if grown > c.maxSize {
		return "", fmt.Sprintf("inlining it would make the article larger than %d bytes, the most a Galley build reads (max_file_size)", c.maxSize)
	}
	c.size = grown
	return text, ""
}

// maxIncludeSize is the largest include file inlined: a "simple file"
// is a note or a footer, not a data dump.
const maxIncludeSize = 1 << 20

// maxArticleSize is the size past which includes are no longer inlined
// into an article: Galley's default max_file_size.
const maxArticleSize = 10 << 20

// includeName matches the file names Jekyll's include tag accepts.
var includeName = regexp.MustCompile(`^[A-Za-z0-9_/.\-()+~#@]+$`)

// badSequence matches what Jekyll refuses in an include's name: a run
// of dots and slashes, as in .. or ./ or //.
var badSequence = regexp.MustCompile(`[./]{2,}`)

// includePath returns the path in the site of the file name that an
// include reads in the folder dir (slash-separated, "" for the site's
// folder), or an error saying why it reads none: a name Jekyll refuses,
// or one that leads out of dir.
func includePath(dir, name string) (string, error) {
	where := dir
	if where == "" {
		where = "the site's folder"
	}
	switch {
	case name == "":
		return "", errors.New("it names no file")
	case slices.Contains(strings.Split(name, "/"), ".."):
		return "", fmt.Errorf("%q leads outside %s", name, where)
	case !includeName.MatchString(name) || badSequence.MatchString(name):
		return "", fmt.Errorf("%q is not a file name Jekyll includes (letters, digits and _ - . / ( ) + ~ # @, no runs of . and /)", name)
	}
	// Jekyll joins a name that starts with / under dir too.
	p := path.Clean(strings.TrimLeft(name, "/"))
	if p == "." {
		return "", fmt.Errorf("%q names a folder, not a file", name)
	}
	return path.Join(dir, p), nil
}

// include reads the file that the page from includes as name (with
// include_relative, in the page's folder), once per run. It returns the
// text to inline, or why it inlines none: the file is missing, leads
// out of its folder, is too big or holds Liquid.
func (r *run) include(ctx context.Context, from, name string, relative bool) (text, why string) {
	dir := r.cfg.includesDir()
	if relative {
		if dir = path.Dir(from); dir == "." {
			dir = ""
		}
	}
	rel, err := includePath(dir, name)
	if err != nil {
		return "", err.Error()
	}
	if inc, ok := r.included[rel]; ok {
		return inc.text, inc.why
	}
	// An include stays in _includes, as Jekyll's safe mode (GitHub
	// Pages) demands; include_relative in the site.
	within := dir
	if relative {
		within = ""
	}
	text, why = r.readInclude(ctx, rel, within)
	r.included[rel] = included{text, why}
	return text, why
}

// readInclude reads the include file rel, which must be within the
// folder within of the site, links followed.
func (r *run) readInclude(ctx context.Context, rel, within string) (text, why string) {
	full := filepath.Join(r.dir, filepath.FromSlash(rel))
	real, err := filepath.EvalSymlinks(full)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", rel + " does not exist (an include of the old theme? copy it into the old site to inline it)"
	case err != nil:
		return "", fmt.Sprintf("%s cannot be read: %v", rel, err)
	}
	if !inside(real, filepath.Join(r.dir, filepath.FromSlash(within))) {
		where := within
		if where == "" {
			where = "the site"
		}
		return "", fmt.Sprintf("%s leads outside %s", rel, where)
	}
	info, err := os.Stat(real)
	switch {
	case err != nil:
		return "", fmt.Sprintf("%s cannot be read: %v", rel, err)
	case !info.Mode().IsRegular():
		return "", rel + " is not a regular file"
	case info.Size() > maxIncludeSize:
		return "", fmt.Sprintf("%s is %d bytes, over the %d an include may have to be inlined", rel, info.Size(), maxIncludeSize)
	}
	data, err := importer.Read(ctx, real)
	if err != nil {
		return "", fmt.Sprintf("%s cannot be read: %v", rel, err)
	}
	if len(data) > maxIncludeSize { // it grew since
		return "", fmt.Sprintf("%s is %d bytes, over the %d an include may have to be inlined", rel, len(data), maxIncludeSize)
	}
	if bytes.Contains(data, []byte("{%")) || bytes.Contains(data, []byte("{{")) {
		// Liquid in the file would need the old templates; and so an
		// include that includes itself is never inlined, nor read again.
		return "", rel + " holds Liquid, which needs the old templates"
	}
	return string(bytes.TrimPrefix(data, []byte("\ufeff"))), ""
}

// inside reports whether the path real, its links followed, is in the
// folder dir, its links followed.
func inside(real, dir string) bool {
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(realDir, real)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
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

package hugo

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"galley.dev/galley/cmd/galley/internal/importer"
	"galley.dev/galley/cmd/galley/internal/markdown"
)

// A shortcode is one {{< name args >}} or {{% name args %}} tag.
type shortcode struct {
	name    string
	pos     []string          // positional arguments
	named   map[string]string // named arguments
	start   int               // offset of {{
	end     int               // offset after }}
	closing bool              // {{< /name >}}
	percent bool              // {{% %}} rather than {{< >}}
}

// arg returns the named argument key, else the positional one at i (i < 0
// for none).
func (s *shortcode) arg(key string, i int) string {
	if v, ok := s.named[key]; ok {
		return v
	}
	if i >= 0 && i < len(s.pos) {
		return s.pos[i]
	}
	return ""
}

// quotes maps each opening quote that may delimit an argument to the
// quotes that may close it. Typographic quotes come from editors and
// "smart" typing: “a b” is one argument, as "a b" is.
var quotes = map[rune]string{'"': `"”`, '`': "`", '“': `”"`, '”': `”"`, '„': `“”"`}

// parseShortcode reads the tag starting at s[i:], which starts with {{<
// or {{%. ok is false when it is not a whole tag.
func parseShortcode(s string, i int) (sc shortcode, ok bool) {
	sc = shortcode{start: i, percent: s[i+2] == '%', named: map[string]string{}}
	closer := ">}}"
	if sc.percent {
		closer = "%}}"
	}
	j := i + 3
	var tokens []string
	var keys []string // "" for a positional token
	for {
		for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r') {
			j++
		}
		if strings.HasPrefix(s[j:], closer) {
			sc.end = j + len(closer)
			break
		}
		if strings.HasPrefix(s[j:], "/"+closer) { // self-closing {{< x />}}
			sc.end = j + 1 + len(closer)
			break
		}
		if j >= len(s) || strings.HasPrefix(s[j:], "{{") {
			return sc, false
		}
		key := ""
		tok, n, ok := readToken(s[j:])
		if !ok {
			return sc, false
		}
		j += n
		if j < len(s) && s[j] == '=' && n > 0 {
			key = tok
			if tok, n, ok = readToken(s[j+1:]); !ok {
				return sc, false
			}
			j += 1 + n
		}
		tokens, keys = append(tokens, tok), append(keys, key)
	}
	if len(tokens) == 0 || keys[0] != "" {
		return sc, false
	}
	sc.name = tokens[0]
	if strings.HasPrefix(sc.name, "/") {
		sc.closing, sc.name = true, strings.TrimPrefix(sc.name, "/")
		if sc.name == "" && len(tokens) > 1 {
			sc.name = tokens[1]
		}
	}
	for k, t := range tokens[1:] {
		if keys[k+1] != "" {
			sc.named[keys[k+1]] = t
		} else {
			sc.pos = append(sc.pos, t)
		}
	}
	return sc, sc.name != ""
}

// readToken reads one argument at the start of s: a quoted text, or a
// bare word up to a space, = or the tag's end. n is how many bytes it took.
func readToken(s string) (tok string, n int, ok bool) {
	if s == "" {
		return "", 0, false
	}
	r, size := firstRune(s)
	if closers, quoted := quotes[r]; quoted {
		var b strings.Builder
		for j := size; j < len(s); {
			c, cs := firstRune(s[j:])
			switch {
			case c == '\\' && r == '"' && j+1 < len(s):
				b.WriteByte(s[j+1])
				j += 2
				continue
			case strings.ContainsRune(closers, c):
				return b.String(), j + cs, true
			}
			b.WriteString(s[j : j+cs])
			j += cs
		}
		return "", 0, false
	}
	j := 0
	for j < len(s) && !strings.ContainsRune(" \t\r\n=", rune(s[j])) && !strings.HasPrefix(s[j:], ">}}") && !strings.HasPrefix(s[j:], "%}}") && !strings.HasPrefix(s[j:], "/>}}") {
		j++
	}
	if j == 0 {
		return "", 0, false // a stray =: not an argument, so not a tag
	}
	return s[:j], j, true
}

func firstRune(s string) (rune, int) { return utf8.DecodeRuneInString(s) }

// paired are the shortcodes converted with their inner text.
var paired = map[string]bool{"highlight": true, "details": true}

// more matches the summary divider, which Galley does not need.
var more = regexp.MustCompile(`^<!--\s*more\s*-->[ \t]*\r?\n?`)

// A converter turns one page's shortcodes into markdown.
type converter struct {
	// ref returns the new URL of the page that a ref or relref names.
	ref func(target string) (string, bool)
	// param returns a front matter value, for {{< param >}}.
	param func(key string) (string, bool)
	// keep is told of each tag left as text, with its line in the body.
	keep      func(line int, what string)
	converted int
}

// convert returns body with the shortcodes it knows converted, leaving
// fenced code as it is. line0 is the line of the file where body starts.
func (c *converter) convert(body string, line0 int) string {
	fences := markdown.Fences(body)
	var out bytes.Buffer
	lines := importer.NewLineCounter(body, line0)
	kept := map[string]bool{} // names of paired tags left as text
	last := 0
	for i := 0; i < len(body); i++ {
		if end := markdown.InFence(fences, i); end >= 0 {
			i = end - 1
			continue
		}
		if body[i] == '<' {
			if m := more.FindString(body[i:]); m != "" {
				out.WriteString(body[last:i])
				last, i = i+len(m), i+len(m)-1
				c.converted++
			}
			continue
		}
		if body[i] != '{' || !strings.HasPrefix(body[i:], "{{<") && !strings.HasPrefix(body[i:], "{{%") {
			continue
		}
		if lit, n := escaped(body[i:]); n > 0 {
			out.WriteString(body[last:i])
			out.WriteString(lit)
			last, i = i+n, i+n-1
			continue
		}
		sc, ok := parseShortcode(body, i)
		if !ok {
			continue
		}
		line := lines.Line(i)
		inner, after := "", sc.end
		if paired[sc.name] && !sc.closing {
			innerEnd, closeEnd, found := closeTag(body, sc, fences)
			if !found {
				c.keep(line, fmt.Sprintf("shortcode %s has no closing {{< /%s >}}; kept as text", tag(sc), sc.name))
				i = sc.end - 1
				continue
			}
			inner, after = body[sc.end:innerEnd], closeEnd
		}
		md, block, ok := c.render(sc, inner, line)
		if !ok {
			if sc.closing && kept[sc.name] {
				i = sc.end - 1
				continue
			}
			if !sc.closing {
				kept[sc.name] = true
			}
			c.keep(line, fmt.Sprintf("shortcode %s kept as text; convert it by hand", tag(sc)))
			i = sc.end - 1
			continue
		}
		c.converted++
		out.WriteString(body[last:i])
		if block {
			for after < len(body) && (body[after] == ' ' || body[after] == '\t') {
				after++
			}
			writeBlock(&out, md, body[after:])
		} else {
			out.WriteString(md)
		}
		last, i = after, after-1
	}
	out.WriteString(body[last:])
	return out.String()
}

// escaped reads Hugo's escaped shortcode, {{</* x */>}}, which Hugo
// shows as the text {{< x >}}: it returns that text and the length of the
// escaped form, or 0.
func escaped(s string) (string, int) {
	open, closer := "{{<", ">}}"
	if s[2] == '%' {
		open, closer = "{{%", "%}}"
	}
	rest := strings.TrimLeft(s[3:], " ")
	if !strings.HasPrefix(rest, "/*") {
		return "", 0
	}
	end := strings.Index(rest, "*/")
	if end < 0 {
		return "", 0
	}
	tail := strings.TrimLeft(rest[end+2:], " ")
	if !strings.HasPrefix(tail, closer) {
		return "", 0
	}
	n := len(s) - len(tail) + len(closer)
	return open + rest[2:end] + closer, n
}

// tag writes a shortcode's opening as the report shows it.
func tag(sc shortcode) string {
	if sc.percent {
		return "{{% " + sc.name + " %}}"
	}
	return "{{< " + sc.name + " >}}"
}

// closeTag finds the tag that closes sc, counting nested tags of the same
// name and skipping fenced code: it returns where the inner text ends and
// where the closing tag ends.
func closeTag(body string, sc shortcode, fences [][2]int) (innerEnd, closeEnd int, ok bool) {
	depth := 1
	for j := sc.end; j < len(body); j++ {
		if end := markdown.InFence(fences, j); end >= 0 {
			j = end - 1
			continue
		}
		if !strings.HasPrefix(body[j:], "{{<") && !strings.HasPrefix(body[j:], "{{%") {
			continue
		}
		t, ok := parseShortcode(body, j)
		if !ok || t.name != sc.name {
			continue
		}
		if t.closing {
			depth--
		} else {
			depth++
		}
		if depth == 0 {
			return j, t.end, true
		}
		j = t.end - 1
	}
	return 0, 0, false
}

// writeBlock writes md as a block of its own: a blank line before it and
// after it, so that a figure is alone in its paragraph.
func writeBlock(out *bytes.Buffer, md, rest string) {
	out.Truncate(len(bytes.TrimRight(out.Bytes(), " \t")))
	if s := out.Bytes(); len(s) > 0 && !bytes.HasSuffix(s, []byte("\n\n")) {
		if bytes.HasSuffix(s, []byte("\n")) {
			out.WriteString("\n")
		} else {
			out.WriteString("\n\n")
		}
	}
	out.WriteString(md)
	switch {
	case strings.HasPrefix(rest, "\n\n"), strings.HasPrefix(rest, "\r\n\r\n"), rest == "":
	case strings.HasPrefix(rest, "\n"), strings.HasPrefix(rest, "\r\n"):
		out.WriteString("\n")
	default:
		out.WriteString("\n\n")
	}
}

// render converts one shortcode with its inner text. block says that md
// is a block of its own; ok is false for a shortcode it does not know.
func (c *converter) render(sc shortcode, inner string, line int) (md string, block, ok bool) {
	if sc.closing {
		return "", false, false
	}
	switch sc.name {
	case "figure":
		return figure(sc), true, sc.arg("src", -1) != ""
	case "youtube":
		if id := sc.arg("id", 0); id != "" {
			return "Video: https://www.youtube.com/watch?v=" + url.QueryEscape(id), true, true
		}
	case "vimeo":
		if id := sc.arg("id", 0); id != "" {
			return "Video: https://vimeo.com/" + url.PathEscape(id), true, true
		}
	case "x", "twitter", "tweet":
		if id := sc.arg("id", 0); id != "" {
			user := sc.arg("user", -1)
			if user == "" {
				user = "i"
			}
			return "Post: https://x.com/" + url.PathEscape(user) + "/status/" + url.PathEscape(id), true, true
		}
	case "instagram":
		if id := sc.arg("id", 0); id != "" {
			return "Instagram: https://www.instagram.com/p/" + url.PathEscape(id) + "/", true, true
		}
	case "gist":
		if user, id := sc.arg("user", 0), sc.arg("id", 1); user != "" && id != "" {
			return "Gist: https://gist.github.com/" + url.PathEscape(user) + "/" + url.PathEscape(id), true, true
		}
	case "highlight":
		return importer.Fence(sc.arg("lang", 0), inner), true, true
	case "details":
		body := strings.TrimSpace(c.convert(inner, line))
		if s := sc.arg("summary", -1); s != "" {
			body = "**" + s + "**\n\n" + body
		}
		return body, true, true
	case "ref", "relref":
		if u, found := c.ref(sc.arg("path", 0)); found {
			return u, false, true
		}
	case "param":
		if v, found := c.param(sc.arg("name", 0)); found {
			return v, false, true
		}
	}
	return "", false, false
}

// figure writes Hugo's figure as Galley's: an image alone in its
// paragraph, its title the caption, with the credit after "Credit:".
func figure(sc shortcode) string {
	var caption []string
	for _, k := range []string{"title", "caption"} {
		if v := strings.TrimSpace(sc.named[k]); v != "" {
			caption = append(caption, v)
		}
	}
	if v := strings.TrimSpace(sc.named["attr"]); v != "" {
		caption = append(caption, "Credit: "+v)
	}
	alt := sc.named["alt"]
	if alt == "" && len(caption) > 0 {
		alt = caption[0]
	}
	md := "![" + escapeAlt(alt) + "](" + destination(sc.named["src"])
	if len(caption) > 0 {
		md += ` "` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ").Replace(sentences(caption)) + `"`
	}
	md += ")"
	if link := sc.named["link"]; link != "" {
		md = "[" + md + "](" + destination(link) + ")"
	}
	return md
}

// escapeAlt keeps an alt text from ending the image's brackets.
func escapeAlt(s string) string {
	return strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`, "\n", " ").Replace(s)
}

// destination writes a link destination, in angle brackets when it holds
// spaces or parentheses.
func destination(s string) string {
	if strings.ContainsAny(s, " ()<>") {
		return "<" + strings.NewReplacer("<", "%3C", ">", "%3E").Replace(s) + ">"
	}
	return s
}

// sentences joins parts of a caption, ending each with a full stop
// unless it ends with punctuation already.
func sentences(parts []string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			if prev := parts[i-1]; !strings.ContainsAny(prev[len(prev)-1:], ".!?…:;") {
				b.WriteByte('.')
			}
			b.WriteByte(' ')
		}
		b.WriteString(p)
	}
	return b.String()
}

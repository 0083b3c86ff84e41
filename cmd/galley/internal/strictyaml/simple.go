package strictyaml

import (
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// parseSimple parses the YAML that front matter nearly always is, a
// mapping of keys to scalars, one-line flow lists of scalars, block
// lists of scalars and mappings of those, into the node yaml.v3 would
// make of it, at a tenth of the cost: yaml.v3 was a fifth of a warm
// build's time. Anything else (comments, anchors, tags, block scalars,
// multi-line values, escapes but \" and \\, tabs, CR, characters YAML
// treats apart) makes ok false, and the caller parses with yaml.v3,
// which also words the errors. FuzzParseSimple holds the two to the
// same tree wherever parseSimple answers.
func parseSimple(data []byte) (node *yaml.Node, ok bool) {
	if !simpleText(data) {
		return nil, false
	}
	p := simpleParser{lines: strings.Split(string(data), "\n")}
	n, ok := p.mapping(0)
	if !ok || p.next < len(p.lines) {
		return nil, false
	}
	return n, true
}

// simpleText reports whether data holds only characters that
// parseSimple reads as yaml.v3 does: printable ASCII, line feeds, and
// UTF-8 that is neither a line break to YAML (U+0085, U+2028, U+2029),
// a byte order mark, a C1 control, a surrogate, U+FFFD (as invalid
// UTF-8 decodes), U+FFFE nor U+FFFF.
func simpleText(data []byte) bool {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c != '\n' && (c < ' ' || c == 0x7f) {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError || r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff || r >= 0xfffe && r <= 0xffff {
			return false
		}
		i += n
	}
	return true
}

// A simpleParser reads lines of a simple document, from next on.
type simpleParser struct {
	lines []string
	next  int
}

// skipBlank moves next past empty lines.
func (p *simpleParser) skipBlank() {
	for p.next < len(p.lines) && p.lines[p.next] == "" {
		p.next++
	}
}

// nextLine moves past empty lines and returns the line there and its
// indentation; ok is false at the end.
func (p *simpleParser) nextLine() (line string, indent int, ok bool) {
	p.skipBlank()
	if p.next == len(p.lines) {
		return "", 0, false
	}
	line = p.lines[p.next]
	return line, indentOf(line), true
}

// indentOf returns the number of leading spaces of line.
func indentOf(line string) int {
	return len(line) - len(strings.TrimLeft(line, " "))
}

// mapping reads a block mapping whose keys are indented by exactly
// indent spaces, up to the first line indented less.
func (p *simpleParser) mapping(indent int) (*yaml.Node, bool) {
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for {
		line, in, ok := p.nextLine()
		if !ok || in < indent {
			break
		}
		if in > indent {
			return nil, false
		}
		key, rest, ok := simpleKey(line[in:])
		if !ok {
			return nil, false
		}
		lineNo := p.next + 1
		if m.Line == 0 {
			m.Line, m.Column = lineNo, in+1
		}
		k := scalarNode(strings.Clone(key), 0, lineNo, in+1)
		p.next++
		var v *yaml.Node
		if rest == "" {
			v, ok = p.block(indent)
		} else {
			col := in + 1 + len(key) + 1 + indentOf(rest)
			v, ok = inlineValue(strings.TrimLeft(rest, " "), lineNo, col)
		}
		if !ok {
			return nil, false
		}
		m.Content = append(m.Content, k, v)
	}
	if len(m.Content) == 0 {
		return nil, false
	}
	return m, true
}

// block reads the value of a key indented by indent whose line ends at
// its colon: a mapping indented more, or a list of scalars indented as
// much or more. An empty value is left to yaml.v3.
func (p *simpleParser) block(indent int) (*yaml.Node, bool) {
	line, in, ok := p.nextLine()
	if !ok {
		return nil, false
	}
	if strings.HasPrefix(line[in:], "-") {
		if in < indent {
			return nil, false
		}
		return p.sequence(in)
	}
	if in <= indent {
		return nil, false
	}
	return p.mapping(in)
}

// sequence reads a block list of scalars whose dashes are indented by
// indent spaces.
func (p *simpleParser) sequence(indent int) (*yaml.Node, bool) {
	s := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: p.next + 1, Column: indent + 1}
	for {
		line, in, ok := p.nextLine()
		if !ok {
			break
		}
		if in != indent || !strings.HasPrefix(line[in:], "- ") {
			if in > indent || in == indent && strings.HasPrefix(line[in:], "-") {
				return nil, false
			}
			break
		}
		item := line[in+2:]
		col := in + 3 + indentOf(item)
		v, ok := inlineValue(strings.TrimLeft(item, " "), p.next+1, col)
		if !ok || v.Kind != yaml.ScalarNode {
			return nil, false
		}
		s.Content = append(s.Content, v)
		p.next++
	}
	return s, true
}

// simpleKey splits a line (without its indentation) into a key of at
// most 128 ASCII letters, digits, "_", "-" and "." and what follows its
// colon.
func simpleKey(line string) (key, rest string, ok bool) {
	i := 0
	for i < len(line) && isKeyByte(line[i]) {
		i++
	}
	// YAML takes a key on one line of at most 1024 characters.
	if i == 0 || i > 128 || line[0] == '-' || line[0] == '.' || i == len(line) || line[i] != ':' {
		return "", "", false
	}
	rest = line[i+1:]
	if rest != "" && rest[0] != ' ' {
		return "", "", false
	}
	return line[:i], rest, true
}

func isKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
}

// inlineValue reads the value that fills the rest of a line, s, which
// starts at column col of line lineNo: a scalar or a flow list.
func inlineValue(s string, lineNo, col int) (*yaml.Node, bool) {
	if strings.HasPrefix(s, "[") {
		return flowSequence(s, lineNo, col)
	}
	v, rest, ok := scalar(s, false, lineNo, col)
	if !ok || strings.TrimRight(rest, " ") != "" {
		return nil, false
	}
	return v, true
}

// flowSequence reads a one-line flow list of scalars, "[a, "b c"]",
// which must fill the rest of the line.
func flowSequence(s string, lineNo, col int) (*yaml.Node, bool) {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle, Line: lineNo, Column: col}
	rest := s[1:]
	// at returns the column of rest: columns count runes, counted
	// once each as the list is read.
	pos, runes := 0, 0
	at := func() int {
		end := len(s) - len(rest)
		runes += utf8.RuneCountInString(s[pos:end])
		pos = end
		return col + runes
	}
	for {
		rest = strings.TrimLeft(rest, " ")
		if strings.HasPrefix(rest, "]") {
			break
		}
		v, after, ok := scalar(rest, true, lineNo, at())
		if !ok {
			return nil, false
		}
		n.Content = append(n.Content, v)
		rest = strings.TrimLeft(after, " ")
		if r, ok := strings.CutPrefix(rest, ","); ok {
			rest = r
			continue
		}
		if !strings.HasPrefix(rest, "]") {
			return nil, false
		}
		break
	}
	if strings.TrimRight(rest[1:], " ") != "" {
		return nil, false
	}
	return n, true
}

// scalar reads a double-quoted, single-quoted or plain scalar at the
// start of s, in a flow list if flow is set, and returns it with the
// text after it.
func scalar(s string, flow bool, lineNo, col int) (*yaml.Node, string, bool) {
	if s == "" {
		return nil, "", false
	}
	switch s[0] {
	case '"':
		return quoted(s, '"', yaml.DoubleQuotedStyle, lineNo, col)
	case '\'':
		return quoted(s, '\'', yaml.SingleQuotedStyle, lineNo, col)
	}
	dash := s[0] == '-' && len(s) > 1 && s[1] != ' ' // "-3", not "- 3"
	if !dash && strings.ContainsRune("-?:,[]{}#&*!|>'\"%@`", rune(s[0])) {
		return nil, "", false
	}
	end := len(s)
	if flow {
		end = strings.IndexAny(s, ",]")
		if end < 0 {
			return nil, "", false
		}
	}
	v := strings.TrimRight(s[:end], " ")
	// Left to yaml.v3: what could end the scalar, start a comment, or
	// mean something in a flow list. A colon in a word ("10:00") is
	// the value's own, but for a key.
	if strings.ContainsAny(v, "#[]{}") || strings.HasSuffix(v, ":") || strings.Contains(v, ": ") ||
		flow && strings.ContainsAny(v, ":?") {
		return nil, "", false
	}
	return scalarNode(strings.Clone(v), 0, lineNo, col), s[end:], true
}

// quoted reads the scalar quoted by q at the start of s: double quotes
// take the escapes \" and \\, single quotes a quote written twice. The value
// is a string of its own, of its length: it is kept in the story for
// the whole build, and a slice of the line would keep the line.
func quoted(s string, q byte, style yaml.Style, lineNo, col int) (*yaml.Node, string, bool) {
	end, escapes := 0, 0
	for i := 1; i < len(s) && end == 0; i++ {
		switch {
		case q == '"' && s[i] == '\\':
			if i+1 == len(s) || s[i+1] != '"' && s[i+1] != '\\' {
				return nil, "", false
			}
			i++
			escapes++
		case s[i] == q && q == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++
			escapes++
		case s[i] == q:
			end = i
		}
	}
	if end == 0 {
		return nil, "", false
	}
	raw := s[1:end]
	if escapes == 0 {
		return scalarNode(strings.Clone(raw), style, lineNo, col), s[end+1:], true
	}
	var b strings.Builder
	b.Grow(len(raw) - escapes)
	for i := 0; i < len(raw); i++ {
		if raw[i] == '\\' && q == '"' || raw[i] == '\'' && q == '\'' {
			i++
		}
		b.WriteByte(raw[i])
	}
	return scalarNode(b.String(), style, lineNo, col), s[end+1:], true
}

// scalarNode returns the scalar node of value in style, with the tag
// yaml.v3 resolves it to.
func scalarNode(value string, style yaml.Style, lineNo, col int) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Value: value, Style: style, Line: lineNo, Column: col}
	n.Tag = n.ShortTag()
	return n
}

package wordpress

import (
	"encoding/json"
	"strings"
)

// Gutenberg stores a post as HTML with its blocks delimited by comments:
//
//	<!-- wp:name {"json":"attrs"} -->inner HTML<!-- /wp:name -->
//	<!-- wp:name {"json":"attrs"} /-->
//
// where name may carry a namespace (core-embed/youtube, jetpack/slideshow;
// core/ is the default and is dropped). parseBlocks follows WordPress's
// own parser (WP_Block_Parser) where the document is well formed, and
// where it is not it keeps every byte of text and drops only the
// delimiters, which WordPress would never show either.

// A block is one parsed block.
type block struct {
	name  string         // without the core/ namespace
	attrs map[string]any // nil when the block has none or they are not JSON
	start int            // offset of the opening delimiter in the body
	void  bool           // a self-closing <!-- wp:name /-->
	parts []part         // the inner content, in document order
}

// A part is a run of HTML or a block, inside a block or at the top level
// (HTML there is WordPress's freeform content).
type part struct {
	html  string
	off   int    // where html starts in the body
	block *block // set for a block, html is then empty
}

// A delimiter is one block comment found in the body.
type delimiter struct {
	closer, void bool
	name         string
	attrs        map[string]any
	badAttrs     bool
	start, end   int // the comment is body[start:end]
}

// An offNote is a note at a byte offset of the body, turned into a line
// at the end.
type offNote struct {
	off int
	why string
}

// hasBlocks reports whether s holds a block delimiter, as WordPress's
// has_blocks does: such content is not run through wpautop.
func hasBlocks(s string) bool {
	return strings.Contains(s, "<!-- wp:")
}

// parseBlocks splits s into its top-level parts. It never fails: a
// closing delimiter with no opener is dropped, a block left open at the
// end is closed there, and bad attributes are left out; each is noted.
func parseBlocks(s string) ([]part, []offNote) {
	var notes []offNote
	root := &block{}
	stack := []*block{root}
	text := 0 // start of the HTML not yet added to a part
	addText := func(end int) {
		if end > text {
			top := stack[len(stack)-1]
			top.parts = append(top.parts, part{html: s[text:end], off: text})
		}
	}
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], "<!--")
		if j < 0 {
			break
		}
		i += j
		d, ok := scanDelimiter(s, i)
		if !ok {
			if end, why, bad := badDelimiter(s, i); bad {
				addText(i)
				notes = append(notes, offNote{i, why})
				text, i = end, end
				continue
			}
			i += len("<!--")
			continue
		}
		addText(d.start)
		text, i = d.end, d.end
		if d.badAttrs {
			notes = append(notes, offNote{d.start, "block wp:" + d.name + " has attributes that are not JSON: they were ignored"})
		}
		switch {
		case d.closer:
			k := len(stack) - 1
			for k > 0 && stack[k].name != d.name {
				k--
			}
			if k == 0 {
				notes = append(notes, offNote{d.start, "closing comment of block wp:" + d.name + " without its opening dropped"})
				continue
			}
			for len(stack)-1 > k {
				top := stack[len(stack)-1]
				notes = append(notes, offNote{top.start, "block wp:" + top.name + " not closed before the end of its parent"})
				stack = stack[:len(stack)-1]
			}
			stack = stack[:k]
		default:
			b := &block{name: d.name, attrs: d.attrs, start: d.start, void: d.void}
			top := stack[len(stack)-1]
			top.parts = append(top.parts, part{block: b, off: d.start})
			if !d.void {
				stack = append(stack, b)
			}
		}
	}
	addText(len(s))
	for _, b := range stack[1:] {
		notes = append(notes, offNote{b.start, "block wp:" + b.name + " not closed: closed at the end of the post"})
	}
	return root.parts, notes
}

// scanDelimiter reads the block delimiter that starts at s[i:], if there
// is one, by the grammar of WordPress's parser:
// <!--\s+/?wp:(namespace/)?name\s+({json}\s+)?/?-->.
func scanDelimiter(s string, i int) (delimiter, bool) {
	d := delimiter{start: i}
	k := i + len("<!--")
	n := skipSpace(s, k)
	if n == k {
		return d, false
	}
	k = n
	if k < len(s) && s[k] == '/' {
		d.closer = true
		k++
	}
	if !strings.HasPrefix(s[k:], "wp:") {
		return d, false
	}
	k += len("wp:")
	name, k, ok := scanBlockName(s, k)
	if !ok {
		return d, false
	}
	d.name = strings.TrimPrefix(name, "core/")
	n = skipSpace(s, k)
	if n == k {
		return d, false
	}
	k = n
	if k < len(s) && s[k] == '{' {
		end := strings.Index(s[k:], "-->")
		if end < 0 {
			return d, false
		}
		body := strings.TrimRight(s[k:k+end], " \t\n\r\f\v")
		if strings.HasSuffix(body, "/") {
			d.void = true
			body = strings.TrimRight(body[:len(body)-1], " \t\n\r\f\v")
		}
		if !strings.HasSuffix(body, "}") {
			return d, false
		}
		if err := json.Unmarshal([]byte(body), &d.attrs); err != nil {
			d.attrs, d.badAttrs = nil, true
		}
		d.end = k + end + len("-->")
		return d, true
	}
	if k < len(s) && s[k] == '/' {
		d.void = true
		k++
	}
	if !strings.HasPrefix(s[k:], "-->") {
		return d, false
	}
	d.end = k + len("-->")
	return d, true
}

// badDelimiter reports whether s[i:] starts a comment that looks like a
// block delimiter (<!-- wp:name or <!-- /wp:name) but does not follow
// the grammar, and where what is dropped of it ends. A browser shows
// nothing of a comment, and WordPress's parser leaves such a one as
// HTML, so it is dropped whole. One with no "-->" after it would make an
// HTML parser read all the rest of the post as a comment: only its start
// is dropped, since the text after it is the post's.
func badDelimiter(s string, i int) (end int, why string, bad bool) {
	k := skipSpace(s, i+len("<!--"))
	if k == i+len("<!--") {
		return 0, "", false
	}
	if k < len(s) && s[k] == '/' {
		k++
	}
	if !strings.HasPrefix(s[k:], "wp:") {
		return 0, "", false
	}
	name, end, ok := scanBlockName(s, k+len("wp:"))
	if !ok {
		return 0, "", false
	}
	if c := strings.Index(s[end:], "-->"); c >= 0 {
		return end + c + len("-->"), "malformed block comment wp:" + name + " dropped", true
	}
	return end, "block comment wp:" + name + " without its end (-->) dropped", true
}

// scanBlockName reads [a-z][a-z0-9_-]*(/[a-z][a-z0-9_-]*)? at s[k:].
func scanBlockName(s string, k int) (string, int, bool) {
	start := k
	word := func() bool {
		if k >= len(s) || s[k] < 'a' || s[k] > 'z' {
			return false
		}
		for k < len(s) && (s[k] >= 'a' && s[k] <= 'z' || s[k] >= '0' && s[k] <= '9' || s[k] == '_' || s[k] == '-') {
			k++
		}
		return true
	}
	if !word() {
		return "", start, false
	}
	if k < len(s) && s[k] == '/' {
		save := k
		k++
		if !word() {
			k = save
		}
	}
	return s[start:k], k, true
}

// skipSpace returns the offset of the first byte at or after k that is
// not PCRE's \s.
func skipSpace(s string, k int) int {
	for k < len(s) && strings.IndexByte(" \t\n\r\f\v", s[k]) >= 0 {
		k++
	}
	return k
}

// attrString returns the string attribute key of b, or "".
func (b *block) attrString(key string) string {
	v, _ := b.attrs[key].(string)
	return v
}

// innerHTML returns the HTML of b's own parts, without its inner blocks,
// as WordPress's $block['innerHTML'].
func (b *block) innerHTML() string {
	var sb strings.Builder
	for _, p := range b.parts {
		sb.WriteString(p.html)
	}
	return sb.String()
}

package wordpress

import (
	"html"
	"net/url"
	"sort"
	"strings"
)

// ConvertBody converts a post's content:encoded to Markdown that Galley
// renders as WordPress showed it, and lists what it could not convert.
//
// It follows WordPress's the_content: blocks first (do_blocks), then,
// for content without blocks only, wpautop's paragraphs and line breaks,
// then shortcodes; the HTML that results becomes Markdown. A note's Line
// is the line of html where what it is about starts.
func ConvertBody(html string, opts BodyOptions) (md string, notes []BodyNote) {
	c := &conversion{src: html, opts: &opts, lines: newlineOffsets(html)}
	if hasBlocks(html) {
		parts, pnotes := parseBlocks(html)
		for _, n := range pnotes {
			c.note(n.off, n.why)
		}
		c.parts(parts)
	} else {
		c.classic()
	}
	md = c.markdown()
	sort.SliceStable(c.notes, func(i, j int) bool { return c.notes[i].Line < c.notes[j].Line })
	return md, c.notes
}

// A conversion is the state of one ConvertBody.
type conversion struct {
	src   string
	opts  *BodyOptions
	lines []int // offsets of the newlines of src
	notes []BodyNote
	segs  []*segment
}

// A segment is HTML to convert, or, between such, raw HTML the site lets
// through (a Custom HTML block when opts.Unsafe).
type segment struct {
	html  strings.Builder
	spans []span
	raw   string
	isRaw bool
}

// A span says where a stretch of a segment's HTML comes from: body
// bytes copied as they are (verbatim), or a transformed copy of
// src[from:from+len(orig)] (by wpautop or a shortcode), where an offset
// is found again by the text at it.
type span struct {
	at, from int
	verbatim bool
	orig     string     // the body text it came from, when not verbatim
	out      string     // what was emitted, when not verbatim
	m        *offsetMap // made when first needed
}

func (c *conversion) note(off int, why string) {
	off = min(max(off, 0), len(c.src))
	c.notes = append(c.notes, BodyNote{Line: c.line(off), Why: why})
}

// line returns the 1-based line of the body offset off.
func (c *conversion) line(off int) int {
	return sort.SearchInts(c.lines, off) + 1
}

func newlineOffsets(s string) []int {
	var offs []int
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			offs = append(offs, i)
		}
	}
	return offs
}

// seg returns the segment HTML is added to.
func (c *conversion) seg() *segment {
	if len(c.segs) == 0 || c.segs[len(c.segs)-1].isRaw {
		c.segs = append(c.segs, &segment{})
	}
	return c.segs[len(c.segs)-1]
}

// emit adds HTML that is the body's text at from.
func (c *conversion) emit(s string, from int) {
	g := c.seg()
	g.spans = append(g.spans, span{at: g.html.Len(), from: from, verbatim: true})
	g.html.WriteString(s)
}

// emitFrom adds HTML made from orig, the body's text at from.
func (c *conversion) emitFrom(s, orig string, from int) {
	if s == orig {
		c.emit(s, from)
		return
	}
	g := c.seg()
	g.spans = append(g.spans, span{at: g.html.Len(), from: from, orig: orig, out: s})
	g.html.WriteString(s)
}

// emitHTML adds HTML written here, about the body's text at from.
func (c *conversion) emitHTML(s string, from int) {
	g := c.seg()
	g.spans = append(g.spans, span{at: g.html.Len(), from: from, orig: "", out: s})
	g.html.WriteString(s)
}

// piece adds the body's HTML s at from, its shortcodes expanded.
func (c *conversion) piece(s string, from int) {
	if s == "" {
		return
	}
	out := expandShortcodes(s, c.opts, func(off int, why string) { c.note(from+off, why) })
	c.emitFrom(out, s, from)
}

// classic converts content of the classic editor: wpautop, then
// shortcodes, as WordPress shows it.
func (c *conversion) classic() {
	p := wpautop(c.src)
	m := newOffsetMap(p, c.src)
	out := expandShortcodes(p, c.opts, func(off int, why string) { c.note(m.find(off), why) })
	c.emitFrom(out, c.src, 0)
}

// markdown converts the segments and joins them.
func (c *conversion) markdown() string {
	conv := newConverter()
	var parts []string
	for _, g := range c.segs {
		if g.isRaw {
			parts = append(parts, g.raw)
			continue
		}
		s := g.html.String()
		md := htmlToMarkdown(conv, s, c.opts, func(off int, why string) { c.note(g.bodyOffset(off), why) })
		if md = strings.TrimSpace(md); md != "" {
			parts = append(parts, md)
		}
	}
	md := defuseDelimiters(strings.Join(parts, "\n\n"))
	if md != "" {
		md += "\n"
	}
	return md
}

// bodyOffset returns the body offset of the offset off of g's HTML.
func (g *segment) bodyOffset(off int) int {
	i := sort.Search(len(g.spans), func(i int) bool { return g.spans[i].at > off }) - 1
	if i < 0 {
		return 0
	}
	sp := &g.spans[i]
	if sp.verbatim {
		return sp.from + off - sp.at
	}
	if sp.m == nil {
		sp.m = newOffsetMap(sp.out, sp.orig)
	}
	return sp.from + sp.m.find(off-sp.at)
}

// An offsetMap finds an offset of a transformed text (out) in the text
// it was made from (orig): the text at the offset, up to a space or the
// end of a tag, is looked up by its rank among the same strings. wpautop
// and shortcodes add and drop tags and white space but keep other tags,
// so "the third <iframe" of the output is the third of the input. The
// occurrences of each string are found once, so that many notes cost
// one pass each.
type offsetMap struct {
	out, orig string
	occ       map[string][2][]int // a string's offsets in out and in orig
}

func newOffsetMap(out, orig string) *offsetMap {
	return &offsetMap{out: out, orig: orig, occ: map[string][2][]int{}}
}

// find returns the offset in orig of the offset off of out, or 0.
func (m *offsetMap) find(off int) int {
	if m.orig == "" || off < 0 || off >= len(m.out) {
		return 0
	}
	tok := m.out[off:min(off+32, len(m.out))]
	if i := strings.IndexAny(tok[1:], " \t\n>]\"="); i >= 0 {
		tok = tok[:i+1]
	}
	o, ok := m.occ[tok]
	if !ok {
		o = [2][]int{occurrences(m.out, tok), occurrences(m.orig, tok)}
		m.occ[tok] = o
	}
	rank := sort.SearchInts(o[0], off)
	if rank < len(o[1]) {
		return o[1][rank]
	}
	return 0
}

// occurrences returns the offsets of tok in s, not overlapping.
func occurrences(s, tok string) []int {
	var offs []int
	for at := 0; ; {
		i := strings.Index(s[at:], tok)
		if i < 0 {
			return offs
		}
		offs = append(offs, at+i)
		at += i + len(tok)
	}
}

// parts converts a run of parts: HTML (freeform content, or a block's
// own HTML) and blocks.
func (c *conversion) parts(ps []part) {
	for _, p := range ps {
		if p.block == nil {
			c.piece(p.html, p.off)
			continue
		}
		c.block(p.block)
	}
}

// Blocks whose saved HTML says what they show: their HTML (and inner
// blocks, in order) is converted as it is.
var savedBlocks = map[string]bool{
	"paragraph": true, "heading": true, "list": true, "list-item": true,
	"quote": true, "pullquote": true, "image": true, "gallery": true,
	"table": true, "preformatted": true, "verse": true, "separator": true,
	"buttons": true, "button": true, "columns": true, "column": true,
	"group": true, "media-text": true, "shortcode": true, "video": true,
	"audio": true, "file": true, "freeform": true, "details": true,
	"text-columns": true, "subhead": true, "missing": true,
}

// Blocks WordPress renders when the page is served, from the old site's
// database: the export has no HTML for them.
var dynamicBlocks = map[string]bool{
	"latest-posts": true, "latest-comments": true, "archives": true,
	"categories": true, "calendar": true, "search": true, "rss": true,
	"tag-cloud": true, "page-list": true, "query": true, "query-loop": true,
	"post-template": true, "navigation": true, "loginout": true,
	"site-title": true, "site-tagline": true, "site-logo": true,
	"post-title": true, "post-content": true, "post-date": true,
	"post-excerpt": true, "post-featured-image": true, "post-author": true,
	"post-terms": true, "post-comments": true, "comments": true,
	"comments-query-loop": true, "home-link": true, "legacy-widget": true,
	"footnotes": true, "social-link": true, "read-more": true, "avatar": true,
	"template-part": true, "pattern": true, "widget-group": true,
}

// block converts one block.
func (c *conversion) block(b *block) {
	name := b.name
	switch {
	case name == "spacer" || name == "more" || name == "nextpage":
		// Spacing, the "read more" cut and page breaks have no place in
		// a Galley story.
	case name == "block":
		c.note(b.start, "reusable block wp:block dropped: its content is another post of the old site")
	case dynamicBlocks[name]:
		c.note(b.start, "dynamic block wp:"+name+" dropped: it lists the old site's content")
	case name == "embed" || strings.HasPrefix(name, "core-embed/"):
		c.embed(b)
	case name == "html":
		c.customHTML(b)
	case name == "code":
		c.code(b)
	case name == "cover":
		c.cover(b)
		c.parts(b.parts)
	case savedBlocks[name]:
		c.parts(b.parts)
	case b.void || strings.TrimSpace(b.innerHTML()) == "" && !hasInnerBlocks(b):
		c.note(b.start, "unknown block wp:"+name+" dropped: it has no HTML")
	default:
		c.note(b.start, "unknown block wp:"+name+": its HTML converted")
		c.parts(b.parts)
	}
}

func hasInnerBlocks(b *block) bool {
	for _, p := range b.parts {
		if p.block != nil {
			return true
		}
	}
	return false
}

// embed writes an embed as a paragraph with a link to what it showed:
// "Video: <URL>" for YouTube and Vimeo, "Post: <URL>" for X, Twitter,
// Instagram and Facebook, the link alone otherwise. The reader chooses
// to follow it; no player or script of another site is loaded.
func (c *conversion) embed(b *block) {
	inner := b.innerHTML()
	u := strings.TrimSpace(b.attrString("url"))
	if u == "" {
		u = embedURLFromHTML(inner)
	}
	if !isWebURL(u) {
		c.note(b.start, "embed wp:"+b.name+" without a web address dropped")
		return
	}
	provider := strings.ToLower(b.attrString("providerNameSlug"))
	if provider == "" {
		provider = strings.TrimPrefix(b.name, "core-embed/")
	}
	if provider == "" || provider == "embed" {
		provider = providerOf(u)
	}
	label := ""
	switch provider {
	case "youtube", "vimeo":
		label = "Video: "
	case "twitter", "x", "instagram", "facebook":
		label = "Post: "
	}
	esc := html.EscapeString(u)
	c.emitHTML(`<p>`+label+`<a href="`+esc+`">`+esc+`</a></p>`, b.start)
	if i := strings.Index(inner, "<figcaption"); i >= 0 {
		cap := inner[i:]
		if j := strings.Index(cap, "</figcaption>"); j >= 0 {
			cap = cap[:j+len("</figcaption>")]
		}
		c.emitHTML("<figure>"+cap+"</figure>", b.start)
	}
}

// embedURLFromHTML returns the URL an embed block saved as the text of
// its wrapper, for old blocks without a url attribute.
func embedURLFromHTML(inner string) string {
	for _, f := range strings.Fields(stripTags(inner)) {
		if isWebURL(f) {
			return html.UnescapeString(f)
		}
	}
	return ""
}

// providerOf names the provider of an embed by its URL's host.
func providerOf(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	host := strings.TrimPrefix(strings.ToLower(p.Hostname()), "www.")
	switch host {
	case "youtube.com", "youtu.be", "m.youtube.com", "youtube-nocookie.com":
		return "youtube"
	case "vimeo.com", "player.vimeo.com":
		return "vimeo"
	case "twitter.com", "mobile.twitter.com":
		return "twitter"
	case "x.com":
		return "x"
	case "instagram.com":
		return "instagram"
	case "facebook.com", "m.facebook.com", "fb.watch":
		return "facebook"
	}
	return host
}

// stripTags returns s without its tags, for finding a URL in it.
func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
			b.WriteByte(' ')
		case r == '>':
			in = false
			b.WriteByte(' ')
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// customHTML keeps a Custom HTML block as raw HTML when the site lets
// raw HTML through, and otherwise converts it like any HTML, saying so.
func (c *conversion) customHTML(b *block) {
	if !c.opts.Unsafe {
		c.note(b.start, "Custom HTML block converted to Markdown (the site does not allow raw HTML)")
		c.parts(b.parts)
		return
	}
	var sb strings.Builder
	for _, p := range b.parts {
		if p.block == nil {
			sb.WriteString(expandShortcodes(p.html, c.opts, func(off int, why string) { c.note(p.off+off, why) }))
		}
	}
	raw := rawHTMLBlock(sb.String())
	if raw != "" {
		c.segs = append(c.segs, &segment{raw: raw, isRaw: true})
	}
}

// rawHTMLBlock makes s one Markdown HTML block: a blank line would end
// the block and turn the rest into Markdown text, so blank lines go; and
// text that does not start with a tag is put in a <div> so that it
// starts one.
func rawHTMLBlock(s string) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, strings.TrimRight(l, " \t\r"))
		}
	}
	s = strings.Join(lines, "\n")
	if s == "" {
		return ""
	}
	if !strings.HasPrefix(strings.TrimSpace(s), "<") {
		s = "<div>\n" + s + "\n</div>"
	}
	return s
}

// code keeps the language a code block names in its attributes (as
// highlighting plugins save it) on the fence.
func (c *conversion) code(b *block) {
	lang := b.attrString("language")
	if lang == "" || !reVideoID.MatchString(lang) {
		c.parts(b.parts)
		return
	}
	for _, p := range b.parts {
		if p.block != nil {
			c.block(p.block)
			continue
		}
		s := strings.Replace(p.html, "<code>", `<code class="language-`+lang+`">`, 1)
		out := expandShortcodes(s, c.opts, func(off int, why string) { c.note(p.off+off, why) })
		c.emitFrom(out, p.html, p.off)
	}
}

// cover keeps a cover's background image, which older covers give only
// in their attributes (as a CSS background), as an image before the
// cover's text.
func (c *conversion) cover(b *block) {
	u := strings.TrimSpace(b.attrString("url"))
	inner := b.innerHTML()
	if u == "" || strings.Contains(inner, "<img") || strings.Contains(inner, "<video") || b.attrString("backgroundType") == "video" {
		return
	}
	c.emitHTML(`<p><img src="`+html.EscapeString(u)+`" alt="`+html.EscapeString(b.attrString("alt"))+`"></p>`, b.start)
}

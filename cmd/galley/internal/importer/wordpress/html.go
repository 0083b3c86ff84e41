package wordpress

import (
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The HTML → Markdown step. The HTML is parsed with x/net/html, made
// into what Galley's Markdown can say (figures become titled images,
// embeds links, active content is removed), then written out by
// html-to-markdown.

// newConverter returns the HTML → Markdown converter for one body: ATX
// headings, "-" lists, fenced code, GFM tables and strikethrough, and a
// link whose text is its URL written as an autolink (<https://…>).
func newConverter() *converter.Converter {
	conv := converter.NewConverter(converter.WithPlugins(
		base.NewBasePlugin(),
		commonmark.NewCommonmarkPlugin(
			commonmark.WithHeadingStyle(commonmark.HeadingStyleATX),
			commonmark.WithBulletListMarker("-"),
			commonmark.WithHorizontalRule("---"),
			commonmark.WithCodeBlockFence("```"),
			// Two lists in a row would merge into one, but the end
			// comment that prevents it would sit in the story's text.
			commonmark.WithListEndComment(false),
		),
		table.NewTablePlugin(),
		strikethrough.NewStrikethroughPlugin(),
	))
	conv.Register.RendererFor("a", converter.TagTypeInline, renderAutolink, converter.PriorityEarly)
	return conv
}

// renderAutolink writes <a href="U">U</a> as <U>, which is how Galley's
// embeds (Video: <URL>) read best; any other link is left to commonmark.
func renderAutolink(_ converter.Context, w converter.Writer, n *html.Node) converter.RenderStatus {
	href := attr(n, "href")
	if href == "" || !isWebURL(href) || strings.ContainsAny(href, "<> ") || textOf(n) != href {
		return converter.RenderTryNext
	}
	w.WriteString("<" + href + ">")
	return converter.RenderSuccess
}

// htmlToMarkdown converts s, noting what it removes by its offset in s.
func htmlToMarkdown(conv *converter.Converter, s string, opts *BodyOptions, note func(off int, why string)) string {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), body)
	if err != nil {
		// x/net/html reads any input; an error can only be the reader's.
		note(0, "HTML could not be read: "+err.Error())
		return ""
	}
	for _, n := range nodes {
		body.AppendChild(n)
	}
	c := &cleaner{opts: opts, note: note, offsets: tagOffsets(s), seen: map[string]int{}}
	c.children(body, false)
	out, err := conv.ConvertNode(body)
	if err != nil {
		note(0, "HTML could not be converted: "+err.Error())
		return ""
	}
	return string(out)
}

// noted are the elements whose start tags tagOffsets records, so that a
// note about one can name its line.
var noted = map[string]bool{
	"script": true, "style": true, "iframe": true, "object": true, "embed": true,
	"form": true, "a": true, "img": true, "video": true, "audio": true, "applet": true,
}

// tagOffsets returns, for each element name of noted, the offsets of its
// start tags in s in order. The parser creates elements in the order of
// their start tags, so the k-th <iframe> element met is the k-th here.
func tagOffsets(s string) map[string][]int {
	offs := map[string][]int{}
	z := html.NewTokenizer(strings.NewReader(s))
	pos := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return offs
		}
		raw := len(z.Raw())
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			name, _ := z.TagName()
			if n := string(name); noted[n] {
				offs[n] = append(offs[n], pos)
			}
		}
		pos += raw
	}
}

// A cleaner rewrites the parsed HTML in place into what Markdown can say.
type cleaner struct {
	opts    *BodyOptions
	note    func(off int, why string)
	offsets map[string][]int
	seen    map[string]int // elements of each noted name met so far
}

// offset returns where n's start tag is in the HTML, counting n.
func (c *cleaner) offset(n *html.Node) int {
	k := c.seen[n.Data]
	c.seen[n.Data] = k + 1
	if offs := c.offsets[n.Data]; k < len(offs) {
		return offs[k]
	}
	return 0
}

// children cleans the children of n; inFigure says they are inside a
// <figure>.
func (c *cleaner) children(n *html.Node, inFigure bool) {
	for ch := n.FirstChild; ch != nil; {
		next := ch.NextSibling
		c.node(ch, inFigure)
		ch = next
	}
}

// countNoted counts, for the offsets, the noted elements under n that
// are dropped without being visited.
func (c *cleaner) countNoted(n *html.Node) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode {
			if noted[ch.Data] {
				c.offset(ch)
			}
			c.countNoted(ch)
		}
	}
}

// node cleans n, which may replace or remove it.
func (c *cleaner) node(n *html.Node, inFigure bool) {
	switch n.Type {
	case html.CommentNode:
		n.Parent.RemoveChild(n)
		return
	case html.TextNode:
		n.Data = defuseDelimiters(n.Data)
		linkBareURLs(n)
		return
	case html.ElementNode:
	default:
		return
	}
	if hasClass(n, "wp-block-file__button") {
		// The file block's second link, "Download", to the same file.
		c.countNoted(n)
		if noted[n.Data] {
			c.offset(n)
		}
		n.Parent.RemoveChild(n)
		return
	}
	switch n.Data {
	case "script", "style", "object", "embed", "applet", "form":
		off := c.offset(n)
		c.countNoted(n)
		c.note(off, "<"+n.Data+"> removed")
		n.Parent.RemoveChild(n)
		return
	case "noscript", "template", "input", "textarea", "select", "button", "meta", "link":
		// noscript holds the fallback of a lazy-loading script, whose
		// image the img already has; the others are form controls.
		c.countNoted(n)
		n.Parent.RemoveChild(n)
		return
	case "iframe":
		c.iframe(n)
		return
	case "video", "audio":
		c.media(n)
		return
	case "figure":
		c.figure(n)
		return
	case "img":
		c.img(n)
		return
	case "a":
		c.link(n, inFigure)
		return
	case "ul":
		if hasClass(n, "blocks-gallery-grid") || hasClass(n, "wp-block-gallery") {
			c.galleryList(n)
			return
		}
	case "pre":
		if hasClass(n, "wp-block-verse") {
			verse(n)
		} else {
			preLanguage(n)
		}
	case "h1", "h2", "h3", "h4", "h5", "h6":
		// A heading's anchor (Gutenberg's "HTML anchor") is what links
		// to #it find; Galley reads it as {#id} at the heading's end.
		if id := attr(n, "id"); validAnchor(id) {
			n.AppendChild(&html.Node{Type: html.TextNode, Data: " {#" + id + "}"})
		}
	case "p":
		if isBlank(n) {
			c.countNoted(n)
			n.Parent.RemoveChild(n)
			return
		}
	}
	c.children(n, inFigure)
}

// anchor is a heading ID as Galley's markdown reads it in {#id}
// (markdown/headingid.go); another stays off, and the heading gets the
// ID made of its text.
var anchor = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.:-]{0,499}$`)

func validAnchor(id string) bool { return anchor.MatchString(id) }

// iframe keeps a YouTube or Vimeo player as a link to the video's page
// and removes any other.
func (c *cleaner) iframe(n *html.Node) {
	off := c.offset(n)
	c.countNoted(n)
	if watch := videoPage(attr(n, "src")); watch != "" {
		replace(n, paragraph("Video: ", c.mapURL(watch), c.mapURL(watch)))
		return
	}
	host := "no address"
	if u, err := url.Parse(strings.TrimSpace(attr(n, "src"))); err == nil && u.Host != "" {
		host = u.Host
	}
	c.note(off, "<iframe> from "+host+" removed")
	n.Parent.RemoveChild(n)
}

// media writes a <video> or <audio> as a paragraph linking to the file.
func (c *cleaner) media(n *html.Node) {
	off := c.offset(n)
	src := attr(n, "src")
	for ch := n.FirstChild; ch != nil && src == ""; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && ch.Data == "source" {
			src = attr(ch, "src")
		}
	}
	c.countNoted(n)
	label := "Video: "
	if n.Data == "audio" {
		label = "Audio: "
	}
	src = c.safeURL(src, off, n.Data)
	if src == "" {
		c.note(off, "<"+n.Data+"> without a file dropped")
		n.Parent.RemoveChild(n)
		return
	}
	replace(n, paragraph(label, fileName(src), src))
}

// figure makes a figure of one image, with or without a caption, a
// paragraph of that image alone, titled with the caption: Galley renders
// it as a figure. Any other figure (a table's, a gallery's, an embed's,
// a pullquote's) is unwrapped, its caption kept as a paragraph.
func (c *cleaner) figure(n *html.Node) {
	c.children(n, true)
	var imgs []*html.Node
	var caption *html.Node
	other := false
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch {
		case ch.Type == html.ElementNode && ch.Data == "figcaption":
			caption = ch
		case ch.Type == html.ElementNode && ch.Data == "p" && soleImage(ch) != nil:
			imgs = append(imgs, soleImage(ch))
		case ch.Type == html.ElementNode && soleImage(ch) != nil:
			imgs = append(imgs, soleImage(ch))
		case ch.Type == html.TextNode && strings.TrimSpace(ch.Data) == "":
		default:
			other = true
		}
	}
	if len(imgs) == 1 && !other {
		img := imgs[0]
		img.Parent.RemoveChild(img)
		if caption != nil {
			if t := collapse(textOf(caption)); t != "" {
				setAttr(img, "title", t)
			}
		}
		p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
		p.AppendChild(img)
		replace(n, p)
		return
	}
	if caption != nil {
		caption.Data, caption.DataAtom = "p", atom.P
		caption.Attr = nil
	}
	unwrap(n)
}

// soleImage returns the image n is or holds alone (an <img>, or one in
// a <p>, <div>, <span> or <a> with nothing else), or nil.
func soleImage(n *html.Node) *html.Node {
	if n.Type != html.ElementNode {
		return nil
	}
	if n.Data == "img" {
		return n
	}
	if n.Data != "p" && n.Data != "div" && n.Data != "span" && n.Data != "a" {
		return nil
	}
	var img *html.Node
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.TextNode && strings.TrimSpace(ch.Data) == "" {
			continue
		}
		if img != nil {
			return nil
		}
		if img = soleImage(ch); img == nil {
			return nil
		}
	}
	return img
}

// img keeps an image's source (a lazy-loaded one's real source), mapped,
// and its alt text; srcset and sizes go, as the new site makes its own.
func (c *cleaner) img(n *html.Node) {
	off := c.offset(n)
	src := strings.TrimSpace(attr(n, "src"))
	if lazy := firstAttr(n, "data-src", "data-lazy-src", "data-orig-file"); lazy != "" && (src == "" || strings.HasPrefix(strings.ToLower(src), "data:")) {
		src = lazy
	}
	src = c.safeURL(src, off, "image")
	if src == "" {
		n.Parent.RemoveChild(n)
		return
	}
	keep := []html.Attribute{{Key: "src", Val: src}}
	if alt := attr(n, "alt"); alt != "" {
		keep = append(keep, html.Attribute{Key: "alt", Val: alt})
	}
	if t := attr(n, "title"); t != "" {
		keep = append(keep, html.Attribute{Key: "title", Val: t})
	}
	n.Attr = keep
}

// link maps a link's URL, drops a dangerous one (keeping the text), and
// unwraps a link around an image that only opens the image itself (the
// attachment page or the full-size file), as WordPress adds by default.
func (c *cleaner) link(n *html.Node, inFigure bool) {
	off := c.offset(n)
	href := attr(n, "href")
	c.children(n, inFigure)
	if img := soleImage(n); img != nil && (inFigure || opensImage(href)) {
		img.Parent.RemoveChild(img)
		replace(n, img)
		return
	}
	if href == "" {
		return
	}
	if shown := strings.TrimSpace(href); textOf(n) == shown && isWebURL(shown) && c.mapURL(shown) == "" {
		// A link that shows its own address: without the link, the
		// text would still read (and be linked) as that address.
		c.note(off, "link to "+shown+" kept, though the new site has nothing at that address: bring the page over, or remove the link")
		return
	}
	if u := c.safeURL(href, off, "link"); u != "" {
		setAttr(n, "href", u)
		return
	}
	unwrap(n)
}

// galleryList unwraps the <ul> of an old gallery block: each item's
// figure becomes an image paragraph of its own.
func (c *cleaner) galleryList(n *html.Node) {
	for li := n.FirstChild; li != nil; li = li.NextSibling {
		if li.Type == html.ElementNode && li.Data == "li" {
			li.Data, li.DataAtom, li.Attr = "div", atom.Div, nil
		}
	}
	c.children(n, false)
	unwrap(n)
}

// safeURL returns u mapped by opts.URL, or "" with a note when it is
// empty or runs script (javascript:, vbscript:) or is inline data
// (data:), which a Markdown page must not carry.
func (c *cleaner) safeURL(u string, off int, what string) string {
	u = strings.TrimSpace(u)
	if u == "" {
		return ""
	}
	if scheme := urlScheme(u); scheme == "javascript" || scheme == "vbscript" || scheme == "data" {
		c.note(off, what+" to a "+scheme+": URL dropped")
		return ""
	}
	mapped := c.mapURL(u)
	if mapped == "" {
		c.note(off, what+" to "+u+" removed, its text kept: the new site has nothing at that address (a post or page not in the export?)")
	}
	return mapped
}

func (c *cleaner) mapURL(u string) string {
	if c.opts.URL == nil {
		return u
	}
	return c.opts.URL(u)
}

// urlScheme returns the lower-case scheme of u as a browser reads it:
// control characters and white space inside it are ignored.
func urlScheme(u string) string {
	var b strings.Builder
	for _, r := range u {
		switch {
		case r == ':':
			return strings.ToLower(b.String())
		case r <= ' ':
			continue
		case r == '/' || r == '?' || r == '#':
			return ""
		}
		b.WriteRune(r)
	}
	return ""
}

// isWebURL reports whether u is an absolute http(s) URL.
func isWebURL(u string) bool {
	s := urlScheme(u)
	return s == "http" || s == "https"
}

var reVideoID = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// videoPage returns the page of a YouTube or Vimeo player URL (an embed
// iframe's src), or "".
func videoPage(src string) string {
	u, err := url.Parse(strings.TrimSpace(src))
	if err != nil {
		return ""
	}
	if strings.HasPrefix(src, "//") {
		u.Scheme = "https"
	}
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	switch host {
	case "youtube.com", "youtube-nocookie.com", "m.youtube.com":
		if id, ok := strings.CutPrefix(u.Path, "/embed/"); ok && reVideoID.MatchString(id) {
			return "https://www.youtube.com/watch?v=" + id
		}
	case "player.vimeo.com":
		if id, ok := strings.CutPrefix(u.Path, "/video/"); ok && reVideoID.MatchString(id) {
			return "https://vimeo.com/" + id
		}
	}
	return ""
}

// opensImage reports whether a link around an image only opens that
// image: an image file or WordPress's attachment page.
func opensImage(href string) bool {
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil {
		return false
	}
	switch strings.ToLower(path.Ext(u.Path)) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".bmp", ".tif", ".tiff", ".svg", ".heic":
		return true
	}
	return u.Query().Get("attachment_id") != "" || strings.Contains(u.Path, "/attachment/")
}

// verse writes a verse block's <pre> as a paragraph with its line
// breaks: a poem, not code.
func verse(n *html.Node) {
	n.Data, n.DataAtom, n.Attr = "p", atom.P, nil
	var texts []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type == html.TextNode {
				texts = append(texts, ch)
			}
			walk(ch)
		}
	}
	walk(n)
	for _, t := range texts {
		lines := strings.Split(strings.Trim(t.Data, "\n"), "\n")
		for i, l := range lines {
			if i > 0 {
				t.Parent.InsertBefore(&html.Node{Type: html.ElementNode, Data: "br", DataAtom: atom.Br}, t)
			}
			t.Parent.InsertBefore(&html.Node{Type: html.TextNode, Data: l}, t)
		}
		t.Parent.RemoveChild(t)
	}
}

// preLanguage gives a <pre>'s code the language a highlighter plugin
// wrote on the <pre> (class="brush: php", lang="php", class="lang-go"),
// so the fence keeps it.
func preLanguage(n *html.Node) {
	lang := attr(n, "lang")
	for _, f := range strings.Fields(strings.ReplaceAll(attr(n, "class"), ";", " ")) {
		if l, ok := strings.CutPrefix(f, "language-"); ok {
			lang = l
		} else if l, ok := strings.CutPrefix(f, "lang-"); ok {
			lang = l
		}
	}
	if i := strings.Index(attr(n, "class"), "brush:"); i >= 0 {
		if f := strings.Fields(strings.TrimSpace(attr(n, "class")[i+len("brush:"):])); len(f) > 0 {
			lang = strings.TrimSuffix(f[0], ";")
		}
	}
	if lang == "" || !reVideoID.MatchString(lang) {
		return
	}
	code := n.FirstChild
	if code != nil && code.NextSibling == nil && code.Type == html.ElementNode && code.Data == "code" {
		if !strings.Contains(attr(code, "class"), "language-") {
			setAttr(code, "class", "language-"+lang)
		}
		return
	}
	code = &html.Node{Type: html.ElementNode, Data: "code", DataAtom: atom.Code, Attr: []html.Attribute{{Key: "class", Val: "language-" + lang}}}
	for n.FirstChild != nil {
		ch := n.FirstChild
		n.RemoveChild(ch)
		code.AppendChild(ch)
	}
	n.AppendChild(code)
}

// defuseDelimiters keeps text that reads like a block delimiter (typed
// in a code sample, say) from reading as one: the space after "<!--"
// becomes a no-break space, which looks the same.
func defuseDelimiters(s string) string {
	if !strings.Contains(s, "<!-- wp:") && !strings.Contains(s, "<!-- /wp:") {
		return s
	}
	return strings.NewReplacer("<!-- wp:", "<!--\u00a0wp:", "<!-- /wp:", "<!--\u00a0/wp:").Replace(s)
}

// bareURL is a web address written as text, as linkify finds one.
var bareURL = regexp.MustCompile(`https?://[^\s<>"'()\[\]{}]*[^\s<>"'()\[\]{}.,;:!?]`)

// linkBareURLs makes each web address in the text node n a link that
// shows itself, which is written <URL>: written as text, its "_" and
// "*" would be escaped, and the reader's linkify would stop at the
// first backslash (http://x.org/a\_b links to http://x.org/a). Text in
// links and code is left as it is.
func linkBareURLs(n *html.Node) {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && (p.Data == "a" || p.Data == "code" || p.Data == "pre") {
			return
		}
	}
	locs := bareURL.FindAllStringIndex(n.Data, -1)
	if len(locs) == 0 {
		return
	}
	text, at := n.Data, 0
	for _, loc := range locs {
		if loc[0] > at {
			n.Parent.InsertBefore(&html.Node{Type: html.TextNode, Data: text[at:loc[0]]}, n)
		}
		u := text[loc[0]:loc[1]]
		a := &html.Node{Type: html.ElementNode, Data: "a", DataAtom: atom.A, Attr: []html.Attribute{{Key: "href", Val: u}}}
		a.AppendChild(&html.Node{Type: html.TextNode, Data: u})
		n.Parent.InsertBefore(a, n)
		at = loc[1]
	}
	n.Data = text[at:]
}

// isBlank reports whether a paragraph shows nothing: white space and
// no-break spaces only, as classic editors leave for spacing.
func isBlank(n *html.Node) bool {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch {
		case ch.Type == html.TextNode && strings.TrimSpace(strings.ReplaceAll(ch.Data, "\u00a0", " ")) == "":
		case ch.Type == html.ElementNode && ch.Data == "br":
		case ch.Type == html.CommentNode:
		default:
			return false
		}
	}
	return true
}

// paragraph returns <p>label<a href="href">text</a></p>.
func paragraph(label, text, href string) *html.Node {
	p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
	p.AppendChild(&html.Node{Type: html.TextNode, Data: label})
	a := &html.Node{Type: html.ElementNode, Data: "a", DataAtom: atom.A, Attr: []html.Attribute{{Key: "href", Val: href}}}
	a.AppendChild(&html.Node{Type: html.TextNode, Data: text})
	p.AppendChild(a)
	return p
}

// fileName returns the last path element of u, unescaped, for a link's
// text.
func fileName(u string) string {
	p, err := url.Parse(u)
	if err != nil || path.Base(p.Path) == "/" || path.Base(p.Path) == "." {
		return u
	}
	return path.Base(p.Path)
}

// replace puts m where n is.
func replace(n, m *html.Node) {
	n.Parent.InsertBefore(m, n)
	n.Parent.RemoveChild(n)
}

// unwrap replaces n with its children.
func unwrap(n *html.Node) {
	for n.FirstChild != nil {
		ch := n.FirstChild
		n.RemoveChild(ch)
		n.Parent.InsertBefore(ch, n)
	}
	n.Parent.RemoveChild(n)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

func firstAttr(n *html.Node, keys ...string) string {
	for _, k := range keys {
		if v := strings.TrimSpace(attr(n, k)); v != "" {
			return v
		}
	}
	return ""
}

func setAttr(n *html.Node, key, val string) {
	for i, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}

func hasClass(n *html.Node, class string) bool {
	for _, f := range strings.Fields(attr(n, "class")) {
		if f == class {
			return true
		}
	}
	return false
}

// textOf returns the text under n.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type == html.TextNode {
				b.WriteString(ch.Data)
			}
			walk(ch)
		}
	}
	walk(n)
	return b.String()
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

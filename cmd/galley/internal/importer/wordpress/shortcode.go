package wordpress

import (
	"fmt"
	"html"
	"net/url"
	"path"
	"strconv"
	"strings"

	xhtml "golang.org/x/net/html"
)

// Shortcodes follow WordPress's own grammar (get_shortcode_regex and
// shortcode_parse_atts in wp-includes/shortcodes.php), read by hand
// rather than by regexp so that it runs in linear time:
//
//	[name attrs]                   an opening tag, ends at the first ]
//	[name attrs /]                 self-closing
//	[name attrs]content[/name]     enclosing: up to the first [/name]
//	[[name …]] or [[name]…[/name]] escaped: shown as [name …]
//
// A name is a shortcode only if WordPress core or a common plugin
// registers it (scKindOf): WordPress shows any other [word] as text,
// and so does the import. An enclosing name with no [/name] after it
// is self-closing, as in WordPress. The code shortcodes are the one
// exception: [code] is a shortcode only around code, since without a
// closing tag it is much more often prose.
//
// Unlike WordPress, the import does not expand shortcodes inside HTML
// tags or comments: their output is HTML, which has no place in an
// attribute value.

// scKind is what the import does with a shortcode.
type scKind int

const (
	scText        scKind = iota // not a shortcode
	scCaptionKind               // [caption], [wp_caption]
	scGallery                   // [gallery]
	scEmbed                     // [embed]
	scAudio                     // [audio]
	scVideo                     // [video]
	scPlaylist                  // [playlist]
	scYouTube                   // Jetpack's [youtube]
	scVimeo                     // Jetpack's [vimeo]
	scTweet                     // Jetpack's [tweet]
	scInstagram                 // Jetpack's [instagram]
	scCode                      // SyntaxHighlighter's and Jetpack's code blocks
	scDrop                      // a plugin's widget: removed, and noted
)

// scKindOf says which shortcode name is, and for a dropped plugin's
// shortcode, what it was, for the note.
func scKindOf(name string) (scKind, string) {
	switch name {
	case "caption", "wp_caption":
		return scCaptionKind, ""
	case "gallery":
		return scGallery, ""
	case "embed":
		return scEmbed, ""
	case "audio":
		return scAudio, ""
	case "video":
		return scVideo, ""
	case "playlist":
		return scPlaylist, ""
	case "youtube":
		return scYouTube, ""
	case "vimeo":
		return scVimeo, ""
	case "tweet":
		return scTweet, ""
	case "instagram":
		return scInstagram, ""
	case "code", "sourcecode":
		return scCode, ""
	}
	if scBrush(name) {
		return scCode, ""
	}
	switch name {
	case "contact-form-7", "contact-form", "wpforms", "gravityform", "gravityforms",
		"ninja_form", "ninja_forms", "formidable", "caldera_form", "fluentform",
		"forminator_form", "everest_form", "mc4wp_form":
		return scDrop, "a form"
	case "table", "wpdatatable":
		return scDrop, "a table plugin's table"
	case "instagram-feed", "custom-facebook-feed", "custom-twitter-feeds":
		return scDrop, "a social media feed"
	case "rev_slider", "metaslider", "smartslider3", "soliloquy", "envira-gallery", "foogallery":
		return scDrop, "a slider or gallery plugin's widget"
	case "polldaddy", "crowdsignal", "poll", "adrotate", "wpdiscuz-feedback":
		return scDrop, "a poll or ad widget"
	}
	return scText, ""
}

// scBrush reports whether name is a language SyntaxHighlighter Evolved
// registers as a shortcode of its own ([php]…[/php]).
func scBrush(name string) bool {
	switch name {
	case "as3", "actionscript3", "bash", "shell", "coldfusion", "cf", "clojure", "clj",
		"cpp", "c", "c-sharp", "csharp", "css", "delphi", "pascal", "pas", "diff", "patch",
		"erl", "erlang", "fsharp", "go", "golang", "groovy", "haskell", "java", "javafx", "jfx",
		"js", "jscript", "javascript", "json", "latex", "matlab", "objc", "obj-c", "perl", "pl",
		"php", "plain", "text", "powershell", "ps", "py", "python", "r", "splus", "rails",
		"rb", "ror", "ruby", "scala", "sql", "swift", "vb", "vbnet", "xml", "xhtml", "xslt",
		"html", "yaml":
		return true
	}
	return false
}

// scMaxDepth bounds how deep shortcodes inside a caption's text are
// expanded.
const scMaxDepth = 4

// expandShortcodes replaces the WordPress shortcodes in s, a piece of a
// post's HTML, with plain HTML, calling note with the byte offset in s
// and a reason for each it cannot convert.
//
// s is taken as WordPress's do_shortcode sees it; its output is block
// HTML (<figure>, <p>, <ul>, <pre>) for a converter to turn to Markdown.
// Every value it copies from an attribute is escaped, and it drops
// javascript:, data: and vbscript: URLs. It runs in time linear in s.
func expandShortcodes(s string, opts *BodyOptions, note func(off int, why string)) string {
	if opts == nil {
		opts = &BodyOptions{}
	}
	if note == nil {
		note = func(int, string) {}
	}
	x := &scExpander{opts: opts, note: note}
	return x.expand(s, 0, 0)
}

// An scExpander expands the shortcodes of one body.
type scExpander struct {
	opts *BodyOptions
	note func(off int, why string)
}

// notef notes at the offset off of the whole body.
func (x *scExpander) notef(off int, format string, args ...any) {
	x.note(off, fmt.Sprintf(format, args...))
}

// An scMatch is one shortcode found in a text.
type scMatch struct {
	start, end  int // the whole of it, [[ and ]] included
	name        string
	kind        scKind
	what        string
	atts        string // the attribute text, as WordPress cuts it
	content     string
	contentOff  int // where content starts in the text
	enclosing   bool
	lead, trail bool // a [ before it, a ] after it
}

// expand expands the shortcodes of s, which starts at byte base of the
// body.
func (x *scExpander) expand(s string, base, depth int) string {
	if !strings.Contains(s, "[") {
		return s
	}
	sc := newScScanner(s)
	out := make([]byte, 0, len(s)+len(s)/4)
	last := 0 // s[last:i] is text still to copy
	for i := 0; i < len(s); {
		j := strings.IndexAny(s[i:], "<[")
		if j < 0 {
			break
		}
		i += j
		if s[i] == '<' {
			end := sc.tagEnd(i)
			if end < 0 {
				i++
				continue
			}
			out = append(out, s[last:i]...)
			out = scAppendTag(out, s[i:end])
			i, last = end, end
			continue
		}
		m, ok := sc.match(i)
		if !ok {
			i++
			continue
		}
		out = append(out, s[last:i]...)
		if m.lead && m.trail {
			// [[name …]] is WordPress's escape: the text without its
			// outer brackets.
			out = append(out, s[m.start+1:m.end-1]...)
		} else {
			if m.lead {
				out = append(out, '[')
			}
			out = append(out, x.convert(s, &m, base, depth)...)
			if m.trail {
				out = append(out, ']')
			}
			out = scUnjoin(out)
		}
		i, last = m.end, m.end
	}
	out = append(out, s[last:]...)
	return string(out)
}

// scUnjoin keeps text around a removed shortcode from joining into a
// new one ("[cap[contact-form-7]tion]"): if out ends in a [ and what
// could start a name, that [ is written as &#91;, which reads the same.
func scUnjoin(out []byte) []byte {
	const longestName = 32
	for k := len(out) - 1; k >= 0 && len(out)-k <= longestName; k-- {
		c := out[k]
		if c == '[' {
			tail := string(out[k+1:])
			return append(append(out[:k], "&#91;"...), tail...)
		}
		if !scWordByte(c) {
			break
		}
	}
	return out
}

// scAppendTag copies an HTML tag or comment, writing the [ of any
// shortcode in it as &#91;: it is not expanded, and must not reach a
// page as if it were.
func scAppendTag(out []byte, tag string) []byte {
	for {
		k := strings.IndexByte(tag, '[')
		if k < 0 {
			return append(out, tag...)
		}
		out = append(out, tag[:k]...)
		n := k + 1
		if n < len(tag) && tag[n] == '[' {
			n++
		}
		e := n
		for e < len(tag) && scWordByte(tag[e]) {
			e++
		}
		if kind, _ := scKindOf(tag[n:e]); kind != scText {
			out = append(out, "&#91;"...)
		} else {
			out = append(out, '[')
		}
		tag = tag[k+1:]
	}
}

// scWordByte reports whether c is in PCRE's [\w-], what a shortcode name
// is made of here.
func scWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// An scScanner finds shortcodes and HTML tags in one text. Its finders
// remember where the next ], > and so on are, so that text with many
// openings and no closing bracket is still read in linear time.
type scScanner struct {
	s              string
	bracket, gt    scFinder
	comment, cdata scFinder
	closers        map[string][]int // where each [/name] starts, in order
	nextCloser     map[string]int   // index in closers of the next one to consider
}

func newScScanner(s string) *scScanner {
	sc := &scScanner{
		s:       s,
		bracket: scFinder{s: s, needle: "]"},
		gt:      scFinder{s: s, needle: ">"},
		comment: scFinder{s: s, needle: "-->"},
		cdata:   scFinder{s: s, needle: "]]>"},
	}
	sc.findClosers()
	return sc
}

// findClosers lists the closing tags of known shortcodes, outside HTML
// tags, as WordPress hides tags' brackets before it looks for them.
func (sc *scScanner) findClosers() {
	s := sc.s
	sc.closers = map[string][]int{}
	sc.nextCloser = map[string]int{}
	// Finders are used in increasing order: a second set keeps these
	// from running behind the main scan's.
	f := &scScanner{s: s, gt: scFinder{s: s, needle: ">"}, comment: scFinder{s: s, needle: "-->"}, cdata: scFinder{s: s, needle: "]]>"}}
	for i := 0; i < len(s); {
		j := strings.IndexAny(s[i:], "<[")
		if j < 0 {
			return
		}
		i += j
		if s[i] == '<' {
			if end := f.tagEnd(i); end > 0 {
				i = end
			} else {
				i++
			}
			continue
		}
		if !strings.HasPrefix(s[i:], "[/") {
			i++
			continue
		}
		e := i + 2
		for e < len(s) && scWordByte(s[e]) {
			e++
		}
		name := s[i+2 : e]
		if e < len(s) && s[e] == ']' {
			if kind, _ := scKindOf(name); kind != scText {
				sc.closers[name] = append(sc.closers[name], i)
			}
		}
		i = e
	}
}

// closer returns where the first [/name] at or after from starts. The
// from of successive calls does not decrease.
func (sc *scScanner) closer(name string, from int) (int, bool) {
	list := sc.closers[name]
	k := sc.nextCloser[name]
	for k < len(list) && list[k] < from {
		k++
	}
	sc.nextCloser[name] = k
	if k == len(list) {
		return 0, false
	}
	return list[k], true
}

// tagEnd returns the end of the HTML tag, comment or CDATA section that
// starts at i, or -1 if none does (a lone "<", or one never closed).
func (sc *scScanner) tagEnd(i int) int {
	s := sc.s[i:]
	switch {
	case strings.HasPrefix(s, "<!--"):
		if k := sc.comment.next(i + 4); k >= 0 {
			return k + 3
		}
		return -1
	case strings.HasPrefix(s, "<![CDATA["):
		if k := sc.cdata.next(i + 9); k >= 0 {
			return k + 3
		}
		return -1
	}
	if len(s) < 2 {
		return -1
	}
	c := s[1]
	if c == '/' && len(s) > 2 {
		c = s[2]
	}
	if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '!' || c == '?') {
		return -1
	}
	if k := sc.gt.next(i + 1); k >= 0 {
		return k + 1
	}
	return -1
}

// match reads the shortcode whose [ is at i, as get_shortcode_regex
// would match it there.
func (sc *scScanner) match(i int) (scMatch, bool) {
	s := sc.s
	m := scMatch{start: i}
	j := i + 1
	if j < len(s) && s[j] == '[' {
		m.lead = true
		j++
	}
	k := j
	for k < len(s) && scWordByte(s[k]) {
		k++
	}
	m.name = s[j:k]
	m.kind, m.what = scKindOf(m.name)
	if m.kind == scText {
		return m, false
	}
	e := sc.bracket.next(k)
	if e < 0 {
		return m, false
	}
	m.atts = s[k:e]
	m.end = e + 1
	selfClosing := strings.HasSuffix(m.atts, "/")
	if selfClosing {
		m.atts = m.atts[:len(m.atts)-1]
	} else if c, ok := sc.closer(m.name, m.end); ok {
		m.enclosing = true
		m.content, m.contentOff = s[m.end:c], m.end
		m.end = c + len("[/]") + len(m.name)
	}
	if m.kind == scCode && !m.enclosing {
		return m, false
	}
	if m.end < len(s) && s[m.end] == ']' {
		m.trail = true
		m.end++
	}
	return m, true
}

// An scFinder finds the next needle in s at or after a position,
// remembering the last answer: asked in increasing order, it reads s
// once.
type scFinder struct {
	s, needle string
	from, at  int // s[from:at] holds no needle; at is one, or len(s) for none
	valid     bool
}

// next returns where the first needle at or after i starts, or -1.
func (f *scFinder) next(i int) int {
	if !f.valid || i < f.from || i > f.at {
		f.from, f.valid = i, true
		if k := strings.Index(f.s[min(i, len(f.s)):], f.needle); k >= 0 {
			f.at = i + k
		} else {
			f.at = len(f.s)
		}
	}
	if f.at >= len(f.s) {
		return -1
	}
	return f.at
}

// convert returns the HTML for the shortcode m of s.
func (x *scExpander) convert(s string, m *scMatch, base, depth int) string {
	off := base + m.start
	a := parseShortcodeAtts(m.atts)
	switch m.kind {
	case scCaptionKind:
		return x.caption(m, a, base, depth)
	case scGallery:
		return x.gallery(a, off)
	case scEmbed:
		u := strings.TrimSpace(m.content)
		if u == "" {
			u = a.get("src")
		}
		return x.embed(u, off, "embed")
	case scYouTube:
		u := scJetpackArg(a, m, "url")
		if u != "" && !strings.Contains(u, "/") {
			u = "https://www.youtube.com/watch?v=" + url.QueryEscape(u)
		}
		return x.embed(u, off, m.name)
	case scVimeo:
		u := scJetpackArg(a, m, "id", "url")
		if scDigits(u) {
			u = "https://vimeo.com/" + u
		}
		return x.embed(u, off, m.name)
	case scTweet:
		u := scJetpackArg(a, m, "tweet", "url")
		if scDigits(u) {
			u = "https://twitter.com/i/status/" + u
		}
		return x.embed(u, off, m.name)
	case scInstagram:
		return x.embed(scJetpackArg(a, m, "url"), off, m.name)
	case scAudio:
		return x.media(a, off, "Audio", scAudioExts)
	case scVideo:
		return x.media(a, off, "Video", scVideoExts)
	case scPlaylist:
		return x.playlist(a, off)
	case scCode:
		return scCodeBlock(m, a)
	case scDrop:
		x.notef(off, "shortcode [%s] (%s) was removed: a static page cannot run it; rebuild it by hand if the story needs it", m.name, m.what)
		return ""
	}
	return s[m.start:m.end]
}

// scJetpackArg returns the one argument of a Jetpack embed shortcode:
// a named attribute, else the first positional one ([youtube URL], and
// the older [youtube=URL]), else the enclosed text.
func scJetpackArg(a shortcodeAtts, m *scMatch, names ...string) string {
	for _, n := range names {
		if v := a.get(n); v != "" {
			return strings.TrimSpace(v)
		}
	}
	if len(a.pos) > 0 {
		return strings.TrimSpace(strings.TrimPrefix(a.pos[0], "="))
	}
	return strings.TrimSpace(m.content)
}

func scDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// safeURL returns the URL u to write into an href or src, mapped by
// opts.URL unless raw; ok is false, and a note made, for one it cannot
// use.
func (x *scExpander) safeURL(u string, off int, what string, raw bool) (string, bool) {
	u = strings.TrimSpace(u)
	if u == "" {
		return "", false
	}
	if scheme := scDangerousScheme(u); scheme != "" {
		x.notef(off, "%s: dropped a %s URL", what, scheme)
		return "", false
	}
	p, err := url.Parse(u)
	if err != nil || p.Scheme != "" && p.Scheme != "http" && p.Scheme != "https" {
		x.notef(off, "%s: dropped the URL %q: only http and https URLs, and paths, are kept", what, u)
		return "", false
	}
	if !raw && x.opts.URL != nil {
		u = x.opts.URL(u)
		if scheme := scDangerousScheme(u); scheme != "" {
			x.notef(off, "%s: dropped a %s URL", what, scheme)
			return "", false
		}
	}
	return u, true
}

// scDangerousScheme returns the script or data scheme of u, read as a
// browser would (ignoring case, and the tabs and newlines it strips).
func scDangerousScheme(u string) string {
	var b []byte
	for i := 0; i < len(u) && len(b) < 12; i++ {
		c := u[i]
		if c <= ' ' {
			continue
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	for _, scheme := range []string{"javascript:", "vbscript:", "data:"} {
		if strings.HasPrefix(string(b), scheme) {
			return scheme
		}
	}
	return ""
}

// scDecodeAmp decodes the &amp; that WordPress's editors write for the
// & of a URL in a shortcode's attribute or text. It decodes no other
// entity: "&copy=2" in a query is not ©.
func scDecodeAmp(u string) string {
	if !strings.Contains(u, "&") {
		return u
	}
	for _, e := range []string{"&amp;", "&#038;", "&#38;", "&#x26;"} {
		u = strings.ReplaceAll(u, e, "&")
	}
	return u
}

// scEscape escapes s for HTML text or a quoted attribute, writing [ as
// &#91; so that no shortcode can be read in what it copied.
func scEscape(s string) string {
	s = html.EscapeString(s)
	return strings.ReplaceAll(s, "[", "&#91;")
}

// scLink returns <a href="u">text</a>, both escaped.
func scLink(u, text string) string {
	return `<a href="` + scEscape(u) + `">` + scEscape(text) + `</a>`
}

// scFileName returns the file name at the end of u's path, unescaped,
// or u itself when it has none.
func scFileName(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	name := path.Base(p.Path)
	if name == "." || name == "/" || name == "" {
		return u
	}
	if n, err := url.PathUnescape(name); err == nil {
		name = n
	}
	return name
}

// scEmbedLabel returns "Video", "Post" or "" for a URL's host: what a
// reader finds at the other end of an embed.
func scEmbedLabel(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	host := strings.ToLower(p.Hostname())
	for _, prefix := range []string{"www.", "m.", "mobile.", "player."} {
		host = strings.TrimPrefix(host, prefix)
	}
	switch host {
	case "youtube.com", "youtu.be", "youtube-nocookie.com", "vimeo.com":
		return "Video"
	case "twitter.com", "x.com", "instagram.com", "facebook.com", "fb.watch":
		return "Post"
	}
	return ""
}

// embed returns a link to what an embed shows, labeled by its kind.
func (x *scExpander) embed(raw string, off int, name string) string {
	if raw == "" {
		x.notef(off, "[%s] has no URL: removed", name)
		return ""
	}
	u, ok := x.safeURL(scDecodeAmp(raw), off, "["+name+"]", false)
	if !ok {
		return ""
	}
	if p, err := url.Parse(u); err != nil || p.Scheme == "" && !strings.HasPrefix(u, "/") || strings.ContainsAny(u, " \t\n\r\f<>\"") {
		x.notef(off, "[%s]: %q is not a URL: removed", name, u)
		return ""
	}
	if label := scEmbedLabel(u); label != "" {
		return "<p>" + label + ": " + scLink(u, u) + "</p>"
	}
	return "<p>" + scLink(u, u) + "</p>"
}

// The file types WordPress's [audio] and [video] take, in the order it
// tries them (wp_get_audio_extensions, wp_get_video_extensions).
var (
	scAudioExts = []string{"mp3", "ogg", "flac", "m4a", "wav"}
	scVideoExts = []string{"mp4", "m4v", "webm", "ogv", "flv"}
)

// scHasExt reports whether u's path ends in one of exts.
func scHasExt(u string, exts []string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	ext := strings.ToLower(strings.TrimPrefix(path.Ext(p.Path), "."))
	for _, e := range exts {
		if ext == e {
			return true
		}
	}
	return false
}

// media returns a link to the file of an [audio] or [video]: its src,
// else its first file by type, else (as WordPress does) the post's first
// attachment of that type.
func (x *scExpander) media(a shortcodeAtts, off int, label string, exts []string) string {
	name := "[" + strings.ToLower(label) + "]"
	raw := a.get("src")
	for _, e := range exts {
		if raw == "" {
			raw = a.get(e)
		}
	}
	if raw == "" && len(a.pos) > 0 {
		raw = a.pos[0]
	}
	raw = scDecodeAmp(raw)
	mapped := true
	if raw == "" && x.opts.Children != nil {
		for _, m := range x.opts.Children() {
			if scHasExt(m.URL, exts) {
				raw, mapped = m.URL, false
				break
			}
		}
	}
	if raw == "" {
		x.notef(off, "%s names no file and the post has none attached: removed", name)
		return ""
	}
	u, ok := x.safeURL(raw, off, name, !mapped)
	if !ok {
		return ""
	}
	text := scFileName(u)
	if scEmbedLabel(u) != "" {
		text = u
	}
	return "<p>" + label + ": " + scLink(u, text) + "</p>"
}

// scIDs parses a list of attachment IDs, "1,2, 3", skipping what is not
// a number.
func scIDs(s string) []int {
	var ids []int
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		if id, err := strconv.Atoi(f); err == nil && id > 0 {
			ids = append(ids, id)
		}
	}
	return ids
}

// attachments returns the media a [gallery] or [playlist] shows: those
// of its ids (or include), in their order; else the post's own,
// less exclude, filtered by keep.
func (x *scExpander) attachments(a shortcodeAtts, off int, name string, keep func(Media) bool) []Media {
	ids := scIDs(a.get("ids"))
	if len(ids) == 0 {
		ids = scIDs(a.get("include"))
	}
	var list []Media
	if len(ids) > 0 {
		for _, id := range ids {
			var m Media
			ok := false
			if x.opts.Attachment != nil {
				m, ok = x.opts.Attachment(id)
			}
			if !ok {
				x.notef(off, "%s: attachment %d is not in the export: left out", name, id)
				continue
			}
			list = append(list, m)
		}
		// Given ids keep their order, whatever orderby says: rand has
		// no one order to keep, and the others sort by fields the
		// import does not have.
		return list
	}
	if id := a.get("id"); id != "" {
		x.notef(off, "%s shows the attachments of another post (post %s): not converted; add its images by hand", name, id)
		return nil
	}
	if x.opts.Children == nil {
		return nil
	}
	exclude := map[int]bool{}
	for _, id := range scIDs(a.get("exclude")) {
		exclude[id] = true
	}
	for _, m := range x.opts.Children() {
		if !exclude[m.ID] && keep(m) {
			list = append(list, m)
		}
	}
	if strings.EqualFold(strings.TrimSpace(a.get("order")), "DESC") {
		for i, j := 0, len(list)-1; i < j; i, j = i+1, j-1 {
			list[i], list[j] = list[j], list[i]
		}
	}
	return list
}

// gallery returns a <figure> per image of a [gallery].
func (x *scExpander) gallery(a shortcodeAtts, off int) string {
	explicit := a.get("id") != ""
	var b strings.Builder
	for _, m := range x.attachments(a, off, "[gallery]", func(Media) bool { return true }) {
		u, ok := x.safeURL(m.URL, off, "[gallery]", true)
		if !ok {
			continue
		}
		b.WriteString("<figure>")
		b.WriteString(scImg(u, m.Alt, m.Width, m.Height))
		if c := strings.TrimSpace(m.Caption); c != "" {
			b.WriteString("<figcaption>" + scEscape(c) + "</figcaption>")
		}
		b.WriteString("</figure>")
	}
	if b.Len() == 0 && !explicit {
		x.notef(off, "[gallery] has no images: removed")
	}
	return b.String()
}

// playlist returns a list of links to the files of a [playlist].
func (x *scExpander) playlist(a shortcodeAtts, off int) string {
	kind, exts := "audio", scAudioExts
	if strings.EqualFold(strings.TrimSpace(a.get("type")), "video") {
		kind, exts = "video", scVideoExts
	}
	var b strings.Builder
	for _, m := range x.attachments(a, off, "[playlist]", func(m Media) bool { return scHasExt(m.URL, exts) }) {
		u, ok := x.safeURL(m.URL, off, "[playlist]", true)
		if !ok {
			continue
		}
		text := strings.TrimSpace(m.Caption)
		if text == "" {
			text = scFileName(u)
		}
		b.WriteString("<li>" + scLink(u, text) + "</li>")
	}
	if b.Len() == 0 {
		if a.get("id") == "" {
			x.notef(off, "[playlist] has no %s files: removed", kind)
		}
		return ""
	}
	return "<ul>" + b.String() + "</ul>"
}

// scImg returns an <img> with its attributes escaped; a size of 0 is
// left out.
func scImg(src, alt string, width, height int) string {
	s := `<img src="` + scEscape(src) + `" alt="` + scEscape(alt) + `"`
	if width > 0 {
		s += ` width="` + strconv.Itoa(width) + `"`
	}
	if height > 0 {
		s += ` height="` + strconv.Itoa(height) + `"`
	}
	return s + ">"
}

// scCodeBlock returns the code a code shortcode encloses as a <pre>.
// The code is decoded first, since WordPress's editors store it either
// as typed or with its <, > and & as entities.
func scCodeBlock(m *scMatch, a shortcodeAtts) string {
	lang := a.get("language")
	if lang == "" {
		lang = a.get("lang")
	}
	if lang == "" && m.name != "code" && m.name != "sourcecode" {
		lang = m.name
	}
	lang = strings.Map(func(r rune) rune {
		if r < 0x80 && (scWordByte(byte(r)) || r == '+' || r == '#') {
			return r
		}
		return -1
	}, html.UnescapeString(lang))
	code := strings.Trim(html.UnescapeString(m.content), "\r\n")
	class := ""
	if lang != "" && lang != "plain" && lang != "text" {
		class = ` class="language-` + strings.ToLower(lang) + `"`
	}
	return "<pre><code" + class + ">" + scEscape(code) + "</code></pre>"
}

// shortcodeAtts are a shortcode's attributes: named ones by lower-case
// name, positional ones in order.
type shortcodeAtts struct {
	named map[string]string
	pos   []string
}

func (a shortcodeAtts) get(name string) string { return a.named[name] }

// parseShortcodeAtts reads a shortcode's attribute text as WordPress's
// shortcode_parse_atts does: name="v", name='v', name=v, "v", 'v' and v,
// each followed by a space or the end, tried in that order at each
// byte; values lose their C-style backslash escapes, and a value with
// an unclosed HTML tag is emptied.
func parseShortcodeAtts(text string) shortcodeAtts {
	text = strings.ReplaceAll(text, "\u00a0", " ")
	text = strings.ReplaceAll(text, "\u200b", " ")
	a := shortcodeAtts{named: map[string]string{}}
	dq := scFinder{s: text, needle: `"`}
	sq := scFinder{s: text, needle: `'`}
	for i := 0; i < len(text); {
		if name, v, next, ok := scNamedAtt(text, i, &dq, &sq); ok {
			if name != "0" { // PHP's empty("0")
				a.named[strings.ToLower(name)] = scValue(v)
			}
			i = next
			continue
		}
		if c := text[i]; c == '"' || c == '\'' {
			f := &dq
			if c == '\'' {
				f = &sq
			}
			if k := f.next(i + 1); k >= 0 && (k+1 == len(text) || scSpace(text[k+1])) {
				if v := text[i+1 : k]; v != "" {
					a.pos = append(a.pos, scValue(v))
				}
				i = k + 2
				continue
			}
		}
		if scSpace(text[i]) {
			i++
			continue
		}
		k := i
		for k < len(text) && !scSpace(text[k]) {
			k++
		}
		a.pos = append(a.pos, scValue(text[i:k]))
		i = k + 1
	}
	return a
}

// scNamedAtt matches name="v", name='v' or name=v at i, followed by a
// space or the end; next is after that space.
func scNamedAtt(text string, i int, dq, sq *scFinder) (name, value string, next int, ok bool) {
	k := i
	for k < len(text) && scWordByte(text[k]) {
		k++
	}
	if k == i {
		return "", "", 0, false
	}
	name = text[i:k]
	for k < len(text) && scSpace(text[k]) {
		k++
	}
	if k == len(text) || text[k] != '=' {
		return "", "", 0, false
	}
	k++
	for k < len(text) && scSpace(text[k]) {
		k++
	}
	if k == len(text) {
		return "", "", 0, false
	}
	var end int // of the value, before its closing quote if any
	var after int
	switch c := text[k]; c {
	case '"', '\'':
		f := dq
		if c == '\'' {
			f = sq
		}
		q := f.next(k + 1)
		if q < 0 {
			return "", "", 0, false
		}
		value, end, after = text[k+1:q], q, q+1
	default:
		end = k
		for end < len(text) && !scSpace(text[end]) && text[end] != '"' && text[end] != '\'' {
			end++
		}
		value, after = text[k:end], end
	}
	if after < len(text) && !scSpace(text[after]) {
		return "", "", 0, false
	}
	return name, value, after + 1, true
}

// scSpace reports whether c is in PCRE's \s.
func scSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// scValue is an attribute value as WordPress hands it to a shortcode:
// stripcslashes'd, and emptied if it leaves an HTML tag open.
func scValue(v string) string {
	v = scStripCSlashes(v)
	open := false
	for i := 0; i < len(v); i++ {
		switch {
		case !open && v[i] == '<':
			open = true
		case open && v[i] == '>':
			open = false
		}
	}
	if open {
		return ""
	}
	return v
}

// scStripCSlashes is PHP's stripcslashes: \n, \t, \xhh, \ooo and the
// like become the bytes they stand for; any other \c becomes c.
func scStripCSlashes(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b = append(b, s[i])
			continue
		}
		i++
		switch c := s[i]; c {
		case 'n':
			b = append(b, '\n')
		case 't':
			b = append(b, '\t')
		case 'r':
			b = append(b, '\r')
		case 'a':
			b = append(b, '\a')
		case 'v':
			b = append(b, '\v')
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'x':
			n, v := 0, 0
			for n < 2 && i+1 < len(s) && scHex(s[i+1]) >= 0 {
				i++
				v = v*16 + scHex(s[i])
				n++
			}
			if n == 0 {
				b = append(b, 'x')
			} else {
				b = append(b, byte(v))
			}
		default:
			if c >= '0' && c <= '7' {
				v := int(c - '0')
				for n := 1; n < 3 && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '7'; n++ {
					i++
					v = v*8 + int(s[i]-'0')
				}
				b = append(b, byte(v))
			} else {
				b = append(b, c)
			}
		}
	}
	return string(b)
}

func scHex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// caption returns a [caption] as a <figure>: its image (with the link
// around it unless that only leads to the image file or its attachment
// page) and its text as the figcaption. The text is the caption
// attribute, or else what follows the image, as img_caption_shortcode
// reads it; shortcodes in it are expanded.
func (x *scExpander) caption(m *scMatch, a shortcodeAtts, base, depth int) string {
	off := base + m.start
	name := "[" + m.name + "]"
	ci, found := scCaptionImage(m.content)
	text, textOff := a.get("caption"), off
	_, hasAttr := a.named["caption"]
	if !hasAttr {
		text = strings.TrimSpace(ci.rest)
		textOff = base + m.contentOff + ci.restOff
	}
	var img, link map[string]string
	src := ""
	if found {
		img, link = scTagAttrs(ci.img, ci.link)
		src, _ = x.safeURL(img["src"], off, name+" image", false)
	}
	if src == "" {
		x.notef(off, "%s has no image: only its text is kept", name)
		if !found && !hasAttr {
			return x.expand(m.content, base+m.contentOff, depth+1)
		}
		if t := x.captionText(text, textOff, off, depth); t != "" {
			return "<p>" + t + "</p>"
		}
		return ""
	}
	alt := img["alt"]
	width, height := scSize(img["width"]), scSize(img["height"])
	if id, ok := strings.CutPrefix(a.get("id"), "attachment_"); ok && x.opts.Attachment != nil {
		if n, err := strconv.Atoi(id); err == nil {
			if att, ok := x.opts.Attachment(n); ok {
				if strings.TrimSpace(alt) == "" {
					alt = att.Alt
				}
				if width == 0 && height == 0 {
					width, height = att.Width, att.Height
				}
			}
		}
	}
	var b strings.Builder
	b.WriteString("<figure>")
	href := ""
	if ci.link != "" {
		href = link["href"]
		if scLinksToImage(href, img["src"]) {
			href = ""
		} else if u, ok := x.safeURL(href, off, name+" link", false); ok {
			href = u
		} else {
			href = ""
		}
	}
	if href != "" {
		b.WriteString(`<a href="` + scEscape(href) + `">`)
	}
	b.WriteString(scImg(src, alt, width, height))
	if href != "" {
		b.WriteString("</a>")
	}
	if t := x.captionText(text, textOff, off, depth); t != "" {
		b.WriteString("<figcaption>" + t + "</figcaption>")
	}
	b.WriteString("</figure>")
	return b.String()
}

// captionText returns a caption's text, its shortcodes expanded, as
// inline HTML; text starts at byte textOff of the body, and notes go to
// the shortcode's offset off.
func (x *scExpander) captionText(text string, textOff, off, depth int) string {
	if text == "" {
		return ""
	}
	if depth < scMaxDepth {
		text = x.expand(text, textOff, depth+1)
	}
	return strings.TrimSpace(x.inline(text, off))
}

// scSize reads an <img> width or height; 0 if it is not a number.
func scSize(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// scLinksToImage reports whether a caption's link only leads to its
// image: the file itself (any size of it), or WordPress's attachment
// page, which the new site does not have.
func scLinksToImage(href, src string) bool {
	if href == "" || href == src {
		return true
	}
	if scHasExt(href, []string{"jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "bmp", "tif", "tiff", "heic"}) {
		return true
	}
	u, err := url.Parse(href)
	if err != nil {
		return false
	}
	return u.Query().Get("attachment_id") != "" || strings.Contains(u.Path, "/attachment/")
}

// scCaption is a caption's content cut as img_caption_shortcode cuts
// it: the first <img> with the <a> right around it, and what follows.
type scCaption struct {
	img, link string
	rest      string
	restOff   int // where rest, less its leading space, starts in the content
}

// scCaptionImage finds the image of a caption's content, as WordPress's
// #((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)(.*)#is does.
func scCaptionImage(content string) (scCaption, bool) {
	lower := scASCIILower(content)
	k := strings.Index(lower, "<img ")
	if k < 0 {
		return scCaption{rest: content}, false
	}
	gt := strings.IndexByte(content[k+5:], '>')
	if gt < 1 {
		return scCaption{rest: content}, false
	}
	var c scCaption
	imgEnd := k + 5 + gt + 1
	c.img = content[k:imgEnd]
	p := k
	for p > 0 && scSpace(content[p-1]) {
		p--
	}
	if p > 0 && content[p-1] == '>' {
		lt := strings.LastIndexByte(content[:p-1], '<')
		if lt >= 0 && strings.HasPrefix(lower[lt:], "<a ") && lt+3 < p-1 && !strings.Contains(content[lt:p-1], ">") {
			c.link = content[lt:p]
		}
	}
	end := imgEnd
	q := end
	for q < len(content) && scSpace(content[q]) {
		q++
	}
	if strings.HasPrefix(lower[q:], "</a>") {
		end = q + 4
	}
	c.rest = content[end:]
	c.restOff = end + len(c.rest) - len(strings.TrimLeft(c.rest, " \t\n\r\f\v"))
	return c, true
}

// scASCIILower lower-cases ASCII letters only, so that offsets in it are
// offsets in s.
func scASCIILower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// scTagAttrs returns the attributes of the HTML start tags img and
// link (which may be ""), decoded: one tokenizer reads both.
func scTagAttrs(img, link string) (imgAttrs, linkAttrs map[string]string) {
	imgAttrs, linkAttrs = map[string]string{}, map[string]string{}
	z := xhtml.NewTokenizer(strings.NewReader(link + img))
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			return imgAttrs, linkAttrs
		}
		if tt != xhtml.StartTagToken && tt != xhtml.SelfClosingTagToken {
			continue
		}
		name, more := z.TagName()
		attrs := imgAttrs
		if string(name) == "a" {
			attrs = linkAttrs
		}
		for more {
			var k, v []byte
			k, v, more = z.TagAttr()
			if _, dup := attrs[string(k)]; !dup {
				attrs[string(k)] = string(v)
			}
		}
	}
}

// scInlineTag reports whether name is one of the tags a caption keeps; any other is dropped for
// its text.
func scInlineTag(name string) bool {
	switch name {
	case "a", "em", "strong", "i", "b", "code", "sub", "sup", "small", "cite", "abbr", "q", "s", "u", "mark":
		return true
	}
	return false
}

// scMaxInlineDepth bounds the inline tags a caption keeps open at once.
const scMaxInlineDepth = 16

// inline rewrites HTML as the inline HTML of a caption: text, escaped;
// inline tags without their attributes but a link's href, checked;
// <br>. Scripts, styles and the like go with their content; other tags
// go and leave their text. Tags left open are closed.
func (x *scExpander) inline(s string, off int) string {
	if !strings.ContainsAny(s, "<&") {
		return scEscape(s)
	}
	var b strings.Builder
	var stack []string // open tags written; "" for a link dropped
	skip := ""         // the raw-text element being dropped
	z := xhtml.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i] != "" {
					b.WriteString("</" + stack[i] + ">")
				}
			}
			return b.String()
		case xhtml.TextToken:
			if skip == "" {
				b.WriteString(scEscape(string(z.Text())))
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			tok := z.Token()
			name := tok.Data
			switch {
			case skip != "":
			case name == "br":
				b.WriteString("<br>")
			case tt == xhtml.StartTagToken && scRawText(name):
				skip = name
			case tt == xhtml.StartTagToken && scInlineTag(name) && len(stack) < scMaxInlineDepth:
				if name != "a" {
					b.WriteString("<" + name + ">")
					stack = append(stack, name)
					break
				}
				href := ""
				for _, at := range tok.Attr {
					if at.Key == "href" {
						href = at.Val
						break
					}
				}
				if u, ok := x.safeURL(href, off, "caption link", false); ok {
					b.WriteString(`<a href="` + scEscape(u) + `">`)
					stack = append(stack, "a")
				} else {
					stack = append(stack, "")
				}
			}
		case xhtml.EndTagToken:
			name := z.Token().Data
			if skip != "" {
				if name == skip {
					skip = ""
				}
				break
			}
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i] == name || name == "a" && stack[i] == "" {
					for j := len(stack) - 1; j >= i; j-- {
						if stack[j] != "" {
							b.WriteString("</" + stack[j] + ">")
						}
					}
					stack = stack[:i]
					break
				}
			}
		}
	}
}

// scRawText reports whether a caption drops the element name with its
// content.
func scRawText(name string) bool {
	switch name {
	case "script", "style", "iframe", "object", "template", "noscript", "textarea", "title", "svg", "math", "select", "noembed", "noframes", "xmp":
		return true
	}
	return false
}

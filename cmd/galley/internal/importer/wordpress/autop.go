package wordpress

import (
	"regexp"
	"strconv"
	"strings"
)

// wpautop turns the line breaks of classic-editor content into the HTML
// WordPress shows: text separated by blank lines becomes paragraphs, and
// a single newline in a paragraph a <br />; block-level elements are not
// wrapped and <pre> is left alone. It follows wpautop of
// wp-includes/formatting.php step by step, so that an imported post
// breaks its lines where the old site did. Go's regexp has no
// look-behind or back-references; those two steps are written out.
func wpautop(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	s += "\n"
	s, pres := hidePre(s)
	s = reDoubleBR.ReplaceAllString(s, "\n\n")
	s = spaceBlockTags(s)
	s = reHR.ReplaceAllString(s, "$1\n\n")
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
	s = replaceInTags(s, "\n", " <!-- wpnl --> ")
	if strings.Contains(s, "<option") {
		s = reOptionOpen.ReplaceAllString(s, "<option")
		s = reOptionClose.ReplaceAllString(s, "</option>")
	}
	if strings.Contains(s, "</object>") {
		s = reObjectOpen.ReplaceAllString(s, "$1")
		s = reObjectClose.ReplaceAllString(s, "</object>")
		s = reParamEmbed.ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, "<source") || strings.Contains(s, "<track") {
		s = reMediaOpen.ReplaceAllString(s, "$1")
		s = reMediaClose.ReplaceAllString(s, "$1")
		s = reSourceTrack.ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, "<figcaption") {
		s = reFigcaptionOpen.ReplaceAllString(s, "$1")
		s = reFigcaptionClose.ReplaceAllString(s, "</figcaption>")
	}
	s = reManyNewlines.ReplaceAllString(s, "\n\n")

	var b strings.Builder
	for _, p := range reParagraphSplit.Split(s, -1) {
		if p != "" {
			b.WriteString("<p>" + strings.Trim(p, "\n") + "</p>\n")
		}
	}
	s = b.String()
	s = reEmptyP.ReplaceAllString(s, "")
	s = reUnclosedP.ReplaceAllString(s, "<p>$1</p></$2>")
	s = reWrappedBlock.ReplaceAllString(s, "$1")
	s = reWrappedLI.ReplaceAllString(s, "$1")
	s = reBlockquoteInP.ReplaceAllString(s, "<blockquote$1><p>")
	s = strings.ReplaceAll(s, "</blockquote></p>", "</p></blockquote>")
	s = rePBeforeBlock.ReplaceAllString(s, "$1")
	s = dropAfterBlockTags(s, "</p>")

	s = keepNewlinesIn(s, "script", "style", "svg")
	s = strings.NewReplacer("<br>", "<br />", "<br/>", "<br />").Replace(s)
	s = newlinesToBR(s)
	s = strings.ReplaceAll(s, "<WPPreserveNewline />", "\n")

	s = dropAfterBlockTags(s, "<br />")
	s = reBRBeforeBlock.ReplaceAllString(s, "$1")
	switch {
	case strings.HasSuffix(s, "\n</p>\n"):
		s = s[:len(s)-len("\n</p>\n")] + "</p>\n"
	case strings.HasSuffix(s, "\n</p>"):
		s = s[:len(s)-len("\n</p>")] + "</p>"
	}
	s = restorePre(s, pres)
	return strings.NewReplacer(" <!-- wpnl --> ", "\n", "<!-- wpnl -->", "\n").Replace(s)
}

const allBlocks = `(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)`

// The patterns of wpautop, in its order.
var (
	reDoubleBR        = regexp.MustCompile(`<br\s*/?>\s*<br\s*/?>`)
	reHR              = regexp.MustCompile(`(<hr\s*?/?>)`)
	reOptionOpen      = regexp.MustCompile(`\s*<option`)
	reOptionClose     = regexp.MustCompile(`</option>\s*`)
	reObjectOpen      = regexp.MustCompile(`(<object[^>]*>)\s*`)
	reObjectClose     = regexp.MustCompile(`\s*</object>`)
	reParamEmbed      = regexp.MustCompile(`\s*(</?(?:param|embed)[^>]*>)\s*`)
	reMediaOpen       = regexp.MustCompile(`([<\[](?:audio|video)[^>\]]*[>\]])\s*`)
	reMediaClose      = regexp.MustCompile(`\s*([<\[]/(?:audio|video)[>\]])`)
	reSourceTrack     = regexp.MustCompile(`\s*(<(?:source|track)[^>]*>)\s*`)
	reFigcaptionOpen  = regexp.MustCompile(`\s*(<figcaption[^>]*>)`)
	reFigcaptionClose = regexp.MustCompile(`</figcaption>\s*`)
	reManyNewlines    = regexp.MustCompile(`\n\n+`)
	reParagraphSplit  = regexp.MustCompile(`\n\s*\n`)
	reEmptyP          = regexp.MustCompile(`<p>\s*</p>`)
	reUnclosedP       = regexp.MustCompile(`<p>([^<]+)</(div|address|form)>`)
	reWrappedBlock    = regexp.MustCompile(`<p>\s*(</?` + allBlocks + `[^>]*>)\s*</p>`)
	reWrappedLI       = regexp.MustCompile(`<p>(<li.+?)</p>`)
	reBlockquoteInP   = regexp.MustCompile(`(?i)<p><blockquote([^>]*)>`)
	rePBeforeBlock    = regexp.MustCompile(`<p>\s*(</?` + allBlocks + `[^>]*>)`)
	reBRBeforeBlock   = regexp.MustCompile(`<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)`)
)

// The names of allBlocks, for the steps written out by hand: Go's
// regexp runs the patterns that start with the alternation of all of
// them at a few MB/s.
var blockNames = strings.Split("table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h1|h2|h3|h4|h5|h6|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary", "|")

// blockNameAt reports whether a block name starts at s[k:] and is
// followed by a byte of the set after (any byte when after is "").
func blockNameAt(s string, k int, after string) bool {
	for _, n := range blockNames {
		if strings.HasPrefix(s[k:], n) {
			if after == "" {
				return true
			}
			if e := k + len(n); e < len(s) && strings.IndexByte(after, s[e]) >= 0 {
				return true
			}
		}
	}
	return false
}

// spaceBlockTags is wpautop's two steps
// preg_replace('!(<'.$allblocks.'[\s/>])!', "\n\n$1") and
// preg_replace('!(</'.$allblocks.'>)!', "$1\n\n"): a blank line before
// each block-level start tag and after each end tag.
func spaceBlockTags(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		if blockNameAt(s, 1, " \t\n\v\f\r/>") {
			b.WriteString("\n\n")
		}
		b.WriteByte('<')
		s = s[1:]
	}
	b.WriteString(s)
	s = b.String()
	b.Reset()
	for {
		i := strings.Index(s, "</")
		if i < 0 {
			break
		}
		b.WriteString(s[:i+2])
		s = s[i+2:]
		if blockNameAt(s, 0, ">") {
			k := strings.IndexByte(s, '>')
			b.WriteString(s[:k+1] + "\n\n")
			s = s[k+1:]
		}
	}
	b.WriteString(s)
	return b.String()
}

// dropAfterBlockTags is wpautop's
// preg_replace('!(</?'.$allblocks.'[^>]*>)\s*'.after.'!', '$1'): the
// after (a </p> or <br />) that follows a block-level tag goes.
func dropAfterBlockTags(s, after string) string {
	var b strings.Builder
	gt := -1 // the offset of the first '>' at or after i, or len(s)
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '<' {
			continue
		}
		k := i + 1
		if k < len(s) && s[k] == '/' {
			k++
		}
		if !blockNameAt(s, k, "") {
			continue
		}
		if gt < i {
			if g := strings.IndexByte(s[i:], '>'); g >= 0 {
				gt = i + g
			} else {
				gt = len(s)
			}
		}
		if gt == len(s) {
			break
		}
		e := gt + 1
		w := e
		for w < len(s) && strings.IndexByte(" \t\n\v\f\r", s[w]) >= 0 {
			w++
		}
		if !strings.HasPrefix(s[w:], after) {
			continue
		}
		b.WriteString(s[last:e])
		last = w + len(after)
		i = last - 1
	}
	b.WriteString(s[last:])
	return b.String()
}

func prePlaceholder(i int) string { return "<pre wp-pre-tag-" + strconv.Itoa(i) + "></pre>" }

// hidePre replaces each <pre>…</pre> with a placeholder, as wpautop
// does, so that nothing inside it changes; pres[i] is the i-th.
func hidePre(s string) (string, []string) {
	if !strings.Contains(s, "<pre") {
		return s, nil
	}
	parts := strings.Split(s, "</pre>")
	last := parts[len(parts)-1]
	var b strings.Builder
	var pres []string
	for _, p := range parts[:len(parts)-1] {
		start := strings.Index(p, "<pre")
		if start < 0 {
			// Malformed HTML: wpautop drops the </pre> too.
			b.WriteString(p)
			continue
		}
		b.WriteString(p[:start] + prePlaceholder(len(pres)))
		pres = append(pres, p[start:]+"</pre>")
	}
	b.WriteString(last)
	return b.String(), pres
}

// restorePre puts back what hidePre took out, in one pass.
func restorePre(s string, pres []string) string {
	if len(pres) == 0 {
		return s
	}
	const prefix = "<pre wp-pre-tag-"
	var b strings.Builder
	for {
		i := strings.Index(s, prefix)
		if i < 0 {
			break
		}
		rest := s[i+len(prefix):]
		k := strings.Index(rest, "></pre>")
		n, err := strconv.Atoi(rest[:max(k, 0)])
		if k < 0 || err != nil || n < 0 || n >= len(pres) {
			b.WriteString(s[:i+len(prefix)])
			s = rest
			continue
		}
		b.WriteString(s[:i] + pres[n])
		s = rest[k+len("></pre>"):]
	}
	b.WriteString(s)
	return b.String()
}

// replaceInTags replaces old with new inside HTML tags and comments
// only, as wp_replace_in_html_tags, splitting as wp_html_split does: a
// comment runs to "-->", CDATA to "]]>", a tag to ">" (each to the end of
// s if it is not closed).
func replaceInTags(s, old, new string) string {
	if !strings.Contains(s, old) {
		return s
	}
	var b strings.Builder
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		end := len(s)
		switch {
		case strings.HasPrefix(s, "<!--"):
			if k := strings.Index(s[4:], "-->"); k >= 0 {
				end = 4 + k + 3
			}
		case strings.HasPrefix(s, "<![CDATA["):
			if k := strings.Index(s[9:], "]]>"); k >= 0 {
				end = 9 + k + 3
			}
		default:
			if k := strings.IndexByte(s, '>'); k >= 0 {
				end = k + 1
			}
		}
		b.WriteString(strings.ReplaceAll(s[:end], old, new))
		s = s[end:]
	}
	return b.String()
}

// keepNewlinesIn hides the newlines of each <name …>…</name> element
// behind a placeholder, as wpautop does for script, style and svg
// (its pattern /<(script|style|svg).*?<\/\1>/s). It remembers where each
// name is next found, so that many elements cost one pass.
func keepNewlinesIn(s string, names ...string) string {
	next := make([]int, len(names)) // offset in s of the next "<name", or -1
	find := func(j, from int) {
		if k := strings.Index(s[from:], "<"+names[j]); k >= 0 {
			next[j] = from + k
		} else {
			next[j] = -1
		}
	}
	for j := range names {
		find(j, 0)
	}
	var b strings.Builder
	done := 0 // s[:done] is written
	for {
		j := -1
		for k, at := range next {
			if at >= 0 && (j < 0 || at < next[j]) {
				j = k
			}
		}
		if j < 0 {
			break
		}
		start := next[j]
		closeTag := "</" + names[j] + ">"
		k := strings.Index(s[start:], closeTag)
		if k < 0 {
			// Not closed, and no later one can be either.
			next[j] = -1
			continue
		}
		end := start + k + len(closeTag)
		b.WriteString(s[done:start])
		b.WriteString(strings.ReplaceAll(s[start:end], "\n", "<WPPreserveNewline />"))
		done = end
		for k, at := range next {
			if at >= 0 && at < end {
				find(k, end)
			}
		}
	}
	b.WriteString(s[done:])
	return b.String()
}

// newlinesToBR is wpautop's preg_replace('|(?<!<br />)\s*\n|',
// "<br />\n"): every newline, with the white space before it, becomes a
// <br /> and a newline, unless a <br /> stands right before it.
func newlinesToBR(s string) string {
	const space = " \t\n\v\f\r"
	var b strings.Builder
	i := 0
	for i < len(s) {
		if strings.IndexByte(space, s[i]) < 0 {
			b.WriteByte(s[i])
			i++
			continue
		}
		e := i
		for e < len(s) && strings.IndexByte(space, s[e]) >= 0 {
			e++
		}
		run := s[i:e]
		ln := strings.LastIndexByte(run, '\n')
		st := 0
		if i >= len("<br />") && s[i-len("<br />"):i] == "<br />" {
			st = 1
		}
		if ln < 0 || st > ln {
			b.WriteString(run)
		} else {
			b.WriteString(run[:st] + "<br />\n" + run[ln+1:])
		}
		i = e
	}
	return b.String()
}

package importer

import (
	"net/url"
	"path"
	"regexp"
	"strings"

	"galley.dev/galley/cmd/galley/internal/markdown"
)

// linkDest matches the destination of a markdown link or image,
// "](dest" or "](<dest>", and of a link reference definition,
// "[label]: dest" at the start of a line.
var linkDest = regexp.MustCompile(`\]\(<?([^\s()<>]+)|(?m)^ {0,3}\[[^\]\n]+\]:[ \t]*<?([^\s<>]+)`)

// relink rewrites the links of body, a page whose old URL was old, that
// lead to another imported page's old URL: resolved against the old
// URL, as the old site's readers followed them, they find that page's
// new URL (newURL maps old URLs to new ones). A page moves on import
// (/docs/maintaining/ becomes /maintaining/), so its relative link
// "triaging-an-issue/" would otherwise lead nowhere, and an absolute
// one "/docs/ruby-101/#gems" through a redirect that loses the #gems.
// Other links, such as a bundle's photo.jpg beside the page, stay as
// written; so does code. A link that starts with the old site's base
// URL (https://example.org/docs/x/) is one within the site.
func relink(body, old, base string, newURL map[string]string) (string, int) {
	if old == "" || len(newURL) == 0 {
		return body, 0
	}
	page, err := url.Parse(old)
	if err != nil {
		return body, 0
	}
	fences := markdown.Fences(body)
	var b strings.Builder
	last, n := 0, 0
	for _, m := range linkDest.FindAllStringSubmatchIndex(body, -1) {
		lo, hi := m[2], m[3]
		if lo < 0 {
			lo, hi = m[4], m[5]
		}
		if markdown.InFence(fences, lo) >= 0 {
			continue
		}
		dest := body[lo:hi]
		if rest, ok := strings.CutPrefix(dest, base); ok && base != "" && (rest == "" || rest[0] == '/' || rest[0] == '#') {
			dest = "/" + strings.TrimPrefix(rest, "/")
		}
		to, ok := newTarget(dest, page, newURL)
		if !ok || to == body[lo:hi] {
			continue
		}
		b.WriteString(body[last:lo])
		b.WriteString(to)
		last = hi
		n++
	}
	if n == 0 {
		return body, 0
	}
	b.WriteString(body[last:])
	return b.String(), n
}

// newTarget returns the new URL of the relative link dest on the page
// at base, if it leads to an imported page.
func newTarget(dest string, base *url.URL, newURL map[string]string) (string, bool) {
	if dest == "" || strings.HasPrefix(dest, "//") || strings.HasPrefix(dest, "#") || strings.Contains(dest, ":") {
		return "", false
	}
	ref, err := url.Parse(dest)
	if err != nil {
		return "", false
	}
	abs := base.ResolveReference(ref)
	p := abs.Path
	for _, cand := range []string{p, p + "/", strings.TrimSuffix(p, "index.html"), strings.TrimSuffix(p, ".html") + "/", strings.TrimSuffix(p, path.Ext(p)) + "/"} {
		if to, ok := newURL[cand]; ok {
			if abs.Fragment != "" {
				to += "#" + abs.Fragment
			}
			return to, true
		}
	}
	return "", false
}

package markdown

import (
	"html"
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// SafeURL reports whether u may appear in an href or src: a relative
// reference, or an absolute URL with scheme http, https, mailto or tel.
// Anything the URL parser rejects counts as unsafe, and so do control
// characters and whitespace, which browsers strip ("java\tscript:").
func SafeURL(u string) bool {
	for _, r := range u {
		if r < 0x20 || r == 0x7f || r == ' ' {
			return false
		}
	}
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch strings.ToLower(p.Scheme) {
	case "", "http", "https", "mailto", "tel":
		return true
	}
	return false
}

// Resolve returns u resolved against pagePath when u is a relative
// reference, so that it reads the same from any page or feed; other URLs
// come back as they are.
func Resolve(u, pagePath string) string {
	if u == "" || strings.HasPrefix(u, "#") || strings.HasPrefix(u, "/") {
		return u
	}
	p, err := url.Parse(u)
	if err != nil || p.Scheme != "" || p.Host != "" {
		return u
	}
	dir := pagePath
	if !strings.HasSuffix(dir, "/") {
		dir = path.Dir(dir) + "/"
	}
	resolved := path.Join(dir, p.Path)
	if strings.HasSuffix(p.Path, "/") && !strings.HasSuffix(resolved, "/") {
		resolved += "/"
	}
	p.Path = resolved
	return p.String()
}

// urlTransformer removes unsafe links and images and resolves relative
// ones against the page path.
type urlTransformer struct{}

func (urlTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	pagePath, _ := pc.Get(pageKey).(string)
	src := reader.Source()
	var unsafe []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = decodeEntities(n.Destination)
			if !SafeURL(string(n.Destination)) {
				// Keep walking: an image inside the link is checked too,
				// since unwrapping the link sets it free.
				unsafe = append(unsafe, n)
				return ast.WalkContinue, nil
			}
			n.Destination = []byte(Resolve(string(n.Destination), pagePath))
		case *ast.Image:
			n.Destination = decodeEntities(n.Destination)
			if !SafeURL(string(n.Destination)) {
				// Keep walking: an image inside the link is checked too,
				// since unwrapping the link sets it free.
				unsafe = append(unsafe, n)
				return ast.WalkContinue, nil
			}
			n.Destination = []byte(Resolve(string(n.Destination), pagePath))
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL && !SafeURL(string(n.URL(src))) {
				unsafe = append(unsafe, n)
			}
		}
		return ast.WalkContinue, nil
	})
	// Outer nodes come first, so an inner one is unwrapped in the place
	// its outer node's unwrapping moved it to.
	for _, n := range unsafe {
		unwrap(n, src)
	}
}

// decodeEntities resolves character references in a link destination
// until none is left, so that "&#106;avascript:" is judged as the browser
// will read it, and the renderer finds nothing more to decode.
func decodeEntities(dest []byte) []byte {
	s := string(dest)
	for range 4 {
		d := html.UnescapeString(s)
		if d == s {
			break
		}
		s = d
	}
	return []byte(s)
}

// unwrap replaces n by its children (a link's text, an image's alt text),
// or for an autolink by its text.
func unwrap(n ast.Node, src []byte) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	if al, ok := n.(*ast.AutoLink); ok {
		parent.ReplaceChild(parent, n, ast.NewString(al.Label(src)))
		return
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

// Package markdown converts article bodies to HTML.
//
// It configures goldmark once per build with what a newsroom needs:
// GitHub Flavored Markdown (tables, strikethrough, autolinks, task lists),
// footnotes, definition lists, typographic quotes and dashes, and heading
// IDs that transliterate ("Élection à Paris" → "election-a-paris").
//
// Two rules keep hostile or careless content safe. Raw HTML is dropped
// unless the site sets markdown.unsafe. A link or image whose URL has any
// scheme but http, https, mailto or tel is removed: a link keeps its text,
// an image its alt text. Relative URLs are resolved against the article's
// own path, so a page bundle's "photo.jpg" becomes "/news/story/photo.jpg"
// and the HTML reads the same on the page and in feeds.
//
// A paragraph holding just an image with a title is a figure:
//
//	![Rescue teams in the harbour](harbour.jpg "Rescue teams search the harbour at dawn.")
//
// renders as <figure> with the title as <figcaption>.
package markdown

import (
	"bytes"
	"html"
	"io"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A Converter turns markdown into HTML. It is safe for concurrent use;
// build one per build and share it between workers.
type Converter struct {
	md goldmark.Markdown
}

// Options configure a Converter.
type Options struct {
	// Unsafe lets raw HTML in markdown through to the page.
	Unsafe bool
}

// New returns a Converter.
func New(opts Options) *Converter { return newConverter(opts, footnotes{}) }

// newConverter returns a Converter whose footnotes come from footnote, so
// tests can hold Galley's footnotes to goldmark's.
func newConverter(opts Options, footnote goldmark.Extender) *Converter {
	rendererOpts := []renderer.Option{
		renderer.WithNodeRenderers(util.Prioritized(figureRenderer{}, 100)),
	}
	if opts.Unsafe {
		rendererOpts = append(rendererOpts, gmhtml.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, footnote, extension.Typographer, extension.DefinitionList),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(urlTransformer{}, 100), util.Prioritized(figureTransformer{}, 200), util.Prioritized(headingIDTransformer{}, 300), util.Prioritized(pictureTransformer{}, 400)),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return &Converter{md: md}
}

// pageKey carries the page path to the URL transformer.
var pageKey = parser.NewContextKey()

// Convert writes the HTML of src, the markdown body of the page at
// pagePath (a site path such as "/news/story/"), to w.
func (c *Converter) Convert(w io.Writer, src []byte, pagePath string) error {
	return c.ConvertPictures(w, src, pagePath, nil)
}

// parse parses src, the body of the page at pagePath whose pictures
// have the derivatives pictures finds (nil for none).
func (c *Converter) parse(src []byte, pagePath string, pictures Pictures) ast.Node {
	pc := parser.NewContext(parser.WithIDs(newIDs()))
	pc.Set(pageKey, pagePath)
	if pictures != nil {
		pc.Set(picturesKey, pictures)
	}
	return c.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
}

// FirstParagraph returns the plain text of the first paragraph of src, for
// articles whose front matter gives no description.
func (c *Converter) FirstParagraph(src []byte) string {
	doc := c.parse(src, "/", nil)
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Kind() != ast.KindParagraph {
			continue
		}
		var b strings.Builder
		plainText(&b, n, src)
		if s := strings.Join(strings.Fields(html.UnescapeString(b.String())), " "); s != "" {
			return s
		}
	}
	return ""
}

// plainText writes the text of n and its descendants, without markup.
func plainText(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			plainText(b, c, src)
		case *ast.RawHTML, *ast.Image:
			// Neither is text a reader would see in a summary.
		default:
			plainText(b, c, src)
		}
	}
}

// Abs rewrites the root-relative URLs that Convert produced into absolute
// ones under base (which ends in a slash), for feeds read off the site,
// and leaves each picture's <img> alone of its derivatives (see
// stripResponsive).
func Abs(html []byte, base string) []byte {
	html = stripResponsive(html)
	base = strings.TrimSuffix(base, "/")
	var out bytes.Buffer
	out.Grow(len(html) + 256)
	for _, attr := range [][]byte{[]byte(` href="/`), []byte(` src="/`)} {
		out.Reset()
		rest := html
		for {
			i := bytes.Index(rest, attr)
			if i < 0 {
				out.Write(rest)
				break
			}
			cut := i + len(attr) - 1 // keep the slash
			out.Write(rest[:cut])
			if !bytes.HasPrefix(rest[cut:], []byte("//")) {
				out.WriteString(base)
			}
			rest = rest[cut:]
		}
		html = bytes.Clone(out.Bytes())
	}
	return html
}

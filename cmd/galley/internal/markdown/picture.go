package markdown

import (
	"bytes"
	"io"
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A Picture is what the images stage made of a picture in the text: the
// derivatives a browser chooses from, by width.
type Picture struct {
	// Src is the derivative of the fallback <img>, Srcset all of its
	// format's; Sources are the modern formats', for a <picture>.
	Src, Srcset string
	Sources     []PictureSource
	// Width and Height are the picture's, upright, in pixels.
	Width, Height int
}

// A PictureSource is a <source> of a <picture>.
type PictureSource struct {
	Type, Srcset string
}

// Pictures finds the derivatives of the picture at a site path
// ("/news/story/map.jpg"), or nil for one without.
type Pictures func(sitePath string) *Picture

// BodySizes is how wide a picture of the text is shown: the story
// column of the theme, 40rem, with 1rem margins on a phone.
const BodySizes = "(min-width: 42rem) 40rem, calc(100vw - 2rem)"

var picturesKey = parser.NewContextKey()

// ConvertPictures is Convert, with the text's local pictures shown
// through their derivatives: a figure as a <picture> of them, an inline
// image with their srcset.
func (c *Converter) ConvertPictures(w io.Writer, src []byte, pagePath string, pictures Pictures) error {
	return c.md.Renderer().Render(w, src, c.parse(src, pagePath, pictures))
}

// pictureTransformer gives the text's images their derivatives, after
// their URLs are resolved and figures made.
type pictureTransformer struct{}

func (pictureTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	pictures, _ := pc.Get(picturesKey).(Pictures)
	if pictures == nil {
		return
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		img, ok := n.(*ast.Image)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		p := pictures(string(img.Destination))
		if p == nil {
			return ast.WalkContinue, nil
		}
		if fig, ok := img.Parent().(*Figure); ok {
			fig.Picture = p
			return ast.WalkSkipChildren, nil
		}
		img.Destination = []byte(p.Src)
		img.SetAttributeString("srcset", []byte(p.Srcset))
		img.SetAttributeString("sizes", []byte(BodySizes))
		img.SetAttributeString("width", []byte(strconv.Itoa(p.Width)))
		img.SetAttributeString("height", []byte(strconv.Itoa(p.Height)))
		img.SetAttributeString("loading", []byte("lazy"))
		img.SetAttributeString("decoding", []byte("async"))
		return ast.WalkSkipChildren, nil
	})
}

// renderPicture writes a figure's image as a <picture> of p.
func renderPicture(w util.BufWriter, img *ast.Image, src []byte, p *Picture) {
	attr := func(name, value string) {
		_, _ = w.WriteString(" " + name + `="`)
		_, _ = w.Write(util.EscapeHTML([]byte(value)))
		_ = w.WriteByte('"')
	}
	_, _ = w.WriteString("<picture>")
	for _, s := range p.Sources {
		_, _ = w.WriteString("<source")
		attr("type", s.Type)
		attr("srcset", s.Srcset)
		attr("sizes", BodySizes)
		_ = w.WriteByte('>')
	}
	_, _ = w.WriteString("<img")
	attr("src", p.Src)
	attr("srcset", p.Srcset)
	attr("sizes", BodySizes)
	_, _ = w.WriteString(` alt="`)
	_, _ = w.Write(util.EscapeHTML(altText(img, src)))
	_ = w.WriteByte('"')
	attr("width", strconv.Itoa(p.Width))
	attr("height", strconv.Itoa(p.Height))
	_, _ = w.WriteString(` loading="lazy" decoding="async"></picture>`)
}

// stripResponsive removes what Convert writes for a browser's choice of
// derivative (<picture>, <source>, srcset and sizes) from html, for
// feeds: a reader shows the <img>'s src, made absolute, and a srcset of
// site paths would lead nowhere there.
func stripResponsive(html []byte) []byte {
	// Again until nothing changes: taking one attribute out must not
	// join the text around it into another. Each pass only shortens.
	for bytes.Contains(html, []byte("srcset=")) || bytes.Contains(html, []byte("<source ")) {
		out := stripOnce(html)
		if len(out) == len(html) {
			break
		}
		html = out
	}
	return html
}

// stripOnce is one pass of stripResponsive.
func stripOnce(html []byte) []byte {
	html = bytes.ReplaceAll(html, []byte("<picture>"), nil)
	html = bytes.ReplaceAll(html, []byte("</picture>"), nil)
	for _, open := range [][]byte{[]byte("<source "), []byte(` srcset="`), []byte(` sizes="`)} {
		var out bytes.Buffer
		rest := html
		for {
			i := bytes.Index(rest, open)
			if i < 0 {
				out.Write(rest)
				break
			}
			out.Write(rest[:i])
			end := byte('"')
			from := i + len(open)
			if open[1] == 's' && open[0] == '<' {
				end = '>'
			}
			j := bytes.IndexByte(rest[from:], end)
			if j < 0 {
				out.Write(rest[i:])
				break
			}
			rest = rest[from+j+1:]
		}
		html = out.Bytes()
	}
	return html
}

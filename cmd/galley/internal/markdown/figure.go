package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindFigure is the node kind of a Figure.
var KindFigure = ast.NewNodeKind("Figure")

// A Figure is an image with a caption: a paragraph that held only an image
// with a title.
type Figure struct {
	ast.BaseBlock
	Image *ast.Image
	// Picture is the image's derivatives, if the images stage made any.
	Picture *Picture
}

// Kind implements ast.Node.
func (*Figure) Kind() ast.NodeKind { return KindFigure }

// Dump implements ast.Node.
func (f *Figure) Dump(src []byte, level int) { ast.DumpHelper(f, src, level, nil, nil) }

// figureTransformer turns paragraphs of a single titled image into Figures.
type figureTransformer struct{}

func (figureTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var paras []*ast.Paragraph
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if p, ok := n.(*ast.Paragraph); ok && p.ChildCount() == 1 {
			if img, ok := p.FirstChild().(*ast.Image); ok && len(img.Title) > 0 {
				paras = append(paras, p)
			}
		}
	}
	for _, p := range paras {
		img := p.FirstChild().(*ast.Image)
		fig := &Figure{Image: img}
		p.RemoveChild(p, img)
		fig.AppendChild(fig, img)
		doc.ReplaceChild(doc, p, fig)
	}
}

// figureRenderer renders Figures; the image inside renders as usual but
// lazily, since figures in a body are rarely above the fold.
type figureRenderer struct{}

func (figureRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindFigure, renderFigure)
}

func renderFigure(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	fig := node.(*Figure)
	img := fig.Image
	if fig.Picture != nil {
		_, _ = w.WriteString("<figure>\n")
		renderPicture(w, img, src, fig.Picture)
		_, _ = w.WriteString("\n<figcaption>")
		_, _ = w.Write(util.EscapeHTML(img.Title))
		_, _ = w.WriteString("</figcaption>\n</figure>\n")
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.WriteString("<figure>\n<img src=\"")
	_, _ = w.Write(util.EscapeHTML(util.URLEscape(img.Destination, true)))
	_, _ = w.WriteString(`" alt="`)
	_, _ = w.Write(util.EscapeHTML(altText(img, src)))
	_, _ = w.WriteString("\" loading=\"lazy\" decoding=\"async\">\n<figcaption>")
	_, _ = w.Write(util.EscapeHTML(img.Title))
	_, _ = w.WriteString("</figcaption>\n</figure>\n")
	return ast.WalkSkipChildren, nil
}

func altText(img *ast.Image, src []byte) []byte {
	var b []byte
	_ = ast.Walk(img, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b = append(b, n.Segment.Value(src)...)
		case *ast.String:
			b = append(b, n.Value...)
		}
		return ast.WalkContinue, nil
	})
	return b
}

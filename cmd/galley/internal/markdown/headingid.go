package markdown

import (
	"regexp"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// explicitID matches a heading's own ID at the end of its text, as
// Hugo, Pandoc, kramdown and PHP Markdown Extra write it:
// "## Version 1.0 {#v1-0}". Only an ID: other attributes ({.class},
// {style=…}) are not read, so that text is never an attribute, and
// "## Using {braces}" keeps its braces.
var explicitID = regexp.MustCompile(`[ \t]*\{#([A-Za-z][A-Za-z0-9_.:-]*)\}[ \t]*$`)

// headingIDTransformer gives a heading the ID its text ends with, and
// drops that from the text, so that links made for the old site
// (/history/#v1-0-0) still find their heading.
type headingIDTransformer struct{}

func (headingIDTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		// The typographer splits text at dashes: join the text nodes
		// that end the heading, where they follow each other.
		var run []*ast.Text
		for c := h.LastChild(); c != nil; c = c.PreviousSibling() {
			t, ok := c.(*ast.Text)
			if !ok || len(run) > 0 && t.Segment.Stop != run[len(run)-1].Segment.Start {
				break
			}
			run = append(run, t)
		}
		if len(run) == 0 {
			return ast.WalkSkipChildren, nil
		}
		start, stop := run[len(run)-1].Segment.Start, run[0].Segment.Stop
		m := explicitID.FindSubmatchIndex(src[start:stop])
		if m == nil {
			return ast.WalkSkipChildren, nil
		}
		cut := start + m[0]
		for _, t := range run {
			switch {
			case t.Segment.Start >= cut:
				h.RemoveChild(h, t)
			case t.Segment.Stop > cut:
				t.Segment = text.NewSegment(t.Segment.Start, cut)
			}
		}
		h.SetAttributeString("id", append([]byte(nil), src[start+m[2]:start+m[3]]...))
		return ast.WalkSkipChildren, nil
	})
}

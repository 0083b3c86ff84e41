package markdown

import (
	"slices"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// footnotes is goldmark's footnote extension (PHP Markdown Extra
// footnotes) with its two quadratic steps made linear, so that a story
// of 10,000 footnotes does not take seconds: goldmark looks each
// reference up by walking every definition, and sorts the definitions
// with an insertion sort that is quadratic on the usual, ascending order.
// It builds the same nodes, so goldmark's own renderer draws them and the
// HTML is the same byte for byte. The parsers follow goldmark v1.8.0's
// extension/footnote.go; only the lookup and the sort differ.
type footnotes struct{}

// Extend registers the parsers, the transformer and goldmark's renderer
// at the priorities goldmark's extension uses.
func (footnotes) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(footnoteBlockParser{}, 999)),
		parser.WithInlineParsers(util.Prioritized(footnoteParser{}, 101)),
		parser.WithASTTransformers(util.Prioritized(footnoteTransformer{}, 999)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(extension.NewFootnoteHTMLRenderer(), 500),
	))
}

// footnoteState is what the parsers of one document share through the
// parser context: the definitions, the first one of each label, and every
// reference in document order.
type footnoteState struct {
	list  *ast.FootnoteList
	byRef map[string]*ast.Footnote
	links []*ast.FootnoteLink
}

var footnoteKey = parser.NewContextKey()

func footnoteStateOf(pc parser.Context) *footnoteState {
	if s, ok := pc.Get(footnoteKey).(*footnoteState); ok {
		return s
	}
	return nil
}

// footnoteBlockParser parses a definition, "[^label]: text".
type footnoteBlockParser struct{}

func (footnoteBlockParser) Trigger() []byte { return []byte{'['} }

func (footnoteBlockParser) Open(parent gast.Node, reader text.Reader, pc parser.Context) (gast.Node, parser.State) {
	line, segment := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || line[pos] != '[' {
		return nil, parser.NoChildren
	}
	pos++
	if pos > len(line)-1 || line[pos] != '^' {
		return nil, parser.NoChildren
	}
	open := pos + 1
	//lint:ignore SA1019 a label is one line, and goldmark's own footnotes find it so
	closure := util.FindClosure(line[pos+1:], '[', ']', false, false)
	closes := pos + 1 + closure
	next := closes + 1
	if closure < 0 || next >= len(line) || line[next] != ':' {
		return nil, parser.NoChildren
	}
	padding := segment.Padding
	label := reader.Value(text.NewSegment(segment.Start+open-padding, segment.Start+closes-padding))
	if util.IsBlank(label) {
		return nil, parser.NoChildren
	}
	item := ast.NewFootnote(label)
	pos = next + 1 - padding
	if pos >= len(line) {
		reader.Advance(pos)
		return item, parser.NoChildren
	}
	reader.AdvanceAndSetPadding(pos, padding)
	return item, parser.HasChildren
}

func (footnoteBlockParser) Continue(node gast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		return parser.Continue | parser.HasChildren
	}
	childpos, padding := util.IndentPosition(line, reader.LineOffset(), 4)
	if childpos < 0 {
		return parser.Close
	}
	reader.AdvanceAndSetPadding(childpos, padding)
	return parser.Continue | parser.HasChildren
}

// Close moves the definition into the document's one footnote list,
// which stands where the first definition was until the transformer
// moves it to the end.
func (footnoteBlockParser) Close(node gast.Node, reader text.Reader, pc parser.Context) {
	s := footnoteStateOf(pc)
	if s == nil {
		s = &footnoteState{list: ast.NewFootnoteList(), byRef: map[string]*ast.Footnote{}}
		pc.Set(footnoteKey, s)
		node.Parent().InsertBefore(node.Parent(), node, s.list)
	}
	node.Parent().RemoveChild(node.Parent(), node)
	s.list.AppendChild(s.list, node)
	fn := node.(*ast.Footnote)
	if _, ok := s.byRef[string(fn.Ref)]; !ok {
		s.byRef[string(fn.Ref)] = fn // a reference goes to the first definition of its label
	}
}

func (footnoteBlockParser) CanInterruptParagraph() bool { return true }

func (footnoteBlockParser) CanAcceptIndentedLine() bool { return false }

// footnoteParser parses a reference, "[^label]".
type footnoteParser struct{}

// Trigger includes '!' because "![^1]" would otherwise start an image.
func (footnoteParser) Trigger() []byte { return []byte{'!', '['} }

func (footnoteParser) Parse(parent gast.Node, block text.Reader, pc parser.Context) gast.Node {
	line, segment := block.PeekLine()
	pos := 1
	if len(line) > 0 && line[0] == '!' {
		pos++
	}
	if pos >= len(line) || line[pos] != '^' {
		return nil
	}
	pos++
	if pos >= len(line) {
		return nil
	}
	open := pos
	//lint:ignore SA1019 a label is one line, and goldmark's own footnotes find it so
	closure := util.FindClosure(line[pos:], '[', ']', false, false)
	if closure < 0 {
		return nil
	}
	closes := pos + closure
	value := block.Value(text.NewSegment(segment.Start+open, segment.Start+closes))
	block.Advance(closes + 1)

	s := footnoteStateOf(pc)
	if s == nil {
		return nil
	}
	d := s.byRef[string(value)]
	if d == nil {
		return nil
	}
	if d.Index < 0 {
		s.list.Count++
		d.Index = s.list.Count
	}
	link := ast.NewFootnoteLink(d.Index)
	s.links = append(s.links, link)
	if line[0] == '!' {
		parent.AppendChild(parent, gast.NewTextSegment(text.NewSegment(segment.Start, segment.Start+1)))
	}
	return link
}

// footnoteTransformer numbers the references and back links, drops
// definitions nothing refers to and puts the list, in reference order, at
// the end of the document.
type footnoteTransformer struct{}

func (footnoteTransformer) Transform(doc *gast.Document, reader text.Reader, pc parser.Context) {
	s := footnoteStateOf(pc)
	pc.Set(footnoteKey, nil)
	if s == nil {
		return
	}
	list := s.list
	counter := map[int]int{}
	for _, link := range s.links {
		if link.Index >= 0 {
			counter[link.Index]++
		}
	}
	refIndex := map[int]int{}
	for _, link := range s.links {
		link.RefCount = counter[link.Index]
		link.RefIndex = refIndex[link.Index]
		refIndex[link.Index]++
	}
	var kept []*ast.Footnote
	for n := list.FirstChild(); n != nil; {
		next := n.NextSibling()
		fn := n.(*ast.Footnote)
		if fn.Index < 0 {
			list.RemoveChild(list, n)
			n = next
			continue
		}
		kept = append(kept, fn)
		var container gast.Node = fn
		if last := fn.LastChild(); last != nil && gast.IsParagraph(last) {
			container = last
		}
		refCount := counter[fn.Index]
		for i := range max(refCount, 1) {
			back := ast.NewFootnoteBacklink(fn.Index)
			back.RefCount = refCount
			back.RefIndex = i
			container.AppendChild(container, back)
		}
		n = next
	}
	// Each kept definition has its own index, so the order is total and
	// any sort gives what goldmark's insertion sort does.
	slices.SortFunc(kept, func(a, b *ast.Footnote) int { return a.Index - b.Index })
	list.RemoveChildren(list)
	for _, fn := range kept {
		list.AppendChild(list, fn)
	}
	if list.Count <= 0 {
		list.Parent().RemoveChild(list.Parent(), list)
		return
	}
	doc.AppendChild(doc, list)
}

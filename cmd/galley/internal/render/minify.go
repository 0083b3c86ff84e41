package render

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"text/template/parse"

	"galley.dev/galley/cmd/galley/internal/minifier"
)

// Pages used to be minified whole as they were written: a seventh of a
// build's CPU time went to minifying, again for every page, the same theme
// text around each story. Instead the theme is minified once, at load,
// around its actions, and each story's body once; the pages they make
// need no minifying. What a page adds is escaped values, which have no
// whitespace between tags to remove.

// maxMinifyHTML is the largest converted markdown minified; a bigger one
// is kept as converted, as package output keeps a big page: the
// minifier's time grows faster than the size.
const maxMinifyHTML = 512 << 10

// minifyHTML returns the HTML converted from markdown (a story's body, a
// bio, an intro) minified, or as it is if it is too big or the minifier
// fails on it.
func (t *Templates) minifyHTML(b []byte) []byte {
	if t.min == nil || len(b) > maxMinifyHTML {
		return b
	}
	out, err := t.min.Bytes("text/html", b)
	if err != nil {
		return b
	}
	return out
}

// minifyFiles returns the theme's files minified around their actions,
// or an error saying why they cannot be, in which case pages are to be
// minified whole as before.
func minifyFiles(files map[string][]byte) (map[string][]byte, error) {
	m := minifier.New(true)
	out := make(map[string][]byte, len(files))
	for name, data := range files {
		// The minifier collapses the spaces in a textarea that holds
		// an action, which are the textarea's value.
		if bytes.Contains(bytes.ToLower(data), []byte("<textarea")) {
			return nil, fmt.Errorf("%s has a textarea", name)
		}
		min, err := m.Bytes("text/html", data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out[name] = min
	}
	return out, nil
}

// sameActions reports whether two template sets define the same
// templates with the same actions: the minifier may rewrite the markup
// between actions, and nothing else.
func sameActions(a, b *template.Template) bool {
	return actions(a) == actions(b)
}

// actions returns every template set defines, its actions and where its
// text is (writeActions), as one string.
func actions(set *template.Template) string {
	var b strings.Builder
	defined := set.Templates()
	slices.SortFunc(defined, func(x, y *template.Template) int { return strings.Compare(x.Name(), y.Name()) })
	for _, d := range defined {
		if d.Tree == nil {
			continue
		}
		fmt.Fprintf(&b, "{{define %q}}", d.Name())
		writeActions(&b, d.Tree.Root)
	}
	return b.String()
}

// writeActions writes the nodes of n, each text but spaces as {{text}}.
func writeActions(b *strings.Builder, n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				writeActions(b, c)
			}
		}
	case *parse.TextNode:
		// Where markup is, not what: so that none moves to another
		// branch. The minifier may leave spaces alone or remove them.
		if len(bytes.TrimSpace(n.Text)) > 0 {
			b.WriteString("{{text}}")
		}
	case *parse.IfNode:
		branch(b, "if", n.Pipe, n.List, n.ElseList)
	case *parse.RangeNode:
		branch(b, "range", n.Pipe, n.List, n.ElseList)
	case *parse.WithNode:
		branch(b, "with", n.Pipe, n.List, n.ElseList)
	default:
		b.WriteString(n.String())
	}
}

// branch writes an if, range or with: its pipeline and both lists.
func branch(b *strings.Builder, kind string, pipe *parse.PipeNode, list, elseList *parse.ListNode) {
	fmt.Fprintf(b, "{{%s %s}}", kind, pipe)
	writeActions(b, list)
	b.WriteString("{{else}}")
	writeActions(b, elseList)
	b.WriteString("{{end}}")
}

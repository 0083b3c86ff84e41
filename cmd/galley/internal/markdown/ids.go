package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"

	"galley.dev/galley/cmd/galley/internal/slug"
)

// ids gives headings IDs made by slug.Make, unique within one document.
// goldmark's own IDs drop non-ASCII letters ("Élection" → "lection").
type ids struct {
	used map[string]bool
}

func newIDs() *ids { return &ids{used: map[string]bool{}} }

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := slug.Make(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }

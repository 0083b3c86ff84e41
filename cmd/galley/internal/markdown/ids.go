package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"

	"galley.dev/galley/cmd/galley/internal/slug"
)

// ids gives headings IDs made by slug.Make, unique within one document.
// goldmark's own IDs drop non-ASCII letters ("Élection" → "lection").
// A repeated heading gets the first free suffix, as in goldmark:
// "same", "same-1", "same-2", skipping any an earlier heading or an
// explicit ID already took.
type ids struct {
	used map[string]bool
	// next is, per base, the lowest suffix that may still be free: every
	// one below it is taken, and IDs are never given back, so a page of
	// 20,000 identical headings need not probe from 1 each time.
	next map[string]int
}

func newIDs() *ids { return &ids{used: map[string]bool{}, next: map[string]int{}} }

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := slug.Make(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	if s.used[id] {
		i := max(s.next[base], 1)
		for id = base + "-" + strconv.Itoa(i); s.used[id]; id = base + "-" + strconv.Itoa(i) {
			i++
		}
		s.next[base] = i + 1
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }

package importer

import (
	"strings"
	"testing"
)

func TestLineCounter(t *testing.T) {
	text := "one\ntwo\nthree\n\nfive"
	c := NewLineCounter(text, 10)
	for _, i := range []int{0, 4, 8, 14, 15, 4, 19} { // in order, then back
		if got, want := c.Line(i), 10+strings.Count(text[:i], "\n"); got != want {
			t.Errorf("Line(%d) = %d, want %d", i, got, want)
		}
	}
}

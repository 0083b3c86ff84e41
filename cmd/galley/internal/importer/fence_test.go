package importer

import (
	"strings"
	"testing"
)

func TestInFence(t *testing.T) {
	text := "a\n```\ncode\n```\nb\n~~~\nmore\n~~~\nc\n"
	fences := Fences(text)
	for i := range text {
		want := -1
		for _, f := range fences {
			if i >= f[0] && i < f[1] {
				want = f[1]
			}
		}
		if got := InFence(fences, i); got != want {
			t.Errorf("InFence(%d) = %d, want %d", i, got, want)
		}
	}
}

func TestLineCounter(t *testing.T) {
	text := "one\ntwo\nthree\n\nfive"
	c := NewLineCounter(text, 10)
	for _, i := range []int{0, 4, 8, 14, 15, 4, 19} { // in order, then back
		if got, want := c.Line(i), 10+strings.Count(text[:i], "\n"); got != want {
			t.Errorf("Line(%d) = %d, want %d", i, got, want)
		}
	}
}

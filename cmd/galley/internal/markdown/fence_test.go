package markdown

import "testing"

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

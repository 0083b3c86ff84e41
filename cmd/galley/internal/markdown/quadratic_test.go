package markdown

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
)

// TestIDsSequence checks the heading IDs of a document: repeats of a
// heading take -1, -2, … and skip IDs already taken by an explicit ID
// (Put) or an earlier heading, as goldmark's own generator does.
func TestIDsSequence(t *testing.T) {
	type op struct {
		put  bool // Put the value instead of Generate from it
		text string
	}
	gen := func(s string) op { return op{text: s} }
	put := func(s string) op { return op{put: true, text: s} }
	tests := []struct {
		name string
		ops  []op
		want []string // one per Generate
	}{
		{"repeats", []op{gen("Same"), gen("Same"), gen("Same")}, []string{"same", "same-1", "same-2"}},
		{"empty heading", []op{gen(""), gen("!!"), gen("Section")}, []string{"section", "section-1", "section-2"}},
		{"earlier heading took a suffix", []op{gen("Same 2"), gen("Same"), gen("Same"), gen("Same"), gen("Same")},
			[]string{"same-2", "same", "same-1", "same-3", "same-4"}},
		{"suffix taken after the counter passed it", []op{gen("Same"), gen("Same"), gen("Same 1"), gen("Same")},
			[]string{"same", "same-1", "same-1-1", "same-2"}},
		{"explicit id put first", []op{put("same-1"), gen("Same"), gen("Same"), gen("Same")},
			[]string{"same", "same-2", "same-3"}},
		{"explicit id put later", []op{gen("Same"), gen("Same"), put("same-3"), gen("Same"), gen("Same")},
			[]string{"same", "same-1", "same-2", "same-4"}},
		{"explicit id equal to base", []op{put("why"), gen("Why"), gen("Why")}, []string{"why-1", "why-2"}},
		{"base that ends in a number", []op{gen("A 1"), gen("A"), gen("A"), gen("A 1")},
			[]string{"a-1", "a", "a-2", "a-1-1"}},
		{"put twice is harmless", []op{put("x"), put("x"), gen("X")}, []string{"x-1"}},
		{"generated id of a base taken by another", []op{gen("B"), gen("B"), gen("B 1"), gen("B 1"), gen("B")},
			[]string{"b", "b-1", "b-1-1", "b-1-2", "b-2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newIDs()
			var got []string
			for _, o := range tt.ops {
				if o.put {
					s.Put([]byte(o.text))
					continue
				}
				got = append(got, string(s.Generate([]byte(o.text), ast.KindHeading)))
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestHeadingIDsInDocument checks IDs end to end, with goldmark's
// {#explicit} attribute syntax off as it is in Galley: "Same {#same-1}"
// is a heading whose text ends in "#same-1".
func TestHeadingIDsInDocument(t *testing.T) {
	src := "## Same\n\n## Same 2\n\n## Same\n\n## Same\n\n## Same\n"
	got := convert(t, New(Options{}), src, "/a/")
	for _, id := range []string{"same", "same-2", "same-1", "same-3", "same-4"} {
		if !strings.Contains(got, `id="`+id+`"`) {
			t.Errorf("no id %q in\n%s", id, got)
		}
	}
}

func headings(n int) []byte {
	return bytes.Repeat([]byte("## same\n\n"), n)
}

// footnoteDoc returns a document with n footnote references and their
// definitions.
func footnoteDoc(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, "Claim %d.[^%d]\n\n", i, i)
	}
	for i := range n {
		fmt.Fprintf(&b, "[^%d]: Source %d.\n", i, i)
	}
	return b.Bytes()
}

func benchConvert(b *testing.B, src []byte) {
	c := New(Options{})
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if err := c.Convert(io.Discard, src, "/news/story/"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHeadings shows heading IDs linear in the number of repeats:
// 20k headings take at most five times what 5k take.
func BenchmarkHeadings(b *testing.B) {
	for _, n := range []int{5000, 20000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchConvert(b, headings(n)) })
	}
}

// BenchmarkFootnotes shows footnotes linear: 10k footnotes take at most
// five times what 2.5k take.
func BenchmarkFootnotes(b *testing.B) {
	for _, n := range []int{2500, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchConvert(b, footnoteDoc(n)) })
	}
}

// footnoteDocs are documents whose footnotes Galley must render exactly
// as goldmark's footnote extension does.
var footnoteDocs = []string{
	"Claim.[^1]\n\n[^1]: Source.",
	"No definitions.[^1] [^x]",
	"Unused.\n\n[^1]: Nobody cites this.",
	"A[^b] then B[^a] then A again[^b] and C[^c].\n\n[^a]: First.\n[^b]: Second.\n\n    With a second paragraph.\n\n[^c]: Third.\n[^unused]: Dropped.",
	"Twice[^1] and twice[^1].\n\n[^1]: One\n[^1]: Duplicate label, never cited.",
	"Image-like![^1] and ![x](a.png).\n\n[^1]: Note.",
	"> Quoted[^q].\n>\n> [^q]: Inside a quote.\n\nOutside[^o].\n\n[^o]: Out.",
	"- item[^l]\n\n  [^l]: In a list.",
	"Nested[^a].\n\n[^a]: Outer.\n    [^b]: Inner[^b].",
	"Nested unused.\n\n[^a]: Outer.\n    [^b]: Inner.",
	"[^ ]: blank label\n\nRef [^ ].",
	"[^1]:\n\nEmpty definition[^1].",
	"Ref[^1].\n\n[^1]: A **bold** [link](http://x) `code`.\n\n## Heading\n\nMore[^2].\n\n[^2]: - a list\n    - in a note",
	string(footnoteDoc(30)),
}

// TestFootnotesMatchGoldmark checks that the linear footnotes render
// every document byte for byte as goldmark's extension does.
func TestFootnotesMatchGoldmark(t *testing.T) {
	ours, theirs := New(Options{}), newConverter(Options{}, extension.Footnote)
	for _, src := range footnoteDocs {
		if got, want := convert(t, ours, src, "/a/"), convert(t, theirs, src, "/a/"); got != want {
			t.Errorf("footnotes of %q:\ngot\n%s\nwant\n%s", src, got, want)
		}
	}
}

func FuzzFootnotesMatchGoldmark(f *testing.F) {
	for _, src := range footnoteDocs {
		f.Add(src)
	}
	ours, theirs := New(Options{}), newConverter(Options{}, extension.Footnote)
	f.Fuzz(func(t *testing.T, src string) {
		var got, want bytes.Buffer
		if err := ours.Convert(&got, []byte(src), "/a/"); err != nil {
			t.Fatal(err)
		}
		if err := theirs.Convert(&want, []byte(src), "/a/"); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("footnotes of %q:\ngot\n%s\nwant\n%s", src, got.String(), want.String())
		}
	})
}

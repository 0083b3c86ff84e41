package slug

import (
	"net/url"
	"path"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCheck(t *testing.T) {
	long85 := "the-council-votes-to-rebuild-the-harbour-wall-before-the-winter-storms-come-back-again"
	tests := []struct {
		in   string
		want string // "" for a good segment, else a part of the error
	}{
		{"election-a-paris", ""},
		{long85, ""},
		{"2.10", ""},
		{"2.10-release", ""},
		{"docs.v2", ""},
		{"Überraschung", ""},
		{"Éléphant-Rose", ""},
		{"my_post~1", ""},
		{"日本語", ""},
		{strings.Repeat("a", MaxSegment), ""},
		{"", "is empty"},
		{".", "a dot"},
		{"..", "a dot"},
		{"../etc", "slash"},
		{"/etc", "slash"},
		{`a\b`, "backslash"},
		{"a\x00b", `'\x00'`},
		{"a\nb", `'\n'`},
		{"a\u202eb", `'\u202e'`}, // a right-to-left override spoofs the URL
		{"%2e%2e", `'%'`},
		{"a?b", `'?'`},
		{"a#b", `'#'`},
		{"a b", "space"},
		{" a", "space"},
		{"a:b", `':'`},
		{".well-known", "starts with a dot"},
		{"_drafts", "starts with an underscore"},
		{"news.", "ends with a dot"},
		{"CON", "device"},
		{"nul.txt", "device"},
		{"Lpt9", "device"},
		{"console", ""},
		{"e\u0301le\u0301phant", "normal form"},
		{"\xff", "UTF-8"},
		{strings.Repeat("a", MaxSegment+1), "over the limit of 200"},
		{strings.Repeat("é", MaxSegment/2+1), "over the limit of 200"},
	}
	for _, tt := range tests {
		err := Check(tt.in)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("Check(%q) = %v, want nil", tt.in, err)
		case tt.want != "" && err == nil:
			t.Errorf("Check(%q) = nil, want an error with %q", tt.in, tt.want)
		case tt.want != "" && !strings.Contains(err.Error(), tt.want):
			t.Errorf("Check(%q) = %v, want an error with %q", tt.in, err, tt.want)
		}
	}
}

// TestSuggest checks that the slug proposed for a bad one is whole: it
// is not cut at Make's MaxLen, only at MaxSegment and at a hyphen.
func TestSuggest(t *testing.T) {
	words := strings.Repeat("word ", 30) // 149 bytes of slug
	tests := []struct{ in, want string }{
		{"../../etc", "etc"},
		{"Élection à Paris", "election-a-paris"},
		{"A Long Slug With Spaces That Runs Well Past Eighty Bytes Before It Ever Comes To An End", "a-long-slug-with-spaces-that-runs-well-past-eighty-bytes-before-it-ever-comes-to-an-end"},
		{words, strings.TrimSuffix(strings.Repeat("word-", 30), "-")},
		{strings.Repeat("word ", 60), strings.TrimSuffix(strings.Repeat("word-", 40), "-")},
		{"★", ""},
	}
	for _, tt := range tests {
		got := Suggest(tt.in)
		if got != tt.want {
			t.Errorf("Suggest(%q) = %q (%d bytes), want %q", tt.in, got, len(got), tt.want)
		}
		if got != "" && Check(got) != nil {
			t.Errorf("Suggest(%q) = %q, which Check refuses: %v", tt.in, got, Check(got))
		}
	}
}

func TestEscapePath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/news/Überraschung/", "/news/%C3%9Cberraschung/"},
		{"/2.10/my_post~1/", "/2.10/my_post~1/"},
		{"/news/election-a-paris/", "/news/election-a-paris/"},
		{"/", "/"},
	}
	for _, tt := range tests {
		if got := EscapePath(tt.in); got != tt.want {
			t.Errorf("EscapePath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzCheck(f *testing.F) {
	for _, s := range []string{"2.10", "Überraschung", "../x", "a/b", "%2e", ".", "..", "CON.txt", "a\x00", "e\u0301", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if Check(s) != nil {
			if sg := Suggest(s); sg != "" && Check(sg) != nil {
				t.Fatalf("Suggest(%q) = %q, which Check refuses: %v", s, sg, Check(sg))
			}
			return
		}
		// A good segment stays one element of a path, inside its folder.
		if s == "." || s == ".." || strings.ContainsAny(s, "/\\%?#\x00") || !utf8.ValidString(s) || len(s) > MaxSegment {
			t.Fatalf("Check(%q) = nil", s)
		}
		if j := path.Join("dest", s); path.Dir(j) != "dest" || path.Base(j) != s {
			t.Fatalf("Check(%q) = nil, but it joins to %q", s, j)
		}
		if u, err := url.PathUnescape(EscapePath(s)); err != nil || u != s {
			t.Fatalf("EscapePath(%q) = %q, which reads back as %q, %v", s, EscapePath(s), u, err)
		}
	})
}

package diag

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestErrorEscapes(t *testing.T) {
	tests := []struct {
		name string
		err  *Error
		want string
	}{
		{"plain", Errorf("content/news/a.md", 3, "title: missing"), "content/news/a.md:3: title: missing"},
		{"no line", Errorf("site.yaml", 0, "unreadable"), "site.yaml: unreadable"},
		{"no path", &Error{Err: errors.New("no site")}, "no site"},
		{"unicode kept", Errorf("content/économie/café.md", 1, "titre « Ça »"), "content/économie/café.md:1: titre « Ça »"},
		{"OSC title in path", Errorf("content/news/\x1b]0;pwned\x07x.md", 2, "bad date"), `"content/news/\x1b]0;pwned\ax.md":2: bad date`},
		{"clear screen in path", Errorf("content/\x1b[2Jx.md", 0, "bad"), `"content/\x1b[2Jx.md": bad`},
		{"C1 CSI in path", Errorf("content/\u009b2Jx.md", 1, "bad"), `"content/\u009b2Jx.md":1: bad`},
		{"invalid UTF-8 in path", Errorf("content/\x9b2J.md", 1, "bad"), `"content/\x9b2J.md":1: bad`},
		{"bidi override in path", Errorf("content/\u202egnp.md", 1, "bad"), `"content/\u202egnp.md":1: bad`},
		{"isolate in path", Errorf("content/\u2066x\u2069.md", 1, "bad"), `"content/\u2066x\u2069.md":1: bad`},
		{"escape in message", Errorf("a.md", 1, "author %s unknown", "\x1b[31mred"), `a.md:1: author \x1b[31mred unknown`},
		{"newline in message", Errorf("a.md", 1, "x\ny.md:9: forged"), `a.md:1: x\ny.md:9: forged`},
		{"DEL and tab in message", Errorf("a.md", 1, "a\x7fb\tc"), `a.md:1: a\x7fb\tc`},
		{"C1 and bidi in message", Errorf("a.md", 1, "a\u0085b\u202ec\u2068d"), `a.md:1: a\u0085b\u202ec\u2068d`},
		{"invalid UTF-8 in message", Errorf("a.md", 1, "a\xffb"), `a.md:1: a\xffb`},
		{"no path, escape", &Error{Err: errors.New("\x1b]8;;http://evil\x1b\\x")}, `\x1b]8;;http://evil\x1b\x`},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("%s: Error() = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// FuzzErrorEscapes checks that no control character, C1 code, bidi
// control or invalid UTF-8 reaches the output, whatever the path and
// message, and that a path without them is printed as it is.
func FuzzErrorEscapes(f *testing.F) {
	f.Add("content/news/\x1b]0;pwned\x07x.md", 3, "bad \x1b[2J")
	f.Add("content/\u202egnp.md", 0, "a\u0085b")
	f.Add("a\xff.md", 1, "x\ny")
	f.Add("", 0, "\u2066")
	f.Add("content/news/a.md", 12, "title: missing")
	f.Fuzz(func(t *testing.T, path string, line int, msg string) {
		out := (&Error{Path: path, Line: line, Err: errors.New(msg)}).Error()
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 in %q", out)
		}
		for _, r := range out {
			if terminalControl(r) {
				t.Fatalf("%U in %q", r, out)
			}
		}
		if path != "" && !strings.ContainsFunc(path, terminalControl) && utf8.ValidString(path) && !strings.HasPrefix(out, path) {
			t.Fatalf("safe path %q not printed as is: %q", path, out)
		}
	})
}

// terminalControl is the test's own statement of what must never reach a
// terminal raw: C0, DEL, C1 and the bidi controls. (Invalid UTF-8
// is checked apart: U+FFFD itself may be printed.)
func terminalControl(r rune) bool {
	return r < 0x20 || r >= 0x7f && r <= 0x9f ||
		r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// TestSort checks that problems sort by path, then by line as a number,
// then by message.
func TestSort(t *testing.T) {
	errs := []*Error{
		Errorf("content/b.md", 2, "b"),
		Errorf("content/a.md", 10, "ten"),
		Errorf("content/a.md", 9, "nine, z"),
		Errorf("content/a.md", 9, "nine, a"),
	}
	Sort(errs)
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	want := []string{"content/a.md:9: nine, a", "content/a.md:9: nine, z", "content/a.md:10: ten", "content/b.md:2: b"}
	if !slices.Equal(got, want) {
		t.Errorf("Sort:\n got %q\nwant %q", got, want)
	}
}

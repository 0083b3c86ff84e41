// Package diag holds positioned problems: the unit in which Galley reports
// bad input. An Error prints as "path:line: message", like the Go compiler,
// so editors and terminals can jump to the spot.
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// An Error is a problem at a position in an input file.
// Line is 1-based; 0 means the line is not known.
type Error struct {
	Path string
	Line int
	Err  error
}

// Error prints the problem as "path:line: message". File names and
// messages come from the site, so neither may reach the terminal raw: a
// path with a control character or invalid UTF-8 is printed quoted, Go
// style, and such characters in the message are escaped in place (see
// Printable).
func (e *Error) Error() string {
	msg := Printable(e.Err.Error())
	path := e.Path
	if !isPrintable(path) {
		path = strconv.Quote(path)
	}
	switch {
	case e.Path == "":
		return msg
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", path, e.Line, msg)
	}
	return fmt.Sprintf("%s: %s", path, msg)
}

// Printable returns s with every character that could drive a terminal
// escaped, Go style (\x1b, \u202e): the C0 controls and DEL, which
// include ESC, the start of ANSI and OSC sequences, and newline, which
// would forge a problem line; the C1 controls (U+0080–U+009F), which
// some terminals obey as ESC sequences; the bidi controls, which reorder
// what the reader sees; and bytes that are not UTF-8. Other text, such as
// accented letters, is kept.
func Printable(s string) string {
	if isPrintable(s) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case unsafeRune(r):
			q := strconv.QuoteRuneToASCII(r) // '\x1b', '\u202e'
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isPrintable reports whether s is UTF-8 without a character that
// Printable escapes.
func isPrintable(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsFunc(s, unsafeRune)
}

// unsafeRune reports whether r is a C0 or C1 control, DEL or a bidi
// control (embeddings and overrides U+202A–U+202E, isolates
// U+2066–U+2069, and the marks U+200E, U+200F and U+061C).
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error at path:line with a formatted message.
func Errorf(path string, line int, format string, args ...any) *Error {
	return &Error{Path: path, Line: line, Err: fmt.Errorf(format, args...)}
}

// Join returns the problems sorted as Sort does, joined into one error
// that prints one problem a line, or nil if there are none.
func Join(errs []*Error) error {
	if len(errs) == 0 {
		return nil
	}
	sorted := slices.Clone(errs)
	Sort(sorted)
	list := make([]error, len(sorted))
	for i, e := range sorted {
		list[i] = e
	}
	return errors.Join(list...)
}

// Sort sorts problems by path, line (as a number) and message, so that a
// report is the same whatever order parallel workers found them in.
func Sort(errs []*Error) {
	slices.SortStableFunc(errs, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Err.Error(), b.Err.Error()))
	})
}

// Flatten returns the *Error values in err, which may be one *Error or a
// tree of errors.Join results; other errors come back as an Error with no
// position.
func Flatten(err error) []*Error {
	if err == nil {
		return nil
	}
	if e, ok := err.(*Error); ok {
		return []*Error{e}
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []*Error
		for _, e := range j.Unwrap() {
			out = append(out, Flatten(e)...)
		}
		return out
	}
	return []*Error{{Err: err}}
}

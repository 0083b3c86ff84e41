// Package diag holds positioned problems: the unit in which Galley reports
// bad input. An Error prints as "path:line: message", like the Go compiler,
// so editors and terminals can jump to the spot.
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
)

// An Error is a problem at a position in an input file.
// Line is 1-based; 0 means the line is not known.
type Error struct {
	Path string
	Line int
	Err  error
}

func (e *Error) Error() string {
	switch {
	case e.Path == "":
		return e.Err.Error()
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error at path:line with a formatted message.
func Errorf(path string, line int, format string, args ...any) *Error {
	return &Error{Path: path, Line: line, Err: fmt.Errorf(format, args...)}
}

// Join returns the problems sorted by path and line, joined into one error
// that prints one problem a line, or nil if there are none. Sorting makes
// the report the same whatever order parallel workers found them in.
func Join(errs []*Error) error {
	if len(errs) == 0 {
		return nil
	}
	sorted := slices.Clone(errs)
	slices.SortStableFunc(sorted, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Err.Error(), b.Err.Error()))
	})
	list := make([]error, len(sorted))
	for i, e := range sorted {
		list[i] = e
	}
	return errors.Join(list...)
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

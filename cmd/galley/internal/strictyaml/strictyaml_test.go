package strictyaml

import (
	"errors"
	"testing"
)

// TestSyntaxErrorLine checks that every syntax error has the line of the
// problem, including those the parser reports without one.
func TestSyntaxErrorLine(t *testing.T) {
	tests := []struct {
		doc  string
		line int
	}{
		{"title: \"Edited: \" + \"Story\"\ndate: 2026-01-01\n", 1},
		{"title: ok\n  bad: indent\n", 2},
		{"title: ok\ndate: 2026-01-01\ntopics: [a, b\n", 3},
		{"title: ok\ndescription: \"open\ndate: 2026-01-01\n", 2},
		{"title: ok\ndate: 2026-01-01\ntitle: \"x\" y\n", 3},
	}
	for _, tt := range tests {
		var v struct {
			Title       string   `yaml:"title"`
			Date        string   `yaml:"date"`
			Topics      []string `yaml:"topics"`
			Description string   `yaml:"description"`
		}
		errs := Unmarshal([]byte(tt.doc), &v)
		if len(errs) != 1 || !errors.Is(errs[0], ErrSyntax) {
			t.Errorf("%q: errors %v, want one syntax error", tt.doc, errs)
			continue
		}
		if errs[0].Line != tt.line {
			t.Errorf("%q: line %d, want %d (%v)", tt.doc, errs[0].Line, tt.line, errs[0])
		}
	}
}

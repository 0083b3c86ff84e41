package strictyaml

import (
	"errors"
	"io"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"galley.dev/galley/cmd/galley/internal/diag"
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

// TestSecondDocument checks that a second YAML document, which yaml.v3
// would silently drop, is an error at the line where it starts, and that
// the markers a single document may carry are not.
func TestSecondDocument(t *testing.T) {
	tests := []struct {
		doc  string
		line int    // 0: no error
		want string // part of the message
	}{
		{"title: a\n---\ntitle: b\n", 2, `a second YAML document starts here with "---"`},
		{"title: a\n--- \ndate: b\n", 2, `a second YAML document starts here with "---"`},
		{"title: a\n--- # next\ndate: b\n", 2, `a second YAML document starts here with "---"`},
		{"title: a\n--- b\n", 2, `a second YAML document starts here with "---"`},
		{"title: a\n...\ndate: b\n", 3, `a second YAML document follows the "..." on line 2`},
		{"title: a\n...\n\n# c\n  date: b\n", 5, `a second YAML document follows the "..." on line 2`},
		{"title: a\n...\n%YAML 1.1\n---\ndate: b\n", 3, `a second YAML document starts here with "%YAML 1.1"`},
		{"title: a\n---\n---\ndate: b\n", 2, `a second YAML document starts here with "---"`},
		{"---\ntitle: a\n---\ndate: b\n", 3, `a second YAML document starts here with "---"`},
		{"title: a\n--- ~\n", 2, `a second YAML document starts here with "---"`},
		{"title: a\n---\ndate: [\n", 2, `a second YAML document starts here with "---"`},
		// One document, with its optional markers, or an empty second one.
		{"---\ntitle: a\n", 0, ""},
		{"%YAML 1.1\n---\ntitle: a\n", 0, ""},
		{"title: a\n...\n", 0, ""},
		{"title: a\n...\n# the end\n\n", 0, ""},
		{"title: a\n---\n", 0, ""},
		{"title: |\n  ---\n  ...\ndate: b\n", 0, ""},
		{"title: a\n----\n", 0, ""},            // a syntax error, not a marker
		{"title: \"a\n%b\"\ndate: b\n", 0, ""}, // "%" inside a quoted value
		// No marker: the parser ends the document at a line indented less.
		{" title: a\ndate: b\n", 2, "a second YAML document starts here, indented less than the first key"},
		{"  title: a\n  x: 1\n\ndate: b\n", 4, "a second YAML document starts here, indented less than the first key"},
	}
	for _, tt := range tests {
		var v struct {
			Title string `yaml:"title"`
			Date  string `yaml:"date"`
		}
		errs := Unmarshal([]byte(tt.doc), &v)
		var second []*diag.Error
		for _, e := range errs {
			if errors.Is(e, ErrSecondDocument) {
				second = append(second, e)
			}
		}
		if tt.line == 0 {
			if len(second) > 0 {
				t.Errorf("%q: unexpected %v", tt.doc, second)
			}
			continue
		}
		if len(second) != 1 {
			t.Errorf("%q: errors %v, want one second-document error at line %d", tt.doc, errs, tt.line)
			continue
		}
		if e := second[0]; e.Line != tt.line || !strings.Contains(e.Error(), tt.want) {
			t.Errorf("%q: %d: %v, want line %d: …%s…", tt.doc, e.Line, e, tt.line, tt.want)
		}
		if v.Title != "a" {
			t.Errorf("%q: the first document was not decoded (title %q)", tt.doc, v.Title)
		}
	}
}

// FuzzSecondDocument checks Unmarshal against the parser: a second
// document is reported exactly when the parser finds one with content, or
// text it cannot read after the first, and at a line of the input.
func FuzzSecondDocument(f *testing.F) {
	for _, s := range []string{
		"title: a\n---\ntitle: b\n", "title: a\n...\ndate: b\n", "title: a\n...\n%YAML 1.1\n---\ndate: b\n",
		"---\ntitle: a\n", "title: a\n---\n", "title: |\n  ---\n  ...\ndate: b\n", "title: \"a\n%b\"\ndate: b\n",
		"a:\n- x\n%YAML 1.1\n---\nb: 2\n", "title: a\n--- # c\n# d\n", " title: a\ndate: b\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		var v struct {
			Title string `yaml:"title"`
		}
		var second []*diag.Error
		for _, e := range Unmarshal([]byte(data), &v) {
			if errors.Is(e, ErrSecondDocument) {
				second = append(second, e)
			}
		}
		if want := parserSeesSecond(data); (len(second) > 0) != want {
			t.Fatalf("%q: reported %v, parser sees a second document: %v", data, second, want)
		}
		for _, e := range second {
			if e.Line < 1 || e.Line > strings.Count(data, "\n")+1 {
				t.Fatalf("%q: line %d out of range", data, e.Line)
			}
		}
		if len(second) > 1 {
			t.Fatalf("%q: %d reports, want one", data, len(second))
		}
	})
}

// parserSeesSecond reports whether yaml.v3 decodes data's first document
// and then finds another that is not empty, or cannot be parsed.
func parserSeesSecond(data string) bool {
	dec := yaml.NewDecoder(strings.NewReader(data))
	var doc yaml.Node
	if dec.Decode(&doc) != nil || strings.TrimSpace(data) == "" {
		return false
	}
	for {
		var next yaml.Node
		err := dec.Decode(&next)
		if errors.Is(err, io.EOF) {
			return false
		}
		if err != nil || len(next.Content) > 0 && !isEmpty(next.Content[0]) {
			return true
		}
	}
}

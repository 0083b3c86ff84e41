package strictyaml

import (
	"errors"
	"testing"

	"go.yaml.in/yaml/v3"

	"galley.dev/galley/cmd/galley/internal/diag"
)

// document decodes itself, as a type that reads its keys its own way
// (front matter whose keys are case-insensitive) does.
type document struct{ err error }

func (d *document) UnmarshalYAML(n *yaml.Node) error { return d.err }

// TestDocumentUnmarshaler checks that the problems of a whole document
// that decodes itself come back as it wrote them, with their lines, and
// not prefixed by the empty name of the document.
func TestDocumentUnmarshaler(t *testing.T) {
	tests := []struct {
		err  error
		want string
		line int
	}{
		{Errors{{Line: 2, Err: errors.New(`unknown key "tittle"`)}}, `unknown key "tittle"`, 2},
		{errors.New("want a mapping"), "want a mapping", 1},
	}
	for _, tt := range tests {
		d := &document{err: tt.err}
		errs := Unmarshal([]byte("title: A\ntittle: B\n"), d)
		if len(errs) != 1 || errs[0].Err.Error() != tt.want || errs[0].Line != tt.line {
			t.Errorf("Unmarshal = %v; want %q on line %d", diag.Join(errs), tt.want, tt.line)
		}
	}
}

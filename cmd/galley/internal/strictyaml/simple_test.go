package strictyaml

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// simpleDocs are front matter as editors and other generators write it,
// each with whether parseSimple takes it or leaves it to yaml.v3.
var simpleDocs = []struct {
	doc    string
	simple bool
}{
	// Galley's, and the shared corpus's.
	{"title: \"Manabí Networks Struggle With Deadly Fuel theft\"\nslug: \"manabi\"\ndate: 2026-01-02T12:55:00Z\ndescription: \"Border days.\"\nauthors: [\"Research Staff\"]\ntopics: [\"Mexico\", \"Guyana\"]\nimage:\n  src: \"/images/photo-7.jpg\"\n  alt: \"Prisoners\"\n  caption: \"Soldiers patrol a street.\"\n  credit: \"Mónica Giménez/Getty Images\"\ndraft: false\n", true},
	// Hugo's and Jekyll's.
	{"title: Barrier vote passes\ndate: 2024-03-01 10:00:00 +0100\ntags:\n  - council\n  - harbour\ncategories:\n- news\nlayout: post\nweight: 10\n", true},
	{"title: 'It''s done'\nlastmod: 2024-03-01\naliases: [/old/path/, \"/2019/01/x.html\"]\nparams:\n  subtitle: A dek\n  featured: true\n", true},
	{"title: \"She said \\\"no\\\" to C:\\\\x\"\nempty_list: []\nnumbers: [1, 2.5, -3]\n\n\nkey.with-dots_ok: yes\n", true},
	{"TITLE: Upper\nDate: 2024-01-01\nnull_value: ~\nnothing: null\n", true},
	{"topics: [\"Bogotá\", 'São Paulo', Medellín, Cúcuta]\nplaces: [Neuquén,Ñuñoa]\n", true}, // columns count runes
	{"title: a  b, c\nurl: https://example.com/x?y=1\ntime: 10:00\n", true},
	// Left to yaml.v3.
	{"title: a # comment\n", false},
	{"# comment\ntitle: a\n", false},
	{"title: &a x\nb: *a\n", false},
	{"title: !!str 1\n", false},
	{"body: |\n  line\n", false},
	{"title: a\n  continued\n", false},
	{"title: \"two\n  lines\"\n", false},
	{"title: \"tab\\t\"\n", false},
	{"title:\tx\n", false},
	{"title: x\r\n", false},
	{"title:\n", false},
	{"image:\n  src: a\n   alt: b\n", false},
	{"list:\n  - a\n  - b: c\n", false},
	{"list:\n  - [a]\n", false},
	{"- a\n- b\n", false},
	{"title: a\n---\ntitle: b\n", false},
	{"title: a\n...\n", false},
	{"title: {a: b}\n", false},
	{"\"quoted key\": a\n", false},
	{"title: [a, b\n", false},
	{"title: [a, b] c\n", false},
	{"title: \u2028x\n", false},
}

// TestParseSimple checks which documents parseSimple takes, and that
// what it makes of each is what yaml.v3 makes.
func TestParseSimple(t *testing.T) {
	for _, tt := range simpleDocs {
		n, ok := parseSimple([]byte(tt.doc))
		if ok != tt.simple {
			t.Errorf("parseSimple(%q): ok %v, want %v", tt.doc, ok, tt.simple)
		}
		if ok {
			if err := sameAsYAML(n, []byte(tt.doc)); err != nil {
				t.Errorf("parseSimple(%q): %v", tt.doc, err)
			}
		}
	}
}

// FuzzParseSimple holds parseSimple to yaml.v3: wherever it answers,
// yaml.v3 parses the document without error into the same tree.
func FuzzParseSimple(f *testing.F) {
	for _, tt := range simpleDocs {
		f.Add(tt.doc)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		n, ok := parseSimple([]byte(doc))
		if !ok {
			return
		}
		if err := sameAsYAML(n, []byte(doc)); err != nil {
			t.Fatalf("parseSimple(%q): %v", doc, err)
		}
	})
}

// sameAsYAML returns an error unless yaml.v3 parses data into one
// document of content n, as Unmarshal reads it.
func sameAsYAML(n *yaml.Node, data []byte) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		return fmt.Errorf("yaml.v3 fails: %v", err)
	}
	if len(doc.Content) != 1 {
		return fmt.Errorf("yaml.v3 finds %d nodes in the document", len(doc.Content))
	}
	var next yaml.Node
	if err := dec.Decode(&next); !errors.Is(err, io.EOF) {
		return fmt.Errorf("yaml.v3 reads on: %v", err)
	}
	return sameNode(n, doc.Content[0], "")
}

// sameNode compares the trees of got and want field by field.
func sameNode(got, want *yaml.Node, at string) error {
	if g, w := dump(got), dump(want); g != w || got.Alias != nil || want.Alias != nil {
		return fmt.Errorf("at %s: node\n%s\nwant\n%s", at, g, w)
	}
	if len(got.Content) != len(want.Content) {
		return fmt.Errorf("at %s: %d children, want %d", at, len(got.Content), len(want.Content))
	}
	for i := range got.Content {
		if err := sameNode(got.Content[i], want.Content[i], fmt.Sprintf("%s/%d", at, i)); err != nil {
			return err
		}
	}
	return nil
}

func dump(n *yaml.Node) string {
	var b strings.Builder
	fmt.Fprintf(&b, "kind %v tag %q value %q style %v at %d:%d anchor %q comments %q %q %q",
		n.Kind, n.Tag, n.Value, n.Style, n.Line, n.Column, n.Anchor, n.HeadComment, n.LineComment, n.FootComment)
	return b.String()
}

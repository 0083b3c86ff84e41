package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	toml "github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"
)

// Fields is an old site's front matter as read: its keys in order, each
// value a YAML node whatever the format was, so that values Galley has no
// meaning for can be written back under params: as they were.
type Fields struct {
	Keys []string
	Vals []*yaml.Node
}

// Get returns the value of key, compared without regard to case as Hugo
// compares front matter keys; nil when the key is not set.
func (f *Fields) Get(key string) *yaml.Node {
	for i, k := range f.Keys {
		if strings.EqualFold(k, key) {
			return f.Vals[i]
		}
	}
	return nil
}

// A Doc is a content file of an old site cut into front matter and body.
type Doc struct {
	Fields   Fields
	Body     []byte
	BodyLine int // the line of the file on which Body starts
}

// ReadDoc cuts data into front matter (YAML between ---, TOML between
// +++, or a JSON object) and body. A file without front matter is all
// body. Errors carry the line, relative to the file.
func ReadDoc(data []byte) (*Doc, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	first, _, _ := bytes.Cut(data, []byte("\n"))
	first = bytes.TrimRight(first, " \t\r")
	switch {
	case bytes.Equal(first, []byte("---")), bytes.Equal(first, []byte("+++")):
		fm, body, line, err := cutFM(data, string(first))
		if err != nil {
			return nil, err
		}
		d := &Doc{Body: body, BodyLine: line}
		if string(first) == "---" {
			d.Fields, err = yamlFields(fm)
		} else {
			d.Fields, err = tomlFields(fm)
		}
		return d, err
	case bytes.HasPrefix(first, []byte("{")):
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var v map[string]any
		if err := dec.Decode(&v); err != nil {
			return nil, fmt.Errorf("JSON front matter: %w", err)
		}
		end := int(dec.InputOffset())
		body := bytes.TrimPrefix(bytes.TrimPrefix(data[end:], []byte("\r")), []byte("\n"))
		line := bytes.Count(data[:len(data)-len(body)], []byte("\n")) + 1
		return &Doc{Fields: mapFields(v), Body: body, BodyLine: line}, nil
	}
	return &Doc{Body: data, BodyLine: 1}, nil
}

// cutFM finds the line that closes front matter opened with delim.
func cutFM(data []byte, delim string) (fm, body []byte, bodyLine int, err error) {
	_, rest, _ := bytes.Cut(data, []byte("\n"))
	start := len(data) - len(rest)
	line := 2
	for off := start; off <= len(data); line++ {
		l, _, found := bytes.Cut(data[off:], []byte("\n"))
		if string(bytes.TrimRight(l, " \t\r")) == delim {
			next := off + len(l)
			if found {
				next++
			}
			return data[start:off], data[next:], line + 1, nil
		}
		if !found {
			break
		}
		off += len(l) + 1
	}
	return nil, nil, 0, fmt.Errorf("line 1: front matter opened with %s is never closed", delim)
}

func yamlFields(fm []byte) (Fields, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(fm, &doc); err != nil {
		return Fields{}, lineOf(err)
	}
	if len(doc.Content) == 0 {
		return Fields{}, nil
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return Fields{}, fmt.Errorf("line %d: front matter is not a mapping of keys to values", m.Line+1)
	}
	var f Fields
	budget := maxNodes
	for i := 0; i+1 < len(m.Content); i += 2 {
		f.Keys = append(f.Keys, m.Content[i].Value)
		f.Vals = append(f.Vals, resolveAliases(m.Content[i+1], &budget))
	}
	if budget < 0 {
		// Aliases of aliases grow as a power: the "billion laughs".
		return Fields{}, fmt.Errorf("line %d: front matter expands to more than %d values through its YAML aliases; write them out", m.Line+1, maxNodes)
	}
	return f, nil
}

// maxNodes is the most values front matter may expand to through YAML
// aliases, far above any page's.
const maxNodes = 100000

// resolveAliases replaces YAML aliases (*name) by what they name, so that
// params are written without anchors that no longer exist.
func resolveAliases(n *yaml.Node, budget *int) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	*budget--
	c := *n
	c.Anchor = ""
	if *budget < 0 {
		c.Content = nil // the caller refuses the whole front matter
		return &c
	}
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, k := range n.Content {
		c.Content[i] = resolveAliases(k, budget)
	}
	return &c
}

// lineOf moves a YAML error's line from the front matter to the file,
// which starts one line earlier with ---.
func lineOf(err error) error {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, tail, ok := strings.Cut(rest, ":"); ok {
			if l, err := strconv.Atoi(n); err == nil {
				return fmt.Errorf("line %d:%s", l+1, tail)
			}
		}
	}
	return errors.New(msg)
}

func tomlFields(fm []byte) (Fields, error) {
	var v map[string]any
	if err := toml.Unmarshal(fm, &v); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, _ := de.Position()
			return Fields{}, fmt.Errorf("line %d: %s", row+1, de.Error())
		}
		return Fields{}, err
	}
	return mapFields(v), nil
}

// mapFields makes Fields of a decoded TOML or JSON object, whose keys come
// unordered: they are sorted so that the output is the same every time.
func mapFields(v map[string]any) Fields {
	var f Fields
	for _, k := range slices.Sorted(maps.Keys(v)) {
		f.Keys = append(f.Keys, k)
		f.Vals = append(f.Vals, Node(v[k]))
	}
	return f
}

// Node makes a YAML node of a value decoded from TOML or JSON. Dates
// become their text: RFC 3339, or as TOML wrote a local date or time.
func Node(v any) *yaml.Node {
	scalar := func(tag, s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: s} }
	switch v := v.(type) {
	case nil:
		return scalar("!!null", "null")
	case string:
		return scalar("!!str", v)
	case bool:
		return scalar("!!bool", strconv.FormatBool(v))
	case int64:
		return scalar("!!int", strconv.FormatInt(v, 10))
	case float64:
		return scalar("!!float", strconv.FormatFloat(v, 'g', -1, 64))
	case json.Number:
		if _, err := v.Int64(); err == nil {
			return scalar("!!int", v.String())
		}
		return scalar("!!float", v.String())
	case time.Time:
		return scalar("!!str", v.Format(time.RFC3339Nano))
	case toml.LocalDate, toml.LocalDateTime, toml.LocalTime:
		return scalar("!!str", fmt.Sprint(v))
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, e := range v {
			n.Content = append(n.Content, Node(e))
		}
		return n
	case map[string]any:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		f := mapFields(v)
		for i, k := range f.Keys {
			n.Content = append(n.Content, scalar("!!str", k), f.Vals[i])
		}
		return n
	}
	return scalar("!!str", fmt.Sprint(v))
}

// Str returns the text of a scalar node, "" for anything else.
func Str(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return ""
	}
	return strings.TrimSpace(n.Value)
}

// Strs returns the texts of a list of scalars, or of a single scalar as
// a list of one; split also cuts each text at spaces, as Jekyll reads
// "tags: a b".
func Strs(n *yaml.Node, split bool) []string {
	var out []string
	add := func(s string) {
		if split {
			out = append(out, strings.Fields(s)...)
		} else if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	switch {
	case n == nil:
	case n.Kind == yaml.ScalarNode:
		add(Str(n))
	case n.Kind == yaml.SequenceNode:
		for _, e := range n.Content {
			if s := Str(e); s != "" {
				add(s)
			} else if e.Kind == yaml.MappingNode {
				add(Str(child(e, "name")))
			}
		}
	case n.Kind == yaml.MappingNode:
		add(Str(child(n, "name")))
	}
	return out
}

// child returns the value of key in a mapping node, without regard to case.
func child(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if strings.EqualFold(n.Content[i].Value, key) {
			return n.Content[i+1]
		}
	}
	return nil
}

// Child is child for sources: the value of key in the mapping n.
func Child(n *yaml.Node, key string) *yaml.Node { return child(n, key) }

// IsTrue reports whether n is a true boolean (or the text "true").
func IsTrue(n *yaml.Node) bool {
	return n != nil && n.Kind == yaml.ScalarNode && strings.EqualFold(n.Value, "true")
}

// IsFalse reports whether n is a false boolean (or the text "false").
func IsFalse(n *yaml.Node) bool {
	return n != nil && n.Kind == yaml.ScalarNode && strings.EqualFold(n.Value, "false")
}

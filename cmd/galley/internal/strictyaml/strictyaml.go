// Package strictyaml decodes YAML into Go structs strictly, with positions.
//
// Unlike yaml.Unmarshal, Decode reports every problem in a document rather
// than the first, each with the line it is on: keys the struct does not
// know, values of the wrong kind, and anchors or aliases, which an editor's
// front matter never needs and which would let a small file expand into a
// huge one (the "billion laughs" attack); and a second document after a
// "---" or "..." line, which yaml.Unmarshal would silently drop.
//
// Struct fields are matched by their `yaml` tag. A field may be a string,
// bool, int, a slice of strings (a single scalar becomes a one-element list),
// a map of strings, a nested struct, a pointer to a struct, or a type that
// implements Unmarshaler. The document's own type may implement it too, to
// read its keys its own way (front matter's are case-insensitive); its
// problems are reported as it words them, not prefixed by a key.
package strictyaml

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"galley.dev/galley/cmd/galley/internal/diag"
)

// An Unmarshaler decodes itself from a scalar or other node. Errors it
// returns are reported at the node's line.
type Unmarshaler interface {
	UnmarshalYAML(node *yaml.Node) error
}

// Unmarshal parses data and decodes it into v, a pointer to a struct. The
// problems come back as diag.Errors without a path; their lines are lines
// of data.
func Unmarshal(data []byte, v any) []*diag.Error {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	if n, ok := parseSimple(data); ok {
		return Decode(n, v)
	}
	// A Decoder, not yaml.Unmarshal, which reads the first document and
	// drops the rest unseen: the same Decoder then reads on, cheaply.
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		e := syntaxError(err)
		// The parser's line is often missing, and for some errors
		// counts from 0; where a search is cheap, search.
		if line := firstBadLine(data); line > 0 {
			e.Line = line
		}
		return []*diag.Error{e}
	}
	var errs []*diag.Error
	if len(doc.Content) > 0 {
		errs = Decode(doc.Content[0], v)
	}
	if e := moreDocuments(dec, data); e != nil {
		errs = append(errs, e)
	}
	return errs
}

// ErrSyntax marks a document that could not be parsed at all, so that
// callers can skip checks that would only repeat it ("missing title").
var ErrSyntax = errors.New("YAML syntax error")

// ErrSecondDocument marks a file that holds more than one YAML document.
// yaml.Unmarshal decodes the first and drops the rest without a word, so
// that keys after a stray "---" or "..." line would be lost.
var ErrSecondDocument = errors.New("a second YAML document")

// Errors are several positioned problems; an Unmarshaler that decodes a
// nested mapping with Decode returns them so that each keeps its line.
type Errors []*diag.Error

func (e Errors) Error() string { return diag.Join(e).Error() }

// syntaxError turns a yaml parse error into a positioned one. The parser
// reports positions only inside its message ("yaml: line 3: ..."), so this
// is the one place where the line is read back from text.
func syntaxError(err error) *diag.Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, tail, ok := strings.Cut(rest, ": "); ok {
			if l, err := strconv.Atoi(n); err == nil {
				line, msg = l, tail
			}
		}
	}
	return &diag.Error{Line: line, Err: fmt.Errorf("%w: %s", ErrSyntax, msg)}
}

// maxLinesToSearch bounds firstBadLine, which parses a document once per
// line: front matter runs to dozens of lines, not thousands.
const maxLinesToSearch = 200

// firstBadLine finds the line of a syntax error: the first line at which
// the document, cut there, no longer parses. It returns 0 if there is none,
// or the document is too long to search.
func firstBadLine(data []byte) int {
	lines := bytes.SplitAfter(data, []byte("\n"))
	if len(lines) > maxLinesToSearch {
		return 0
	}
	var doc yaml.Node
	for n := 1; n <= len(lines); n++ {
		if yaml.Unmarshal(bytes.Join(lines[:n], nil), &doc) != nil {
			return n
		}
	}
	return 0
}

// moreDocuments returns a problem if dec, past the first document of
// data, finds another with content, or text that is not a document, at
// the line where it starts; or nil.
func moreDocuments(dec *yaml.Decoder, data []byte) *diag.Error {
	for {
		var next yaml.Node
		err := dec.Decode(&next)
		switch {
		case errors.Is(err, io.EOF):
			return nil
		case err == nil && (len(next.Content) == 0 || isEmpty(next.Content[0])):
			continue // nothing written, nothing lost
		}
		if e := secondDocument(data); e != nil {
			return e
		}
		// No marker: the parser ended the first document early, mostly
		// at a line indented less than its first key.
		if line := outdentedLine(data); line > 0 {
			return diag.Errorf("", line, "%w starts here, indented less than the first key, and would be ignored; start every top-level key in the first column",
				ErrSecondDocument)
		}
		line := next.Line
		if err != nil {
			line = syntaxError(err).Line + 1 // "did not find expected <document start>" counts from 0
		}
		line = min(max(line, 1), bytes.Count(data, []byte("\n"))+1)
		return diag.Errorf("", line, "%w starts here, and would be ignored; write one mapping of keys to values", ErrSecondDocument)
	}
}

// secondDocument returns a problem at the line where a second document
// starts in data, or nil if it has no document marker after the first.
// A document marker is a line that begins, at its first column, with
// "---" or "..." and then a space or its end; YAML forbids such a line
// inside a value, even an indented block or a quoted string, so the
// lines tell where documents start without a parser. The first document
// may open with directives and "---" and close with "...".
func secondDocument(data []byte) *diag.Error {
	const (
		before = iota // directives, comments and blank lines so far
		first         // in the first document
		ended         // after the "..." that ended it
		second        // after the start of another
	)
	state, endLine, start, opener := before, 0, 0, ""
	for i, raw := range bytes.Split(data, []byte("\n")) {
		n := i + 1
		line := strings.TrimSuffix(string(raw), "\r")
		marker, rest := docMarker(line)
		directive := strings.HasPrefix(line, "%")
		content := hasContent(line) && marker == "" && !directive || hasContent(rest)
		switch {
		case state == before && (marker == "---" || content):
			state = first
		case state == first && marker == "...":
			state, endLine = ended, n
		case state == ended && content && marker == "":
			return diag.Errorf("", n, "%w follows the %q on line %d that ends the first, and would be ignored; remove the %q line",
				ErrSecondDocument, "...", endLine, "...")
		case (state == first || state == ended) && (marker == "---" || directive):
			state, start, opener = second, n, strings.TrimSpace(line)
			if marker != "" {
				opener = marker
			}
		}
		if state == second {
			return diag.Errorf("", start, "%w starts here with %q, and would be ignored; remove it, so that one document holds every key",
				ErrSecondDocument, opener)
		}
	}
	return nil
}

// outdentedLine returns the first line of data with content that is
// indented less than the first such line, or 0.
func outdentedLine(data []byte) int {
	indent := -1
	for i, line := range strings.Split(string(data), "\n") {
		if !hasContent(line) {
			continue
		}
		n := len(line) - len(strings.TrimLeft(line, " \t"))
		if indent >= 0 && n < indent {
			return i + 1
		}
		if indent < 0 {
			indent = n
		}
	}
	return 0
}

// isEmpty reports whether n is a document's null value: nothing written.
func isEmpty(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null" && n.Value == "" && n.Style == 0
}

// docMarker returns "---" or "..." if line is a document marker, and the
// text after it.
func docMarker(line string) (marker, rest string) {
	for _, m := range []string{"---", "..."} {
		if rest, ok := strings.CutPrefix(line, m); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
			return m, rest
		}
	}
	return "", ""
}

// hasContent reports whether a line holds more than blanks and a comment.
func hasContent(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && s[0] != '#'
}

// Decode decodes node into v, a pointer to a struct.
func Decode(node *yaml.Node, v any) []*diag.Error {
	var d decoder
	d.value(node, reflect.ValueOf(v).Elem(), "")
	return d.errs
}

type decoder struct {
	errs []*diag.Error
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.errs = append(d.errs, &diag.Error{Line: n.Line, Err: fmt.Errorf(format, args...)})
}

var unmarshalerType = reflect.TypeFor[Unmarshaler]()

// value decodes n into v; key names the value in messages ("image.src").
func (d *decoder) value(n *yaml.Node, v reflect.Value, key string) {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		d.errorf(n, "%s: YAML anchors and aliases are not allowed; write the value out", orDocument(key))
		return
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // "key:" with no value leaves the zero value
	}
	if v.CanAddr() && v.Addr().Type().Implements(unmarshalerType) {
		err := v.Addr().Interface().(Unmarshaler).UnmarshalYAML(n)
		var list Errors
		switch {
		case errors.As(err, &list):
			for _, e := range list {
				d.errs = append(d.errs, &diag.Error{Line: e.Line, Err: named(key, e.Err)})
			}
		case err != nil:
			d.errs = append(d.errs, &diag.Error{Line: n.Line, Err: named(key, err)})
		}
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.value(n, v.Elem(), key)
	case reflect.Struct:
		d.mapping(n, v, key)
	case reflect.String:
		if s, ok := d.scalar(n, key, "a string"); ok {
			v.SetString(s)
		}
	case reflect.Bool:
		if s, ok := d.scalar(n, key, "true or false"); ok {
			b, err := strconv.ParseBool(s)
			if err != nil || n.Tag != "!!bool" {
				d.errorf(n, "%s: want true or false, got %q", key, s)
				return
			}
			v.SetBool(b)
		}
	case reflect.Int, reflect.Int64:
		if s, ok := d.scalar(n, key, "a whole number"); ok {
			i, err := strconv.ParseInt(s, 10, 64)
			if err != nil || n.Tag != "!!int" {
				d.errorf(n, "%s: want a whole number, got %q", key, s)
				return
			}
			v.SetInt(i)
		}
	case reflect.Slice:
		d.list(n, v, key)
	case reflect.Map:
		d.stringMap(n, v, key)
	default:
		panic(fmt.Sprintf("strictyaml: unsupported field type %s", v.Type()))
	}
}

// named prefixes err with the key of the value it is about; a whole
// document that decodes itself names its own keys.
func named(key string, err error) error {
	if key == "" {
		return err
	}
	return fmt.Errorf("%s: %w", key, err)
}

func orDocument(key string) string {
	if key == "" {
		return "document"
	}
	return key
}

// scalar returns the text of a scalar node, or reports that want was
// expected. Strings accept any scalar: a headline "1984" is still text.
func (d *decoder) scalar(n *yaml.Node, key, want string) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "%s: want %s, got %s", key, want, KindName(n))
		return "", false
	}
	return n.Value, true
}

// KindName describes what the node n holds, for messages: "a mapping",
// "a list", or its value quoted.
func KindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return fmt.Sprintf("%q", n.Value)
}

// list decodes a sequence of strings or structs; a single scalar counts as
// a list of one, so "topics: Politics" works as editors expect.
func (d *decoder) list(n *yaml.Node, v reflect.Value, key string) {
	items := n.Content
	switch {
	case n.Kind == yaml.ScalarNode && v.Type().Elem().Kind() == reflect.String:
		if n.Tag != "!!str" {
			d.errorf(n, "%s: want a list of names, got %q", key, n.Value)
			return
		}
		items = []*yaml.Node{n}
	case n.Kind != yaml.SequenceNode:
		d.errorf(n, "%s: want a list, got %s", key, KindName(n))
		return
	}
	out := reflect.MakeSlice(v.Type(), len(items), len(items))
	for i, item := range items {
		d.value(item, out.Index(i), fmt.Sprintf("%s[%d]", key, i))
	}
	v.Set(out)
}

func (d *decoder) stringMap(n *yaml.Node, v reflect.Value, key string) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s: want a mapping, got %s", key, KindName(n))
		return
	}
	m := reflect.MakeMap(v.Type())
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		elem := reflect.New(v.Type().Elem()).Elem()
		d.value(val, elem, key+"."+k.Value)
		m.SetMapIndex(reflect.ValueOf(k.Value), elem)
	}
	v.Set(m)
}

// mapping decodes a mapping into the struct v, field by yaml tag.
func (d *decoder) mapping(n *yaml.Node, v reflect.Value, key string) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s: want a mapping of keys to values, got %s", orDocument(key), KindName(n))
		return
	}
	fields := fieldsByKey(v.Type())
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		name := k.Value
		full := name
		if key != "" {
			full = key + "." + name
		}
		idx, ok := fields[name]
		if !ok {
			d.errorf(k, "unknown key %q; known keys are %s", full, knownKeys(v.Type()))
			continue
		}
		if line, dup := seen[name]; dup {
			d.errorf(k, "key %q repeats the one on line %d", full, line)
			continue
		}
		seen[name] = k.Line
		d.value(val, v.Field(idx), full)
	}
}

// fieldsByKey maps yaml tag names to field indexes.
func fieldsByKey(t reflect.Type) map[string]int {
	m := make(map[string]int, t.NumField())
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if name != "" && name != "-" {
			m[name] = i
		}
	}
	return m
}

func knownKeys(t reflect.Type) string {
	var names []string
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if name != "" && name != "-" {
			names = append(names, name)
		}
	}
	return strings.Join(names, ", ")
}

// ErrNotScalar is returned by ScalarValue for lists and mappings.
var ErrNotScalar = errors.New("want a single value")

// ScalarValue returns the text of a scalar node, for Unmarshalers.
func ScalarValue(n *yaml.Node) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", fmt.Errorf("%w, got %s", ErrNotScalar, KindName(n))
	}
	return n.Value, nil
}

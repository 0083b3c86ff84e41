package content

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"galley.dev/galley/cmd/galley/internal/diag"
	"galley.dev/galley/cmd/galley/internal/strictyaml"
)

// frontMatter is the typed front matter of an article; see the package
// doc. Its keys are case-insensitive, as Hugo's are: UnmarshalYAML reads
// them by frontMatterKeys before the fields are decoded.
type frontMatter struct {
	Title         string    `yaml:"title"`
	Slug          string    `yaml:"slug"`
	Date          Date      `yaml:"date"`
	PublishDate   Date      `yaml:"publishdate"`
	Published     published `yaml:"published"`
	Updated       Date      `yaml:"updated"`
	LastMod       Date      `yaml:"lastmod"`
	Expires       Date      `yaml:"expires"`
	Description   string    `yaml:"description"`
	Summary       string    `yaml:"summary"`
	Excerpt       string    `yaml:"excerpt"`
	Authors       []string  `yaml:"authors"`
	Author        []string  `yaml:"author"`
	Topics        []string  `yaml:"topics"`
	Tags          []string  `yaml:"tags"`
	Categories    []string  `yaml:"categories"`
	Image         Image     `yaml:"image"`
	Images        []string  `yaml:"images"`
	FeaturedImage string    `yaml:"featured_image"`
	Cover         cover     `yaml:"cover"`
	Draft         bool      `yaml:"draft"`
	Featured      bool      `yaml:"featured"`
	Aliases       []string  `yaml:"aliases"`
	Source        string    `yaml:"source"`
	ImportHash    string    `yaml:"import_hash"`

	// Params holds params: and the keys kept with them (keywords, …).
	Params map[string]any `yaml:"-"`
	// keys are the top-level keys as written, by the name Load reads
	// them as, for their lines and for messages in the editor's words.
	keys map[string]*yaml.Node
}

// line returns the file line of the first of names the front matter
// sets, or 1, the line that opens it, where a missing key belongs.
func (fm *frontMatter) line(names ...string) int {
	for _, name := range names {
		if k := fm.keys[name]; k != nil && k.Line > 0 {
			return k.Line + 1 // front matter starts on the file's second line
		}
	}
	return 1
}

// key returns the key that set name, as the editor wrote it
// ("expiryDate"), or name.
func (fm *frontMatter) key(name string) string {
	if k := fm.keys[name]; k != nil {
		return k.Value
	}
	return name
}

// description is the dek as the front matter gives it: Galley's, Hugo's
// or Jekyll's.
func (fm *frontMatter) description() string {
	for _, s := range []string{fm.Description, fm.Summary, fm.Excerpt} {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// hero is the hero image: image:, or else the first of Hugo's images:,
// or featured_image:, or a theme's cover:.
func (fm *frontMatter) hero() Image {
	img := fm.Image
	if img.Src != "" {
		return img
	}
	for _, src := range fm.Images {
		if src != "" {
			img.Src = src
			return img
		}
	}
	if fm.FeaturedImage != "" {
		img.Src = fm.FeaturedImage
		return img
	}
	if fm.Cover.Src != "" {
		img.Src = fm.Cover.Src
		img.Alt = cmpOr(img.Alt, fm.Cover.Alt)
		img.Caption = cmpOr(img.Caption, fm.Cover.Caption)
	}
	return img
}

// draft reports whether the story is a draft: draft: true, or Jekyll's
// published: false.
func (fm *frontMatter) draft() bool {
	return fm.Draft || fm.Published.set && !fm.Published.value
}

// A Date is a date as written in front matter, read in the site's time
// zone once the whole front matter is decoded.
type Date struct {
	Raw  string
	Line int
}

// UnmarshalYAML implements strictyaml.Unmarshaler.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	s, err := strictyaml.ScalarValue(n)
	if err != nil {
		return fmt.Errorf("%w: write a date such as 2026-11-24 or 2026-11-24T09:30:00+01:00", err)
	}
	d.Raw, d.Line = s, n.Line
	return nil
}

// UnmarshalYAML lets image be a mapping or, as in many Hugo sites, just
// the image's path.
func (img *Image) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		img.Src = n.Value
		return nil
	}
	type fields Image // without this method
	if errs := strictyaml.Decode(n, (*fields)(img)); len(errs) > 0 {
		return strictyaml.Errors(errs)
	}
	return nil
}

// A frontMatterKey is a top-level key Load knows.
type frontMatterKey struct {
	// Spelling is the key as documented ("publishDate"); Load reads it
	// in any case.
	Spelling string
	// Field is the yaml tag of the frontMatter field it sets, or "" for
	// a key only kept in params.
	Field string
	// Params is true for a key whose value is kept in Params too, under
	// its spelling lowercased, as Hugo keeps it.
	Params bool
}

// frontMatterKeys are the top-level keys of front matter: Galley's own,
// then the synonyms of Hugo and Jekyll that Galley reads itself, then
// theirs that it keeps for templates in params. A key that is none of
// these is an error: a near miss of one is a typo, and another is the
// site's own data, which belongs under params:.
var frontMatterKeys = []frontMatterKey{
	{Spelling: "title", Field: "title"},
	{Spelling: "slug", Field: "slug"},
	{Spelling: "date", Field: "date"},
	{Spelling: "updated", Field: "updated"},
	{Spelling: "lastmod", Field: "lastmod"},
	{Spelling: "expires", Field: "expires"},
	{Spelling: "description", Field: "description"},
	{Spelling: "summary", Field: "summary"},
	{Spelling: "authors", Field: "authors"},
	{Spelling: "author", Field: "author"},
	{Spelling: "topics", Field: "topics"},
	{Spelling: "tags", Field: "tags"},
	{Spelling: "categories", Field: "categories"},
	{Spelling: "image", Field: "image"},
	{Spelling: "featured", Field: "featured"},
	{Spelling: "draft", Field: "draft"},
	{Spelling: "aliases", Field: "aliases"},
	{Spelling: "params", Field: "params"},
	{Spelling: "source", Field: "source"},
	{Spelling: "import_hash", Field: "import_hash"},

	{Spelling: "publishDate", Field: "publishdate"},
	{Spelling: "pubdate", Field: "publishdate"},
	{Spelling: "published", Field: "published"},
	{Spelling: "expiryDate", Field: "expires"},
	{Spelling: "unpublishdate", Field: "expires"},
	{Spelling: "excerpt", Field: "excerpt"},
	{Spelling: "images", Field: "images", Params: true},
	{Spelling: "featured_image", Field: "featured_image", Params: true},
	{Spelling: "cover", Field: "cover", Params: true},

	{Spelling: "keywords", Params: true},
	{Spelling: "linkTitle", Params: true},
	{Spelling: "weight", Params: true},
	{Spelling: "url", Params: true},
}

// lookupKey returns the known key that key is, but for case.
func lookupKey(key string) (frontMatterKey, bool) {
	for _, k := range frontMatterKeys {
		if strings.EqualFold(k.Spelling, key) {
			return k, true
		}
	}
	return frontMatterKey{}, false
}

// name is what Load reads the key as: its field, or its name in params.
func (k frontMatterKey) name() string {
	if k.Field != "" {
		return k.Field
	}
	return strings.ToLower(k.Spelling)
}

// KnownKey reports whether key, a top-level front matter key, is one
// that Load reads, in any case, and returns the name it reads it as: the
// Galley key it sets ("expiryDate" sets "expires"), or, for a key only
// kept for templates (linkTitle), the key lowercased, as in Params. The
// importer leaves such keys as they are, and moves others under params:.
func KnownKey(key string) (name string, ok bool) {
	k, ok := lookupKey(key)
	if !ok {
		return "", false
	}
	return k.name(), true
}

// NearMiss returns the known key that key, which is not one, is a typo
// of: one at most two edits away (an edit is a letter added, dropped,
// changed, or two swapped) for a key of five letters or more, at most
// one for a shorter one, in any case. It returns "", false for a key
// that is known or not near one. Such a key is an error even in an
// imported site: it is a mistake, not the old generator's data.
func NearMiss(key string) (spelling string, ok bool) {
	if _, known := lookupKey(key); known {
		return "", false
	}
	lower := []rune(strings.ToLower(key))
	best := 3
	for _, k := range frontMatterKeys {
		want := []rune(strings.ToLower(k.Spelling))
		limit := 1
		if len(want) >= 5 {
			limit = 2
		}
		if abs(len(want)-len(lower)) > limit {
			continue
		}
		if d := editDistance(lower, want); d <= limit && d < best {
			spelling, best = k.Spelling, d
		}
	}
	return spelling, spelling != ""
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// editDistance is the optimal string alignment distance of a and b:
// Levenshtein's, with a swap of two neighbours as one edit (topcis).
func editDistance(a, b []rune) int {
	// Three rows: the one before last, for swaps; the last; this one.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// UnmarshalYAML reads the front matter's keys in any case, reports
// unknown and repeated ones, keeps params: and the keys that go with it
// in Params, and decodes the rest into the fields.
func (fm *frontMatter) UnmarshalYAML(n *yaml.Node) error {
	type fields frontMatter // without this method
	if n.Kind != yaml.MappingNode {
		return strictyaml.Errors(strictyaml.Decode(n, (*fields)(fm)))
	}
	var errs []*diag.Error
	typed := &yaml.Node{Kind: yaml.MappingNode, Tag: n.Tag, Line: n.Line, Column: n.Column}
	var kept []*yaml.Node // key, value, key, value: for Params
	var params *yaml.Node
	fm.keys = map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		known, ok := lookupKey(k.Value)
		if !ok {
			errs = append(errs, unknownKey(k))
			continue
		}
		name := known.name()
		if prev := fm.keys[name]; prev != nil {
			errs = append(errs, repeatedKey(k, prev, name))
			continue
		}
		fm.keys[name] = k
		if e := anchor(v, k.Value); e != nil {
			errs = append(errs, e) // before either decoder sees it
			continue
		}
		switch {
		case name == "params":
			params = v
			continue
		case known.Params:
			kept = append(kept, k, v)
		}
		if known.Field != "" {
			field := *k
			field.Value = known.Field
			typed.Content = append(typed.Content, &field, v)
		}
	}
	errs = append(errs, strictyaml.Decode(typed, (*fields)(fm))...)
	errs = append(errs, fm.readParams(params, kept)...)
	if len(errs) > 0 {
		return strictyaml.Errors(errs)
	}
	return nil
}

// unknownKey says what to do about a key Load does not know.
func unknownKey(k *yaml.Node) *diag.Error {
	if s, ok := NearMiss(k.Value); ok {
		return &diag.Error{Line: k.Line, Err: fmt.Errorf("unknown key %q; did you mean %q?", k.Value, s)}
	}
	return &diag.Error{Line: k.Line, Err: fmt.Errorf("unknown key %q; if it is the site's own data, put it under params: (templates read it as %s)",
		k.Value, paramsRef(strings.ToLower(k.Value)))}
}

// paramsRef is how a template reads the param key.
func paramsRef(key string) string {
	for i, r := range key {
		if r != '_' && !unicode.IsLetter(r) && (i == 0 || !unicode.IsDigit(r)) {
			return fmt.Sprintf("index .Article.Params %q", key)
		}
	}
	return ".Article.Params." + key
}

// repeatedKey reports a key that sets name again, after prev.
func repeatedKey(k, prev *yaml.Node, name string) *diag.Error {
	line := prev.Line + 1 // a file line, for the editor
	switch {
	case k.Value == prev.Value:
		return &diag.Error{Line: k.Line, Err: fmt.Errorf("key %q repeats the one on line %d; keep one", k.Value, line)}
	case strings.EqualFold(k.Value, prev.Value):
		return &diag.Error{Line: k.Line, Err: fmt.Errorf("key %q repeats %q on line %d (keys are case-insensitive); keep one", k.Value, prev.Value, line)}
	}
	return &diag.Error{Line: k.Line, Err: fmt.Errorf("key %q sets %s again, already set on line %d; keep one", k.Value, name, line)}
}

// anchor reports the first YAML anchor or alias in n, or nil. An
// editor's front matter never needs them, and they would let a small
// file expand into a huge one; strictyaml refuses them, and params, which
// it does not decode, must too.
func anchor(n *yaml.Node, key string) *diag.Error {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return &diag.Error{Line: n.Line, Err: fmt.Errorf("%s: YAML anchors and aliases are not allowed; write the value out", key)}
	}
	for i, c := range n.Content {
		sub := fmt.Sprintf("%s[%d]", key, i)
		if n.Kind == yaml.MappingNode {
			sub = key + "." + n.Content[i&^1].Value
		}
		if e := anchor(c, sub); e != nil {
			return e
		}
	}
	return nil
}

// readParams fills Params from params: and the kept keys, the value of
// each lowercased, as Hugo's are, so that a template reads
// .Article.Params.linktitle whatever the case it was written in.
func (fm *frontMatter) readParams(params *yaml.Node, kept []*yaml.Node) []*diag.Error {
	var errs []*diag.Error
	if params != nil && params.ShortTag() != "!!null" {
		if params.Kind != yaml.MappingNode {
			return []*diag.Error{{Line: params.Line, Err: fmt.Errorf("params: want a mapping of keys to values, got %s", strictyaml.KindName(params))}}
		}
		fm.Params, _ = paramValue(params, "params", &errs).(map[string]any)
	}
	for i := 0; i+1 < len(kept); i += 2 {
		k, v := kept[i], kept[i+1]
		name := strings.ToLower(k.Value)
		if _, dup := fm.Params[name]; dup {
			errs = append(errs, &diag.Error{Line: k.Line, Err: fmt.Errorf("%s is set both here and under params; keep one", k.Value)})
			continue
		}
		if fm.Params == nil {
			fm.Params = map[string]any{}
		}
		fm.Params[name] = paramValue(v, k.Value, &errs)
	}
	return errs
}

// paramValue converts n, at path, into what templates see: a
// map[string]any with lowercased keys, a []any, or a string, bool, int,
// float64 or nil. Dates stay strings, as written.
func paramValue(n *yaml.Node, path string, errs *[]*diag.Error) any {
	switch n.Kind {
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		seen := make(map[string]*yaml.Node, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				*errs = append(*errs, &diag.Error{Line: k.Line, Err: fmt.Errorf("%s: want a name as key, got %s", path, strictyaml.KindName(k))})
				continue
			}
			name := strings.ToLower(k.Value)
			if prev := seen[name]; prev != nil {
				e := repeatedKey(k, prev, name)
				e.Err = fmt.Errorf("%s: %w", path, e.Err)
				*errs = append(*errs, e)
				continue
			}
			seen[name] = k
			m[name] = paramValue(v, path+"."+name, errs)
		}
		return m
	case yaml.SequenceNode:
		list := make([]any, len(n.Content))
		for i, e := range n.Content {
			list[i] = paramValue(e, fmt.Sprintf("%s[%d]", path, i), errs)
		}
		return list
	}
	return scalarValue(n)
}

// scalarValue is a scalar's value by its YAML tag (TOML's are made the
// same); text that the tag does not fit stays text.
func scalarValue(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		if b, err := strconv.ParseBool(n.Value); err == nil {
			return b
		}
	case "!!int":
		if i, err := strconv.ParseInt(n.Value, 0, strconv.IntSize); err == nil {
			return int(i)
		}
	case "!!float":
		// ParseFloat reads TOML's (inf, nan), Decode YAML's (.inf, .nan).
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
			return f
		}
		var f float64
		if n.Decode(&f) == nil {
			return f
		}
	}
	return n.Value
}

// A cover is a Hugo theme's hero image (PaperMod's and others'): a path,
// or {image: path, alt: …, caption: …}. Its other keys (hidden,
// relative) mean something to the theme alone; they are kept in params.
type cover struct {
	Src     string `yaml:"image"`
	Alt     string `yaml:"alt"`
	Caption string `yaml:"caption"`
}

// UnmarshalYAML implements strictyaml.Unmarshaler.
func (c *cover) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.ShortTag() != "!!str" {
			return fmt.Errorf("want the image's path or a mapping with image:, got %q", n.Value)
		}
		c.Src = n.Value
		return nil
	case yaml.MappingNode:
	default:
		return fmt.Errorf("want the image's path or a mapping with image:, got %s", strictyaml.KindName(n))
	}
	ours := &yaml.Node{Kind: yaml.MappingNode, Tag: n.Tag, Line: n.Line}
	for i := 0; i+1 < len(n.Content); i += 2 {
		switch strings.ToLower(n.Content[i].Value) {
		case "image", "alt", "caption":
			k := *n.Content[i]
			k.Value = strings.ToLower(k.Value)
			ours.Content = append(ours.Content, &k, n.Content[i+1])
		}
	}
	type fields cover // without this method
	if errs := strictyaml.Decode(ours, (*fields)(c)); len(errs) > 0 {
		return strictyaml.Errors(errs)
	}
	return nil
}

// published is Jekyll's published: false, which makes a draft; in Hugo,
// published is a date, as publishDate is.
type published struct {
	set, value bool // Jekyll's
	date       Date // Hugo's
}

// UnmarshalYAML implements strictyaml.Unmarshaler.
func (p *published) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!bool" {
		b, err := strconv.ParseBool(n.Value)
		if err != nil {
			return fmt.Errorf("want true or false, got %q", n.Value)
		}
		p.set, p.value = true, b
		return nil
	}
	return p.date.UnmarshalYAML(n)
}

// Delimiters of front matter.
var (
	yamlDelim = []byte("---")
	tomlDelim = []byte("+++")
)

// split cuts a file into its front matter and body. It returns the front
// matter's format ("yaml" or "toml"), the front matter, the body, and the
// line on which the body starts.
func split(data []byte) (format string, fm, body []byte, bodyLine int, err error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	first = bytes.TrimRight(first, " \t\r")
	var delim []byte
	switch {
	case bytes.Equal(first, yamlDelim):
		format, delim = "yaml", yamlDelim
	case bytes.Equal(first, tomlDelim):
		format, delim = "toml", tomlDelim
	default:
		return "", nil, nil, 0, errors.New("no front matter: start the file with a line of --- , then title: and date:, then another ---")
	}
	line := 2
	for len(rest) > 0 || line == 2 {
		l, next, found := bytes.Cut(rest, []byte("\n"))
		if bytes.Equal(bytes.TrimRight(l, " \t\r"), delim) {
			fm = data[len(first)+1 : len(data)-len(rest)]
			return format, fm, next, line + 1, nil
		}
		if !found {
			break
		}
		rest = next
		line++
	}
	return "", nil, nil, 0, fmt.Errorf("front matter opened with %s on line 1 is never closed: add a line of %s after the last key", delim, delim)
}

package importer

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"galley.dev/galley/cmd/galley/internal/content"
)

// HashKey is the front matter key that records what an import wrote, so
// that a later import can tell whether an editor has changed the file.
//
// Its value is "sha256:" and the hex SHA-256 of the file's bytes without
// the import_hash line itself.
const HashKey = "import_hash"

// Meta is what an import adds to an export's own content.
type Meta struct {
	Slug    string
	Date    time.Time
	Authors []string // replace the export's when set
	Topics  []string
	Image   string // src of the hero image, "" for none
	Source  string // the export's path, slash-separated
}

// frontMatter is the YAML written at the top of the article, in this order.
type frontMatter struct {
	Title       string   `yaml:"title"`
	Slug        string   `yaml:"slug"`
	Date        string   `yaml:"date"`
	Description string   `yaml:"description,omitempty"`
	Authors     []string `yaml:"authors,flow"`
	Topics      []string `yaml:"topics,flow"`
	Image       *image   `yaml:"image,omitempty"`
	Source      string   `yaml:"source"`
	ImportHash  string   `yaml:"import_hash"`
}

type image struct {
	Src     string `yaml:"src,omitempty"`
	Alt     string `yaml:"alt,omitempty"`
	Caption string `yaml:"caption,omitempty"`
	Credit  string `yaml:"credit,omitempty"`
}

// Markdown returns the article file: front matter, then the body.
func (a *Article) Markdown(m Meta) []byte {
	fm := frontMatter{
		Title: a.Title, Slug: m.Slug, Date: m.Date.Format(time.RFC3339),
		Authors: a.Authors, Topics: m.Topics, Source: m.Source,
	}
	if len(m.Authors) > 0 {
		fm.Authors = m.Authors
	}
	if fm.Authors == nil {
		fm.Authors = []string{}
	}
	if fm.Topics == nil {
		fm.Topics = []string{}
	}
	for _, b := range a.Blocks {
		if !b.Heading {
			fm.Description = content.Cut(b.Text, 160)
			break
		}
	}
	if a.Caption != "" || a.Credit != "" || m.Image != "" {
		fm.Image = &image{Src: m.Image, Alt: a.Caption, Caption: a.Caption, Credit: a.Credit}
	}
	var out bytes.Buffer
	out.WriteString("---\n")
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(fm); err != nil {
		panic(err) // plain strings always encode
	}
	enc.Close()
	out.WriteString("---\n")
	for _, b := range a.Blocks {
		out.WriteByte('\n')
		if b.Heading {
			out.WriteString("## ")
		}
		out.WriteString(escape(b.Text, !b.Heading))
		out.WriteByte('\n')
	}
	return withHash(out.Bytes())
}

// withHash fills in the import_hash line of a file written with an empty
// one.
func withHash(file []byte) []byte {
	empty := []byte("\n" + HashKey + ": \"\"\n")
	sum := sha256.Sum256(bytes.Replace(file, empty, []byte("\n"), 1))
	return bytes.Replace(file, empty, []byte("\n"+HashKey+": sha256:"+hex.EncodeToString(sum[:])+"\n"), 1)
}

// Edited reports whether an article file was changed since an import
// wrote it, or was not written by an import at all.
func Edited(file []byte) bool {
	var rest []byte
	var recorded string
	for _, line := range bytes.SplitAfter(file, []byte("\n")) {
		if v, ok := bytes.CutPrefix(line, []byte(HashKey+": ")); ok && recorded == "" {
			recorded = strings.TrimSpace(string(v))
			continue
		}
		rest = append(rest, line...)
	}
	if !strings.HasPrefix(recorded, "sha256:") {
		return true
	}
	sum := sha256.Sum256(rest)
	return recorded != "sha256:"+hex.EncodeToString(sum[:])
}

// escape keeps text literal in markdown: characters that would start
// markup are backslash-escaped, and so is a paragraph's first character
// where it would start a heading, list or quote.
func escape(s string, paragraph bool) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if paragraph && blockStart(out) {
		out = "\\" + out
	}
	return out
}

// blockStart reports whether a paragraph's text would be read as a
// heading, list, quote, rule or code.
func blockStart(s string) bool {
	switch {
	case strings.HasPrefix(s, "#"), strings.HasPrefix(s, "- "), strings.HasPrefix(s, "+ "), strings.HasPrefix(s, "="),
		strings.HasPrefix(s, "~~~"), strings.HasPrefix(s, "---"):
		return true
	}
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')')
}

package content

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"go.yaml.in/yaml/v3"

	"galley.dev/galley/cmd/galley/internal/strictyaml"
)

// frontMatter is the typed front matter of an article; see the package doc.
type frontMatter struct {
	Title       string   `yaml:"title"`
	Slug        string   `yaml:"slug"`
	Date        Date     `yaml:"date"`
	Updated     Date     `yaml:"updated"`
	LastMod     Date     `yaml:"lastmod"`
	Expires     Date     `yaml:"expires"`
	Description string   `yaml:"description"`
	Summary     string   `yaml:"summary"`
	Authors     []string `yaml:"authors"`
	Author      []string `yaml:"author"`
	Topics      []string `yaml:"topics"`
	Tags        []string `yaml:"tags"`
	Categories  []string `yaml:"categories"`
	Image       Image    `yaml:"image"`
	Draft       bool     `yaml:"draft"`
	Featured    bool     `yaml:"featured"`
	Aliases     []string `yaml:"aliases"`
	Source      string   `yaml:"source"`
	ImportHash  string   `yaml:"import_hash"`
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

// dateLayouts are the ways a date may be written, most specific first.
// Layouts without a zone are read in the site's time zone.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02",
}

// parseDate reads s in loc.
func parseDate(s string, loc *time.Location) (time.Time, error) {
	var firstErr error
	for _, layout := range dateLayouts {
		t, err := time.ParseInLocation(layout, s, loc)
		if err == nil {
			return t, nil
		}
		if firstErr == nil || len(s) == len(layout) {
			firstErr = err
		}
	}
	var pe *time.ParseError
	if errors.As(firstErr, &pe) && pe.Message != "" {
		return time.Time{}, fmt.Errorf("cannot read %q as a date (%s); write 2026-11-24 or 2026-11-24T09:30:00+01:00", s, pe.Message[2:])
	}
	return time.Time{}, fmt.Errorf("cannot read %q as a date; write 2026-11-24 or 2026-11-24T09:30:00+01:00", s)
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

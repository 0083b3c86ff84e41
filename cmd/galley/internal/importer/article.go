package importer

import (
	"bytes"
	"strings"

	"go.yaml.in/yaml/v3"
)

// An Story is an article or standalone page in Galley's front matter,
// as an import from another site writes it.
type Story struct {
	Title       string
	Slug        string
	Date        string // as the old site wrote it
	Updated     string
	Expires     string
	Description string
	Authors     []string
	Topics      []string
	Image       string // src of the hero image
	// Hero is the hero image with its alt text, caption, credit and size,
	// written as image: {src: …}; when set, Image is not used.
	Hero     *Hero
	Draft    bool
	Featured bool // shown first on the front page
	Aliases  []string
	// Params are the old front matter's keys that Galley has no meaning
	// for, kept for templates as .Story.Params.
	Params map[string]*yaml.Node
	Source string // the old file, for source:
	Body   []byte
}

// storyOut is the front matter written, in this order.
type storyOut struct {
	Title       string                `yaml:"title"`
	Slug        string                `yaml:"slug"`
	Date        string                `yaml:"date,omitempty"`
	Updated     string                `yaml:"updated,omitempty"`
	Expires     string                `yaml:"expires,omitempty"`
	Description string                `yaml:"description,omitempty"`
	Authors     []string              `yaml:"authors,omitempty,flow"`
	Topics      []string              `yaml:"topics,omitempty,flow"`
	Image       any                   `yaml:"image,omitempty"`
	Draft       bool                  `yaml:"draft,omitempty"`
	Featured    bool                  `yaml:"featured,omitempty"`
	Aliases     []string              `yaml:"aliases,omitempty"`
	Params      map[string]*yaml.Node `yaml:"params,omitempty"`
	Source      string                `yaml:"source"`
	ImportHash  string                `yaml:"import_hash"`
}

// Markdown returns the article file: YAML front matter with its
// import_hash, then the body.
func (a *Story) Markdown() ([]byte, error) {
	out := storyOut{
		Title: a.Title, Slug: a.Slug, Date: a.Date, Updated: a.Updated, Expires: a.Expires,
		Description: a.Description, Authors: a.Authors, Topics: a.Topics,
		Draft: a.Draft, Featured: a.Featured, Aliases: a.Aliases, Params: a.Params, Source: a.Source,
	}
	switch {
	case a.Hero != nil && a.Hero.Src != "":
		out.Image = a.Hero
	case a.Image != "":
		out.Image = a.Image
	}
	return document(out, a.Body)
}

// A Hero is a story's hero image as front matter's image: mapping
// writes it.
type Hero struct {
	Src     string `yaml:"src"`
	Alt     string `yaml:"alt,omitempty"`
	Caption string `yaml:"caption,omitempty"`
	Credit  string `yaml:"credit,omitempty"`
	// Width and Height are a remote image's size, so that its page does
	// not shift as it arrives; a local one's is read from the file.
	Width  int `yaml:"width,omitempty"`
	Height int `yaml:"height,omitempty"`
}

// A Profile is an author's profile, content/authors/<slug>.md, as an
// import writes it.
type Profile struct {
	Name   string
	Source string // what the profile comes from, for source:
	Bio    []byte
}

// profileOut is the profile's front matter written, in this order.
type profileOut struct {
	Name       string `yaml:"name"`
	Source     string `yaml:"source"`
	ImportHash string `yaml:"import_hash"`
}

// Markdown returns the profile file: YAML front matter with its
// import_hash, then the bio.
func (p *Profile) Markdown() ([]byte, error) {
	return document(profileOut{Name: p.Name, Source: p.Source}, p.Bio)
}

// document returns a content file of front matter fm, with its
// import_hash, and body.
func document(fm any, body []byte) ([]byte, error) {
	var out bytes.Buffer
	out.WriteString("---\n")
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(fm); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	out.WriteString("---\n")
	body = bytes.TrimLeft(body, "\r\n")
	if len(body) > 0 {
		out.WriteByte('\n')
		out.Write(body)
		if !bytes.HasSuffix(body, []byte("\n")) {
			out.WriteByte('\n')
		}
	}
	return withHash(out.Bytes()), nil
}

// AddAlias adds the old URL u to a's aliases unless it is the article's
// own URL or there already. Aliases are site paths: the query and
// fragment are dropped, percent-escapes decoded.
func (a *Story) AddAlias(u, own string) {
	u = CleanPath(u)
	// An old URL that differs from the new one only in case would be a
	// redirect in the page's own folder on a host that ignores case.
	if u == "" || strings.EqualFold(strings.TrimSuffix(u, "/"), strings.TrimSuffix(own, "/")) {
		return
	}
	for _, have := range a.Aliases {
		if have == u {
			return
		}
	}
	a.Aliases = append(a.Aliases, u)
}

// CleanPath makes an old URL a site path: absolute, without scheme, host,
// query or fragment, escapes decoded, and no empty or dot segments. It
// returns "" for a URL that is not a path on the site.
func CleanPath(u string) string {
	u = strings.TrimSpace(u)
	// A scheme only at the start: "/a b/ 302 /* https://x/" is one odd
	// path, not a URL of host x.
	if i := strings.Index(u, "://"); i > 0 && !strings.ContainsAny(u[:i], "/ ") {
		u = u[i+3:]
		j := strings.IndexByte(u, '/')
		if j < 0 {
			return ""
		}
		u = u[j:]
	}
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	u = unescape(u)
	trailing := strings.HasSuffix(u, "/")
	var segs []string
	for _, s := range strings.Split(u, "/") {
		switch s {
		case "", ".":
		case "..":
			if len(segs) > 0 {
				segs = segs[:len(segs)-1]
			}
		default:
			segs = append(segs, s)
		}
	}
	if len(segs) == 0 {
		return ""
	}
	p := "/" + strings.Join(segs, "/")
	if trailing {
		p += "/"
	}
	if strings.ContainsAny(p, "\\%?#") {
		return ""
	}
	return p
}

// unescape decodes %XX escapes, leaving a malformed one as it is.
func unescape(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// An Intro is a section front's intro: content/<section>/_index.md.
type Intro struct {
	Title       string
	Description string
	Weight      int
	Source      string // the old file, for source:
	Body        []byte
}

// introOut is the intro's front matter written, in this order.
type introOut struct {
	Title       string `yaml:"title,omitempty"`
	Description string `yaml:"description,omitempty"`
	Weight      int    `yaml:"weight,omitempty"`
	Source      string `yaml:"source"`
	ImportHash  string `yaml:"import_hash"`
}

// Markdown returns the intro file: YAML front matter with its
// import_hash, then the body.
func (in *Intro) Markdown() ([]byte, error) {
	return document(introOut{Title: in.Title, Description: in.Description, Weight: in.Weight, Source: in.Source}, in.Body)
}

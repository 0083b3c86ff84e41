package importer

import (
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// MapOptions say how a source's front matter is read.
type MapOptions struct {
	// SplitTerms cuts tags and categories written as one text at spaces,
	// as Jekyll does.
	SplitTerms bool
	// Taxonomies are front matter keys, besides tags and categories,
	// whose values are topics: Hugo's custom taxonomies. They are kept
	// under params too, for templates that list them apart.
	Taxonomies []string
	// Consumed are keys the source reads itself (url:, permalink:), which
	// are not kept under params.
	Consumed []string
}

// Mapped is an old page's front matter in Galley's terms, with what the
// source needs to compute the page's old URL.
type Mapped struct {
	Story
	Slug       string    // the slug: key as written, "" without one
	Time       time.Time // Date read, zero when there is none or it cannot be read
	Categories []string  // categories alone, for Jekyll's :categories
	// OldAliases are the old site's own aliases (Hugo) and redirect_from
	// (Jekyll) as written.
	OldAliases []string
}

// dateKeys are the keys that may give a page its date, in Hugo's order.
var dateKeys = []string{"date", "publishdate", "pubdate", "published"}

// Map reads front matter f into Galley's keys: title; date (or
// publishDate); lastmod, modified or last_modified_at as updated;
// expiryDate as expires; description, summary or excerpt as description;
// author, authors and params.author as authors; tags, categories and
// custom taxonomies as topics; draft, and published: false as a draft;
// the first of images, image, featured_image and cover as the hero
// image's src. Keys are compared without regard to case. Every other key
// is kept under params.
func Map(f *Fields, opts MapOptions) *Mapped {
	m := &Mapped{}
	used := map[string]bool{}
	get := func(key string) *yaml.Node {
		if n := f.Get(key); n != nil {
			used[key] = true
			return n
		}
		return nil
	}
	first := func(keys ...string) string {
		for _, k := range keys {
			if s := Str(f.Get(k)); s != "" {
				used[k] = true
				return s
			}
		}
		return ""
	}
	m.Title = first("title")
	m.Slug = first("slug")
	if n := f.Get("published"); n != nil && (n.Tag == "!!bool" || IsFalse(n) || IsTrue(n)) {
		used["published"] = true
		m.Draft = IsFalse(n)
	}
	m.Date = first(dateKeys...)
	m.Time, _ = ParseTime(m.Date)
	m.Updated = first("lastmod", "updated", "modified", "last_modified_at")
	m.Expires = first("expirydate", "unpublishdate", "expires")
	m.Description = first("description", "summary", "excerpt")
	if IsTrue(get("draft")) {
		m.Draft = true
	}
	params := get("params")
	m.Authors = unique(Strs(get("authors"), false), Strs(get("author"), false), Strs(child(params, "author"), false), Strs(child(params, "authors"), false))
	m.Categories = unique(Strs(get("categories"), opts.SplitTerms), Strs(get("category"), opts.SplitTerms))
	terms := [][]string{Strs(get("tags"), opts.SplitTerms), Strs(get("tag"), opts.SplitTerms), m.Categories}
	for _, t := range opts.Taxonomies {
		terms = append(terms, Strs(f.Get(t), false))
	}
	m.Topics = unique(terms...)
	m.Image = imageSrc(get("images"), get("image"), get("featured_image"), get("featuredimage"), get("cover"))
	m.OldAliases = unique(Strs(get("aliases"), false), Strs(get("redirect_from"), false))
	for _, k := range append([]string{"source", "import_hash"}, opts.Consumed...) {
		used[k] = true
	}
	m.Params = map[string]*yaml.Node{}
	for i, k := range f.Keys {
		if !used[strings.ToLower(k)] {
			m.Params[k] = f.Vals[i]
		}
	}
	if params != nil && params.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(params.Content); i += 2 {
			if k := params.Content[i].Value; m.Params[k] == nil {
				m.Params[k] = params.Content[i+1]
			}
		}
	}
	if len(m.Params) == 0 {
		m.Params = nil
	}
	return m
}

// imageSrc returns the path of the first image the nodes give: a text, the
// first of a list, or the src, url, path or image of a mapping.
func imageSrc(nodes ...*yaml.Node) string {
	for _, n := range nodes {
		if n == nil {
			continue
		}
		if n.Kind == yaml.SequenceNode && len(n.Content) > 0 {
			n = n.Content[0]
		}
		if s := Str(n); s != "" {
			return s
		}
		for _, k := range []string{"src", "url", "path", "image", "filename"} {
			if s := Str(child(n, k)); s != "" {
				return s
			}
		}
	}
	return ""
}

// unique joins lists, dropping repeats that differ only in case.
func unique(lists ...[]string) []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range lists {
		for _, s := range l {
			if k := strings.ToLower(s); !seen[k] {
				seen[k] = true
				out = append(out, s)
			}
		}
	}
	return out
}

// timeLayouts are the ways old sites write dates, for computing old URLs.
var timeLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04",
	"2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05 -07:00", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05", "2006-01-02 15:04 -0700", "2006-01-02 15:04", "2006-01-02",
	time.RFC1123Z, time.RFC1123, "January 2, 2006", "Jan 2, 2006", "2 January 2006",
}

// ParseTime reads a date as old sites write it. The clock reading is
// kept as written, whatever the zone: Hugo and Jekyll put the date as
// written into URLs.
func ParseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	// Fractional seconds and other tails after a date: the day is enough.
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

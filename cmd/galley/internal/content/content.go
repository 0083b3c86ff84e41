// Package content reads a site's articles: markdown files with front
// matter, in content/<section>/<name>.md or, as a page bundle with its
// images beside it, content/<section>/<name>/index.md.
//
// A file directly in content/ (content/privacy.md) is a standalone page at
// /<slug>/: about, privacy, contact. Pages take the same front matter,
// need no date, and stay out of listings, feeds and related stories.
//
// Front matter is YAML between lines of ---, or TOML between lines of +++
// (as in Hugo sites). The keys:
//
//	title: Élection à Paris            # required
//	slug: election-a-paris             # default: made from the title; lowercase
//	                                   # ASCII words joined by hyphens
//	date: 2026-11-24T09:30:00+01:00    # required: RFC 3339, or 2026-11-24 (midnight
//	                                   # in the site's time zone)
//	updated: 2026-11-24T12:00:00+01:00 # when the story last changed (alias: lastmod)
//	description: The dek, one or two sentences.   # default: the first paragraph,
//	                                   # cut at a word near 160 characters (alias: summary)
//	authors: [Ana Ruiz, Tom Berg]      # alias: author
//	topics: [Politics, France]         # aliases tags and categories; all are merged
//	image:                             # the hero image; or just image: path.jpg
//	  src: harbour.jpg                 # beside the article, under static/, or https://…
//	  alt: Boats in the harbour at dawn
//	  caption: The harbour of Puerto Cabello on Tuesday.
//	  credit: Ana Ruiz/AP
//	featured: false                    # true makes it the lead story on the home page
//	draft: false                       # drafts are built only with --drafts
//	expires: 2027-01-01                # after this the article is left out
//	aliases: [/old/path/]              # old URLs that redirect here
//	source: seeds/export.txt           # set by galley import
//	import_hash: sha256:…              # set by galley import; do not edit
//
// Unknown keys and values of the wrong type are errors, reported with their
// line, together with every other problem in the site.
package content

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"time"

	"galley.dev/galley/cmd/galley/internal/diag"
)

// An Article is one story, read and checked.
type Article struct {
	// Path is the file, slash-separated and relative to the site folder
	// ("content/news/story.md").
	Path string
	// Dir is the folder of a page bundle ("content/news/story"), or "".
	Dir string
	// Section is the first folder under content/ ("news"); "" for a page.
	Section string
	// Page is true for a standalone page (content/<name>.md).
	Page  bool
	Slug  string
	Title string
	// Description is the dek: from front matter or the first paragraph.
	Description string
	Date        time.Time
	// Updated is the time of the last change; it equals Date when the
	// front matter gives none.
	Updated  time.Time
	Expires  time.Time
	Authors  []string
	Topics   []string
	Image    Image
	Draft    bool
	Featured bool
	Aliases  []string
	// Body is the markdown after the front matter, for an article made
	// by hand. Load leaves it nil, so that a site of 100,000 stories is
	// not all in memory at once; ReadBody reads it again when needed.
	Body []byte
	// Resources are the other files of a page bundle, relative to Dir.
	Resources []string
	// Sum is the SHA-256 of the file, hex: what a build cache keys on.
	Sum string

	// Lines of front matter keys, for problems found later (duplicates).
	TitleLine, SlugLine int
	// TopicsLine is the line of the topics key (or of tags or
	// categories, whichever the front matter sets), for two topics that
	// share a page.
	TopicsLine int
	// AuthorsLine is the line of the authors (or author) key, for two
	// authors that share a page.
	AuthorsLine int
	// AliasesLine is the line of the aliases key, for an alias that is
	// also another page's URL or alias.
	AliasesLine int

	url string // see URL; set once the slug is known

	site   fs.FS // where ReadBody finds the file
	bodyAt int   // where in the file the body starts
}

// ReadBody returns the markdown after the front matter: Body, if set, or
// else the file's, read again. The file must be as Load read it (its Sum
// tells), or the page would not match its title and date.
func (a *Article) ReadBody() ([]byte, error) {
	if a.Body != nil || a.site == nil {
		return a.Body, nil
	}
	data, err := fs.ReadFile(a.site, a.Path)
	if err != nil {
		return nil, diag.Errorf(a.Path, 0, "read again: %v", unwrapPath(err))
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != a.Sum {
		return nil, diag.Errorf(a.Path, 0, "file changed during the build; build again")
	}
	return data[a.bodyAt:], nil
}

// An Image is an article's hero image.
type Image struct {
	Src     string `yaml:"src"`
	Alt     string `yaml:"alt"`
	Caption string `yaml:"caption"`
	Credit  string `yaml:"credit"`
	// Width and Height are the image's size in pixels when the file is
	// local and its format known; 0 otherwise.
	Width  int `yaml:"-"`
	Height int `yaml:"-"`
}

// URL returns the article's site path, "/<section>/<slug>/", or a page's,
// "/<slug>/".
//
// The path is made once and kept: sorting and listing thousands of
// articles ask for it millions of times.
func (a *Article) URL() string {
	if a.url == "" {
		a.url = a.makeURL()
	}
	return a.url
}

func (a *Article) makeURL() string {
	if a.Page {
		return "/" + a.Slug + "/"
	}
	return "/" + a.Section + "/" + a.Slug + "/"
}

// Modified returns Updated, or Date if that is later (a typo must not
// make a story look older than it is).
func (a *Article) Modified() time.Time {
	if a.Updated.After(a.Date) {
		return a.Updated
	}
	return a.Date
}

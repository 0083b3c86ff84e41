// Package content reads a site's articles: markdown files with front
// matter, in content/<section>/<name>.md or, as a page bundle with its
// images beside it, content/<section>/<name>/index.md.
//
// A file directly in content/ (content/privacy.md) is a standalone page at
// /<slug>/: about, privacy, contact. Pages take the same front matter,
// need no date, and stay out of listings, feeds and related stories.
// content/<section>/_index.md opens the section's front (see IntroFile).
//
// Front matter is YAML between lines of ---, or TOML between lines of +++
// (as in Hugo sites). Keys are case-insensitive, as Hugo's are (Title is
// title). The keys:
//
//	title: Élection à Paris            # required
//	slug: election-a-paris             # default: made from the title; lowercase
//	                                   # ASCII words joined by hyphens
//	date: 2026-11-24T09:30:00+01:00    # required: see the dates below
//	updated: 2026-11-24T12:00:00+01:00 # when the story last changed (alias: lastmod)
//	description: The dek, one or two sentences.   # default: the first paragraph,
//	                                   # cut at a word near 160 characters (aliases:
//	                                   # summary, excerpt, in that order)
//	authors: [Ana Ruiz, Tom Berg]      # alias: author
//	topics: [Politics, France]         # aliases tags and categories; all are merged
//	image:                             # the hero image; or just image: path.jpg
//	  src: harbour.jpg                 # beside the article, under static/, or https://…
//	  alt: Boats in the harbour at dawn
//	  caption: The harbour of Puerto Cabello on Tuesday.
//	  credit: Ana Ruiz/AP
//	  width: 1600                      # for a remote image: its size, so that
//	  height: 900                      # the page does not shift as it loads
//	  focus: [0.3, 0.4]                # the point its crops keep (default the centre)
//	featured: false                    # true makes it the lead story on the home page
//	draft: false                       # drafts are built only with --drafts
//	expires: 2027-01-01                # after this the article is left out
//	aliases: [/old/path/]              # old URLs that redirect here
//	params:                            # the site's own data, for templates:
//	  subtitle: A longer headline      # {{ .Article.Params.subtitle }}
//	source: seeds/export.txt           # set by galley import
//	import_hash: sha256:…              # set by galley import; do not edit
//
// params holds anything: text, numbers, true and false, lists and
// mappings. Its keys are lowercased at every depth, as Hugo's are, so a
// template reads .Article.Params.linktitle whatever the case written;
// dates in it stay text, as written.
//
// Hugo's and Jekyll's own keys, so that their sites move over:
//
//	publishDate: 2026-11-24 # Hugo: when the story goes out. It is the date
//	                        # when there is no date:, or when it is later, so
//	                        # that an embargo holds (alias: pubdate; Hugo's
//	                        # published: with a date is the same)
//	published: false        # Jekyll: a draft
//	expiryDate: 2027-01-01  # Hugo: expires (alias: unpublishdate)
//	excerpt: …              # Jekyll: the dek, when there is no description or summary
//	images: [a.jpg, b.jpg]  # Hugo: the first is the hero, when there is no image:
//	featured_image: a.jpg   # the hero, when there is no image: or images:
//	cover: {image: a.jpg, alt: …, caption: …}
//	                        # Hugo themes': the hero, last; or cover: a.jpg
//	keywords, linkTitle, weight, url
//	                        # kept in params as they are, lowercased:
//	                        # .Article.Params.linktitle
//
// images, featured_image and cover are kept in params as well, with the
// keys Galley does not read (cover's hidden, relative).
//
// Dates may be written as RFC 3339 (2026-11-24T09:30:00+01:00, with or
// without fractions of a second); 2026-11-24, 2026-11-24 09:30 or
// 2026-11-24T09:30:00, in the site's time zone; 2016-07-19 10:00:00 -0400
// or -04:00, as Jekyll writes them; with a zone named EST, EDT, CST, CDT,
// MST, MDT, PST, PDT, UTC, GMT, WET, WEST, BST, CET, CEST, EET or EEST
// (others, such as IST, which means three zones, must be offsets); as
// RFC 1123 and 822 (Tue, 19 Jul 2016 10:00:00 EDT); and as January 2,
// 2006, Jan 2, 2006, 2 January 2006 or 2006/01/02.
//
// Unknown keys and values of the wrong type are errors, reported with
// their line, together with every other problem in the site. A key that
// is a near miss of a known one (tittle, drafts) is a typo, and the error
// says which was meant; another unknown key is the site's own data and
// belongs under params:. galley import moves other generators' keys there.
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
	// DescriptionDerived is true when Description is the first
	// paragraph, cut: fit for cards, feeds and meta tags, but not to be
	// shown above that same paragraph.
	DescriptionDerived bool
	Date               time.Time
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
	// Params is the front matter's params: the site's own data, for
	// templates (.Article.Params.subtitle); nil when there is none.
	Params map[string]any
	// Body is the markdown after the front matter, for an article made
	// by hand. Load leaves it nil, so that a site of 100,000 stories is
	// not all in memory at once; ReadBody reads it again when needed.
	Body []byte
	// Resources are the other files of a page bundle, relative to Dir.
	Resources []string
	// BodyImages are the local pictures the text shows.
	BodyImages []BodyImage
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

	imageLine int // the line of the hero's src, for checkImage

	site     fs.FS // where ReadBody finds the file
	bodyAt   int   // where in the file the body starts
	bodySize int   // the body's length, as Load read it
}

// BodySize returns the length in bytes of the markdown after the front
// matter, known without reading it again.
func (a *Article) BodySize() int {
	if a.Body != nil || a.site == nil {
		return len(a.Body)
	}
	return a.bodySize
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
	// Width and Height are the image's size in pixels: read from the
	// file when it is local, from the front matter's width: and height:
	// for a remote one (so that its page does not shift as it arrives);
	// 0 when not known.
	Width  int `yaml:"width"`
	Height int `yaml:"height"`
	// Focus is the point of the picture to keep in its crops (16:9, 4:3,
	// 1:1), as x and y from 0 to 1 of the upright picture; nil is its
	// centre.
	Focus []float64 `yaml:"-"`
	// FocusText is focus: as written, read into Focus.
	FocusText []string `yaml:"focus"`
	// File is the site file of a local image ("static/images/a.jpg",
	// "content/news/story/a.jpg"); "" for a remote one.
	File string `yaml:"-"`
}

// URL returns the article's site path, "/<section>/<slug>/" or as its
// section's permalink pattern makes it, or a page's, "/<slug>/".
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

// ImageLine returns the line of the front matter that names the hero
// image, for problems with it; 0 when not known.
func (a *Article) ImageLine() int { return a.imageLine }

// Modified returns Updated, or Date if that is later (a typo must not
// make a story look older than it is).
func (a *Article) Modified() time.Time {
	if a.Updated.After(a.Date) {
		return a.Updated
	}
	return a.Date
}

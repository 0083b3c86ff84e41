package render

import (
	"errors"
	"html/template"
	"strings"
	"time"

	"galley.dev/galley/cmd/galley/internal/config"
	"galley.dev/galley/cmd/galley/internal/site"
)

// A Page is what a page template receives.
type Page struct {
	Site *config.Config
	// Kind is "article", "page", "home", "section", "topic", "author",
	// "topics", "authors" or "404"; the body element carries it as a
	// class.
	Kind string
	// Title is the page's own title; the <title> adds the site's.
	Title       string
	Description string
	// Path is the site path ("/news/story/"); URL is the canonical URL.
	Path string
	URL  string
	// Image is the absolute URL of the page's social image, or "".
	Image string
	Feeds []Link
	// Nav links the sections, then the topics with the most stories.
	Nav []Link
	// Pages link the standalone pages (about, privacy), for the footer.
	Pages []Link
	Meta  []Meta
	// JSONLD is structured data, marshalled as JSON by html/template.
	JSONLD any
	// Article is set on article pages.
	Article    *ArticleView
	Share      []ShareLink
	Newsletter *NewsletterView
	// Intro opens the first page of the front page, from content/_index.md.
	Intro template.HTML
	// Lead and List are the stories of a listing; Pager links its pages.
	Lead  *Card
	List  []*Card
	Pager *Pager
	// Term is the section, topic or author of its listing.
	Term *TermView
	// Terms are the topics or authors of an index page.
	Terms []TermLink
	// Search is set on the search page.
	Search *SearchView
	// Year is the year of the newest story, for the footer, so that the
	// same content builds the same bytes whatever the date.
	Year int
	// Preview is true in galley serve, which shows a banner.
	Preview bool

	// assets are Renderer.Assets, for Asset.
	assets map[string]string
}

// Asset returns the site path of the file of static/ at sitePath under
// its fingerprinted name, as in
// <link rel="stylesheet" href="{{.Asset "/css/galley.css"}}">: a name
// that changes whenever the file's bytes do, so that a host may let
// browsers keep it for a year and an edit still shows at once. Only
// stylesheets and scripts have one; for any other path, Asset returns
// sitePath. The file is also written under sitePath, for the pages (and
// the site's templates) that link that.
func (p *Page) Asset(sitePath string) string {
	if fp, ok := p.assets[sitePath]; ok {
		return fp
	}
	return sitePath
}

// A Link is a labelled URL.
type Link struct {
	Name, URL string
	// Type is the MIME type of a feed link.
	Type    string
	Current bool
}

// A Meta is one <meta> tag: Property for Open Graph, Name for others.
type Meta struct {
	Property, Name, Content string
}

// ArticleView is an article as a page shows it.
type ArticleView struct {
	*site.Article
	URL       string
	Published Time
	Modified  Time
	// Updated is true when the story changed after it was published.
	Updated bool
	Hero    *ImageView
	Body    template.HTML
	Related []*Card
	Topics  []Link
	Authors []Link
}

// Time is a timestamp as a page shows it.
type Time struct {
	Datetime string // for <time datetime>, RFC 3339
	Display  string // for readers, in the site's time zone
}

// ImageView is an image with its caption and credit. Src is "" when there
// is a caption or credit but no image file.
type ImageView struct {
	Src, Alt, Caption, Credit string
	Width, Height             int
	// Srcset and Sizes offer the derivatives of the fallback format (JPEG)
	// to the <img>, Sources those of the modern ones (WebP) to <source>s
	// of a <picture>; all empty for a remote image or one used as it is.
	Srcset, Sizes string
	Sources       []SourceView
	// Eager is set on the first image of a listing, which is in view
	// at once: it is not lazy.
	Eager bool
}

// A SourceView is a <source> of a <picture>: one format's srcset.
type SourceView struct {
	Type, Srcset string
}

// A Card is a story in a listing or related list.
type Card struct {
	Title, URL, Description, Section string
	Image                            *ImageView
	Authors                          []Link
	Published                        Time

	r *Renderer     // that made the card
	a *site.Article // the story, whose card the renderer keeps
}

// HTML is what card.html makes of c. The theme's listings and related
// stories insert it rather than call card.html for each card: a story's
// card shows on its section's, topics' and author's pages and beside the
// stories related to it, and is made once in a build (but for the first
// card with an image of a listing, which loads eagerly).
func (c *Card) HTML() (template.HTML, error) {
	if c.r == nil {
		return "", errors.New("a card made without a renderer has no HTML")
	}
	return c.r.cardHTML(c)
}

// A Pager links the pages of a paginated listing.
type Pager struct {
	Prev, Next string
	Pages      []Link
}

// A TermLink is a topic or author with its number of stories.
type TermLink struct {
	Name, URL string
	Count     int
}

// TermView is a section, topic or author as its page shows it; the
// profile fields are set for authors who have one, Intro for a section
// front that has one.
type TermView struct {
	Name, URL, Role, Photo string
	Bio                    template.HTML
	Links                  []Link
	Intro                  template.HTML
	// PhotoSrcset offers the derivatives of an author's photo.
	PhotoSrcset string
	// FeedURL is the listing's first feed, which its page offers to
	// follow, and FeedName that feed's kind ("RSS feed"); "" when a
	// topic or author has no feed (feeds.term_formats).
	FeedURL, FeedName string
}

// NewsletterView is the signup form.
type NewsletterView struct {
	config.Newsletter
	Fields []Field
}

// A Field is a hidden form field.
type Field struct{ Name, Value string }

// formatTime returns t for <time datetime> and for readers.
func formatTime(t time.Time, loc *time.Location) Time {
	t = t.In(loc)
	return Time{Datetime: t.Format(time.RFC3339), Display: t.Format("2 January 2006, 15:04 MST")}
}

// absURL returns an absolute http(s) URL for a site path or URL, or ""
// for anything else: Open Graph tags and JSON-LD are not escaped as
// URLs by html/template, so only vetted schemes may reach them.
func absURL(cfg *config.Config, u string) string {
	switch {
	case u == "":
		return ""
	case strings.HasPrefix(u, "https://"), strings.HasPrefix(u, "http://"):
		return u
	case strings.HasPrefix(u, "//"):
		return "https:" + u
	case strings.HasPrefix(u, "/"):
		return cfg.Abs(u)
	}
	return ""
}

// Package feed writes a site's feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1,
// each item with its full content, authors, topics and hero image.
//
// The feeds are built with gorilla/feeds and extended where it falls short
// of what news readers expect: RSS gets dc:creator for authors (its
// <author> wants an email address), a category per topic, media:content
// with the image credit, and atom:link rel="self"; Atom gets every author,
// categories and a self link; JSON Feed gets its feed_url, language, every
// author, tags and image. Times come from the items, never from the clock,
// so the same input gives the same bytes. Text passes through xmltext.Clean
// first: a control character pasted from a word processor must not make a
// feed ill-formed XML, which readers then refuse whole.
package feed

import (
	"html"
	"io"
	"mime"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/feeds"
)

// A Channel describes one feed.
type Channel struct {
	Title, Description, Language string
	// Link is the absolute URL of the page the feed belongs to.
	Link string
	// SelfURL is the absolute URL of the feed file itself.
	SelfURL string
	// Updated is the newest change among the items; zero if none.
	Updated time.Time
}

// An Author wrote an item.
type Author struct{ Name, URL string }

// An Image is an item's hero image.
type Image struct {
	URL  string // absolute
	Type string // MIME type; guessed from URL when ""
	// Length is the size in bytes, 0 if unknown.
	Length               int64
	Width, Height        int
	Caption, Credit, Alt string
}

// An Item is one story.
type Item struct {
	Title string
	// URL is the absolute permalink; it is also the item's id.
	URL     string
	Summary string // plain text
	// ContentHTML is the full story, with absolute URLs.
	ContentHTML        string
	Published, Updated time.Time
	Authors            []Author
	Categories         []string
	Image              *Image
}

// gorilla returns the feed as gorilla/feeds models it: the common part of
// the three formats, which each writer then extends.
func gorilla(ch Channel, items []Item) *feeds.Feed {
	f := &feeds.Feed{
		Title:       ch.Title,
		Link:        &feeds.Link{Href: ch.Link},
		Description: ch.Description,
		Updated:     ch.Updated,
		Id:          ch.Link,
	}
	for _, it := range items {
		gi := &feeds.Item{
			Title:       it.Title,
			Link:        &feeds.Link{Href: it.URL},
			Description: it.Summary,
			Id:          it.URL,
			IsPermaLink: "true",
			Created:     it.Published,
			Updated:     it.Updated,
			Content:     it.ContentHTML,
		}
		if img := it.Image; img != nil && img.Length > 0 {
			gi.Enclosure = &feeds.Enclosure{Url: img.URL, Type: imageType(img), Length: strconv.FormatInt(img.Length, 10)}
		}
		f.Items = append(f.Items, gi)
	}
	return f
}

// imageType returns the image's MIME type, guessed from its URL's
// extension when not given.
func imageType(img *Image) string {
	if img.Type != "" {
		return img.Type
	}
	u := img.URL
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	if t := mime.TypeByExtension(strings.ToLower(path.Ext(u))); strings.HasPrefix(t, "image/") {
		return t
	}
	return "image/jpeg"
}

// escapeHTML escapes plain text for RSS's description, which readers
// render as HTML, so that a "<" in a dek stays a "<" and markup in it
// stays text. (RSS titles are plain text and are not escaped.)
func escapeHTML(s string) string { return html.EscapeString(s) }

// writeString writes s to w.
func writeString(w io.Writer, s string) error {
	_, err := io.WriteString(w, s)
	return err
}

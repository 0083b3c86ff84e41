// Package feed writes a site's feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1,
// each item with its full content, authors, topics and hero image.
//
// The feeds are built with gorilla/feeds and extended where it falls short
// of what news readers expect: RSS gets dc:creator for authors (its
// <author> wants an email address), a category per topic, media:content
// with the image credit, atom:updated for an item's last change (RSS has
// no element of its own for it), and atom:link rel="self"; Atom gets every author,
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
	// Copyright is the photo's copyright notice.
	Copyright string
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

// escapeHTML makes a plain-text dek fit for an RSS item's description,
// which most readers show as HTML and some as text. It escapes only what
// HTML would not show as written: a "<" that would open a tag, comment
// or declaration, and an "&" that would start a character reference
// ("&copy;", "&amp", "&#39;"). Everything else stays as typed, so that
// "Law & Order" and "O'Brien" read the same either way instead of as
// "Law &amp; Order" in the readers that show text. (RSS titles are plain
// text and are not escaped.)
func escapeHTML(s string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch {
		case s[i] == '<' && opensTag(s[i+1:]):
			repl = "&lt;"
		case s[i] == '&' && isCharRef(s[i:]):
			repl = "&amp;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(repl)
		last = i + 1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// opensTag reports whether the text after a "<" makes HTML read it as
// markup: a letter (a tag), "/" (an end tag), "!" or "?" (a comment or
// declaration).
func opensTag(rest string) bool {
	if rest == "" {
		return false
	}
	c := rest[0]
	return c == '/' || c == '!' || c == '?' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// maxRef is longer than the longest character reference HTML knows
// ("&CounterClockwiseContourIntegral;" is 33 bytes).
const maxRef = 40

// isCharRef reports whether s, which starts with "&", starts with a
// character reference as HTML reads one: named (with or without its
// semicolon, for the legacy ones), decimal or hexadecimal.
func isCharRef(s string) bool {
	if rest, ok := strings.CutPrefix(s, "&#"); ok {
		// A numeric reference is one whatever its value ("&#0" shows as
		// U+FFFD), which html.UnescapeString does not always say.
		rest = strings.ToLower(rest[:min(len(rest), 2)])
		if rest, ok := strings.CutPrefix(rest, "x"); ok {
			return rest != "" && strings.IndexByte("0123456789abcdef", rest[0]) >= 0
		}
		return rest != "" && '0' <= rest[0] && rest[0] <= '9'
	}
	s = s[:min(len(s), maxRef)]
	if i := strings.IndexByte(s[1:], '&'); i >= 0 {
		s = s[:i+1] // this "&" alone: the text changes only if it starts a reference
	}
	return html.UnescapeString(s) != s
}

// writeString writes s to w.
func writeString(w io.Writer, s string) error {
	_, err := io.WriteString(w, s)
	return err
}

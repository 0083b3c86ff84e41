package feed

import (
	"encoding/xml"
	"io"
	"strconv"
	"time"

	"github.com/gorilla/feeds"
)

// atomFeed is gorilla's Atom feed with self and alternate links, a
// language, and richer entries.
type atomFeed struct {
	XMLName xml.Name `xml:"feed"`
	*feeds.AtomFeed
	Lang      string           `xml:"xml:lang,attr,omitempty"`
	Links     []feeds.AtomLink `xml:"link"`
	Generator string           `xml:"generator"`
	Entries   []atomEntry      `xml:"entry"`
}

// atomEntry is gorilla's entry with every author and a category per topic.
type atomEntry struct {
	*feeds.AtomEntry
	Authors    []atomPerson   `xml:"author"`
	Categories []atomCategory `xml:"category"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// Atom writes ch and items as Atom 1.0.
func Atom(w io.Writer, ch Channel, items []Item) error {
	ch, items = clean(ch, items)
	g := (&feeds.Atom{Feed: gorilla(ch, items)}).AtomFeed()
	g.Link = nil
	if ch.Updated.IsZero() {
		g.Updated = time.Unix(0, 0).UTC().Format(time.RFC3339) // required; no items, no change
	}
	// An entry without an author takes the feed's, which Atom requires.
	g.Author = &feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: ch.Title}}
	gEntries := g.Entries
	g.Entries = nil
	f := &atomFeed{
		AtomFeed: g, Lang: ch.Language, Generator: "Galley",
		Links: []feeds.AtomLink{
			{Href: ch.Link, Rel: "alternate", Type: "text/html"},
			{Href: ch.SelfURL, Rel: "self", Type: "application/atom+xml"},
		},
	}
	for i, it := range items {
		ge := gEntries[i]
		if ge.Summary != nil {
			ge.Summary.Type = "text" // the dek is plain text, not HTML
		}
		if !it.Published.IsZero() {
			ge.Published = it.Published.Format(time.RFC3339)
		}
		if img := it.Image; img != nil && !hasEnclosure(ge.Links) {
			link := feeds.AtomLink{Href: img.URL, Rel: "enclosure", Type: imageType(img)}
			if img.Length > 0 {
				link.Length = strconv.FormatInt(img.Length, 10)
			}
			ge.Links = append(ge.Links, link)
		}
		e := atomEntry{AtomEntry: ge}
		for _, a := range it.Authors {
			e.Authors = append(e.Authors, atomPerson{Name: a.Name, URI: a.URL})
		}
		for _, c := range it.Categories {
			e.Categories = append(e.Categories, atomCategory{Term: c})
		}
		f.Entries = append(f.Entries, e)
	}
	if err := writeString(w, xml.Header); err != nil {
		return err
	}
	return xml.NewEncoder(w).Encode(f)
}

func hasEnclosure(links []feeds.AtomLink) bool {
	for _, l := range links {
		if l.Rel == "enclosure" {
			return true
		}
	}
	return false
}

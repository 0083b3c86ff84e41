package feed

import (
	"encoding/xml"
	"io"
	"time"

	"github.com/gorilla/feeds"
)

// rss is the root of an RSS 2.0 document with the namespaces its
// extensions need.
type rss struct {
	XMLName   xml.Name    `xml:"rss"`
	Version   string      `xml:"version,attr"`
	NSContent string      `xml:"xmlns:content,attr"`
	NSDC      string      `xml:"xmlns:dc,attr"`
	NSMedia   string      `xml:"xmlns:media,attr"`
	NSAtom    string      `xml:"xmlns:atom,attr"`
	Channel   *rssChannel `xml:"channel"`
}

// rssChannel is gorilla's channel with a self link and richer items.
type rssChannel struct {
	*feeds.RssFeed
	Self  atomLink  `xml:"atom:link"`
	Items []rssItem `xml:"item"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

// rssItem is gorilla's item with authors, topics and the hero image.
type rssItem struct {
	*feeds.RssItem
	// Updated is the last change, which RSS has no element for: Atom's
	// updated, in the atom namespace the self link already declares,
	// is what readers look for (gofeed, like Blogger's feeds).
	Updated    string        `xml:"atom:updated,omitempty"`
	Creators   []string      `xml:"dc:creator"`
	Categories []string      `xml:"category"`
	Media      *mediaContent `xml:"media:content"`
}

type mediaContent struct {
	URL         string      `xml:"url,attr"`
	Medium      string      `xml:"medium,attr"`
	Type        string      `xml:"type,attr,omitempty"`
	Width       int         `xml:"width,attr,omitempty"`
	Height      int         `xml:"height,attr,omitempty"`
	Description *mediaText  `xml:"media:description"`
	Credit      *mediaText  `xml:"media:credit"`
	Copyright   *mediaText  `xml:"media:copyright"`
	Title       *mediaTitle `xml:"media:title"`
}

type mediaText struct {
	Text string `xml:",chardata"`
}

type mediaTitle struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

// RSS writes ch and items as RSS 2.0.
func RSS(w io.Writer, ch Channel, items []Item) error {
	ch, items = clean(ch, items)
	g := (&feeds.Rss{Feed: gorilla(ch, items)}).RssFeed()
	// The channel's description is a "phrase or sentence", which many
	// readers show as HTML: escaped as an item's is (escapeHTML), an
	// author named "<svg onload=…>" stays text, and "Law & Order" reads as
	// written either way.
	g.Description = escapeHTML(g.Description)
	g.Language = ch.Language
	g.Generator = "Galley"
	g.PubDate = ""
	if !ch.Updated.IsZero() {
		g.LastBuildDate = ch.Updated.Format(time.RFC1123Z)
	}
	gItems := g.Items
	g.Items = nil
	c := &rssChannel{RssFeed: g, Self: atomLink{Href: ch.SelfURL, Rel: "self", Type: "application/rss+xml"}}
	for i, it := range items {
		gi := gItems[i]
		gi.Description = escapeHTML(gi.Description)
		ri := rssItem{RssItem: gi, Categories: it.Categories}
		if !it.Updated.IsZero() {
			ri.Updated = it.Updated.Format(time.RFC3339)
		}
		for _, a := range it.Authors {
			ri.Creators = append(ri.Creators, a.Name)
		}
		if img := it.Image; img != nil {
			m := &mediaContent{URL: img.URL, Medium: "image", Type: imageType(img), Width: img.Width, Height: img.Height}
			if img.Caption != "" {
				m.Description = &mediaText{img.Caption}
			}
			if img.Credit != "" {
				m.Credit = &mediaText{img.Credit}
			}
			if img.Copyright != "" {
				m.Copyright = &mediaText{img.Copyright}
			}
			if img.Alt != "" {
				m.Title = &mediaTitle{Type: "plain", Text: img.Alt}
			}
			ri.Media = m
		}
		c.Items = append(c.Items, ri)
	}
	doc := rss{
		Version:   "2.0",
		NSContent: "http://purl.org/rss/1.0/modules/content/",
		NSDC:      "http://purl.org/dc/elements/1.1/",
		NSMedia:   "http://search.yahoo.com/mrss/",
		NSAtom:    "http://www.w3.org/2005/Atom",
		Channel:   c,
	}
	if err := writeString(w, xml.Header); err != nil {
		return err
	}
	return xml.NewEncoder(w).Encode(doc)
}

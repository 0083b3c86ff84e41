// Package wordpress imports a WordPress export (WXR 1.0 to 1.2: RSS 2.0
// with the wp:, content:, excerpt: and dc: namespaces) into a Galley
// site, for galley import.
//
// Read (wxr.go) streams the export one item at a time, so that one of
// hundreds of megabytes is read in bounded memory. Source (source.go)
// reads it twice: first what places every post and page (entry.go),
// then each body, converted by ConvertBody (convert.go: Gutenberg
// blocks, wpautop, shortcodes, then HTML to Markdown) and written as a
// story (story.go) with its featured image (media.go, uploads.go), its
// links pointed at the new site (links.go), and the old site's feeds,
// archives and short links as redirects (redirects.go).
package wordpress

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html/charset"
)

// The namespaces of WXR. Exports of different WordPress versions use
// export/1.0/ to export/1.2/ for wp:, over http or (WordPress.com)
// https; the reader accepts any of them.
const (
	nsContent = "http://purl.org/rss/1.0/modules/content/"
	nsDC      = "http://purl.org/dc/elements/1.1/"
	nsWPPre   = "//wordpress.org/export/"
)

// An Author is a wp:author of the export.
type Author struct {
	Login, Email, DisplayName, FirstName, LastName string
}

// A Term is a category or tag the export declares; Parent is the
// nicename of a category's parent.
type Term struct {
	Nicename, Name, Parent string
}

// An Item is one post, page, attachment or other record of the export.
type Item struct {
	ID               int
	Title            string
	Link             string // the item's old URL
	GUID             string
	Creator          string // dc:creator: the author's login
	Content, Excerpt string // HTML, as WordPress stores it
	Date, DateGMT    string // wp:post_date (site zone), wp:post_date_gmt
	Modified         string // wp:post_modified (site zone)
	ModifiedGMT      string // wp:post_modified_gmt
	Name             string // wp:post_name: the slug
	Status           string // publish, future, draft, pending, private, trash, inherit
	Type             string // post, page, attachment, nav_menu_item, revision, …
	Parent           int    // wp:post_parent
	MenuOrder        int    // wp:menu_order: a page's or attachment's place among its siblings
	Password         string // wp:post_password
	Sticky           bool   // wp:is_sticky
	AttachmentURL    string // wp:attachment_url
	Categories, Tags []Category
	Meta             map[string]string // wp:postmeta, by meta_key
	Line             int               // where the item starts in the export
	ContentLine      int               // where its content:encoded starts
}

// A Category is a category or tag as an item names it.
type Category struct {
	Domain   string // category, post_tag, or a custom taxonomy
	Nicename string
	Name     string
}

// An Export is what Read found besides the items.
type Export struct {
	Title, Link, Description, Language string
	Authors                            []Author
	Categories, Tags                   []Term
}

// Limits bound what one export may hold, so that a hostile or broken
// file cannot claim the machine's memory: an item's text, and the
// number of post metas of one item.
const (
	maxText  = 32 << 20 // the longest content of one item, in bytes
	maxMetas = 1000
)

// IsWXR reports whether the start of an export, head, is a WordPress
// export: an RSS document that declares the wp: namespace.
func IsWXR(head []byte) bool {
	return bytes.Contains(head, []byte("<rss")) && bytes.Contains(head, []byte(nsWPPre))
}

// isWPSpace reports whether space is a wp: namespace, or with the
// suffix "excerpt/" the excerpt: one, of any WXR version.
func isWPSpace(space, suffix string) bool {
	rest, ok := strings.CutPrefix(space, "http:"+nsWPPre)
	if !ok {
		rest, ok = strings.CutPrefix(space, "https:"+nsWPPre)
	}
	if !ok {
		return false
	}
	version, tail, _ := strings.Cut(rest, "/")
	return len(version) > 0 && strings.Trim(version, "0123456789.") == "" && tail == suffix
}

// Read reads the export r token by token, calling item for each item as
// it is read, and returns the rest. It stops at ctx's end, or at item's
// first error.
func Read(ctx context.Context, r io.Reader, item func(*Item) error) (*Export, error) {
	d := xml.NewDecoder(r)
	d.Strict = true
	// Old blogs export in the site's charset (ISO-8859-1, windows-1252):
	// their declaration names it, and the text is read as UTF-8.
	d.CharsetReader = charset.NewReaderLabel
	ex := &Export{}
	var path []string
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		line, _ := d.InputPos()
		tok, err := d.Token()
		if err == io.EOF {
			return ex, nil
		}
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case t.Name.Local == "item" && inChannel(path):
				it, err := readItem(d, line)
				if err != nil {
					return nil, err
				}
				if err := item(it); err != nil {
					return nil, err
				}
				continue
			case isWP(t.Name) && t.Name.Local == "author" && inChannel(path):
				var a struct {
					Login       string `xml:"author_login"`
					Email       string `xml:"author_email"`
					DisplayName string `xml:"author_display_name"`
					FirstName   string `xml:"author_first_name"`
					LastName    string `xml:"author_last_name"`
				}
				if err := decodeLimited(d, &t, &a); err != nil {
					return nil, fmt.Errorf("line %d: wp:author: %w", line, err)
				}
				ex.Authors = append(ex.Authors, Author{a.Login, a.Email, clean(a.DisplayName), clean(a.FirstName), clean(a.LastName)})
				continue
			case isWP(t.Name) && (t.Name.Local == "category" || t.Name.Local == "tag") && inChannel(path):
				var c struct {
					Nicename string `xml:"category_nicename"`
					TagSlug  string `xml:"tag_slug"`
					Parent   string `xml:"category_parent"`
					Name     string `xml:"cat_name"`
					TagName  string `xml:"tag_name"`
				}
				if err := decodeLimited(d, &t, &c); err != nil {
					return nil, fmt.Errorf("line %d: wp:%s: %w", line, t.Name.Local, err)
				}
				if t.Name.Local == "category" {
					ex.Categories = append(ex.Categories, Term{c.Nicename, clean(c.Name), c.Parent})
				} else {
					ex.Tags = append(ex.Tags, Term{c.TagSlug, clean(c.TagName), ""})
				}
				continue
			case inChannel(path) && t.Name.Space == "" && (t.Name.Local == "title" || t.Name.Local == "link" || t.Name.Local == "description" || t.Name.Local == "language"):
				var s string
				if err := decodeLimited(d, &t, &s); err != nil {
					return nil, fmt.Errorf("line %d: %s: %w", line, t.Name.Local, err)
				}
				switch t.Name.Local {
				case "title":
					ex.Title = clean(s)
				case "link":
					ex.Link = strings.TrimSpace(s)
				case "description":
					ex.Description = clean(s)
				case "language":
					ex.Language = strings.TrimSpace(s)
				}
				continue
			}
			path = append(path, t.Name.Local)
		case xml.EndElement:
			if len(path) > 0 {
				path = path[:len(path)-1]
			}
		}
	}
}

// inChannel reports whether the element being read is a child of the
// export's channel.
func inChannel(path []string) bool {
	return len(path) == 2 && path[0] == "rss" && path[1] == "channel"
}

func isWP(n xml.Name) bool { return isWPSpace(n.Space, "") }

// errTooLong says an element of the export is longer than maxText.
var errTooLong = errors.New("longer than 32 MiB; is it really one post?")

// decodeLimited decodes the element start into v, refusing one whose
// text is longer than maxText.
func decodeLimited(d *xml.Decoder, start *xml.StartElement, v any) error {
	before := d.InputOffset()
	if err := d.DecodeElement(v, start); err != nil {
		return err
	}
	if d.InputOffset()-before > maxText {
		return errTooLong
	}
	return nil
}

// readItem reads one <item>, whose start tag the decoder just read.
func readItem(d *xml.Decoder, line int) (*Item, error) {
	it := &Item{Line: line, Meta: map[string]string{}}
	start := d.InputOffset()
	for {
		if d.InputOffset()-start > maxText {
			return nil, fmt.Errorf("line %d: item %w", line, errTooLong)
		}
		elemLine, _ := d.InputPos()
		tok, err := d.Token()
		if err != nil {
			return nil, fmt.Errorf("line %d: item: %w", elemLine, err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if t.Name.Local == "item" {
				return it, nil
			}
		case xml.StartElement:
			if err := readItemField(d, &t, it); err != nil {
				return nil, fmt.Errorf("line %d: %s: %w", elemLine, t.Name.Local, err)
			}
		}
	}
}

// readItemField reads one child element of an item into it.
func readItemField(d *xml.Decoder, t *xml.StartElement, it *Item) error {
	text := func() (string, error) {
		var s string
		err := decodeLimited(d, t, &s)
		return s, err
	}
	var err error
	var s string
	n := t.Name
	switch {
	case n.Space == "" && n.Local == "category":
		var c struct {
			Domain   string `xml:"domain,attr"`
			Nicename string `xml:"nicename,attr"`
			Name     string `xml:",chardata"`
		}
		if err := decodeLimited(d, t, &c); err != nil {
			return err
		}
		cat := Category{c.Domain, c.Nicename, clean(c.Name)}
		if c.Domain == "post_tag" {
			it.Tags = append(it.Tags, cat)
		} else {
			it.Categories = append(it.Categories, cat)
		}
		return nil
	case isWP(n) && n.Local == "postmeta":
		var m struct {
			Key   string `xml:"meta_key"`
			Value string `xml:"meta_value"`
		}
		if err := decodeLimited(d, t, &m); err != nil {
			return err
		}
		if len(it.Meta) < maxMetas {
			it.Meta[m.Key] = m.Value
		}
		return nil
	case isWP(n) && n.Local == "comment":
		return d.Skip() // comments are not imported
	case n.Space == nsContent && n.Local == "encoded":
		// The body's first line, for notes about lines inside it: just
		// after the start tag the decoder has read.
		it.ContentLine, _ = d.InputPos()
	}
	if s, err = text(); err != nil {
		return err
	}
	switch {
	case n.Space == "":
		switch n.Local {
		case "title":
			it.Title = clean(s)
		case "link":
			it.Link = strings.TrimSpace(s)
		case "guid":
			it.GUID = strings.TrimSpace(s)
		}
	case n.Space == nsDC && n.Local == "creator":
		it.Creator = strings.TrimSpace(s)
	case n.Space == nsContent && n.Local == "encoded":
		it.Content = s
	case isWPSpace(n.Space, "excerpt/") && n.Local == "encoded":
		it.Excerpt = s
	case isWP(n):
		readWPField(n.Local, s, it)
	}
	return nil
}

// readWPField sets the item's field that wp:name gives.
func readWPField(name, s string, it *Item) {
	s = strings.TrimSpace(s)
	switch name {
	case "post_id":
		fmt.Sscan(s, &it.ID)
	case "post_date":
		it.Date = s
	case "post_date_gmt":
		it.DateGMT = s
	case "post_modified_gmt":
		it.ModifiedGMT = s
	case "post_modified":
		it.Modified = s
	case "post_name":
		it.Name = s
	case "status":
		it.Status = s
	case "post_type":
		it.Type = s
	case "post_parent":
		fmt.Sscan(s, &it.Parent)
	case "post_password":
		it.Password = s
	case "menu_order":
		fmt.Sscan(s, &it.MenuOrder)
	case "is_sticky":
		it.Sticky = s == "1"
	case "attachment_url":
		it.AttachmentURL = s
	}
}

// clean trims text and folds its runs of white space into one space:
// titles and names as WordPress stores them may hold line breaks.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

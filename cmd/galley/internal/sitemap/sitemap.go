// Package sitemap writes sitemaps for search engines: the sitemaps.org 0.9
// protocol with Google's image extension, split into numbered parts under
// a sitemap index past 50,000 URLs or 50 MB; a Google News sitemap of the
// latest stories; and a robots.txt that names them. Output depends only on
// the input, never on the clock.
package sitemap

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"time"

	"galley.dev/galley/cmd/galley/internal/xmltext"
)

// Namespaces of the sitemap protocol and its extensions.
const (
	nsSitemap = "http://www.sitemaps.org/schemas/sitemap/0.9"
	nsImage   = "http://www.google.com/schemas/sitemap-image/1.1"
	nsNews    = "http://www.google.com/schemas/sitemap-news/0.9"
)

// An Image is a picture on a page, for image search.
type Image struct {
	Loc     string // absolute URL
	Caption string
}

// A URL is one page of the site.
type URL struct {
	Loc     string    // absolute
	LastMod time.Time // zero: omitted
	Images  []Image
}

// Limits bound one sitemap file.
type Limits struct {
	MaxURLs  int
	MaxBytes int
}

// DefaultLimits are the protocol's: 50,000 URLs and 50 MB a file.
var DefaultLimits = Limits{MaxURLs: 50000, MaxBytes: 50 << 20}

const (
	header = xml.Header + `<urlset xmlns="` + nsSitemap + `" xmlns:image="` + nsImage + `">`
	footer = "</urlset>\n"
)

// Build writes urls as one sitemap, or as parts with an index when they
// pass the limits. With one file it returns parts of length one and a nil
// index; otherwise the index lists partURL(1), partURL(2), … with the
// newest lastmod of each part.
func Build(urls []URL, lim Limits, partURL func(i int) string) (parts [][]byte, index []byte, err error) {
	if lim.MaxURLs < 1 || lim.MaxBytes < len(header)+len(footer) {
		return nil, nil, errors.New("sitemap: limits too small for any URL")
	}
	var newest []time.Time
	cur := bytes.NewBufferString(header)
	count := 0
	var latest time.Time
	flush := func() {
		cur.WriteString(footer)
		parts = append(parts, cur.Bytes())
		newest = append(newest, latest)
		cur = bytes.NewBufferString(header)
		count, latest = 0, time.Time{}
	}
	var entry bytes.Buffer
	for _, u := range urls {
		entry.Reset()
		writeURL(&entry, u)
		if len(header)+entry.Len()+len(footer) > lim.MaxBytes {
			return nil, nil, errors.New("sitemap: one URL entry is larger than the byte limit: " + u.Loc)
		}
		if count == lim.MaxURLs || cur.Len()+entry.Len()+len(footer) > lim.MaxBytes {
			flush()
		}
		cur.Write(entry.Bytes())
		count++
		if u.LastMod.After(latest) {
			latest = u.LastMod
		}
	}
	flush()
	if len(parts) == 1 {
		return parts, nil, nil
	}
	var ix bytes.Buffer
	ix.WriteString(xml.Header + `<sitemapindex xmlns="` + nsSitemap + `">`)
	for i := range parts {
		ix.WriteString("<sitemap><loc>")
		escape(&ix, partURL(i+1))
		ix.WriteString("</loc>")
		writeLastMod(&ix, newest[i])
		ix.WriteString("</sitemap>")
	}
	ix.WriteString("</sitemapindex>\n")
	return parts, ix.Bytes(), nil
}

// writeURL writes one <url> entry.
func writeURL(w *bytes.Buffer, u URL) {
	w.WriteString("<url><loc>")
	escape(w, u.Loc)
	w.WriteString("</loc>")
	writeLastMod(w, u.LastMod)
	for _, img := range u.Images {
		w.WriteString("<image:image><image:loc>")
		escape(w, img.Loc)
		w.WriteString("</image:loc>")
		if img.Caption != "" {
			w.WriteString("<image:caption>")
			escape(w, img.Caption)
			w.WriteString("</image:caption>")
		}
		w.WriteString("</image:image>")
	}
	w.WriteString("</url>")
}

func writeLastMod(w *bytes.Buffer, t time.Time) {
	if t.IsZero() {
		return
	}
	w.WriteString("<lastmod>")
	w.WriteString(t.Format(time.RFC3339))
	w.WriteString("</lastmod>")
}

// escape writes s with XML's special characters escaped; every text of
// every sitemap goes through it. The characters XML 1.0 forbids are
// dealt with first by xmltext.Clean, as the feeds do, rather than left to
// encoding/xml, which would write each as U+FFFD.
func escape(w *bytes.Buffer, s string) {
	xml.EscapeText(w, []byte(xmltext.Clean(s)))
}

// A NewsItem is a story for the Google News sitemap.
type NewsItem struct {
	Loc, Title string
	Published  time.Time
}

// A Publication names the publisher in a news sitemap.
type Publication struct {
	Name     string
	Language string // BCP 47 tag: "en", "en-US", "zh-CN"
}

// News writes a Google News sitemap of items; the caller chooses them
// (the stories of the last two days, newest first, at most 1,000).
// With no items it writes an empty urlset: Google's documentation says
// a news sitemap may be empty for a while, though the sitemaps.org
// schema wants one url, and a page without news:news in it is an error
// to Google News.
func News(w io.Writer, pub Publication, items []NewsItem) error {
	var b bytes.Buffer
	b.WriteString(xml.Header + `<urlset xmlns="` + nsSitemap + `" xmlns:news="` + nsNews + `">`)
	for _, it := range items {
		b.WriteString("<url><loc>")
		escape(&b, it.Loc)
		b.WriteString("</loc><news:news><news:publication><news:name>")
		escape(&b, pub.Name)
		b.WriteString("</news:name><news:language>")
		escape(&b, newsLanguage(pub.Language))
		b.WriteString("</news:language></news:publication><news:publication_date>")
		b.WriteString(it.Published.Format(time.RFC3339))
		b.WriteString("</news:publication_date><news:title>")
		escape(&b, it.Title)
		b.WriteString("</news:title></news:news></url>")
	}
	b.WriteString(footer)
	_, err := w.Write(b.Bytes())
	return err
}

// newsLanguage turns a BCP 47 tag into the ISO 639 code Google News
// takes: "en-US" is "en", but Chinese keeps its script ("zh-cn", "zh-tw").
func newsLanguage(tag string) string {
	tag = strings.ToLower(strings.ReplaceAll(tag, "_", "-"))
	if tag == "zh-cn" || tag == "zh-tw" {
		return tag
	}
	lang, _, _ := strings.Cut(tag, "-")
	return lang
}

// Robots returns a robots.txt that lets every crawler in and names the
// sitemaps.
func Robots(sitemaps ...string) []byte {
	var b bytes.Buffer
	b.WriteString("User-agent: *\nAllow: /\n\n")
	for _, s := range sitemaps {
		b.WriteString("Sitemap: " + s + "\n")
	}
	return b.Bytes()
}

package render

import (
	"html/template"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/text/language"

	"galley.dev/galley/cmd/galley/internal/site"
	"galley.dev/galley/cmd/galley/internal/slug"
)

// What crawlers and social platforms read of a page besides its
// article's own tags: the Open Graph and Twitter tags of listings, their
// page numbers, an author's profile as structured data, and the image a
// story offers when it has no hero. The page templates reach them as
// methods of Page (.HeadMeta, .MetaDescription, .StructuredData).

// ogLocale returns the Open Graph locale of a BCP 47 language tag:
// language and territory joined by an underscore ("en-GB" → "en_GB"),
// as Facebook reads it. A tag without a territory takes the one CLDR
// gives as likeliest ("en" → "en_US", "fr" → "fr_FR", "zh-Hant" →
// "zh_TW"), which is what a reader of that language most often is; a
// tag whose territory is no country ("es-419", Latin America), or that
// does not parse, gives "", and the tag is left out, since Facebook
// takes a locale it does not know for en_US.
func ogLocale(tag string) string {
	t, err := language.Parse(strings.ReplaceAll(strings.TrimSpace(tag), "_", "-"))
	if err != nil {
		return ""
	}
	// The language must be given: Base would guess English for "und".
	base, _, _ := t.Raw()
	if base.String() == "und" {
		return ""
	}
	region, conf := t.Region()
	if conf == language.No || !region.IsCountry() {
		return ""
	}
	return base.String() + "_" + region.String()
}

// A socialImage is the picture a page offers to link previews and
// search results.
type socialImage struct {
	URL, Alt      string
	Width, Height int // 0 when unknown
}

// storyImage returns the image of an article's page: its hero, else the
// first picture of its body, else the site's default_image, else none.
// It is never the site's logo or favicon, which platforms showed as a
// blurred stamp on a third of the stories. Every URL went through
// absURL, so it is http or https.
func (r *Renderer) storyImage(p *Page, a *site.Article) socialImage {
	if p.Image != "" {
		img, _ := r.HeroImage(a) // p.Image is its URL
		return socialImage{URL: p.Image, Alt: a.Image.Alt, Width: img.Width, Height: img.Height}
	}
	if p.Article != nil {
		if img, ok := r.firstBodyImage(string(p.Article.Body)); ok {
			return img
		}
	}
	return socialImage{URL: absURL(r.cfg, r.cfg.DefaultImage)}
}

// firstBodyImage returns the first <img> of body whose src is a site
// path or an http(s) URL, with its alt text and size. body is HTML as
// package markdown writes it, where a ">" inside a tag is escaped, so a
// tag ends at the first ">"; reading no further than that keeps the
// search linear however the body is made.
func (r *Renderer) firstBodyImage(body string) (socialImage, bool) {
	for {
		// Most bodies have no picture: a search skips the tokenizer.
		i := strings.Index(body, "<img")
		if i < 0 {
			return socialImage{}, false
		}
		body = body[i:]
		end := strings.IndexByte(body, '>')
		if end < 0 {
			return socialImage{}, false
		}
		tag := body[:end+1]
		body = body[end+1:]
		z := html.NewTokenizer(strings.NewReader(tag))
		z.Next()
		tok := z.Token()
		if tok.Type != html.StartTagToken && tok.Type != html.SelfClosingTagToken || tok.Data != "img" {
			continue
		}
		var img socialImage
		for _, at := range tok.Attr {
			switch at.Key {
			case "src":
				img.URL = absURL(r.cfg, at.Val)
			case "alt":
				img.Alt = at.Val
			case "width":
				img.Width, _ = strconv.Atoi(at.Val)
			case "height":
				img.Height, _ = strconv.Atoi(at.Val)
			}
		}
		if img.URL == "" {
			continue
		}
		if img.Width <= 0 || img.Height <= 0 {
			img.Width, img.Height = 0, 0
		}
		return img, true
	}
}

// imageMeta returns the Open Graph and Twitter tags of img, and the
// Twitter card that suits it: a large one for a photo, a small one for
// none.
func imageMeta(img socialImage, large bool) (og, tw []Meta, card string) {
	if img.URL == "" {
		return nil, nil, "summary"
	}
	og = append(og, Meta{Property: "og:image", Content: img.URL})
	tw = append(tw, Meta{Name: "twitter:image", Content: img.URL})
	if img.Alt != "" {
		og = append(og, Meta{Property: "og:image:alt", Content: img.Alt})
		tw = append(tw, Meta{Name: "twitter:image:alt", Content: img.Alt})
	}
	if img.Width > 0 {
		og = append(og, Meta{Property: "og:image:width", Content: itoa(img.Width)}, Meta{Property: "og:image:height", Content: itoa(img.Height)})
	}
	card = "summary"
	if large {
		card = "summary_large_image"
	}
	return og, tw, card
}

// PageNumber returns the number of the page within its listing: 1 for
// the first page and for pages that are no listing.
func (p *Page) PageNumber() int {
	if p.Pager == nil {
		return 1
	}
	for _, l := range p.Pager.Pages {
		if l.Current {
			if n, err := strconv.Atoi(l.Name); err == nil {
				return n
			}
		}
	}
	return 1
}

// MetaDescription returns the page's description for its meta tags.
// Past the first page of a listing it says which page it is, as its
// title does, so that search engines do not take the pages of a
// listing for copies of one another.
func (p *Page) MetaDescription() string {
	n := p.PageNumber()
	if n <= 1 {
		return p.Description
	}
	page := "Page " + strconv.Itoa(n)
	if p.Pager != nil && len(p.Pager.Pages) > 0 {
		page += " of " + p.Pager.Pages[len(p.Pager.Pages)-1].Name
	}
	d := strings.TrimSpace(p.Description)
	switch {
	case d == "":
		return page + "."
	case strings.HasSuffix(d, ".") || strings.HasSuffix(d, "!") || strings.HasSuffix(d, "?"):
		return d + " " + page + "."
	}
	return d + ". " + page + "."
}

// websiteKinds are the pages that get Open Graph tags of type website:
// the front page, the fronts of sections, topics and authors, their
// indexes and the standalone pages.
var websiteKinds = []string{"home", "section", "topic", "author", "topics", "authors", "page"}

// HeadMeta returns the page's meta tags: its own (an article's), and for
// the other pages that are shared (the front page, a section, topic or
// author) the Open Graph and Twitter tags of a website, made from its
// title, description, canonical URL and image.
func (p *Page) HeadMeta() []Meta {
	if !slices.Contains(websiteKinds, p.Kind) || slices.ContainsFunc(p.Meta, func(m Meta) bool { return m.Property == "og:type" }) {
		return p.Meta
	}
	cfg := p.Site
	desc := p.MetaDescription()
	m := slices.Clone(p.Meta)
	m = append(m,
		Meta{Property: "og:type", Content: "website"},
		Meta{Property: "og:site_name", Content: cfg.Title},
		Meta{Property: "og:title", Content: p.Title},
		Meta{Property: "og:description", Content: desc},
		Meta{Property: "og:url", Content: p.URL},
	)
	if l := ogLocale(cfg.Language); l != "" {
		m = append(m, Meta{Property: "og:locale", Content: l})
	}
	img, large := p.listingImage()
	og, tw, card := imageMeta(img, large)
	m = append(m, og...)
	m = append(m,
		Meta{Name: "twitter:card", Content: card},
		Meta{Name: "twitter:title", Content: p.Title},
		Meta{Name: "twitter:description", Content: desc},
	)
	m = append(m, tw...)
	if h := twitterSite(p); h != "" {
		m = append(m, Meta{Name: "twitter:site", Content: h})
	}
	return slices.DeleteFunc(m, func(t Meta) bool { return t.Content == "" || scriptScheme(t.Content) })
}

// HeadMetaHTML returns the meta tags of HeadMeta as HTML, each value
// escaped as html/template escapes a quoted attribute's. The theme's
// head.html inserts them so: ranging over HeadMeta in the template was
// a fifth of an article page's time, three actions for each of its 30
// tags, each through reflection.
func (p *Page) HeadMetaHTML() template.HTML {
	var b strings.Builder
	for _, m := range p.HeadMeta() {
		if m.Property != "" {
			b.WriteString(`<meta property="`)
			attrEscaper.WriteString(&b, m.Property)
		} else {
			b.WriteString(`<meta name="`)
			attrEscaper.WriteString(&b, m.Name)
		}
		b.WriteString(`" content="`)
		attrEscaper.WriteString(&b, m.Content)
		b.WriteString(`">`)
	}
	return template.HTML(b.String()) // every value escaped
}

// attrEscaper escapes text for a quoted attribute's value as
// html/template does (its htmlReplacementTable), so that a tag made here
// is byte for byte the one a template makes.
var attrEscaper = strings.NewReplacer(
	"\x00", "\uFFFD",
	`"`, "&#34;",
	"&", "&amp;",
	"'", "&#39;",
	"+", "&#43;",
	"<", "&lt;",
	">", "&gt;",
)

// listingImage returns the image of a page that is not an article: a
// standalone page's hero, an author's photo (a headshot, for a small
// card), or the site's default_image.
func (p *Page) listingImage() (img socialImage, large bool) {
	if p.Image != "" {
		v := socialImage{URL: p.Image}
		if p.Article != nil {
			v.Alt, v.Width, v.Height = p.Article.Image.Alt, p.Article.Image.Width, p.Article.Image.Height
		}
		return v, true
	}
	if p.Kind == "author" && p.Term != nil {
		if u := absURL(p.Site, p.Term.Photo); u != "" {
			return socialImage{URL: u, Alt: p.Term.Name}, false
		}
	}
	return socialImage{URL: absURL(p.Site, p.Site.DefaultImage)}, true
}

// twitterSite returns the site's X handle with its "@", or "".
func twitterSite(p *Page) string {
	if h := strings.TrimPrefix(p.Site.Social["x"], "@"); h != "" {
		return "@" + h
	}
	return ""
}

// StructuredData returns the page's JSON-LD: its own (an article's, the
// front page's), or for an author's page a ProfilePage of the Person.
func (p *Page) StructuredData() any {
	if p.JSONLD != nil {
		return p.JSONLD
	}
	if p.Kind == "author" && p.Term != nil {
		return profileOf(p)
	}
	return nil
}

// profilePage and profilePerson are schema.org's ProfilePage and
// Person, as Google reads them for an author's page.
type (
	profilePage struct {
		Context    string        `json:"@context"`
		Type       string        `json:"@type"`
		URL        string        `json:"url"`
		MainEntity profilePerson `json:"mainEntity"`
	}
	profilePerson struct {
		Type     string   `json:"@type"`
		Name     string   `json:"name"`
		URL      string   `json:"url"`
		Image    string   `json:"image,omitempty"`
		JobTitle string   `json:"jobTitle,omitempty"`
		SameAs   []string `json:"sameAs,omitempty"`
	}
)

// profileOf returns the ProfilePage of the author of page p: the name,
// the author's page, the photo, the role as job title, and the profile's
// links to the same person elsewhere (http and https only).
func profileOf(p *Page) profilePage {
	t := p.Term
	person := profilePerson{
		Type:     "Person",
		Name:     t.Name,
		URL:      p.Site.Abs(slug.EscapePath(t.URL)),
		Image:    absURL(p.Site, t.Photo),
		JobTitle: t.Role,
	}
	for _, l := range t.Links {
		if strings.HasPrefix(l.URL, "https://") || strings.HasPrefix(l.URL, "http://") {
			person.SameAs = append(person.SameAs, l.URL)
		}
	}
	return profilePage{Context: "https://schema.org", Type: "ProfilePage", URL: p.URL, MainEntity: person}
}

package render

import (
	"slices"
	"strings"
	"time"

	"galley.dev/galley/cmd/galley/internal/site"
)

// articleMeta returns the Open Graph and Twitter card tags of an article.
// Every URL in them went through absURL; html/template escapes the rest.
func (r *Renderer) articleMeta(p *Page, a *site.Article) []Meta {
	m := []Meta{
		{Property: "og:type", Content: "article"},
		{Property: "og:site_name", Content: r.cfg.Title},
		{Property: "og:title", Content: a.Title},
		{Property: "og:description", Content: a.Description},
		{Property: "og:url", Content: p.URL},
	}
	if l := ogLocale(r.cfg.Language); l != "" {
		m = append(m, Meta{Property: "og:locale", Content: l})
	}
	og, tw, card := imageMeta(r.storyImage(p, a), true)
	m = append(m, og...)
	// Google Discover shows a story with a large picture only when the
	// page allows it.
	m = append(m, Meta{Name: "robots", Content: "max-image-preview:large"})
	m = append(m,
		Meta{Property: "article:published_time", Content: a.Date.Format(time.RFC3339)},
		Meta{Property: "article:modified_time", Content: a.Modified().Format(time.RFC3339)},
	)
	for _, au := range a.Authors {
		m = append(m, Meta{Property: "article:author", Content: r.cfg.Abs(au.URL())})
	}
	m = append(m, Meta{Property: "article:section", Content: site.SectionName(a.Article.Section)})
	for _, t := range a.Topics {
		m = append(m, Meta{Property: "article:tag", Content: t.Name})
	}
	m = append(m,
		Meta{Name: "twitter:card", Content: card},
		Meta{Name: "twitter:title", Content: a.Title},
		Meta{Name: "twitter:description", Content: a.Description},
	)
	m = append(m, tw...)
	if h := twitterSite(p); h != "" {
		m = append(m, Meta{Name: "twitter:site", Content: h})
	}
	return slices.DeleteFunc(m, func(t Meta) bool { return scriptScheme(t.Content) })
}

// scriptScheme reports whether s starts like a URL that runs or embeds
// code. Crawlers read many meta values as URLs, and html/template does
// not escape them as such, so such values never reach a meta tag, even
// where the tag holds text (a topic named "javascript:…").
func scriptScheme(s string) bool {
	s = strings.ToLower(strings.Join(strings.Fields(s), ""))
	return strings.HasPrefix(s, "javascript:") || strings.HasPrefix(s, "vbscript:") || strings.HasPrefix(s, "data:")
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return string(b[i:])
}

// The JSON-LD types, after schema.org. html/template marshals them as
// JSON and escapes them for the script element, so a "</script>" in a
// headline cannot end it.
type (
	newsArticle struct {
		Context          string   `json:"@context"`
		Type             string   `json:"@type"`
		Headline         string   `json:"headline"`
		Description      string   `json:"description,omitempty"`
		Image            []any    `json:"image,omitempty"` // URLs, or ImageObjects
		DatePublished    string   `json:"datePublished"`
		DateModified     string   `json:"dateModified"`
		Author           []person `json:"author,omitempty"`
		Publisher        org      `json:"publisher"`
		MainEntityOfPage webPage  `json:"mainEntityOfPage"`
		ArticleSection   string   `json:"articleSection,omitempty"`
		Keywords         []string `json:"keywords,omitempty"`
		InLanguage       string   `json:"inLanguage,omitempty"`
	}
	person struct {
		Type string `json:"@type"`
		Name string `json:"name"`
		URL  string `json:"url"`
	}
	org struct {
		Type string     `json:"@type"`
		Name string     `json:"name"`
		URL  string     `json:"url"`
		Logo *imageItem `json:"logo,omitempty"`
	}
	imageItem struct {
		Type string `json:"@type"`
		URL  string `json:"url"`
	}
	webPage struct {
		Type string `json:"@type"`
		ID   string `json:"@id"`
	}
)

func (r *Renderer) newsArticle(p *Page, a *site.Article) newsArticle {
	n := newsArticle{
		Context:          "https://schema.org",
		Type:             "NewsArticle",
		Headline:         a.Title,
		Description:      a.Description,
		DatePublished:    a.Date.Format(time.RFC3339),
		DateModified:     a.Modified().Format(time.RFC3339),
		Publisher:        r.publisher(),
		MainEntityOfPage: webPage{Type: "WebPage", ID: p.URL},
		ArticleSection:   site.SectionName(a.Article.Section),
		InLanguage:       r.cfg.Language,
	}
	// No image rather than the logo: Google shows a story's image large,
	// and a favicon blown up is worse than none.
	if o := r.heroObject(a); o != nil {
		n.Image = []any{o} // with its credit and rights
		n.Image = append(n.Image, r.cropObjects(a, o)...)
	} else if img := r.storyImage(p, a); img.URL != "" {
		n.Image = []any{img.URL}
	}
	for _, au := range a.Authors {
		n.Author = append(n.Author, person{Type: "Person", Name: au.Name, URL: r.cfg.Abs(au.URL())})
	}
	for _, t := range a.Topics {
		n.Keywords = append(n.Keywords, t.Name)
	}
	return n
}

func (r *Renderer) publisher() org {
	o := org{Type: "NewsMediaOrganization", Name: r.cfg.Publisher, URL: r.cfg.Abs("/")}
	if o.Name == "" {
		o.Name = r.cfg.Title
	}
	if logo := absURL(r.cfg, r.cfg.Logo); logo != "" {
		o.Logo = &imageItem{Type: "ImageObject", URL: logo}
	}
	return o
}

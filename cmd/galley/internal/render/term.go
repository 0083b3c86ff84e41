package render

import (
	"bytes"
	"html/template"

	"galley.dev/galley/cmd/galley/internal/site"
)

// termView returns a section, topic or author for page n of its
// listing, with the author's profile and the section's intro (on the
// first page) converted from markdown.
func (r *Renderer) termView(t *site.Term, n int) *TermView {
	v := &TermView{Name: t.Name, URL: t.URL()}
	if feeds := r.feedsOf(t); len(feeds) > 0 {
		v.FeedURL, v.FeedName = t.URL()+feeds[0].file, feeds[0].name
	}
	if in := t.Intro; in != nil && n == 1 {
		v.Intro = r.intro(in.Body, t.URL())
	}
	p := t.Profile
	if p == nil {
		return v
	}
	v.Role, v.Photo = p.Role, p.Photo
	if pic := r.Pictures[p.Photo]; pic != nil && !pic.Original && len(pic.Sources) > 0 {
		// Shown 96 pixels wide: the narrowest derivative, and the rest for
		// screens of a higher density.
		fallback := pic.Sources[len(pic.Sources)-1]
		v.Photo, v.PhotoSrcset = fallback.Variants[0].URL, fallback.srcset()
	}
	var bio bytes.Buffer
	if err := r.md.Convert(&bio, p.Bio, t.URL()); err == nil {
		v.Bio = template.HTML(r.tmpl.minifyHTML(bio.Bytes())) // sanitised by package markdown
	}
	for _, l := range p.Links {
		v.Links = append(v.Links, Link{Name: l.Name, URL: l.URL})
	}
	return v
}

// intro converts the markdown of an intro on the page at pagePath.
func (r *Renderer) intro(md []byte, pagePath string) template.HTML {
	var b bytes.Buffer
	if err := r.md.Convert(&b, md, pagePath); err != nil {
		return ""
	}
	return template.HTML(r.tmpl.minifyHTML(b.Bytes())) // sanitised by package markdown
}

// webSite is the JSON-LD of the front page.
type webSite struct {
	Context   string `json:"@context"`
	Type      string `json:"@type"`
	Name      string `json:"name"`
	URL       string `json:"url"`
	Publisher org    `json:"publisher"`
}

func (r *Renderer) webSite() webSite {
	return webSite{Context: "https://schema.org", Type: "WebSite", Name: r.cfg.Title, URL: r.cfg.Abs("/"), Publisher: r.publisher()}
}

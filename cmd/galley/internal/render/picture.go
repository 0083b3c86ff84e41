package render

import (
	"strconv"
	"strings"

	"galley.dev/galley/cmd/galley/internal/markdown"
	"galley.dev/galley/cmd/galley/internal/site"
)

// A Picture is what the images stage made of a local image: its
// derivatives, for srcset, and what the photo says of itself.
type Picture struct {
	// Width and Height are the image as shown (upright), in pixels.
	Width, Height int
	// Sources are the derivatives by format, the modern ones first
	// (WebP), then the fallback (JPEG) last.
	Sources []PictureFormat
	// Original is true when the image is used as it is (an animated
	// GIF, an SVG): no derivatives.
	Original bool
	// Crops are JPEGs of the picture in the shapes search engines ask
	// for: 16:9, 4:3 and 1:1.
	Crops []PictureVariant
	// Caption, Credit and the rest are the photo's own metadata
	// (IPTC/XMP/EXIF), shown where the front matter says nothing.
	Caption, Headline, Creator, Credit, Copyright, License, LicensorURL string
}

// A PictureFormat is the derivatives of one image in one format.
type PictureFormat struct {
	// Type is the MIME type: image/webp, image/jpeg.
	Type     string
	Variants []PictureVariant
}

// A PictureVariant is one derivative: its site path and width.
type PictureVariant struct {
	URL           string
	Width, Height int
}

// srcset returns the variants as a srcset: "a-320.webp 320w, …".
func (f PictureFormat) srcset() string {
	var b strings.Builder
	for i, v := range f.Variants {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(v.URL + " " + strconv.Itoa(v.Width) + "w")
	}
	return b.String()
}

// Largest returns the widest variant of the fallback format, or false.
func (p *Picture) Largest() (PictureVariant, bool) {
	if p == nil || len(p.Sources) == 0 {
		return PictureVariant{}, false
	}
	vs := p.Sources[len(p.Sources)-1].Variants
	if len(vs) == 0 {
		return PictureVariant{}, false
	}
	return vs[len(vs)-1], true
}

// The sizes of the theme's images: how wide each is shown, by the
// layout of galley.css, so that a browser picks the smallest variant
// that fills it. A site whose CSS differs overrides the templates.
const (
	// HeroSizes: the story column, 40rem, with 1rem margins on a phone.
	HeroSizes = "(min-width: 42rem) 40rem, calc(100vw - 2rem)"
	// LeadSizes: three fifths of the 72rem front page, or the width.
	LeadSizes = "(min-width: 48rem) 43rem, calc(100vw - 2rem)"
	// CardSizes: a card of the grid of columns at least 16rem wide.
	CardSizes = "(min-width: 72rem) 23rem, (min-width: 35rem) 50vw, calc(100vw - 2rem)"
)

// withPicture fills v, an image at the site path of p, with p's
// derivatives and, where v has none, its caption and credit.
func withPicture(v *ImageView, p *Picture, sizes string) {
	if p == nil || v == nil {
		return
	}
	if v.Width == 0 {
		v.Width, v.Height = p.Width, p.Height
	}
	if v.Caption == "" {
		v.Caption = p.Caption
	}
	if v.Credit == "" {
		v.Credit = p.Credit
	}
	if p.Original || len(p.Sources) == 0 {
		return
	}
	v.Width, v.Height = p.Width, p.Height
	v.Sizes = sizes
	fallback := p.Sources[len(p.Sources)-1]
	v.Srcset = fallback.srcset()
	if largest, ok := p.Largest(); ok {
		v.Src = largest.URL
	}
	for _, f := range p.Sources[:len(p.Sources)-1] {
		v.Sources = append(v.Sources, SourceView{Type: f.Type, Srcset: f.srcset()})
	}
}

// socialWidth is the width that Google Discover and social cards want
// of a story's image, at least.
const socialWidth = 1200

// socialVariant returns the derivative for og:image and feeds: of the
// fallback format (JPEG, which every crawler reads), the narrowest at
// least 1,200 pixels wide, else the widest.
func socialVariant(p *Picture) (PictureVariant, bool) {
	if p == nil || p.Original || len(p.Sources) == 0 {
		return PictureVariant{}, false
	}
	vs := p.Sources[len(p.Sources)-1].Variants
	for _, v := range vs {
		if v.Width >= socialWidth {
			return v, true
		}
	}
	return p.Largest()
}

// A HeroImage is a story's hero as feeds and sitemaps carry it: the
// social derivative where there is one, with what the figure shows.
type HeroImage struct {
	URL                                      string // absolute
	Width, Height                            int
	Alt, Caption, Credit, Creator, Copyright string
	// License and LicensorURL are the photo's web statement of rights
	// and where to license it, as it says; "" when it does not.
	License, LicensorURL string
}

// HeroImage returns a's hero for feeds and sitemaps, or false when it
// has none that an absolute URL can name.
func (r *Renderer) HeroImage(a *site.Article) (HeroImage, bool) {
	h := r.hero(a)
	if h == nil || h.Src == "" {
		return HeroImage{}, false
	}
	p := r.Pictures[h.Src]
	v := *h
	withPicture(&v, p, "")
	img := HeroImage{URL: absURL(r.cfg, h.Src), Width: v.Width, Height: v.Height, Alt: v.Alt, Caption: v.Caption, Credit: v.Credit}
	if sv, ok := socialVariant(p); ok {
		img.URL, img.Width, img.Height = absURL(r.cfg, sv.URL), sv.Width, sv.Height
	}
	if p != nil {
		img.Creator, img.Copyright, img.License, img.LicensorURL = p.Creator, p.Copyright, p.License, p.LicensorURL
	}
	return img, img.URL != ""
}

// bodyPicture returns the derivatives of a picture of a story's text,
// for package markdown: the <img> shows the one fit for a feed or a
// share (at least 1,200 wide), a browser picks from the srcset.
func (r *Renderer) bodyPicture(sitePath string) *markdown.Picture {
	p := r.Pictures[sitePath]
	v, ok := socialVariant(p)
	if !ok {
		return nil
	}
	mp := &markdown.Picture{Src: v.URL, Width: p.Width, Height: p.Height, Srcset: p.Sources[len(p.Sources)-1].srcset()}
	for _, f := range p.Sources[:len(p.Sources)-1] {
		mp.Sources = append(mp.Sources, markdown.PictureSource{Type: f.Type, Srcset: f.srcset()})
	}
	return mp
}

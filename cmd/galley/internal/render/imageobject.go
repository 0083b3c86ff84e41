package render

import (
	"galley.dev/galley/cmd/galley/internal/site"
)

// imageObject is a schema.org ImageObject: the picture with its credit
// and rights, from which Google shows the photographer and the
// "Licensable" badge.
type imageObject struct {
	Type               string        `json:"@type"`
	ContentURL         string        `json:"contentUrl"`
	URL                string        `json:"url"`
	Width              int           `json:"width,omitempty"`
	Height             int           `json:"height,omitempty"`
	Caption            string        `json:"caption,omitempty"`
	CreditText         string        `json:"creditText,omitempty"`
	Creator            *imageCreator `json:"creator,omitempty"`
	CopyrightNotice    string        `json:"copyrightNotice,omitempty"`
	License            string        `json:"license,omitempty"`
	AcquireLicensePage string        `json:"acquireLicensePage,omitempty"`
}

// imageCreator is the photographer: a Person by name.
type imageCreator struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

// heroObject returns a's hero as an ImageObject, or nil without one:
// the social derivative (at least 1,200 pixels wide) when there is one,
// with the credit and caption the figure shows and the rights the photo
// carries.
func (r *Renderer) heroObject(a *site.Article) *imageObject {
	img, ok := r.HeroImage(a)
	if !ok {
		return nil
	}
	o := &imageObject{Type: "ImageObject", ContentURL: img.URL, URL: img.URL, Width: img.Width, Height: img.Height,
		Caption: img.Caption, CreditText: img.Credit, CopyrightNotice: img.Copyright}
	if img.Creator != "" {
		o.Creator = &imageCreator{Type: "Person", Name: img.Creator}
	}
	if safeHTTP(img.License) {
		o.License = img.License
	}
	if safeHTTP(img.LicensorURL) {
		o.AcquireLicensePage = img.LicensorURL
	}
	return o
}

// safeHTTP reports whether u is an absolute http(s) URL, fit for a
// structured-data link.
func safeHTTP(u string) bool {
	return len(u) > 8 && (u[:7] == "http://" || u[:8] == "https://")
}

// cropObjects returns the crops of a's hero (16:9, 4:3, 1:1), each an
// ImageObject with the credit and rights of o, the whole picture's:
// Google picks the shape its result needs.
func (r *Renderer) cropObjects(a *site.Article, o *imageObject) []any {
	h := r.hero(a)
	if h == nil {
		return nil
	}
	p := r.Pictures[h.Src]
	if p == nil {
		return nil
	}
	var out []any
	for _, c := range p.Crops {
		co := *o
		co.ContentURL = absURL(r.cfg, c.URL)
		co.URL, co.Width, co.Height = co.ContentURL, c.Width, c.Height
		out = append(out, &co)
	}
	return out
}

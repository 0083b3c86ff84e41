// Package minifier holds the minifier Galley writes with, set up once for
// the two stages that minify: package output, which minifies the files
// it writes, and package render, which minifies the theme and the story
// bodies that pages are made of. Both must minify alike, or a page made
// of minified parts would not be the page minified whole.
package minifier

import (
	"regexp"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
)

// New returns a minifier of HTML, CSS, JavaScript, SVG and JSON. HTML
// keeps its markup as written (document tags, end tags, quotes, default
// attribute values), without the whitespace between tags. With
// templates it leaves Go template actions, {{…}}, as they are: it
// minifies template files.
func New(templates bool) *minify.M {
	h := &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true}
	if templates {
		h.TemplateDelims = html.GoTemplateDelims
	}
	m := minify.New()
	m.Add("text/html", h)
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile("^(application|text)/(x-)?(java|ecma)script$"), js.Minify)
	m.AddFuncRegexp(regexp.MustCompile("[/+]json$"), json.Minify)
	return m
}

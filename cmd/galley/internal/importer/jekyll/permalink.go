package jekyll

import (
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"galley.dev/galley/cmd/galley/internal/importer"
)

// styles are Jekyll's named permalink styles for posts.
var styles = map[string]string{
	"date":     "/:categories/:year/:month/:day/:title:output_ext",
	"pretty":   "/:categories/:year/:month/:day/:title/",
	"ordinal":  "/:categories/:year/:y_day/:title:output_ext",
	"weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
	"none":     "/:categories/:title:output_ext",
}

// placeholder matches a permalink placeholder.
var placeholder = regexp.MustCompile(`:[a-z_]+`)

// oldURL is the URL Jekyll gave the page: its permalink:, else, for a
// post, the posts collection's permalink or the site's style or
// pattern; for a collection's document the collection's permalink or
// /:collection/:path; for a page its path. The last two get the suffix
// the site's style gives them, as Jekyll's add_permalink_suffix does.
// It returns "" for a document without a date whose URL had one, which
// the old build took from its clock.
func (r *run) oldURL(p *page) string {
	pattern := importer.Str(p.doc.Fields.Get("permalink"))
	if pattern == "" {
		pattern = r.template(p)
	}
	v := r.values(p)
	if p.coll != nil && p.m.Time.IsZero() && usesDate(pattern, v) {
		return ""
	}
	return expand(pattern, v)
}

// template is the permalink pattern of p when its front matter sets none.
func (r *run) template(p *page) string {
	style := r.cfg.Permalink
	if style == "" {
		style = "date"
	}
	switch {
	case p.post && r.cfg.posts != nil && r.cfg.posts.Permalink != "":
		return r.cfg.posts.Permalink
	case p.post:
		if s, ok := styles[style]; ok {
			return s
		}
		return style
	case p.coll != nil && p.coll.Permalink != "":
		return p.coll.Permalink
	case p.coll != nil:
		return withSuffix("/:collection/:path", style)
	}
	return withSuffix("/:path/:basename", style)
}

// withSuffix ends the pattern as the site's permalink style says: a
// folder for pretty or a pattern ending in /, the output extension for
// date, ordinal, none or a pattern ending in :output_ext, and nothing
// else otherwise (weekdate too), as Jekyll's add_permalink_suffix does.
func withSuffix(pattern, style string) string {
	switch {
	case style == "pretty", !isStyle(style) && strings.HasSuffix(style, "/"):
		return pattern + "/"
	case style == "date", style == "ordinal", style == "none", !isStyle(style) && strings.HasSuffix(style, ":output_ext"):
		return pattern + ":output_ext"
	}
	return pattern
}

func isStyle(style string) bool {
	_, ok := styles[style]
	return ok
}

// dateKeys are the placeholders that come from a document's date.
var dateKeys = []string{"year", "short_year", "month", "i_month", "short_month", "long_month", "day", "i_day", "hour", "minute", "second", "y_day", "short_day", "long_day", "week"}

// usesDate reports whether the pattern, with the placeholders v, uses
// the date.
func usesDate(pattern string, v map[string]string) bool {
	for _, t := range placeholder.FindAllString(pattern, -1) {
		if key, ok := known(t[1:], v); ok && slices.Contains(dateKeys, key) {
			return true
		}
	}
	return false
}

// values are the placeholders' values for a page.
func (r *run) values(p *page) map[string]string {
	t := p.m.Time
	slug := p.name
	if p.m.Slug != "" {
		slug = p.m.Slug
	}
	cats := make([]string, 0, len(p.dirCat)+len(p.m.Categories))
	for _, c := range append(append([]string{}, p.dirCat...), p.m.Categories...) {
		cats = append(cats, strings.ToLower(c))
	}
	dir := path.Dir(p.rel)
	if dir == "." {
		dir = ""
	}
	basename := strings.TrimSuffix(path.Base(p.rel), path.Ext(p.rel))
	v := map[string]string{
		"year": t.Format("2006"), "short_year": t.Format("06"),
		"month": t.Format("01"), "i_month": strconv.Itoa(int(t.Month())),
		"short_month": t.Format("Jan"), "long_month": t.Format("January"),
		"day": t.Format("02"), "i_day": strconv.Itoa(t.Day()),
		"hour": t.Format("15"), "minute": t.Format("04"), "second": t.Format("05"),
		"y_day": pad3(t.YearDay()), "short_day": t.Format("Mon"), "long_day": t.Format("Monday"),
		"week":       weekOf(t.ISOWeek()),
		"title":      slug,
		"slug":       importer.URLize(strings.ToLower(slug)),
		"name":       slug,
		"categories": strings.Join(cats, "/"),
		"path":       dir,
		"basename":   basename,
		"output_ext": ".html",
	}
	if !p.post && p.coll == nil && basename == "index" {
		v["basename"], v["output_ext"] = "", ""
	}
	if p.coll != nil {
		// A document's :path is its path in the collection, date and
		// all, and :name its file name made a slug.
		clean := strings.TrimSuffix(strings.TrimPrefix(p.rel, p.coll.Dir), path.Ext(p.rel))
		v["path"] = strings.TrimRight(clean, ".")
		v["name"] = slugify(basename)
		v["collection"] = p.coll.Label
	}
	return v
}

// slugify makes s a slug as Jekyll's default slugify does: lowercase,
// every run of characters but letters and digits a hyphen.
func slugify(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			hyphen = false
		} else {
			hyphen = true
		}
	}
	return b.String()
}

func pad3(n int) string {
	s := strconv.Itoa(n)
	for len(s) < 3 {
		s = "0" + s
	}
	return s
}

func weekOf(_, week int) string {
	if week < 10 {
		return "0" + strconv.Itoa(week)
	}
	return strconv.Itoa(week)
}

// known returns the placeholder that name starts with: :output_ext and
// the like, the longest known name first.
func known(name string, v map[string]string) (string, bool) {
	for n := len(name); n > 0; n-- {
		if _, ok := v[name[:n]]; ok {
			return name[:n], true
		}
	}
	return "", false
}

// expand fills in the placeholders of a permalink pattern, dropping the
// empty folders that empty ones leave.
func expand(pattern string, v map[string]string) string {
	u := placeholder.ReplaceAllStringFunc(pattern, func(t string) string {
		if key, ok := known(t[1:], v); ok {
			return v[key] + t[1+len(key):]
		}
		return t
	})
	trailing := strings.HasSuffix(u, "/") || strings.HasSuffix(pattern, "/")
	u = path.Clean("/" + u)
	if trailing && u != "/" {
		u += "/"
	}
	return u
}

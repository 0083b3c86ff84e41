package jekyll

import (
	"path"
	"regexp"
	"strconv"
	"strings"

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
// post, the site's permalink style or pattern, and for a page its path,
// as a folder when the style is pretty or ends in a slash.
func (r *run) oldURL(p *page) string {
	pattern := importer.Str(p.doc.Fields.Get("permalink"))
	style := r.cfg.Permalink
	if s, ok := styles[style]; ok {
		style = s
	} else if style == "" {
		style = styles["date"]
	}
	if pattern == "" {
		switch {
		case p.post:
			pattern = style
		case strings.HasSuffix(style, "/"):
			pattern = "/:path/:basename/"
		default:
			pattern = "/:path/:basename:output_ext"
		}
	}
	return expand(pattern, r.values(p))
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
	if !p.post && basename == "index" {
		v["basename"], v["output_ext"] = "", ""
	}
	return v
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

// expand fills in the placeholders of a permalink pattern, dropping the
// empty folders that empty ones leave.
func expand(pattern string, v map[string]string) string {
	u := placeholder.ReplaceAllStringFunc(pattern, func(t string) string {
		// :output_ext and the like: try the longest known name first.
		name := t[1:]
		for n := len(name); n > 0; n-- {
			if val, ok := v[name[:n]]; ok {
				return val + name[n:]
			}
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

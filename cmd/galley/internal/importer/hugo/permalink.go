package hugo

import (
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"galley.dev/galley/cmd/galley/internal/importer"
)

// A pageInfo is what a Hugo page's URL is made of.
type pageInfo struct {
	rel    string // path in the content folder: posts/a.md, posts/b/index.md
	bundle bool
	title  string
	slug   string // front matter slug:, as written
	url    string // front matter url:, as written
	date   time.Time
	name   string // the file's name without extension and language suffix
}

// dir is the page's folder in the content folder ("" at its top); a
// bundle's is the folder that holds the bundle.
func (p pageInfo) dir() string {
	d := path.Dir(p.rel)
	if p.bundle {
		d = path.Dir(d)
	}
	if d == "." {
		return ""
	}
	return d
}

// filename is the file's name without extension and language (name
// when set), or the bundle's folder name.
func (p pageInfo) filename() string {
	if p.bundle {
		return path.Base(path.Dir(p.rel))
	}
	if p.name != "" {
		return p.name
	}
	name := path.Base(p.rel)
	return strings.TrimSuffix(name, path.Ext(name))
}

// section is the page's first folder.
func (p pageInfo) section() string {
	s, _, _ := strings.Cut(p.dir(), "/")
	return s
}

// token matches a permalink placeholder.
var token = regexp.MustCompile(`:[a-z_]+`)

// oldURL is the URL Hugo gave the page: its url:, else the permalink
// pattern of its section, else its folder and its slug or file name;
// lowercased unless disablePathToLower, ending in .html with uglyURLs.
func (c *config) oldURL(p pageInfo) string {
	prefix := ""
	if c.inSubdir {
		prefix = "/" + c.defaultLang
	}
	if p.url != "" {
		u := p.url
		if !strings.HasPrefix(u, "/") {
			u = "/" + u
		}
		return prefix + u
	}
	var u string
	if pattern, ok := c.permalinks[p.section()]; ok && p.section() != "" {
		u = token.ReplaceAllStringFunc(pattern, func(t string) string {
			if v, ok := c.placeholder(p, t[1:]); ok {
				return v
			}
			return t
		})
	} else {
		name := p.filename()
		if p.slug != "" {
			name = p.slug
		}
		u = path.Join("/", p.dir(), importer.URLize(name))
	}
	u = path.Clean("/" + u)
	if c.lower {
		u = strings.ToLower(u)
	}
	if u == "/" {
		return prefix + u
	}
	if c.ugly {
		if path.Ext(u) == "" {
			u += ".html"
		}
		return prefix + u
	}
	return prefix + u + "/"
}

// placeholder expands one permalink placeholder for p.
func (c *config) placeholder(p pageInfo, name string) (string, bool) {
	d := p.date
	slugOr := func(fallback string) string {
		if p.slug != "" {
			return importer.URLize(p.slug)
		}
		return importer.URLize(fallback)
	}
	switch name {
	case "year":
		return d.Format("2006"), true
	case "month":
		return d.Format("01"), true
	case "monthname":
		return d.Format("January"), true
	case "day":
		return d.Format("02"), true
	case "weekday":
		return strconv.Itoa(int(d.Weekday())), true
	case "weekdayname":
		return d.Format("Monday"), true
	case "yearday":
		return strconv.Itoa(d.YearDay()), true
	case "section":
		return p.section(), true
	case "sections":
		return p.dir(), true
	case "title":
		return importer.URLize(p.title), true
	case "slug":
		return slugOr(p.title), true
	case "slugorfilename", "slugorcontentbasename":
		return slugOr(p.filename()), true
	case "filename", "contentbasename":
		return importer.URLize(p.filename()), true
	}
	return "", false
}

// resolveAlias makes one of the page's own aliases a site path: a
// relative alias is read in the page's folder, as Hugo reads it, and one
// without an extension is a folder.
func (c *config) resolveAlias(p pageInfo, alias string) string {
	a := strings.TrimSpace(alias)
	if a == "" || strings.Contains(a, "://") {
		return a
	}
	if !strings.HasPrefix(a, "/") {
		// Hugo joins a relative alias to the folder of the page's URL
		// (hugolib's page output paths), not of its file: with
		// /:year/:month/:slug/, old is /2024/03/old/.
		a = path.Join(path.Dir(strings.TrimSuffix(c.oldURL(p), "/")), a)
		if c.lower {
			a = strings.ToLower(a)
		}
	}
	if !strings.HasSuffix(a, "/") && path.Ext(a) == "" {
		a += "/"
	}
	return a
}

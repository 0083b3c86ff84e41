package wordpress

import (
	"context"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"unicode"

	"galley.dev/galley/cmd/galley/internal/importer"
)

// writeRedirects writes the old URLs that are no story's, as
// redirects in static/_redirects, which Netlify and Cloudflare Pages
// read: the site's feeds (/feed/), the category and tag archives and
// their feeds (/category/news/local/ → /topics/local-news/), and the
// short links WordPress answered, /?p=ID and /?page_id=ID, which only
// Netlify can tell apart by their query. Author archives are left out:
// their URLs hold the author's login.
func (r *run) writeRedirects(ctx context.Context) {
	var b strings.Builder
	line := func(from, query, to string) {
		from, to = redirectPath(from), redirectPath(to)
		if from == "" || to == "" {
			return
		}
		if query != "" {
			from += " " + query
		}
		fmt.Fprintf(&b, "%s %s 301\n", from, to)
	}
	if r.counts.published > 0 {
		line(r.basePath+"/feed/", "", "/feed.xml")
		line(r.basePath+"/feed/rss2/", "", "/feed.xml")
		line(r.basePath+"/feed/atom/", "", "/atom.xml")
	}
	for _, old := range slices.Sorted(maps.Keys(r.archives)) {
		line(old, "", r.archives[old])
		line(old+"feed/", "", r.archives[old]+"feed.xml")
	}
	for _, e := range r.entries {
		if e.skip != "" || e.id <= 0 || !e.published() {
			continue
		}
		q := "p"
		if e.page {
			q = "page_id"
		}
		line(r.basePath+"/", fmt.Sprintf("%s=%d", q, e.id), e.placed.URL())
		r.counts.shortlinks++
	}
	if b.Len() == 0 {
		return
	}
	r.w.Static(ctx, r.from, "static/_redirects", "WordPress's feeds, archives and short links, made by galley import from the export of "+r.ex.Link, []byte(b.String()))
}

// redirectPath writes a site path for a line of _redirects, escaped, so
// that nothing of the export can add a field or a line: "" for a path
// that holds control characters or is no path.
func redirectPath(p string) string {
	if !strings.HasPrefix(p, "/") || strings.IndexFunc(p, unicode.IsControl) >= 0 {
		return ""
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// archive records the old archive page of a term of a published story,
// old (/tag/tides/), as leading to the new one, new.
func (r *run) archive(old, new string) {
	if old = importer.CleanPath(old); old != "" {
		r.archives[old] = new
	}
}

// categoryPath is a category's path in WordPress's URLs: its parents'
// nicenames, then its own (news/local).
func (r *run) categoryPath(nicename string) string {
	p := nicename
	seen := map[string]bool{nicename: true}
	for parent := r.parents[nicename]; parent != "" && !seen[parent]; parent = r.parents[parent] {
		seen[parent] = true
		p = parent + "/" + p
	}
	return p
}

package wordpress

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"galley.dev/galley/cmd/galley/internal/importer"
	"galley.dev/galley/cmd/galley/internal/slug"
)

// writeProfiles writes a profile for every author in a byline of the
// stories imported, with the name the stories give; the author's email
// and login are never written.
func (r *run) writeProfiles(ctx context.Context) {
	base := strings.TrimSuffix(r.ex.Link, "/")
	for _, name := range slices.Sorted(maps.Keys(r.bylined)) {
		if ctx.Err() != nil {
			return
		}
		s := slug.Make(name)
		if s == "" {
			continue
		}
		p := &importer.Profile{Name: name, Source: "wordpress:" + base + "/author/" + s}
		r.w.Profile(ctx, r.from, s, p)
	}
}

// writeRedirects writes the old URLs that are no story's, as
// redirects in static/_redirects, which Netlify and Cloudflare Pages
// read: the site's feeds (/feed/), the category, tag and author
// archives and their feeds (/category/news/local/ → /topics/local-news/),
// and the short links WordPress answered, /?p=ID and /?page_id=ID, which
// only Netlify can tell apart by their query.
func (r *run) writeRedirects(ctx context.Context) {
	var b strings.Builder
	if r.counts.published > 0 {
		b.WriteString("/feed/ /feed.xml 301\n/feed/rss2/ /feed.xml 301\n/feed/atom/ /atom.xml 301\n")
	}
	for _, old := range slices.Sorted(maps.Keys(r.archives)) {
		fmt.Fprintf(&b, "%s %s 301\n%sfeed/ %sfeed.xml 301\n", old, r.archives[old], old, r.archives[old])
	}
	for _, e := range r.entries {
		if e.skip != "" || e.id == 0 || e.status != "publish" && e.status != "future" || e.password {
			continue
		}
		q := "p"
		if e.page {
			q = "page_id"
		}
		fmt.Fprintf(&b, "/ %s=%d %s 301\n", q, e.id, e.placed.URL())
		r.counts.shortlinks++
	}
	if b.Len() == 0 {
		return
	}
	data := "# WordPress's feeds, archives and short links, made by galley import from " + r.from + ".\n" + b.String()
	r.w.Static(ctx, r.from, "static/_redirects", []byte(data))
}

// archive records the old archive page of a term or author of a
// published story, old (/tag/tides/), as leading to the new one, new.
func (r *run) archive(old, new string) {
	if old = importer.CleanPath(old); old != "" && !strings.ContainsAny(old, " \t") {
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

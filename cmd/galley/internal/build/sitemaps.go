package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"

	"galley.dev/galley/cmd/galley/internal/render"
	"galley.dev/galley/cmd/galley/internal/site"
	"galley.dev/galley/cmd/galley/internal/sitemap"
	"galley.dev/galley/cmd/galley/internal/slug"
)

// newsWindow is how far back the Google News sitemap reaches, and
// newsMax how many stories it may list.
const (
	newsWindow = 48 * time.Hour
	newsMax    = 1000
)

// sitemapTask writes sitemap.xml (an index with numbered parts past the
// limits), news-sitemap.xml and robots.txt.
func sitemapTask(s *site.Site, r *render.Renderer, now time.Time, lim sitemap.Limits, global string) task {
	cfg := s.Config
	urls := siteURLs(s, r)
	news := newsItems(s, now)
	k := sitemapKey(urls, news)
	return task{id: "sitemaps", multi: true, key: key(global, "sitemaps", strconv.Itoa(lim.MaxURLs), strconv.Itoa(lim.MaxBytes), k),
		run: func(out sink) ([]string, error) {
			files := map[string][]byte{}
			parts, index, err := sitemap.Build(urls, lim, func(i int) string {
				return cfg.Abs("/sitemap-" + strconv.Itoa(i) + ".xml")
			})
			if err != nil {
				return nil, err
			}
			if index == nil {
				files["sitemap.xml"] = parts[0]
			} else {
				files["sitemap.xml"] = index
				for i, p := range parts {
					files["sitemap-"+strconv.Itoa(i+1)+".xml"] = p
				}
			}
			var nb bytes.Buffer
			if err := sitemap.News(&nb, sitemap.Publication{Name: cfg.Title, Language: cfg.Language}, news); err != nil {
				return nil, err
			}
			files["news-sitemap.xml"] = nb.Bytes()
			files["robots.txt"] = sitemap.Robots(cfg.Abs("/sitemap.xml"), cfg.Abs("/news-sitemap.xml"))
			names := make([]string, 0, len(files))
			for name, data := range files {
				if err := out.WriteFile(name, data); err != nil {
					return nil, err
				}
				names = append(names, name)
			}
			return names, nil
		}}
}

// sitemapKey hashes what the sitemaps list. It streams into the hash:
// the list of a big site runs to megabytes.
func sitemapKey(urls []sitemap.URL, news []sitemap.NewsItem) string {
	h := sha256.New()
	var b []byte
	field := func(s string) { b = append(append(b, s...), 0) }
	stamp := func(t time.Time) { b = append(t.AppendFormat(b, time.RFC3339Nano), 0) } // with its zone, as written
	for _, u := range urls {
		field(u.Loc)
		stamp(u.LastMod)
		for _, img := range u.Images {
			field(img.Loc)
			field(img.Caption)
		}
		if len(b) > 32<<10 {
			h.Write(b)
			b = b[:0]
		}
	}
	h.Write(b)
	h.Write([]byte{1}) // between the lists
	for _, n := range news {
		b = b[:0]
		field(n.Loc)
		field(n.Title)
		stamp(n.Published)
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// siteURLs lists every indexable page: front pages, stories with their
// hero images, standalone pages, section fronts, topic and author pages
// and their indexes.
func siteURLs(s *site.Site, r *render.Renderer) []sitemap.URL {
	cfg := s.Config
	var newest time.Time
	if len(s.Articles) > 0 {
		newest = s.Articles[0].Modified()
	}
	var urls []sitemap.URL
	listing := func(base string, n int, lastmod time.Time) {
		for i := 1; i <= r.PageCount(n); i++ {
			urls = append(urls, sitemap.URL{Loc: cfg.Abs(slug.EscapePath(render.PagePath(base, i))), LastMod: lastmod})
		}
	}
	listing("/", len(s.Articles), newest)
	for _, a := range s.Articles {
		u := sitemap.URL{Loc: cfg.Abs(slug.EscapePath(a.URL())), LastMod: a.Modified()}
		if img, ok := r.HeroImage(a); ok {
			u.Images = []sitemap.Image{{Loc: img.URL, Caption: img.Caption}}
		}
		urls = append(urls, u)
	}
	for _, p := range s.Pages {
		urls = append(urls, sitemap.URL{Loc: cfg.Abs(slug.EscapePath(p.URL())), LastMod: p.Modified()})
	}
	for _, terms := range [][]*site.Term{s.Sections, s.Topics, s.Authors} {
		for _, t := range terms {
			lastmod := newest // a section front with only an intro
			if len(t.Articles) > 0 {
				lastmod = t.Articles[0].Modified()
			}
			listing(t.URL(), len(t.Articles), lastmod)
		}
	}
	urls = append(urls, sitemap.URL{Loc: cfg.Abs("/topics/"), LastMod: newest}, sitemap.URL{Loc: cfg.Abs("/authors/"), LastMod: newest})
	return urls
}

// newsItems returns the stories published in the two days before now,
// newest first, at most newsMax.
func newsItems(s *site.Site, now time.Time) []sitemap.NewsItem {
	var items []sitemap.NewsItem
	for _, a := range s.Articles {
		if len(items) == newsMax || a.Date.Before(now.Add(-newsWindow)) {
			break // newest first: the rest are older still
		}
		if a.Date.After(now) {
			continue // scheduled, built with --future
		}
		items = append(items, sitemap.NewsItem{Loc: s.Config.Abs(slug.EscapePath(a.URL())), Title: a.Title, Published: a.Date})
	}
	return items
}

package render

import (
	"io"
	"slices"
	"strconv"

	"galley.dev/galley/cmd/galley/internal/site"
)

// PagePath returns the path of page n (from 1) of the listing at base:
// base itself for the first page, base + "page/n/" after it.
func PagePath(base string, n int) string {
	if n <= 1 {
		return base
	}
	return base + "page/" + strconv.Itoa(n) + "/"
}

// PageCount returns how many pages a listing of n stories takes; an empty
// listing still has its first page.
func (r *Renderer) PageCount(n int) int {
	if n == 0 {
		return 1
	}
	return (n + r.cfg.PerPage - 1) / r.cfg.PerPage
}

// pageOf returns the stories of page n (from 1).
func (r *Renderer) pageOf(articles []*site.Article, n int) []*site.Article {
	lo := (n - 1) * r.cfg.PerPage
	hi := min(lo+r.cfg.PerPage, len(articles))
	if lo >= hi {
		return nil
	}
	return articles[lo:hi]
}

// Home renders page n of the front page. The lead story is the newest
// featured story, or the newest; it opens the first page.
func (r *Renderer) Home(w io.Writer, n int) error {
	stories := r.FrontPage()
	p := r.page("home", r.cfg.Title, r.cfg.Description, PagePath("/", n))
	if n > 1 {
		p.Title = r.cfg.Title + ", page " + strconv.Itoa(n)
	}
	list := r.pageOf(stories, n)
	if n == 1 && len(list) > 0 {
		p.Lead = r.card(list[0])
		if img := p.Lead.Image; img != nil {
			img.Sizes = LeadSizes
			img.Eager = true // in view at once: the page's largest paint
		}
		list = list[1:]
	}
	p.List = r.cards(list)
	if p.Lead == nil {
		eager(p.List)
	}
	if in := r.site.Intro; in != nil && n == 1 {
		p.Intro = r.intro(in.Body, "/")
	}
	p.Pager = r.pager("/", n, r.PageCount(len(stories)))
	p.JSONLD = r.webSite()
	return r.tmpl.Execute(w, HomeTemplate, p)
}

// Term renders page n of a section front, a topic's or an author's
// page.
func (r *Renderer) Term(w io.Writer, t *site.Term, n int) error {
	kind := "topic"
	switch t.Kind {
	case site.AuthorKind:
		kind = "author"
	case site.SectionKind:
		kind = "section"
	}
	desc := t.Description()
	p := r.page(kind, t.Name, desc, PagePath(t.URL(), n))
	if n > 1 {
		p.Title = t.Name + ", page " + strconv.Itoa(n)
	}
	p.Term = r.termView(t, n)
	p.List = r.cards(r.pageOf(t.Articles, n))
	eager(p.List)
	p.Pager = r.pager(t.URL(), n, r.PageCount(len(t.Articles)))
	p.Feeds = append(p.Feeds, r.termFeeds(t)...)
	return r.tmpl.Execute(w, ListTemplate, p)
}

// A feedLink is a feed format as pages link it.
type feedLink struct{ format, label, name, file, mediaType string }

// feedLinks are the feeds of a listing, by their names in site.yaml.
var feedLinks = []feedLink{
	{"rss", "RSS", "RSS feed", "feed.xml", "application/rss+xml"},
	{"atom", "Atom", "Atom feed", "atom.xml", "application/atom+xml"},
	{"json", "JSON Feed", "JSON Feed", "feed.json", "application/feed+json"},
}

// feedsOf returns the feeds the build writes for t (config.Feeds.Formats).
func (r *Renderer) feedsOf(t *site.Term) []feedLink {
	formats := r.cfg.Feeds.Formats(t.Kind != site.SectionKind)
	var feeds []feedLink
	for _, f := range feedLinks {
		if slices.Contains(formats, f.format) {
			feeds = append(feeds, f)
		}
	}
	return feeds
}

// termFeeds links the feeds of a section, topic or author.
func (r *Renderer) termFeeds(t *site.Term) []Link {
	var links []Link
	for _, f := range r.feedsOf(t) {
		links = append(links, Link{Name: t.Name + " (" + f.label + ")", URL: t.URL() + f.file, Type: f.mediaType})
	}
	return links
}

// Index renders the page that lists every topic or every author, A–Z.
func (r *Renderer) Index(w io.Writer, kind site.Kind) error {
	terms, title, pageKind := r.site.Topics, "Topics", "topics"
	if kind == site.AuthorKind {
		terms, title, pageKind = r.site.Authors, "Authors", "authors"
	}
	p := r.page(pageKind, title, "Every "+pageKind[:len(pageKind)-1]+" covered by "+r.cfg.Title+", A to Z.", "/"+string(kind)+"/")
	for _, t := range terms {
		p.Terms = append(p.Terms, TermLink{Name: t.Name, URL: t.URL(), Count: len(t.Articles)})
	}
	return r.tmpl.Execute(w, TermsTemplate, p)
}

// NotFound renders the 404 page, with the latest stories to go on with.
func (r *Renderer) NotFound(w io.Writer) error {
	p := r.page("404", "Page not found", "", "/404.html")
	latest := r.site.Articles
	if len(latest) > 6 {
		latest = latest[:6]
	}
	p.List = r.cards(latest)
	p.Meta = append(p.Meta, Meta{Name: "robots", Content: "noindex"})
	return r.tmpl.Execute(w, NotFoundTemplate, p)
}

func (r *Renderer) cards(articles []*site.Article) []*Card {
	cards := make([]*Card, len(articles))
	for i, a := range articles {
		cards[i] = r.card(a)
	}
	return cards
}

// pager links the pages of a listing, showing the first and last pages
// and two either side of the current one, so that a front page with a
// thousand pages still has a short list.
func (r *Renderer) pager(base string, n, count int) *Pager {
	if count <= 1 {
		return nil
	}
	pg := &Pager{}
	if n > 1 {
		pg.Prev = PagePath(base, n-1)
	}
	if n < count {
		pg.Next = PagePath(base, n+1)
	}
	gap := false
	for i := 1; i <= count; i++ {
		if i != 1 && i != count && (i < n-2 || i > n+2) {
			if !gap {
				pg.Pages = append(pg.Pages, Link{Name: "…"})
				gap = true
			}
			continue
		}
		gap = false
		pg.Pages = append(pg.Pages, Link{Name: strconv.Itoa(i), URL: PagePath(base, i), Current: i == n})
	}
	return pg
}

// eager marks the first image of a listing as in view at once, so that
// it is not lazy: it is the page's largest paint.
func eager(cards []*Card) {
	for _, c := range cards {
		if c.Image != nil && c.Image.Src != "" {
			c.Image.Eager = true
			return
		}
	}
}

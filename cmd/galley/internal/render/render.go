// Package render turns the site model into pages: it builds each page's
// data (share links, Open Graph and JSON-LD, times in the site's time
// zone), converts markdown through one shared converter, and executes the
// theme's templates. It writes to an io.Writer and touches no disk.
package render

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"io"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"galley.dev/galley/cmd/galley/internal/config"
	"galley.dev/galley/cmd/galley/internal/diag"
	"galley.dev/galley/cmd/galley/internal/markdown"
	"galley.dev/galley/cmd/galley/internal/site"
	"galley.dev/galley/cmd/galley/internal/slug"
)

// A Renderer renders the pages of one site. It is safe for concurrent use.
type Renderer struct {
	site  *site.Site
	cfg   *config.Config
	md    *markdown.Converter
	tmpl  *Templates
	nav   []Link
	pages []Link
	year  int
	// Preview marks pages as previews (galley serve).
	Preview bool
	// Pictures are the derivatives of the site's local images, by the
	// site path of the original ("/news/story/harbour.jpg").
	Pictures map[string]*Picture
	// Assets are the fingerprinted site paths of the stylesheets and
	// scripts of static/, by their plain ones: "/css/galley.css" →
	// "/css/galley.0123456789abcdef.css". Page.Asset looks them up.
	Assets map[string]string

	// cardCache holds the HTML of each story's card (Card.HTML), by
	// *site.Article.
	cardCache sync.Map
	// front returns the stories of the front page (see FrontPage).
	front func() []*site.Article
}

// FrontPage returns the site's front page stories, as Site.FrontPage
// does, worked out once for the renderer: each of its pages asked for
// them anew, a scan of every story for the lead, which on a million
// stories (50,000 pages) was more than half of the build.
func (r *Renderer) FrontPage() []*site.Article { return r.front() }

// New returns a Renderer for s.
func New(s *site.Site, md *markdown.Converter, tmpl *Templates) *Renderer {
	r := &Renderer{site: s, cfg: s.Config, md: md, tmpl: tmpl, nav: navigation(s.Sections, s.Topics, max(0, navLinks-len(s.Sections))), pages: pageLinks(s.Pages),
		front: sync.OnceValue(s.FrontPage)}
	if len(s.Articles) > 0 {
		r.year = s.Articles[0].Date.In(s.Config.Location).Year()
	}
	return r
}

// navLinks is how many sections and topics the navigation links, at
// least: a site of many sections shows them all, and no topic.
const navLinks = 8

// navigation links every section, in order, then the n topics with the
// most stories, A–Z, but for those named as a section.
func navigation(sections, topics []*site.Term, n int) []Link {
	var links []Link
	named := map[string]bool{}
	for _, t := range sections {
		links = append(links, Link{Name: t.Name, URL: t.URL()})
		named[strings.ToLower(t.Name)] = true
	}
	top := slices.DeleteFunc(slices.Clone(topics), func(t *site.Term) bool { return named[strings.ToLower(t.Name)] })
	slices.SortStableFunc(top, func(a, b *site.Term) int { return cmp.Compare(len(b.Articles), len(a.Articles)) })
	if len(top) > n {
		top = top[:n]
	}
	sort.SliceStable(top, func(i, j int) bool { return top[i].Name < top[j].Name })
	for _, t := range top {
		links = append(links, Link{Name: t.Name, URL: t.URL()})
	}
	return links
}

// pageLinks links the standalone pages, for the footer: by the weight
// their params give (Hugo's weight:, as imported), then by title.
func pageLinks(pages []*site.Article) []Link {
	sorted := slices.Clone(pages)
	slices.SortStableFunc(sorted, func(a, b *site.Article) int {
		return cmp.Or(cmp.Compare(weight(a), weight(b)), cmp.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)), cmp.Compare(a.URL(), b.URL()))
	})
	links := make([]Link, len(sorted))
	for i, a := range sorted {
		links[i] = Link{Name: a.Title, URL: a.URL()}
	}
	return links
}

// weight is a page's params.weight, if it is a whole number; 0 if not.
func weight(a *site.Article) int {
	switch w := a.Params["weight"].(type) {
	case int:
		return w
	case int64:
		return int(w)
	case uint64:
		return int(min(w, 1<<31))
	case float64:
		if w == float64(int(w)) {
			return int(w)
		}
	}
	return 0
}

// page returns a Page with the fields every page shares.
func (r *Renderer) page(kind, title, description, path string) *Page {
	p := &Page{
		Site:        r.cfg,
		Kind:        kind,
		Title:       title,
		Description: description,
		Path:        path,
		URL:         r.cfg.Abs(slug.EscapePath(path)),
		Nav:         r.nav,
		Pages:       r.pages,
		Year:        r.year,
		Preview:     r.Preview,
		assets:      r.Assets,
		Feeds: []Link{
			{Name: r.cfg.Title + " (RSS)", URL: "/feed.xml", Type: "application/rss+xml"},
			{Name: r.cfg.Title + " (Atom)", URL: "/atom.xml", Type: "application/atom+xml"},
			{Name: r.cfg.Title + " (JSON Feed)", URL: "/feed.json", Type: "application/feed+json"},
		},
	}
	return p
}

// ChromeKey stands for what every page shows besides its own content:
// the navigation, the footer's pages and year, and the fingerprinted
// paths of the stylesheets and scripts it links. Build caches key on it.
func (r *Renderer) ChromeKey() string {
	var b strings.Builder
	for _, l := range slices.Concat(r.nav, []Link{{}}, r.pages) {
		b.WriteString(l.Name + "\x00" + l.URL + "\x00")
	}
	b.WriteString(strconv.Itoa(r.year) + "\x00")
	// Sorted: the key must not depend on the map's order.
	for _, p := range slices.Sorted(maps.Keys(r.Assets)) {
		b.WriteString(p + "\x00" + r.Assets[p] + "\x00")
	}
	return b.String()
}

// TemplateSum returns the sum of the files that the page template page
// uses (Templates.PageSum).
func (r *Renderer) TemplateSum(page string) string { return r.tmpl.PageSum(page) }

// BaseURL returns the site's absolute URL, ending in a slash.
func (r *Renderer) BaseURL() string { return r.cfg.BaseURL }

// Body converts an article's markdown to HTML, minified if the theme is
// (Templates.Minified). Feeds reuse the result. Its errors carry the
// article's file.
func (r *Renderer) Body(a *site.Article) ([]byte, error) {
	src, err := a.ReadBody()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.Grow(len(src) * 3 / 2)
	if err := r.md.ConvertPictures(&b, src, a.URL(), r.bodyPicture); err != nil {
		return nil, &diag.Error{Path: a.Path, Err: fmt.Errorf("markdown: %w", err)}
	}
	return r.tmpl.minifyHTML(b.Bytes()), nil
}

// Minified reports whether the pages the renderer makes are minified
// already (Templates.Minified).
func (r *Renderer) Minified() bool { return r.tmpl.Minified() }

// Article renders the page of a, whose body HTML is body, into w.
func (r *Renderer) Article(w io.Writer, a *site.Article, body []byte) error {
	p := r.page("article", a.Title, a.Description, a.URL())
	loc := r.cfg.Location
	v := &ArticleView{
		Article:   a,
		URL:       p.URL,
		Published: formatTime(a.Date, loc),
		Modified:  formatTime(a.Modified(), loc),
		Updated:   a.Modified().After(a.Date),
		Hero:      r.heroPicture(a, HeroSizes),
		Body:      template.HTML(body), // sanitised by package markdown
	}
	for _, t := range a.Topics {
		v.Topics = append(v.Topics, Link{Name: t.Name, URL: t.URL()})
	}
	v.Authors = authorLinks(a)
	for _, b := range a.Related {
		v.Related = append(v.Related, r.card(b))
	}
	p.Article = v
	p.Image = r.HeroURL(a)
	p.Share = ShareLinks(r.cfg.Share, p.URL, a.Title)
	p.Newsletter = r.newsletter()
	p.Meta = r.articleMeta(p, a)
	p.JSONLD = r.newsArticle(p, a)
	for _, t := range a.Topics {
		// One feed per topic, the first format it has.
		if links := r.termFeeds(t); len(links) > 0 {
			p.Feeds = append(p.Feeds, links[0])
		}
	}
	return r.tmpl.Execute(w, ArticleTemplate, p)
}

// Page renders a standalone page, whose body HTML is body, into w.
func (r *Renderer) Page(w io.Writer, a *site.Article, body []byte) error {
	p := r.page("page", a.Title, a.Description, a.URL())
	p.Article = &ArticleView{Article: a, URL: p.URL, Hero: r.heroPicture(a, HeroSizes), Body: template.HTML(body)} // sanitised by package markdown
	p.Image = r.HeroURL(a)
	return r.tmpl.Execute(w, PageTemplate, p)
}

func authorLinks(a *site.Article) []Link {
	links := make([]Link, len(a.Authors))
	for i, t := range a.Authors {
		links[i] = Link{Name: t.Name, URL: t.URL()}
	}
	return links
}

// hero returns the article's hero image, or nil if it has neither image
// nor caption nor credit.
func (r *Renderer) hero(a *site.Article) *ImageView {
	img := a.Image
	if img.Src == "" && img.Caption == "" && img.Credit == "" {
		return nil
	}
	src := img.Src
	if src != "" && a.Dir != "" {
		src = markdown.Resolve(src, a.URL())
	}
	return &ImageView{Src: src, Alt: img.Alt, Caption: img.Caption, Credit: img.Credit, Width: img.Width, Height: img.Height}
}

// heroPicture returns a's hero with its derivatives, for a page shown
// sizes wide.
func (r *Renderer) heroPicture(a *site.Article, sizes string) *ImageView {
	v := r.hero(a)
	if v != nil {
		withPicture(v, r.Pictures[v.Src], sizes)
	}
	return v
}

// HeroURL returns the absolute URL of a's hero image, or "" if it has
// none (or only one whose URL is not http or https).
func (r *Renderer) HeroURL(a *site.Article) string {
	img, _ := r.HeroImage(a)
	return img.URL
}

// card returns a story as a listing shows it.
func (r *Renderer) card(a *site.Article) *Card {
	return &Card{
		Title:       a.Title,
		URL:         a.URL(),
		Description: a.Description,
		Section:     a.Section,
		Image:       r.heroPicture(a, CardSizes),
		Authors:     authorLinks(a),
		Published:   formatTime(a.Date, r.cfg.Location),
		r:           r,
		a:           a,
	}
}

// cardHTML renders c through card.html, once per story: the renderer
// keeps what it made of each story's card for the rest of the build.
func (r *Renderer) cardHTML(c *Card) (template.HTML, error) {
	keep := c.Image == nil || !c.Image.Eager
	if keep {
		if h, ok := r.cardCache.Load(c.a); ok {
			return h.(template.HTML), nil
		}
	}
	var b strings.Builder
	if err := r.tmpl.Partial(&b, CardTemplate, c); err != nil {
		return "", err
	}
	h := template.HTML(b.String()) // escaped by html/template
	if keep {
		r.cardCache.Store(c.a, h)
	}
	return h, nil
}

// newsletter returns the signup form, or nil when the site has none.
func (r *Renderer) newsletter() *NewsletterView {
	n := r.cfg.Newsletter
	if n.Action == "" || !markdown.SafeURL(n.Action) {
		return nil
	}
	v := &NewsletterView{Newsletter: n}
	for _, k := range slices.Sorted(maps.Keys(n.Hidden)) {
		v.Fields = append(v.Fields, Field{Name: k, Value: n.Hidden[k]})
	}
	return v
}

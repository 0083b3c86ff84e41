package build

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"mime"
	"path"
	"slices"
	"strings"
	"sync"

	"galley.dev/galley/cmd/galley/internal/config"
	"galley.dev/galley/cmd/galley/internal/content"
	"galley.dev/galley/cmd/galley/internal/feed"
	"galley.dev/galley/cmd/galley/internal/markdown"
	"galley.dev/galley/cmd/galley/internal/render"
	"galley.dev/galley/cmd/galley/internal/site"
	"galley.dev/galley/cmd/galley/internal/slug"
)

// bodies keeps the HTML of the stories that appear in some feed, made
// when their page is rendered, so that no markdown is converted twice and
// no other story's HTML stays in memory. A story whose page the cache
// reused is converted when a feed asks for it. The HTML waits in a spill
// file when the site has room for one.
type bodies struct {
	r     *render.Renderer
	mu    sync.Mutex
	dir   string // where the spill is made, on the first body kept
	spill *spill // nil: in memory
	// made is keyed by the story's file as read, so that a preview's next
	// build can take over the bodies of the stories it did not read again.
	made map[*content.Article]body
}

// A body is the HTML of a story for its feeds: in memory, or in the spill.
type body struct {
	html  []byte
	at    span
	made  bool
	spilt bool
}

// newBodies returns a store for the stories of every feed of s: the
// newest feed_items of the site, of each topic and of each author. It
// spills them into a file in dir, or keeps them in memory if dir is ""
// or has no room.
func newBodies(s *site.Site, r *render.Renderer, dir string) *bodies {
	b := &bodies{r: r, dir: dir, made: map[*content.Article]body{}}
	n := s.Config.FeedItems
	add := func(list []*site.Article) {
		for _, a := range list[:min(n, len(list))] {
			b.made[a.Article] = body{}
		}
	}
	add(s.Articles)
	terms := [][]*site.Term{s.Sections}
	if len(s.Config.Feeds.Formats(true)) > 0 {
		terms = append(terms, s.Topics, s.Authors)
	}
	for _, list := range terms {
		for _, t := range list {
			add(t.Articles)
		}
	}
	return b
}

// inherit takes the bodies that prev, a build of the same site before an
// edit, made of stories that b's feeds carry too, and prev's spill, where
// they are. It must be called before b keeps any.
func (b *bodies) inherit(prev *bodies) {
	prev.mu.Lock()
	defer prev.mu.Unlock()
	b.spill = prev.spill
	for a := range b.made {
		if old := prev.made[a]; old.made {
			b.made[a] = old
		}
	}
}

// keep records the body of a if a feed needs it, with its URLs made
// absolute for readers that show it away from the site.
func (b *bodies) keep(a *site.Article, html []byte) {
	b.mu.Lock()
	_, ok := b.made[a.Article]
	b.mu.Unlock()
	if ok {
		b.store(a, markdown.Abs(html, b.r.BaseURL()))
	}
}

// store keeps html, made absolute, as a's body.
func (b *bodies) store(a *site.Article, html []byte) {
	b.mu.Lock()
	if b.spill == nil && b.dir != "" {
		b.spill, b.dir = openSpill(b.dir), ""
	}
	sp := b.spill
	b.mu.Unlock()
	kept := body{html: html, made: true}
	if sp != nil {
		// A spill that fails (a full disk) leaves the body in memory.
		if at, err := sp.put(html); err == nil {
			kept = body{at: at, made: true, spilt: true}
		}
	}
	b.mu.Lock()
	b.made[a.Article] = kept
	b.mu.Unlock()
}

// get returns the body of a for a feed.
func (b *bodies) get(a *site.Article) (string, error) {
	b.mu.Lock()
	kept, sp := b.made[a.Article], b.spill
	b.mu.Unlock()
	switch {
	case kept.spilt:
		if sp == nil {
			return "", fmt.Errorf("%s: its body for the feeds was released", a.Path)
		}
		html, err := sp.get(kept.at)
		if err != nil {
			return "", fmt.Errorf("%s: read its body again for the feeds: %w", a.Path, err)
		}
		return string(html), nil
	case kept.made:
		return string(kept.html), nil
	}
	html, err := b.r.Body(a)
	if err != nil {
		return "", err
	}
	html = markdown.Abs(html, b.r.BaseURL())
	b.store(a, html)
	return string(html), nil
}

// release frees the spill, once no build reads these bodies again.
func (b *bodies) release() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.spill.close()
	b.spill = nil
}

// feedFormats are the three feeds written for the site and each section,
// and for each topic and author those of feeds.term_formats, by file
// name.
var feedFormats = []feedFormat{
	{format: "rss", name: "feed.xml", write: feed.RSS},
	{format: "atom", name: "atom.xml", write: feed.Atom},
	{format: "json", name: "feed.json", write: feed.JSON},
}

// A feedFormat is a feed file written for a listing.
type feedFormat struct {
	format string // its name in site.yaml: see config.FeedFormats
	name   string
	self   string // the feed's own URL, if not name: see feeds.rss_aliases
	write  func(io.Writer, feed.Channel, []feed.Item) error
}

// feedTasks return the tasks that write every feed.
func feedTasks(s *site.Site, r *render.Renderer, b *bodies, cards cards, global string) []task {
	cfg := s.Config
	var tasks []task
	formats := slices.Clone(feedFormats)
	for _, name := range cfg.Feeds.RSSAliases {
		// The old site's name of each RSS feed (Hugo's index.xml): its
		// subscribers keep their feeds, told of the new one as self.
		formats = append(formats, feedFormat{format: "rss", name: name, self: "feed.xml", write: feed.RSS})
	}
	termFormats := slices.DeleteFunc(slices.Clone(formats), func(f feedFormat) bool {
		return !slices.Contains(cfg.Feeds.Formats(true), f.format)
	})
	add := func(formats []feedFormat, dir, title, description string, articles []*site.Article) {
		articles = articles[:min(cfg.FeedItems, len(articles))]
		for _, f := range formats {
			name := strings.TrimPrefix(dir, "/") + f.name
			self := cmp.Or(f.self, f.name)
			tasks = append(tasks, task{id: name, key: key(global, "feed", name, title, description, cards.list(articles)),
				run: func(out sink) ([]string, error) {
					ch := feed.Channel{
						Title: title, Description: description, Language: cfg.Language,
						Link: cfg.Abs(slug.EscapePath(dir)), SelfURL: cfg.Abs(slug.EscapePath(dir + self)),
					}
					items := make([]feed.Item, len(articles))
					for i, a := range articles {
						html, err := b.get(a)
						if err != nil {
							return nil, err
						}
						items[i] = feedItem(cfg, a, html, r.HeroImage)
						if m := a.Modified(); m.After(ch.Updated) {
							ch.Updated = m
						}
					}
					var buf bytes.Buffer
					if err := f.write(&buf, ch, items); err != nil {
						return nil, err
					}
					return []string{name}, out.WriteFile(name, buf.Bytes())
				}})
		}
	}
	add(formats, "/", cfg.Title, cfg.Description, s.Articles)
	for _, t := range s.Sections {
		add(formats, t.URL(), t.Name+" · "+cfg.Title, t.Description(), t.Articles)
	}
	for _, t := range slices.Concat(s.Topics, s.Authors) {
		add(termFormats, t.URL(), t.Name+" · "+cfg.Title, t.Description(), t.Articles)
	}
	return tasks
}

// feedItem returns a story as a feed carries it; hero is the absolute URL
// of its image, or "".
func feedItem(cfg *config.Config, a *site.Article, html string, hero func(*site.Article) (render.HeroImage, bool)) feed.Item {
	it := feed.Item{
		Title: a.Title, URL: cfg.Abs(slug.EscapePath(a.URL())), Summary: a.Description, ContentHTML: html,
		Published: a.Date, Updated: a.Modified(),
	}
	for _, au := range a.Authors {
		it.Authors = append(it.Authors, feed.Author{Name: au.Name, URL: cfg.Abs(slug.EscapePath(au.URL()))})
	}
	for _, t := range a.Topics {
		it.Categories = append(it.Categories, t.Name)
	}
	if img, ok := hero(a); ok {
		it.Image = &feed.Image{
			URL: img.URL, Type: mime.TypeByExtension(path.Ext(img.URL)), Width: img.Width, Height: img.Height,
			Caption: img.Caption, Credit: img.Credit, Alt: img.Alt, Copyright: img.Copyright,
		}
	}
	return it
}

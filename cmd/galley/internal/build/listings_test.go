package build

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"galley.dev/galley"
	"galley.dev/galley/cmd/galley/internal/check"
	"galley.dev/galley/cmd/galley/internal/config"
	"galley.dev/galley/cmd/galley/internal/content"
	"galley.dev/galley/cmd/galley/internal/corpus"
	"galley.dev/galley/cmd/galley/internal/render"
	"galley.dev/galley/cmd/galley/internal/site"
)

// TestGeneratedSiteListings builds a generated site of 300 stories and
// checks every listing against the model: each topic and author has
// exactly ceil(n/per_page) pages, each story is on each of its topics'
// and authors' pages exactly once, and no page links to a missing page.
func TestGeneratedSiteListings(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Options{Articles: 300, Topics: 25, Authors: 8, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Site: dir, Dest: dest, Theme: galley.Theme(), Now: buildTime}); err != nil {
		t.Fatal(err)
	}
	model := loadModel(t, dir)
	perPage := model.Config.PerPage
	var terms []*site.Term
	terms = append(append(terms, model.Topics...), model.Authors...)
	if len(model.Topics) != 25 || len(model.Authors) != 8 {
		t.Fatalf("got %d topics and %d authors, want 25 and 8", len(model.Topics), len(model.Authors))
	}
	for _, term := range terms {
		pages := (len(term.Articles) + perPage - 1) / perPage
		seen := map[string]int{}
		for n := 1; n <= pages; n++ {
			for _, link := range storyLinks(t, filepath.Join(dest, pageFile(render.PagePath(term.URL(), n)))) {
				seen[link]++
			}
		}
		if _, err := os.Stat(filepath.Join(dest, pageFile(render.PagePath(term.URL(), pages+1)))); err == nil {
			t.Errorf("%s has a page %d, want %d pages", term.URL(), pages+1, pages)
		}
		for _, a := range term.Articles {
			if seen[a.URL()] != 1 {
				t.Errorf("%s lists %s %d times, want once", term.URL(), a.URL(), seen[a.URL()])
			}
		}
		if len(seen) != len(term.Articles) {
			t.Errorf("%s lists %d stories, want %d", term.URL(), len(seen), len(term.Articles))
		}
	}
	homePages := (len(model.Articles) + perPage - 1) / perPage
	seen := map[string]int{}
	for n := 1; n <= homePages; n++ {
		for _, link := range storyLinks(t, filepath.Join(dest, pageFile(render.PagePath("/", n)))) {
			seen[link]++
		}
	}
	if len(seen) != len(model.Articles) {
		t.Errorf("front pages list %d stories, want %d", len(seen), len(model.Articles))
	}
	sm, err := os.ReadFile(filepath.Join(dest, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	locs := map[string]int{}
	for _, m := range locRE.FindAllSubmatch(sm, -1) {
		locs[string(m[1])]++
	}
	for _, a := range model.Articles {
		if n := locs[model.Config.Abs(a.URL())]; n != 1 {
			t.Errorf("sitemap lists %s %d times, want once", a.URL(), n)
		}
	}
	problems, err := check.Site(dest, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// loadModel builds the site model of dir as a build does.
func loadModel(t *testing.T, dir string) *site.Site {
	t.Helper()
	fsys := os.DirFS(dir)
	cfg, err := config.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	articles, err := content.Load(context.Background(), fsys, content.Options{Location: cfg.Location})
	if err != nil {
		t.Fatal(err)
	}
	s, err := site.New(cfg, articles, site.Extra{}, site.Options{Now: buildTime})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var locRE = regexp.MustCompile(`<loc>([^<]+)</loc>`)

var cardLinkRE = regexp.MustCompile(`<h3 class="?card-title"?><a href="?([^" >]+)"?>`)

// storyLinks returns the story links of the cards of a listing page,
// including the lead story.
func storyLinks(t *testing.T, page string) []string {
	t.Helper()
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	var links []string
	for _, m := range cardLinkRE.FindAllSubmatch(data, -1) {
		links = append(links, string(m[1]))
	}
	return links
}

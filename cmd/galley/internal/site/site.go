// Package site holds the model of a site: the published articles, newest
// first, and the topics and authors that group them. It decides what is
// published (drafts, future and expired stories), checks that no two
// pages claim one URL, and finds each story's related stories. It reads
// no files: content.Load does that, and package render turns the model
// into pages.
package site

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"galley.dev/galley/cmd/galley/internal/config"
	"galley.dev/galley/cmd/galley/internal/content"
	"galley.dev/galley/cmd/galley/internal/diag"
)

// A Site is everything a build renders.
type Site struct {
	Config *config.Config
	// Articles are the published articles, newest first.
	Articles []*Article
	// Pages are the published standalone pages, by URL.
	Pages []*Article
	// Intro opens the front page: content/_index.md, if the site has one.
	Intro *content.Intro
	// Sections are the fronts of the folders under content/, in the
	// order of the navigation: by weight, then A–Z.
	Sections []*Term
	// Topics and Authors are sorted by name, A–Z.
	Topics  []*Term
	Authors []*Term
}

// Extra is what a site shows besides its articles.
type Extra struct {
	// Profiles describe authors: content/authors/<slug>.md.
	Profiles []*content.Profile
	// Intros open section fronts: content/<section>/_index.md.
	Intros []*content.Intro
}

// An Article is a published article with its place in the site.
type Article struct {
	*content.Article
	// SectionFront is the front of the article's section; nil for a
	// page.
	SectionFront *Term
	Topics       []*Term
	Authors      []*Term
	// Related are up to four other stories: those sharing most topics
	// first, then the newest.
	Related []*Article

	index int // place in Site.Articles, or in Site.Pages for a page
}

// relatedStories is how many related stories an article lists.
const relatedStories = 4

// Options say what to publish.
type Options struct {
	Drafts bool // include drafts
	Future bool // include stories dated after Now, and expired ones
	// Now is the build time, read once by the caller.
	Now time.Time
}

// New builds the model from the loaded articles, author profiles and
// section intros.
func New(cfg *config.Config, articles []*content.Article, extra Extra, opts Options) (*Site, error) {
	s := &Site{Config: cfg}
	for _, a := range articles {
		switch {
		case !published(a, opts):
		case a.Page:
			s.Pages = append(s.Pages, &Article{Article: a})
		default:
			s.Articles = append(s.Articles, &Article{Article: a})
		}
	}
	// newestFirst is a total order once URLs are unique; with a clash
	// the build fails below.
	slices.SortFunc(s.Articles, newestFirst)
	slices.SortFunc(s.Pages, func(a, b *Article) int { return cmp.Compare(a.URL(), b.URL()) })
	for _, list := range [][]*Article{s.Articles, s.Pages} {
		for i, a := range list {
			a.index = i
		}
	}
	errs := checkURLs(articles)
	s.Intro, s.Sections = sections(s.Articles, extra.Intros)
	errs = append(errs, checkSections(s.Sections, articles)...)
	topics, topicErrs := group(s.Articles, TopicKind)
	authors, authorErrs := group(s.Articles, AuthorKind)
	s.Topics, s.Authors = topics, authors
	errs = append(append(errs, topicErrs...), authorErrs...)
	if len(errs) > 0 {
		return nil, diag.Join(errs)
	}
	relateAll(s.Articles, relatedStories)
	attachProfiles(s.Authors, extra.Profiles)
	return s, nil
}

// attachProfiles gives each author the profile of the same slug. A
// profile of someone with no published story has no page to show on.
func attachProfiles(authors []*Term, profiles []*content.Profile) {
	bySlug := make(map[string]*content.Profile, len(profiles))
	for _, p := range profiles {
		bySlug[p.Slug] = p
	}
	for _, a := range authors {
		a.Profile = bySlug[a.Slug]
	}
}

// FrontPage returns the stories of the front page: the lead story (the
// newest featured one, or the newest) and then every other, newest first.
func (s *Site) FrontPage() []*Article {
	lead := slices.IndexFunc(s.Articles, func(a *Article) bool { return a.Featured })
	if lead <= 0 {
		return s.Articles
	}
	out := make([]*Article, 0, len(s.Articles))
	out = append(out, s.Articles[lead])
	out = append(out, s.Articles[:lead]...)
	return append(out, s.Articles[lead+1:]...)
}

// published reports whether a is in the build.
func published(a *content.Article, opts Options) bool {
	if a.Draft && !opts.Drafts {
		return false
	}
	if opts.Future {
		return true
	}
	if a.Date.After(opts.Now) {
		return false
	}
	return a.Expires.IsZero() || a.Expires.After(opts.Now)
}

// newestFirst orders articles by date, newest first, then by URL so that
// stories with one timestamp always come in the same order.
func newestFirst(a, b *Article) int {
	return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.URL(), b.URL()))
}

// checkURLs reports two files that claim one URL, as their own or as an
// alias, whether or not they are published: a draft that clashes today
// breaks the build the day it goes out. A problem is at the line of the
// slug or aliases key of the second claim, and names the first. Claims
// are compared by the file that serves them, so that /old, /old/ and
// /old/index.html are one claim.
func checkURLs(articles []*content.Article) []*diag.Error {
	var errs []*diag.Error
	type claim struct {
		path  string
		line  int
		alias bool
	}
	seen := map[string]claim{}
	// folded holds the files by their names in lower case: on macOS and
	// Windows /News/ and /news/ are one folder, and a redirect written
	// there would replace the page.
	folded := map[string]string{}
	add := func(url string, c claim) {
		file := AliasFile(url)
		prev, ok := seen[file]
		if !ok {
			seen[file] = c
			lower := strings.ToLower(file)
			if other, clash := folded[lower]; clash {
				o := seen[other]
				errs = append(errs, diag.Errorf(c.path, c.line, "%s and %s (of %s) differ only in letter case, and are one file on macOS and Windows; spell them alike",
					strings.TrimSuffix(url, "index.html"), "/"+strings.TrimSuffix(other, "index.html"), position(o.path, o.line)))
				return
			}
			folded[lower] = file
			return
		}
		at := position(prev.path, prev.line)
		var msg string
		switch {
		case !c.alias:
			msg = fmt.Sprintf("URL %s is also the URL of %s; give one of them another slug", url, at)
		case prev.alias:
			msg = fmt.Sprintf("alias %s is also an alias of %s; remove one of them", url, at)
		default:
			msg = fmt.Sprintf("alias %s is also the URL of %s; remove the alias, or give that page another slug", url, at)
		}
		errs = append(errs, diag.Errorf(c.path, c.line, "%s", msg))
	}
	for _, a := range articles {
		add(a.URL(), claim{a.Path, a.SlugLine, false})
	}
	for _, a := range articles {
		for _, al := range a.Aliases {
			add(al, claim{a.Path, a.AliasesLine, true})
		}
	}
	return errs
}

// AliasFile returns the file of the output that serves a site path, as
// Hugo writes its aliases: "/2019/old/" and "/2019/old" are
// "2019/old/index.html", and a path that ends in ".html" (not "/") is
// that file. The path is cleaned first, so it never leads outside the
// output; "/" is the front page, "index.html".
func AliasFile(alias string) string {
	p := strings.TrimPrefix(path.Clean("/"+alias), "/")
	switch {
	case p == "":
		return "index.html"
	case strings.HasSuffix(p, ".html") && !strings.HasSuffix(alias, "/"):
		return p
	}
	return p + "/index.html"
}

// AliasPath returns an alias cleaned ("//a/./b/" is "/a/b/"), keeping
// its final slash, as a redirect from it is written: a host answers it
// for the same file as the alias.
func AliasPath(alias string) string {
	p := path.Clean("/" + alias)
	if strings.HasSuffix(alias, "/") && p != "/" {
		p += "/"
	}
	return p
}

package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"galley.dev/galley/cmd/galley/internal/content"
	"galley.dev/galley/cmd/galley/internal/diag"
	"galley.dev/galley/cmd/galley/internal/slug"
)

// A Kind is a way of grouping articles.
type Kind string

// The kinds of terms; each is also the first element of its pages' paths.
const (
	TopicKind  Kind = "topics"
	AuthorKind Kind = "authors"
	// SectionKind is a section front; its pages are at the top
	// ("/news/"), as its folder is in content/.
	SectionKind Kind = "sections"
)

// A Term is a section, a topic or an author, with its articles.
type Term struct {
	Kind Kind
	Name string
	Slug string
	// Articles are newest first.
	Articles []*Article
	// Profile is the author's profile, if the site has one.
	Profile *content.Profile
	// Intro opens a section's front, if the section has one.
	Intro *content.Intro
}

// Description returns a line about the term for its page.
func (t *Term) Description() string {
	if t.Kind == SectionKind {
		if t.Intro != nil && t.Intro.Description != "" {
			return t.Intro.Description
		}
		return "The latest " + t.Name + " stories."
	}
	if t.Kind == AuthorKind {
		if t.Profile != nil && t.Profile.Role != "" {
			return t.Profile.Role
		}
		return "Stories by " + t.Name + "."
	}
	return "Stories about " + t.Name + "."
}

// URL returns the term's page: "/topics/<slug>/", "/authors/<slug>/",
// or a section's "/<slug>/".
func (t *Term) URL() string {
	if t.Kind == SectionKind {
		return "/" + t.Slug + "/"
	}
	return "/" + string(t.Kind) + "/" + t.Slug + "/"
}

// names returns an article's names of one kind.
func names(a *Article, kind Kind) []string {
	if kind == TopicKind {
		return a.Article.Topics
	}
	return a.Article.Authors
}

// group collects the terms of one kind over articles (newest first) and
// links each article to its terms. Names that differ only in letter case
// ("Economy", "economy") are one term, as in Hugo, shown as most of its
// stories spell it (see spellings). Two other names with one slug
// ("Bogotá" and "Bogota") are an error naming both, since they would
// share a page and only one could be shown on it.
func group(articles []*Article, kind Kind) ([]*Term, []*diag.Error) {
	bySlug := map[string]*Term{}
	firstUse := map[string]*Article{}
	spelt := map[*Term]*spellings{}
	var errs []*diag.Error
	reported := map[string]bool{}
	slugs := map[string]string{} // names repeat over thousands of stories
	for _, a := range articles {
		for _, name := range names(a, kind) {
			s, ok := slugs[name]
			if !ok {
				s = slug.Make(name)
				slugs[name] = s
			}
			if s == "" {
				errs = append(errs, diag.Errorf(a.Path, keyLine(a, kind), "%s name %q gives an empty slug; spell it with Latin letters or digits", kind[:len(kind)-1], name))
				continue
			}
			t, ok := bySlug[s]
			if !ok {
				t = &Term{Kind: kind, Name: name, Slug: s}
				bySlug[s] = t
				firstUse[s] = a
			} else if t.Name != name && !strings.EqualFold(t.Name, name) {
				if !reported[s+"\x00"+name] {
					reported[s+"\x00"+name] = true
					first := firstUse[s]
					errs = append(errs, diag.Errorf(a.Path, keyLine(a, kind), "%s %q and %q (in %s) share the page %s; write them the same way",
						kind[:len(kind)-1], name, t.Name, position(first.Path, keyLine(first, kind)), t.URL()))
				}
				continue
			}
			if t.Name != name || spelt[t] != nil {
				if spelt[t] == nil {
					spelt[t] = &spellings{}
					for _, b := range t.Articles {
						spelt[t].add(t.Name, b.Path)
					}
				}
				spelt[t].add(name, a.Path)
			}
			if len(t.Articles) == 0 || t.Articles[len(t.Articles)-1] != a {
				t.Articles = append(t.Articles, a)
			}
			if kind == TopicKind {
				a.Topics = appendOnce(a.Topics, t)
			} else {
				a.Authors = appendOnce(a.Authors, t)
			}
		}
	}
	terms := make([]*Term, 0, len(bySlug))
	for _, t := range bySlug {
		if sp := spelt[t]; sp != nil {
			t.Name = sp.best()
		}
		terms = append(terms, t)
	}
	slices.SortFunc(terms, func(a, b *Term) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.Slug, b.Slug))
	})
	return terms, errs
}

// spellings tallies the ways a term's stories write its name, for a term
// written in more than one letter case. The name shown is the one most
// stories use; on a tie, the one of the story first in path order, so
// that the page does not change with the stories' dates (and between two
// spellings in that one story, the first in byte order).
type spellings struct {
	stories map[string]int    // spelling → stories that use it
	first   map[string]string // spelling → first path that uses it
}

func (sp *spellings) add(name, path string) {
	if sp.stories == nil {
		sp.stories, sp.first = map[string]int{}, map[string]string{}
	}
	sp.stories[name]++
	if f, ok := sp.first[name]; !ok || path < f {
		sp.first[name] = path
	}
}

// best returns the spelling to show.
func (sp *spellings) best() string {
	var best string
	for name, n := range sp.stories {
		if best == "" || cmp.Or(cmp.Compare(n, sp.stories[best]), cmp.Compare(sp.first[best], sp.first[name]), cmp.Compare(best, name)) > 0 {
			best = name
		}
	}
	return best
}

// keyLine returns the line of the front matter key that gives a's names
// of kind, or 0 if it is not known.
func keyLine(a *Article, kind Kind) int {
	if kind == TopicKind {
		return a.TopicsLine
	}
	return a.AuthorsLine
}

// position returns "path:line", or path alone when the line is not known.
func position(path string, line int) string {
	if line > 0 {
		return fmt.Sprintf("%s:%d", path, line)
	}
	return path
}

func appendOnce(ts []*Term, t *Term) []*Term {
	if slices.Contains(ts, t) {
		return ts
	}
	return append(ts, t)
}

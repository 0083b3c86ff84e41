package site

import (
	"slices"

	"galley.dev/galley/cmd/galley/internal/content"
)

// Replace returns a copy of s in which articles are new versions of
// their files, for a preview that rebuilds on every save. changed maps
// each article of the previous load that was read again to its new
// version, and all is the whole new load. An edit that keeps every story
// in its place (URL, dates, publication, topics, authors) keeps every
// list and related story, so Replace reuses them instead of working
// them out again. It reports false when some story moved, or the time
// changed what is published, and New must build the site instead.
func (s *Site) Replace(all []*content.Article, changed map[*content.Article]*content.Article, opts Options) (*Site, bool) {
	for old, new := range changed {
		if !placedAlike(old, new) {
			return nil, false
		}
	}
	in := make(map[string]bool, len(s.Articles)+len(s.Pages))
	for _, list := range [][]*Article{s.Articles, s.Pages} {
		for _, a := range list {
			in[a.Path] = true
		}
	}
	n := 0
	for _, a := range all {
		if published(a, opts) != in[a.Path] {
			return nil, false
		}
		if in[a.Path] {
			n++
		}
	}
	if n != len(in) {
		return nil, false // a story's file is gone
	}
	return s.copyWith(changed), true
}

// placedAlike reports whether two versions of an article have the same
// place in a site: the same URLs, dates, publication, topics and authors.
// Its words may differ.
func placedAlike(a, b *content.Article) bool {
	return a.Path == b.Path && a.Section == b.Section && a.Slug == b.Slug && a.Page == b.Page &&
		a.Draft == b.Draft && a.Featured == b.Featured &&
		a.Date.Equal(b.Date) && a.Expires.Equal(b.Expires) &&
		slices.Equal(a.Aliases, b.Aliases) && slices.Equal(a.Topics, b.Topics) && slices.Equal(a.Authors, b.Authors)
}

// copyWith copies the model, each article taking its new version from
// changed if it has one, so that a model already handed to a renderer is
// never changed under it.
func (s *Site) copyWith(changed map[*content.Article]*content.Article) *Site {
	c := &Site{Config: s.Config}
	version := func(a *content.Article) *content.Article {
		if n, ok := changed[a]; ok {
			return n
		}
		return a
	}
	copyList := func(list []*Article) []*Article {
		arts := make([]Article, len(list)) // one allocation for them all
		out := make([]*Article, len(list))
		for i, a := range list {
			arts[i] = *a
			arts[i].Article = version(a.Article)
			out[i] = &arts[i]
		}
		return out
	}
	c.Articles, c.Pages = copyList(s.Articles), copyList(s.Pages)
	terms := map[*Term]*Term{}
	copyTerms := func(list []*Term) []*Term {
		out := make([]*Term, len(list))
		for i, t := range list {
			nt := *t
			nt.Articles = make([]*Article, len(t.Articles))
			for j, a := range t.Articles {
				nt.Articles[j] = c.Articles[a.index]
			}
			terms[t], out[i] = &nt, &nt
		}
		return out
	}
	c.Sections, c.Topics, c.Authors = copyTerms(s.Sections), copyTerms(s.Topics), copyTerms(s.Authors)
	for _, a := range c.Articles {
		a.SectionFront = terms[a.SectionFront]
		a.Topics = remap(a.Topics, func(t *Term) *Term { return terms[t] })
		a.Authors = remap(a.Authors, func(t *Term) *Term { return terms[t] })
		a.Related = remap(a.Related, func(r *Article) *Article { return c.Articles[r.index] })
	}
	return c
}

// remap returns a new slice of the images of list under f.
func remap[T any](list []*T, f func(*T) *T) []*T {
	out := make([]*T, len(list))
	for i, x := range list {
		out[i] = f(x)
	}
	return out
}

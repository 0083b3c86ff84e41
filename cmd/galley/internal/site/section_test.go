package site

import (
	"slices"
	"testing"

	"galley.dev/galley/cmd/galley/internal/config"
	"galley.dev/galley/cmd/galley/internal/content"
	"galley.dev/galley/cmd/galley/internal/diag"
)

// TestSections checks that every section with a story or an intro has a
// front, named and ordered by its intro, listing its stories newest
// first, and that each story knows its front.
func TestSections(t *testing.T) {
	a := article("content/news/a.md", "a", 1)
	b := article("content/news/b.md", "b", 3)
	c := article("content/world-news/c.md", "c", 2)
	c.Section = "world-news"
	draft := article("content/sport/d.md", "d", 2)
	draft.Section, draft.Draft = "sport", true
	page := &content.Article{Path: "content/about.md", Page: true, Slug: "about", Title: "About"}
	intros := []*content.Intro{
		{Path: "content/news/_index.md", Section: "news", Title: "Latest news", Weight: 2},
		{Path: "content/opinion/_index.md", Section: "opinion", Weight: 1},
	}
	s, err := New(config.Default(), []*content.Article{a, b, c, draft, page}, Extra{Intros: intros}, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range s.Sections {
		list := f.URL() + " " + f.Name + ":"
		for _, a := range f.Articles {
			list += " " + a.Slug
		}
		got = append(got, list)
	}
	// World news has no intro (weight 0), so comes first; the draft's
	// section has no published story and no intro, so no front.
	want := []string{"/world-news/ World news: c", "/opinion/ Opinion:", "/news/ Latest news: b a"}
	if !slices.Equal(got, want) {
		t.Errorf("sections:\ngot  %q\nwant %q", got, want)
	}
	for _, a := range s.Articles {
		if a.SectionFront == nil || a.SectionFront.Slug != a.Article.Section {
			t.Errorf("%s: SectionFront = %v, want the front of %s", a.Path, a.SectionFront, a.Article.Section)
		}
	}
	if s.Pages[0].SectionFront != nil {
		t.Errorf("page has a section front")
	}
}

// TestSectionClashes checks that what would overwrite a section front's
// files is an error at its line: a page at the front's URL, an alias
// there, and a story whose slug is one of the front's files. A section
// of drafts counts, so that publishing them later breaks nothing.
func TestSectionClashes(t *testing.T) {
	withPage := func(slug string, line int) *content.Article {
		return &content.Article{Path: "content/" + slug + ".md", Page: true, Slug: slug, Title: slug, SlugLine: line}
	}
	draft := article("content/sport/d.md", "d", 2)
	draft.Section, draft.Draft = "sport", true
	aliased := article("content/news/b.md", "b", 2)
	aliased.AliasesLine, aliased.Aliases = 7, []string{"/news"}
	feedSlug := article("content/news/feed.md", "feed.xml", 2)
	feedSlug.SlugLine = 4
	tests := []struct {
		name     string
		articles []*content.Article
		intros   []*content.Intro
		want     []string
	}{
		{"page at a section's URL",
			[]*content.Article{article("content/news/a.md", "a", 1), withPage("news", 3)},
			nil,
			[]string{"content/news.md:3: URL /news/ is also the front of a section (the folder content/news); give the page another slug"}},
		{"page at an intro's section",
			[]*content.Article{withPage("opinion", 2)},
			[]*content.Intro{{Path: "content/opinion/_index.md", Section: "opinion"}},
			[]string{"content/opinion.md:2: URL /opinion/ is also the front of a section (content/opinion/_index.md); give the page another slug"}},
		{"page at a section of drafts",
			[]*content.Article{draft, withPage("sport", 5)},
			nil,
			[]string{"content/sport.md:5: URL /sport/ is also the front of a section (the folder content/sport); give the page another slug"}},
		{"alias at a section front",
			[]*content.Article{article("content/news/a.md", "a", 1), aliased},
			nil,
			[]string{"content/news/b.md:7: alias /news is also the front of a section (the folder content/news); remove the alias"}},
		{"slug of a front's feed",
			[]*content.Article{feedSlug},
			nil,
			[]string{`content/news/feed.md:4: slug "feed.xml" is taken by the section front's own files (page, feed.xml, atom.xml, feed.json); choose another slug`}},
	}
	for _, tt := range tests {
		_, err := New(config.Default(), tt.articles, Extra{Intros: tt.intros}, Options{Now: now})
		var got []string
		for _, e := range diag.Flatten(err) {
			got = append(got, e.Error())
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s:\ngot  %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

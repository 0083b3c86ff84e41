package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"galley.dev/galley/cmd/galley/internal/content"
	"galley.dev/galley/cmd/galley/internal/diag"
)

// SectionName is the name of a section without an intro that names it:
// its folder, with spaces for hyphens and a capital ("world-news" is
// "World news").
func SectionName(folder string) string {
	s := strings.ReplaceAll(folder, "-", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// sections makes the front of every section that has a published story
// or an intro, and links each story to its section. A section front
// lists its stories newest first, as articles are. It returns the front
// page's intro apart.
func sections(articles []*Article, intros []*content.Intro) (home *content.Intro, fronts []*Term) {
	bySlug := map[string]*Term{}
	get := func(folder string) *Term {
		t, ok := bySlug[folder]
		if !ok {
			t = &Term{Kind: SectionKind, Name: SectionName(folder), Slug: folder}
			bySlug[folder] = t
		}
		return t
	}
	for _, in := range intros {
		if in.Section == "" {
			home = in
			continue
		}
		t := get(in.Section)
		t.Intro = in
		if name := strings.TrimSpace(in.Title); name != "" {
			t.Name = name
		}
	}
	for _, a := range articles {
		t := get(a.Article.Section)
		t.Articles = append(t.Articles, a)
		a.SectionFront = t
	}
	list := make([]*Term, 0, len(bySlug))
	for _, t := range bySlug {
		list = append(list, t)
	}
	slices.SortFunc(list, func(a, b *Term) int {
		return cmp.Or(cmp.Compare(a.weight(), b.weight()), cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.Slug, b.Slug))
	})
	return home, list
}

// weight is the section's place in the navigation.
func (t *Term) weight() int {
	if t.Intro == nil {
		return 0
	}
	return t.Intro.Weight
}

// sectionSlugs are slugs that a story of a section may not take, since
// the section front's own files are there: its page numbers and feeds.
var sectionSlugs = []string{"page", "feed.xml", "atom.xml", "feed.json"}

// checkSections reports a standalone page or alias at the URL of a
// section front, and a story whose slug is a file of its section front.
// Drafts count, and make their section's front here: publishing one must
// not break the build later.
func checkSections(fronts []*Term, articles []*content.Article) []*diag.Error {
	byFile := make(map[string]string, len(fronts)) // index.html of a front → its source
	for _, t := range fronts {
		byFile[t.Slug+"/index.html"] = t.source()
	}
	for _, a := range articles {
		if f := a.Section + "/index.html"; !a.Page && byFile[f] == "" {
			byFile[f] = folderSource(a.Section)
		}
	}
	var errs []*diag.Error
	for _, a := range articles {
		if src := byFile[AliasFile(a.URL())]; src != "" && a.Page {
			errs = append(errs, diag.Errorf(a.Path, a.SlugLine, "URL %s is also the front of a section (%s); give the page another slug", a.URL(), src))
		}
		if !a.Page && slices.Contains(sectionSlugs, a.Slug) {
			errs = append(errs, diag.Errorf(a.Path, a.SlugLine, "slug %q is taken by the section front's own files (%s); choose another slug", a.Slug, strings.Join(sectionSlugs, ", ")))
		}
		for _, al := range a.Aliases {
			if src := byFile[AliasFile(al)]; src != "" {
				errs = append(errs, diag.Errorf(a.Path, a.AliasesLine, "alias %s is also the front of a section (%s); remove the alias", al, src))
			}
		}
	}
	return errs
}

// source says where a section front comes from, for messages.
func (t *Term) source() string {
	if t.Intro != nil {
		return t.Intro.Path
	}
	return folderSource(t.Slug)
}

func folderSource(section string) string {
	return fmt.Sprintf("the folder %s/%s", content.Dir, section)
}

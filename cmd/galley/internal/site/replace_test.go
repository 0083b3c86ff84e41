package site

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"galley.dev/galley/cmd/galley/internal/config"
	"galley.dev/galley/cmd/galley/internal/content"
)

// dump writes out a model: every list, in order, with what a page shows.
func dump(s *Site) string {
	var b strings.Builder
	for _, a := range s.Articles {
		fmt.Fprintf(&b, "%s %q topics=%v authors=%v related=%v\n", a.URL(), a.Title, termNames(a.Topics), termNames(a.Authors), slugs(a.Related))
	}
	for _, p := range s.Pages {
		fmt.Fprintf(&b, "page %s %q\n", p.URL(), p.Title)
	}
	for _, t := range append(append([]*Term{}, s.Topics...), s.Authors...) {
		fmt.Fprintf(&b, "%s %s %v\n", t.Kind, t.Name, slugs(t.Articles))
	}
	return b.String()
}

func termNames(ts []*Term) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Name)
	}
	return out
}

func TestReplace(t *testing.T) {
	base := func() []*content.Article {
		about := article("content/about.md", "about", 1)
		about.Page, about.Section = true, ""
		return []*content.Article{
			about,
			article("content/news/a.md", "a", 1, "Climate", "Europe"),
			article("content/news/b.md", "b", 2, "Climate"),
			article("content/news/c.md", "c", 3, "Europe"),
			article("content/news/d.md", "d", 4, "Sport"),
		}
	}
	later := now.Add(30 * 24 * time.Hour)
	tests := []struct {
		name   string
		edit   func(*content.Article) // applied to a copy of b
		remove bool
		now    time.Time
		ok     bool
	}{
		{name: "title and words", edit: func(a *content.Article) { a.Title, a.Body = "New title", []byte("New words") }, ok: true},
		{name: "date", edit: func(a *content.Article) { a.Date = a.Date.Add(time.Hour) }},
		{name: "topics", edit: func(a *content.Article) { a.Topics = []string{"Sport"} }},
		{name: "authors", edit: func(a *content.Article) { a.Authors = []string{"Ben Ode"} }},
		{name: "slug", edit: func(a *content.Article) { a.Slug = "b2" }},
		{name: "draft", edit: func(a *content.Article) { a.Draft = true }},
		{name: "featured", edit: func(a *content.Article) { a.Featured = true }},
		{name: "file gone", remove: true},
		{name: "time publishes a story", edit: func(a *content.Article) { a.Title = "x" }, now: later},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts := base()
			arts[4].Date = now.Add(24 * time.Hour) // d is scheduled
			s, err := New(config.Default(), arts, Extra{}, Options{Now: now})
			if err != nil {
				t.Fatal(err)
			}
			before := dump(s)
			all := append([]*content.Article{}, arts...)
			changed := map[*content.Article]*content.Article{}
			if tt.remove {
				all = append(all[:2], all[3:]...)
			} else {
				b := *arts[2]
				tt.edit(&b)
				all[2], changed[arts[2]] = &b, &b
			}
			opts := Options{Now: now}
			if !tt.now.IsZero() {
				opts.Now = tt.now
			}
			got, ok := s.Replace(all, changed, opts)
			if ok != tt.ok {
				t.Fatalf("Replace ok = %v, want %v", ok, tt.ok)
			}
			if dump(s) != before {
				t.Error("Replace changed the model it copied")
			}
			if !ok {
				return
			}
			want, err := New(config.Default(), all, Extra{}, opts)
			if err != nil {
				t.Fatal(err)
			}
			if dump(got) != dump(want) {
				t.Errorf("Replace made\n%s\nNew makes\n%s", dump(got), dump(want))
			}
		})
	}
}

package content

import (
	"context"
	"slices"
	"testing"
	"testing/fstest"

	"galley.dev/galley/cmd/galley/internal/diag"
)

// TestLoadIntros checks that content/<section>/_index.md is read as the
// section's intro, and that its problems are reported with their lines.
func TestLoadIntros(t *testing.T) {
	fsys := fstest.MapFS{
		"content/news/_index.md":     {Data: []byte("---\ntitle: World news\ndescription: From abroad.\nweight: 2\n---\nOur *foreign* desk.\n")},
		"content/news/story.md":      {Data: []byte("---\ntitle: A\ndate: 2026-11-01\n---\nBody\n")},
		"content/sport/_index.md":    {Data: []byte("---\ntitel: Sport\n---\n")},
		"content/culture/_index.md":  {Data: []byte("+++\ntitle = 'Culture'\n+++\n")},
		"content/authors/_index.md":  {Data: []byte("---\ntitle: Authors\n---\n")},        // not a section
		"content/_index.md":          {Data: []byte("---\ntitle: Home\n---\nWelcome.\n")}, // the front page's
		"content/Bad Name/_index.md": {Data: []byte("---\ntitle: Bad\n---\n")},            // Load reports the folder
	}
	intros, err := LoadIntros(context.Background(), fsys, Options{MaxFileSize: 1 << 20})
	var got []string
	for _, e := range diag.Flatten(err) {
		got = append(got, e.Error())
	}
	want := []string{
		"content/culture/_index.md:1: section intros take YAML front matter between lines of ---",
		`content/sport/_index.md:2: unknown key "titel"; known keys are title, description, weight, source, import_hash`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\ngot  %q\nwant %q", got, want)
	}
	if len(intros) != 2 {
		t.Fatalf("got %d intros, want 2", len(intros))
	}
	if home := intros[0]; home.Section != "" || string(home.Body) != "Welcome.\n" {
		t.Errorf("front page's intro = %+v", home)
	}
	in := intros[1]
	if in.Section != "news" || in.Title != "World news" || in.Description != "From abroad." || in.Weight != 2 || string(in.Body) != "Our *foreign* desk.\n" || in.Sum == "" {
		t.Errorf("intro = %+v", in)
	}
}

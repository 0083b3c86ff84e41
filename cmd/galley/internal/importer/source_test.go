package importer

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestKeepAliases checks that an imported alias that would break the
// build is listed instead of written: the page's own file, another
// page's URL, a section's front, another page's alias; and that a page
// at a section's URL becomes that section's intro; and that a date the
// build cannot read is in the report.
func TestKeepAliases(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	var out bytes.Buffer
	w := NewWriter(dir, false, false, &out)
	type item struct {
		p Placed
		a *Story
	}
	var items []item
	place := func(section, want, from string, aliases ...string) {
		slug, _, err := w.Place(ctx, section, want, from)
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, item{Placed{From: from, Section: section, Slug: slug}, &Story{Title: want, Date: "2026-01-02", Source: from, Aliases: aliases}})
	}
	place("news", "a", "old/a.md", "/news/a/index.html", "/news/b/", "/news/", "/old/", "/kept/", "/404.html", "/topics/x/")
	place("news", "b", "old/b.md", "/old/", "/b-old/")
	place("", "news", "old/news.md", "/old-news/")
	items[1].a.Date = "2023-01-29 18:30:22 2023 -0800"
	for _, it := range items {
		w.Page(ctx, &it.p, it.a, 0)
	}
	if err := w.Finish("test", "old"); err != nil {
		t.Fatal(err)
	}
	var skipped []string
	for _, n := range w.Report.Skipped {
		skipped = append(skipped, n.String())
	}
	want := []string{
		"old/a.md: alias /news/b/ not kept: it is the new URL of old/b.md",
		"old/a.md: alias /news/ not kept: it is the front of the section news",
		"old/a.md: alias /404.html not kept: Galley writes 404.html itself",
		"old/a.md: alias /topics/x/ not kept: Galley writes topics/x/index.html itself",
		"old/b.md: alias /old/ not kept: old/a.md has it already",
		"old/news.md: alias /old-news/ not kept: the page is the intro of the section news, which takes no aliases",
	}
	if !slices.Equal(skipped, want) {
		t.Errorf("skipped:\ngot  %q\nwant %q", skipped, want)
	}
	if len(w.Report.Kept) != 1 || !strings.Contains(w.Report.Kept[0].String(), `old/b.md: date "2023-01-29 18:30:22 2023 -0800" kept as written, but galley build cannot read it`) {
		t.Errorf("kept = %v, want the unreadable date of old/b.md", w.Report.Kept)
	}
	if got := items[0].a.Aliases; !slices.Equal(got, []string{"/old/", "/kept/"}) {
		t.Errorf("aliases of a = %q", got)
	}
	intro, err := os.ReadFile(filepath.Join(dir, "content", "news", "_index.md"))
	if err != nil || !strings.Contains(string(intro), "title: news") {
		t.Errorf("the page at /news/ is not the section's intro: %v\n%s", err, intro)
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "news.md")); err == nil {
		t.Error("content/news.md written beside the section's intro")
	}
}

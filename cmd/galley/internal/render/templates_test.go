package render

import (
	"io/fs"
	"slices"
	"testing"
	"testing/fstest"

	"galley.dev/galley"
)

// TestPageSum overrides one template at a time and checks which page
// templates' sums change: exactly those that use it, directly or not.
func TestPageSum(t *testing.T) {
	theme := galley.Theme()
	base, err := LoadTemplates(fstest.MapFS{}, theme)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file string
		want []string // the pages whose sum changes
	}{
		{"newsletter.html", []string{ArticleTemplate}},
		{"figure.html", []string{ArticleTemplate, PageTemplate}},
		{"pagination.html", []string{HomeTemplate, ListTemplate}},
		{"card.html", []string{ArticleTemplate, HomeTemplate, ListTemplate, NotFoundTemplate}},
		{"head.html", Pages}, // through base.html
		{"terms.html", []string{TermsTemplate}},
		{"unused.html", nil},
	}
	for _, tt := range tests {
		data, _ := fs.ReadFile(theme, "templates/"+tt.file)
		site := fstest.MapFS{"templates/" + tt.file: {Data: append(data, "\n<!-- edited -->"...)}}
		got, err := LoadTemplates(site, theme)
		if err != nil {
			t.Fatal(err)
		}
		var changed []string
		for _, page := range Pages {
			if got.PageSum(page) == "" {
				t.Fatalf("no sum for %s", page)
			}
			if got.PageSum(page) != base.PageSum(page) {
				changed = append(changed, page)
			}
		}
		slices.Sort(changed)
		want := slices.Sorted(slices.Values(tt.want))
		if !slices.Equal(changed, want) {
			t.Errorf("editing %s changed %v, want %v", tt.file, changed, want)
		}
	}
}

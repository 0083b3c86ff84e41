package render

import (
	"errors"
	"io"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"galley.dev/galley"
	"galley.dev/galley/cmd/galley/internal/diag"
)

// TestPageSum overrides one template at a time and checks which page
// templates' sums change: exactly those that use it, directly or not.
func TestPageSum(t *testing.T) {
	theme := galley.Theme()
	base, err := LoadTemplates(fstest.MapFS{}, theme, true)
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
		got, err := LoadTemplates(site, theme, true)
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

// TestTemplateErrors checks that a broken or missing template is reported
// at the line of the site's file that an editor can open, and says what
// to do.
func TestTemplateErrors(t *testing.T) {
	theme := galley.Theme()
	tests := []struct {
		name  string
		site  fstest.MapFS
		want  []string // substrings of the error of LoadTemplates
		avoid []string // substrings it must not have
	}{
		{
			name: "site template calls a missing partial",
			site: fstest.MapFS{"templates/footer.html": {Data: []byte("<footer>\n{{template \"nosuch.html\" .}}\n</footer>\n")}},
			want: []string{
				`templates/footer.html:2: {{template "nosuch.html"}}: no such template; add templates/nosuch.html or fix the name`,
			},
			avoid: []string{"html/template:", "(built-in theme)"},
		},
		{
			name: "built-in base calls a partial the site template removed by name",
			site: fstest.MapFS{"templates/base.html": {Data: []byte("<!doctype html>\n<main>{{template \"main\" .}}</main>\n{{template \"footer\" .}}\n")}},
			want: []string{`templates/base.html:3: {{template "footer"}}: no such template; add {{define "footer"}} to a file in templates/ or fix the name`},
		},
		{
			name: "page without main reported once, at the built-in base",
			site: fstest.MapFS{"templates/404.html": {Data: []byte("{{template \"base.html\" .}}\n")}},
			want: []string{`templates/base.html:11: {{template "main"}}: no such template when rendering 404.html; add {{define "main"}} to a file in templates/ or fix the name (built-in theme)`},
		},
		{
			name: "parse error keeps its line",
			site: fstest.MapFS{"templates/card.html": {Data: []byte("<p>\n{{if}}\n")}},
			want: []string{"templates/card.html:2: "},
		},
	}
	for _, tt := range tests {
		_, err := LoadTemplates(tt.site, theme, true)
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error\n%v\nwant it to contain\n%s", tt.name, err, w)
			}
			if n := strings.Count(err.Error(), w); n > 1 {
				t.Errorf("%s: %q reported %d times", tt.name, w, n)
			}
		}
		for _, a := range tt.avoid {
			if strings.Contains(err.Error(), a) {
				t.Errorf("%s: error\n%v\nhas %q", tt.name, err, a)
			}
		}
		for _, e := range diag.Flatten(err) {
			if e.Path == "" {
				t.Errorf("%s: problem without a path: %v", tt.name, e)
			}
		}
	}
}

// TestExecuteErrorPosition checks that an error html/template finds when a
// page is first executed names the site's file and line, not
// "html/template:name:line:col".
func TestExecuteErrorPosition(t *testing.T) {
	site := fstest.MapFS{"templates/404.html": {Data: []byte("<p>\n{{if .Preview}}<a href=\"{{end}}x\n")}}
	tmpl, err := LoadTemplates(site, galley.Theme(), true)
	if err != nil {
		t.Fatal(err)
	}
	err = tmpl.Execute(io.Discard, NotFoundTemplate, &Page{})
	if err == nil {
		t.Fatal("no error")
	}
	if got := err.Error(); !strings.HasPrefix(got, "templates/404.html:2: ") || strings.Contains(got, "html/template") {
		t.Errorf("error = %q, want templates/404.html:2: …", got)
	}
	var d *diag.Error
	if !errors.As(err, &d) || d.Path != "templates/404.html" || d.Line != 2 {
		t.Errorf("error %#v is not a diag.Error at templates/404.html:2", err)
	}
}

// TestParseErrorAlone checks that a partial that fails to parse is not
// also reported as missing by each of its callers.
func TestParseErrorAlone(t *testing.T) {
	site := fstest.MapFS{"templates/card.html": {Data: []byte("<p>\n{{if}}\n")}}
	_, err := LoadTemplates(site, galley.Theme(), true)
	if got := diag.Flatten(err); len(got) != 1 {
		t.Errorf("got %d problems, want 1:\n%v", len(got), err)
	}
}

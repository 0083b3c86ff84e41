package render

import (
	"bytes"
	"html/template"
	"io"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"galley.dev/galley"
	"galley.dev/galley/cmd/galley/internal/output"
	"galley.dev/galley/cmd/galley/internal/site"
)

// minifySite has what a page can show: a standalone page, a section
// intro, an author's bio, a body with code that looks like an action,
// spaces a browser collapses, a quote and an ampersand.
var minifySite = map[string]string{
	"site.yaml": "title: The Test & Times\nbase_url: https://news.example.org/\nper_page: 2\n" +
		"newsletter: {heading: Mornings, action: \"https://letters.example.org/join\", hidden: {list: am}}\n",
	"content/authors/ana-ruiz.md": "---\nname: Ana Ruiz\nrole: Climate correspondent\n---\nAna covers\nthe *coasts*.\n\nAnd the ports.\n",
	"content/news/_index.md":      "---\ntitle: News\n---\nThe **day's** news.\n\nAll of it.\n",
	"content/news/a.md": story("2026-11-20", "title: A & B \"quoted\"\ndescription: Dek   A.\nauthors: [Ana Ruiz]\ntopics: [Climate, Ports]\n",
		"A paragraph\nover   two lines.\n\n- one\n- two\n\n> quoted\n\n```\n{{.Site}}  kept   as is\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"),
	"content/news/b.md":  story("2026-11-19", "title: B\nauthors: [Ana Ruiz]\ntopics: [Climate]\n", "Body B."),
	"content/news/c.md":  story("2026-11-18", "title: C\ntopics: [Ports]\n", "Body C."),
	"content/about.md":   "---\ntitle: About us\n---\nWho we are.\n\nAnd why.\n",
	"content/_index.md":  "---\ntitle: Front\n---\nToday's *front*.\n",
	"content/search.txt": "",
}

// TestMinifiedTheme checks that the pages made from the theme minified at
// load are the pages made before, when every page was minified whole:
// minified again, each is byte for byte what minifying the page of the
// theme as written gives, and minifying it changes nothing but how
// characters and quotes are spelled.
func TestMinifiedTheme(t *testing.T) {
	fast, s := testSite(t, minifySite)
	if !fast.Minified() {
		t.Fatal("the built-in theme is not minified at load")
	}
	slow, _ := testSite(t, minifySite)
	tmpl, err := LoadTemplates(fstest.MapFS{}, galley.Theme(), false)
	if err != nil {
		t.Fatal(err)
	}
	slow.tmpl = tmpl
	if slow.Minified() {
		t.Fatal("LoadTemplates(minify false) minified the theme")
	}
	pages := map[string]func(r *Renderer, w io.Writer) error{
		"article": func(r *Renderer, w io.Writer) error {
			a := articleBySlug(t, s, "a")
			body, err := r.Body(a)
			if err != nil {
				return err
			}
			return r.Article(w, a, body)
		},
		"page": func(r *Renderer, w io.Writer) error {
			a := s.Pages[0]
			body, err := r.Body(a)
			if err != nil {
				return err
			}
			return r.Page(w, a, body)
		},
		"home":    func(r *Renderer, w io.Writer) error { return r.Home(w, 1) },
		"home 2":  func(r *Renderer, w io.Writer) error { return r.Home(w, 2) },
		"section": func(r *Renderer, w io.Writer) error { return r.Term(w, termByKind(t, s, site.SectionKind), 1) },
		"author":  func(r *Renderer, w io.Writer) error { return r.Term(w, termByKind(t, s, site.AuthorKind), 1) },
		"topics":  func(r *Renderer, w io.Writer) error { return r.Index(w, site.TopicKind) },
		"404":     func(r *Renderer, w io.Writer) error { return r.NotFound(w) },
		"search":  func(r *Renderer, w io.Writer) error { return r.Search(w) },
	}
	for name, render := range pages {
		var made, before bytes.Buffer
		if err := render(fast, &made); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := render(slow, &before); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		// The minifier may write over what it reads: it is given copies.
		want, err := output.Minify("index.html", bytes.Clone(before.Bytes()), output.Options{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := output.Minify("index.html", bytes.Clone(made.Bytes()), output.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: minified again, the page differs from the one minified whole:\n got %s\nwant %s", name, got, want)
		}
		// Minified already: minifying it again only spells characters
		// otherwise (html/template writes &#43; for +, where the minifier
		// writes +), quotes otherwise, and collapses the spaces of a
		// value ("Dek   A.").
		if a, b := norm(t, made.String()), norm(t, string(got)); a != b {
			i := 0
			for i < min(len(a), len(b)) && a[i] == b[i] {
				i++
			}
			t.Errorf("%s: the page is not minified, from %q\nwhich minifies to %q", name, a[max(0, i-80):min(len(a), i+80)], b[max(0, i-80):min(len(b), i+80)])
		}
	}
}

// norm returns an HTML page as golang.org/x/net/html writes it, which
// spells each character and quotes each attribute one way, with each run
// of spaces made one.
func norm(t *testing.T, page string) string {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := html.Render(&b, doc); err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestThemeNotMinified checks that a theme the minifier could change the
// meaning of is left as written, for pages to be minified whole.
func TestThemeNotMinified(t *testing.T) {
	for name, partial := range map[string]string{
		"a textarea's value": `<textarea name="note">  {{.Site.Title}}  </textarea>`,
	} {
		site := fstest.MapFS{"templates/newsletter.html": {Data: []byte(partial)}}
		tmpl, err := LoadTemplates(site, galley.Theme(), true)
		if err != nil {
			t.Fatal(err)
		}
		if tmpl.Minified() {
			t.Errorf("%s: the theme was minified", name)
		}
	}
}

// TestMinifiedThemeErrorLine checks that an error in a minified theme is
// told at its line in the file as written.
func TestMinifiedThemeErrorLine(t *testing.T) {
	r, s := testSite(t, listingSite)
	partial := "<footer>\n<p>\n  {{.Site.Title}}\n</p>\n{{.Nope}}\n</footer>\n"
	tmpl, err := LoadTemplates(fstest.MapFS{"templates/footer.html": {Data: []byte(partial)}}, galley.Theme(), true)
	if err != nil {
		t.Fatal(err)
	}
	if !tmpl.Minified() {
		t.Fatal("the theme was not minified")
	}
	r.tmpl = tmpl
	var b bytes.Buffer
	err = r.Term(&b, termByKind(t, s, site.TopicKind), 1)
	if err == nil || !strings.HasPrefix(err.Error(), "templates/footer.html:5: ") {
		t.Errorf("Term = %v, want the error at templates/footer.html:5", err)
	}
}

// TestSameActions checks the test that minified templates are the same
// templates: markup between actions may change, actions may not.
func TestSameActions(t *testing.T) {
	parse := func(src string) *template.Template {
		return template.Must(template.New("x").Parse(src))
	}
	const file = "<p>\n  {{if .A}}<b>{{.A}}</b>{{else}}none{{end}}\n</p>{{define \"y\"}}{{range .}}{{.}}{{end}}{{end}}"
	for _, tt := range []struct {
		other string
		same  bool
	}{
		{"<p>{{if .A}}<b>{{.A}}</b>{{else}}none{{end}}</p>{{define \"y\"}}{{range .}}{{.}}{{end}}{{end}}", true},
		{"<p>{{if .A}}<b>{{.B}}</b>{{else}}none{{end}}</p>{{define \"y\"}}{{range .}}{{.}}{{end}}{{end}}", false},
		{"<p>{{if .A}}<b>{{.A}}</b>{{end}}none</p>{{define \"y\"}}{{range .}}{{.}}{{end}}{{end}}", false},
		{"<p>{{if .A}}<b>{{.A}}</b>{{else}}none{{end}}</p>{{define \"y\"}}{{range .}}{{end}}{{.}}{{end}}", false},
		{"<p>{{if .A}}<b>{{.A}}</b>{{else}}none{{end}}</p>", false},
	} {
		if got := sameActions(parse(file), parse(tt.other)); got != tt.same {
			t.Errorf("sameActions(%q, %q) = %v, want %v", file, tt.other, got, tt.same)
		}
	}
}

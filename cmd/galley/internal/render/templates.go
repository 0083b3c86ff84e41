package render

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"text/template/parse"
)

// TemplateDir is the folder of templates in a site and in the theme.
const TemplateDir = "templates"

// The templates that render whole pages; every other file in templates/
// is a layout or partial that they call by file name, as in
// {{template "share.html" .}}.
const (
	ArticleTemplate  = "article.html"
	PageTemplate     = "page.html"
	HomeTemplate     = "home.html"
	ListTemplate     = "list.html"
	TermsTemplate    = "terms.html"
	NotFoundTemplate = "404.html"
)

// Pages lists the page templates.
var Pages = []string{ArticleTemplate, PageTemplate, HomeTemplate, ListTemplate, TermsTemplate, NotFoundTemplate}

// Templates are a parsed theme: one template set per page.
type Templates struct {
	pages map[string]*template.Template
	// origin maps a file name to where it came from, for messages.
	origin map[string]string
	// sums holds PageSum's answers.
	sums map[string]string
}

// PageSum returns the SHA-256, hex, of the files that the page template
// page uses: its own and those of every template it calls, directly or
// through others. Pages of that template must be made again when it
// changes, and only they: an edit to the newsletter partial leaves the
// topic pages alone.
func (t *Templates) PageSum(page string) string { return t.sums[page] }

// LoadTemplates parses the templates of the theme builtin, each replaced
// by the file of the same name in site's templates/ if there is one. Each
// file is parsed under its own name, so errors say file and line.
func LoadTemplates(site, builtin fs.FS) (*Templates, error) {
	t := &Templates{pages: map[string]*template.Template{}, origin: map[string]string{}}
	files := map[string][]byte{}
	var errs []error
	for _, src := range []struct {
		fsys  fs.FS
		label string
	}{{builtin, " (built-in theme)"}, {site, ""}} {
		if src.fsys == nil {
			continue
		}
		entries, err := fs.ReadDir(src.fsys, TemplateDir)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, fmt.Errorf("%s: %w", TemplateDir, err))
		}
		for _, e := range entries {
			if e.IsDir() || path.Ext(e.Name()) != ".html" {
				continue
			}
			data, err := fs.ReadFile(src.fsys, TemplateDir+"/"+e.Name())
			if err != nil {
				errs = append(errs, fmt.Errorf("%s/%s: %w", TemplateDir, e.Name(), err))
				continue
			}
			files[e.Name()] = data
			t.origin[e.Name()] = TemplateDir + "/" + e.Name() + src.label
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	base := template.New("").Funcs(funcs)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if slices.Contains(Pages, name) {
			continue
		}
		if _, err := base.New(name).Parse(string(files[name])); err != nil {
			errs = append(errs, t.wrap(err))
		}
	}
	for _, name := range Pages {
		data, ok := files[name]
		if !ok {
			errs = append(errs, fmt.Errorf("%s/%s: missing page template; the theme needs one", TemplateDir, name))
			continue
		}
		page := template.Must(base.Clone())
		if _, err := page.New(name).Parse(string(data)); err != nil {
			errs = append(errs, t.wrap(err))
			continue
		}
		t.pages[name] = page
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	t.sums = map[string]string{}
	for name, page := range t.pages {
		h := sha256.New()
		for _, file := range filesUsed(page, name) {
			fmt.Fprintf(h, "%s\x00%d\x00%s", file, len(files[file]), files[file])
		}
		t.sums[name] = hex.EncodeToString(h.Sum(nil))
	}
	return t, nil
}

// filesUsed returns the files that define the template name of set and
// every template it calls, sorted. Calls name their template by a
// constant, so the parse trees tell them all.
func filesUsed(set *template.Template, name string) []string {
	seen := map[string]bool{}
	files := map[string]bool{}
	var visit func(name string)
	visit = func(name string) {
		tmpl := set.Lookup(name)
		if seen[name] || tmpl == nil || tmpl.Tree == nil {
			return
		}
		seen[name] = true
		files[tmpl.Tree.ParseName] = true // the file it was defined in
		eachCall(tmpl.Tree.Root, visit)
	}
	visit(name)
	return slices.Sorted(maps.Keys(files))
}

// eachCall calls f with the name of every template that n calls.
func eachCall(n parse.Node, f func(name string)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				eachCall(c, f)
			}
		}
	case *parse.TemplateNode:
		f(n.Name)
	case *parse.IfNode:
		eachCall(n.List, f)
		eachCall(n.ElseList, f)
	case *parse.RangeNode:
		eachCall(n.List, f)
		eachCall(n.ElseList, f)
	case *parse.WithNode:
		eachCall(n.List, f)
		eachCall(n.ElseList, f)
	}
}

// Execute renders the page template name with data into w.
func (t *Templates) Execute(w io.Writer, name string, data *Page) error {
	p, ok := t.pages[name]
	if !ok {
		return fmt.Errorf("%s/%s: no such page template", TemplateDir, name)
	}
	if err := p.ExecuteTemplate(w, name, data); err != nil {
		return t.wrap(err)
	}
	return nil
}

// wrap turns "template: share.html:3: msg" into "templates/share.html:3: msg",
// the path an editor can open.
func (t *Templates) wrap(err error) error {
	msg := strings.TrimPrefix(err.Error(), "template: ")
	name, rest, ok := strings.Cut(msg, ":")
	if origin, known := t.origin[name]; ok && known {
		label := ""
		origin, label, _ = strings.Cut(origin, " ")
		if label != "" {
			rest = rest + " " + label
		}
		return fmt.Errorf("%s:%s", origin, rest)
	}
	return err
}

// funcs are the template functions. None returns template.HTML: values
// from content stay escaped by html/template, whatever the context.
var funcs = template.FuncMap{
	"add":  func(a, b int) int { return a + b },
	"join": strings.Join,
}

package render

import (
	"bytes"
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
	"strconv"
	"strings"
	"text/template/parse"

	"github.com/tdewolff/minify/v2"

	"galley.dev/galley/cmd/galley/internal/content"
	"galley.dev/galley/cmd/galley/internal/diag"
	"galley.dev/galley/cmd/galley/internal/minifier"
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
	SearchTemplate   = "search.html"
	// CardTemplate is the partial that makes a story's card.
	CardTemplate = "card.html"
)

// Pages lists the page templates.
var Pages = []string{ArticleTemplate, PageTemplate, HomeTemplate, ListTemplate, TermsTemplate, NotFoundTemplate, SearchTemplate}

// Templates are a parsed theme: one template set per page.
type Templates struct {
	pages map[string]*template.Template
	// origin maps a file name to where it came from, for messages.
	origin map[string]string
	// sums holds PageSum's answers.
	sums map[string]string
	// fast are the sets pages are made with when the theme is minified
	// (minifyTheme), by page; nil if it is not. min then minifies
	// bodies.
	fast map[string]*template.Template
	min  *minify.M
}

// PageSum returns the SHA-256, hex, of the files that the page template
// page uses: its own and those of every template it calls, directly or
// through others. Pages of that template must be made again when it
// changes, and only they: an edit to the newsletter partial leaves the
// topic pages alone.
func (t *Templates) PageSum(page string) string { return t.sums[page] }

// LoadTemplates parses the templates of the theme builtin, each replaced
// by the file of the same name in site's templates/ if there is one. Each
// file is parsed under its own name, so errors say file and line. With
// minify, pages and bodies are made minified where the theme allows
// (Minified).
func LoadTemplates(site, builtin fs.FS, minify bool) (*Templates, error) {
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
			if e.Type()&fs.ModeSymlink != 0 {
				if err := content.CheckLink(src.fsys, TemplateDir+"/"+e.Name()); err != nil {
					errs = append(errs, &diag.Error{Path: TemplateDir + "/" + e.Name(), Err: err})
					continue
				}
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
	if errs = t.parse(files, t.pages); len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	// Not after a parse error: the partial that failed would be
	// reported again as missing by every caller.
	if errs = t.missingCalls(); len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	t.sums = map[string]string{}
	for name, page := range t.pages {
		h := sha256.New()
		for _, file := range pageFiles(page, name, files) {
			fmt.Fprintf(h, "%s\x00%d\x00%s", file, len(files[file]), files[file])
		}
		t.sums[name] = hex.EncodeToString(h.Sum(nil))
	}
	if minify {
		t.minifyTheme(files)
	}
	return t, nil
}

// parse parses files into sets, one per page template, each holding the
// page and every other file but the other pages.
func (t *Templates) parse(files map[string][]byte, sets map[string]*template.Template) []error {
	var errs []error
	base := template.New("").Funcs(funcs)
	for _, name := range slices.Sorted(maps.Keys(files)) {
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
		sets[name] = page
	}
	return errs
}

// minifyTheme makes the sets pages are rendered with from the files
// minified (minifyFiles), if they can be and each holds the actions of
// its set as written (sameActions). The sets as written stay, for the
// lines of errors.
func (t *Templates) minifyTheme(files map[string][]byte) {
	min, err := minifyFiles(files)
	if err != nil {
		return // pages are minified whole
	}
	fast := map[string]*template.Template{}
	if errs := t.parse(min, fast); len(errs) > 0 {
		return
	}
	for name, set := range t.pages {
		if !sameActions(set, fast[name]) {
			return
		}
	}
	t.fast, t.min = fast, minifier.New(false)
}

// Minified reports whether pages come out of the templates minified, so
// that they are to be written as they are.
func (t *Templates) Minified() bool { return t.fast != nil }

// pageFiles returns the files whose edit changes the page template name
// of set: those filesUsed names, and card.html where one of them inserts
// a card's HTML, which card.html makes apart from the page (Card.HTML).
// A mere mention of .HTML counts: at worst pages are made again.
func pageFiles(set *template.Template, name string, files map[string][]byte) []string {
	used := filesUsed(set, name)
	for _, f := range used {
		if bytes.Contains(files[f], []byte(".HTML")) && !slices.Contains(used, CardTemplate) {
			used = append(used, CardTemplate)
			slices.Sort(used)
			break
		}
	}
	return used
}

// filesUsed returns the files that define the template name of set and
// every template it calls, sorted. Calls name their template by a
// constant, so the parse trees tell them all.
func filesUsed(set *template.Template, name string) []string {
	files := map[string]bool{}
	reachable(set, name, func(tmpl *template.Template) {
		files[tmpl.Tree.ParseName] = true // the file it was defined in
	})
	return slices.Sorted(maps.Keys(files))
}

// reachable calls f, once each, with the template name of set and every
// defined template it calls, directly or not.
func reachable(set *template.Template, name string, f func(*template.Template)) {
	seen := map[string]bool{}
	var visit func(name string)
	visit = func(name string) {
		tmpl := set.Lookup(name)
		if seen[name] || tmpl == nil || tmpl.Tree == nil {
			return
		}
		seen[name] = true
		f(tmpl)
		eachCall(tmpl.Tree.Root, func(n *parse.TemplateNode) { visit(n.Name) })
	}
	visit(name)
}

// missingCalls reports each {{template}} call, reachable from a page
// template, of a template that the page's set does not define: a partial
// the site misnamed, or a "main" its page template forgot. html/template
// would find it only when the page is first rendered, mid-build, and name
// the file by its bare name; here it is found at load, at the caller's
// line. A call reached from several pages is reported once, naming the
// pages unless it is all of them.
func (t *Templates) missingCalls() []error {
	type call struct {
		file string
		line int
		name string
	}
	var calls []call
	pages := map[call][]string{}
	for _, page := range Pages {
		set := t.pages[page]
		reachable(set, page, func(tmpl *template.Template) {
			eachCall(tmpl.Tree.Root, func(n *parse.TemplateNode) {
				if c := set.Lookup(n.Name); c != nil && c.Tree != nil {
					return // reachable visits it
				}
				k := call{tmpl.Tree.ParseName, n.Line, n.Name}
				if pages[k] == nil {
					calls = append(calls, k)
				}
				if !slices.Contains(pages[k], page) {
					pages[k] = append(pages[k], page)
				}
			})
		})
	}
	errs := make([]error, 0, len(calls))
	for _, c := range calls {
		when := ""
		if len(pages[c]) < len(Pages) && !slices.Equal(pages[c], []string{c.file}) {
			when = " when rendering " + strings.Join(pages[c], ", ")
		}
		fix := fmt.Sprintf("add {{define %q}} to a file in %s/", c.name, TemplateDir)
		if path.Ext(c.name) == ".html" && !strings.Contains(c.name, "/") {
			fix = fmt.Sprintf("add %s/%s", TemplateDir, c.name)
		}
		errs = append(errs, t.at(c.file, c.line, nil,
			"{{template %q}}: no such template%s; %s or fix the name", c.name, when, fix))
	}
	return errs
}

// eachCall calls f with every {{template}} call in n.
func eachCall(n parse.Node, f func(*parse.TemplateNode)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				eachCall(c, f)
			}
		}
	case *parse.TemplateNode:
		f(n)
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
	if err := execute(p, t.fast[name], w, name, data); err != nil {
		// A partial that failed on its own, called through a method
		// such as Card.HTML, is the problem, at its line.
		if pe, ok := errors.AsType[*partialError](err); ok {
			return pe.err
		}
		return t.wrap(err)
	}
	return nil
}

// Partial renders the partial template name, such as CardTemplate, with
// data into w, on its own.
func (t *Templates) Partial(w io.Writer, name string, data any) error {
	if err := execute(t.pages[ListTemplate], t.fast[ListTemplate], w, name, data); err != nil {
		return &partialError{t.wrap(err)}
	}
	return nil
}

// execute executes the template name of fast, a set of the minified
// theme, or of set, the same parsed from the files as written, if fast is
// nil. The minified files' lines are not the files': on an error, set
// makes the page again, to tell where the error is.
func execute(set, fast *template.Template, w io.Writer, name string, data any) error {
	if fast == nil {
		return set.ExecuteTemplate(w, name, data)
	}
	err := fast.ExecuteTemplate(w, name, data)
	if err != nil {
		if again := set.ExecuteTemplate(io.Discard, name, data); again != nil {
			return again
		}
	}
	return err
}

// A partialError is the failure of a partial rendered on its own.
type partialError struct{ err error }

func (e *partialError) Error() string { return e.err.Error() }
func (e *partialError) Unwrap() error { return e.err }

// wrap turns the errors of text/template and html/template, such as
// "template: share.html:3: msg" or "html/template:share.html:3:19: msg",
// into a problem at templates/share.html:3, the path an editor can open.
func (t *Templates) wrap(err error) error {
	msg, ok := strings.CutPrefix(err.Error(), "template: ")
	if !ok {
		msg, ok = strings.CutPrefix(err.Error(), "html/template:")
	}
	if !ok {
		return err
	}
	name, rest, _ := strings.Cut(msg, ":")
	if _, known := t.origin[name]; !known {
		return err
	}
	line := 0
	if n, after, ok := leadingNumber(rest); ok {
		line, rest = n, after
		if _, after, ok := leadingNumber(rest); ok {
			rest = after // the column: editors want the line
		}
	}
	return t.at(name, line, err, "%s", strings.TrimPrefix(rest, " "))
}

// leadingNumber splits "12:rest" into 12 and "rest".
func leadingNumber(s string) (int, string, bool) {
	digits, rest, ok := strings.Cut(s, ":")
	n, err := strconv.Atoi(digits)
	if !ok || err != nil || n <= 0 {
		return 0, s, false
	}
	return n, rest, true
}

// at returns a problem at line of the template file name, by the path it
// came from, marked if it is the built-in theme's. It unwraps to cause.
func (t *Templates) at(name string, line int, cause error, format string, args ...any) *diag.Error {
	origin, label, _ := strings.Cut(t.origin[name], " ")
	msg := fmt.Sprintf(format, args...)
	if label != "" {
		msg += " " + label
	}
	return &diag.Error{Path: origin, Line: line, Err: &templateError{msg, cause}}
}

// A templateError is a template package's error, reworded.
type templateError struct {
	msg   string
	cause error
}

func (e *templateError) Error() string { return e.msg }
func (e *templateError) Unwrap() error { return e.cause }

// funcs are the template functions. None returns template.HTML: values
// from content stay escaped by html/template, whatever the context.
var funcs = template.FuncMap{
	"add":  func(a, b int) int { return a + b },
	"join": strings.Join,
}

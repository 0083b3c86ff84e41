package render

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// TemplateDir is the folder of templates in a site and in the theme.
const TemplateDir = "templates"

// Pages are the templates that render whole pages; every other file in
// templates/ is a layout or partial that they call by file name, as in
// {{template "share.html" .}}.
var Pages = []string{"article.html", "page.html", "home.html", "list.html", "terms.html", "404.html"}

// Templates are a parsed theme: one template set per page.
type Templates struct {
	pages map[string]*template.Template
	// origin maps a file name to where it came from, for messages.
	origin map[string]string
	// Sum is the SHA-256 of every template's name and text, hex: pages
	// must be rendered again when it changes.
	Sum string
}

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
	h := sha256.New()
	for _, name := range names {
		fmt.Fprintf(h, "%s\x00%d\x00%s", name, len(files[name]), files[name])
	}
	t.Sum = hex.EncodeToString(h.Sum(nil))
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
	return t, nil
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

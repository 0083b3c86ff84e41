// Package hugo imports a Hugo site into a Galley site: its content files
// (front matter mapped to Galley's, shortcodes converted), page bundles
// with their resources, static/, and the configuration Galley knows.
//
// Every page keeps its old URL: when Galley's URL (/<section>/<slug>/,
// or /<slug>/ for a standalone page) is not the one Hugo made, the old
// one is written as an alias, with the page's own aliases. A page with a
// date in a section becomes an article of that section (its first
// folder); one without a date, or at the top of content/, a standalone
// page. Section pages (_index.md), other languages, other formats and the
// old site's templates are listed as skipped, with why.
package hugo

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"galley.dev/galley/cmd/galley/internal/content"
	"galley.dev/galley/cmd/galley/internal/diag"
	"galley.dev/galley/cmd/galley/internal/importer"
)

// Source is the Hugo importer.
type Source struct{}

var _ importer.Source = Source{}

// Name implements importer.Source.
func (Source) Name() string { return "hugo" }

// Detect reports whether dir holds a Hugo configuration and a content
// folder: content/, or one such as content.en/ that a multilingual
// site's contentDir names.
func (Source) Detect(dir string) bool {
	matches, _ := filepath.Glob(filepath.Join(dir, "content*"))
	if !slices.ContainsFunc(matches, isDir) {
		return false
	}
	if isDir(filepath.Join(dir, "config", "_default")) {
		return true
	}
	for _, name := range configNames {
		if info, err := os.Stat(filepath.Join(dir, name)); err == nil && info.Mode().IsRegular() {
			return true
		}
	}
	return false
}

func isDir(name string) bool {
	info, err := os.Stat(name)
	return err == nil && info.IsDir()
}

// contentExts are the content formats Galley reads: markdown, and HTML,
// which passes through as raw HTML.
var contentExts = []string{".md", ".markdown", ".mdown", ".html", ".htm"}

// otherFormats are content formats Hugo reads through external tools.
var otherFormats = []string{".org", ".adoc", ".asciidoc", ".rst", ".pandoc", ".pdc", ".ipynb", ".mmark"}

// skippedFolders say why each of the site's own folders is not imported.
var skippedFolders = map[string]string{
	"layouts":      "templates of the old site; Galley uses its own theme (override it in templates/)",
	"themes":       "the old site's theme; Galley uses its own (override it in templates/)",
	"assets":       "Hugo Pipes sources; build them and put the results under static/",
	"data":         "data files for the old templates",
	"i18n":         "translations of the old templates",
	"archetypes":   "templates for new content",
	"resources":    "Hugo's cache of generated files",
	"public":       "the old site's build output",
	"node_modules": "JavaScript packages of the old build",
}

// A page is a content file on its way: read, mapped and placed.
type page struct {
	info   pageInfo
	doc    *importer.Doc
	m      *importer.Mapped
	placed importer.Placed
}

// Import implements importer.Source.
func (Source) Import(ctx context.Context, dir string, w *importer.Writer) error {
	if err := w.Confine(dir); err != nil {
		return err
	}
	cfg, err := readConfig(dir)
	if err != nil {
		return err
	}
	w.Config(ctx, cfg.file, cfg.site())
	imp := &run{cfg: cfg, dir: dir, w: w, byPath: map[string]*page{}, byName: map[string][]*page{}}
	imp.content(ctx)
	imp.static(ctx)
	imp.rest()
	return ctx.Err()
}

// run is one import of a Hugo site.
type run struct {
	cfg    *config
	dir    string
	w      *importer.Writer
	pages  []*page
	intros []*intro
	byPath map[string]*page   // by path in the content folder, for ref
	byName map[string][]*page // by file or bundle name, for ref
}

// content imports the content folder: first every page is read and
// placed, so that refs between pages find their new URLs; then each is
// converted and written.
func (r *run) content(ctx context.Context) {
	root := filepath.Join(r.dir, filepath.FromSlash(r.cfg.contentDir))
	langDirs := map[string]string{}                               // other languages' folders inside root
	for _, code := range slices.Sorted(maps.Keys(r.cfg.others)) { // the report in one order
		d := r.cfg.others[code]
		if rel, ok := strings.CutPrefix(filepathSlash(d), r.cfg.contentDir+"/"); ok {
			langDirs[rel] = code
		}
		if d != "" && !strings.HasPrefix(filepathSlash(d), r.cfg.contentDir+"/") {
			for _, f := range r.w.Walk(filepath.Join(r.dir, d), d, nil) {
				r.w.Skip(path.Join(filepathSlash(d), f), r.otherLanguage(code))
			}
		}
	}
	files := r.w.Walk(root, r.cfg.contentDir, func(rel string, isDir bool) bool {
		if isDir && strings.HasPrefix(path.Base(rel), ".") {
			r.w.Skip(r.src(rel)+"/", "hidden folder")
			return true
		}
		if code, ok := langDirs[rel]; ok && isDir {
			for _, f := range r.w.Walk(filepath.Join(root, rel), "", nil) {
				r.w.Skip(r.src(path.Join(rel, f)), r.otherLanguage(code))
			}
			return true
		}
		return false
	})
	bundles := map[string]bool{} // folders that are leaf bundles
	for _, f := range files {
		if isContent(f) && strings.HasPrefix(path.Base(f), "index.") && path.Dir(f) != "." {
			bundles[path.Dir(f)] = true
		}
	}
	resources := map[string]map[string]string{} // bundle folder → name → file
	for _, f := range files {
		if b := bundleOf(f, bundles); b != "" && !(isContent(f) && path.Dir(f) == b && strings.HasPrefix(path.Base(f), "index.")) {
			r.resource(f, b, resources)
			continue
		}
		r.classify(ctx, f, bundles[path.Dir(f)])
	}
	for _, p := range r.pages {
		if p.placed.Bundle {
			p.placed.Resources = resources[path.Dir(p.info.rel)]
		} else if res := resources[path.Dir(p.info.rel)]; len(res) > 0 {
			p.placed.Resources = res // a standalone page's bundle: to static/<slug>/
		}
	}
	for _, p := range r.pages {
		p.placed.Old = r.cfg.oldURL(p.info)
		r.w.Moved(p.placed.Old, p.placed.URL())
		for _, al := range p.m.OldAliases {
			r.w.Moved(r.cfg.resolveAlias(p.info, al), p.placed.URL())
		}
	}
	for _, p := range r.pages {
		if ctx.Err() != nil {
			return
		}
		r.write(ctx, p)
	}
	for _, in := range r.intros {
		r.writeIntro(ctx, in)
	}
}

// An intro is a section page (_index.md) on its way to being the intro
// of a section front, or of the front page.
type intro struct {
	rel     string // in the content folder
	section string // Galley's section; "" for the front page
	doc     *importer.Doc
	m       *importer.Mapped
}

// intro reads the section page f: a top-level section's becomes its
// front's intro, the top of content/'s the front page's. A nested
// section's has no front of its own in Galley, whose sections are the
// first folders, and is listed as skipped.
func (r *run) intro(ctx context.Context, f string) {
	dir := path.Dir(f)
	if strings.Contains(dir, "/") {
		r.w.Skip(r.src(f), "a nested section's page (_index): Galley's sections are the first folders of content/, so its text is not imported")
		return
	}
	doc := r.readDoc(ctx, f)
	if doc == nil {
		return
	}
	if n := doc.Fields.Get("headless"); importer.IsTrue(n) {
		r.w.Skip(r.src(f), "a headless section page, which Hugo does not publish")
		return
	}
	section := ""
	if dir != "." {
		section = strings.ToLower(dir)
		if slices.Contains(content.ReservedSections, section) {
			section += "-archive"
		}
	}
	m := importer.Map(&doc.Fields, importer.MapOptions{Taxonomies: r.cfg.taxonomies})
	r.intros = append(r.intros, &intro{rel: f, section: section, doc: doc, m: m})
}

// writeIntro converts a section page and writes it.
func (r *run) writeIntro(ctx context.Context, in *intro) {
	c := &converter{
		ref:   r.ref,
		param: func(key string) (string, bool) { return fieldValue(in.doc, key) },
		keep: func(line int, what string) {
			r.w.Keep(r.src(in.rel), line, what)
		},
	}
	weight, _ := strconv.Atoi(importer.Str(in.doc.Fields.Get("weight")))
	out := &importer.Intro{Title: in.m.Title, Description: in.m.Description, Weight: weight, Source: r.source(in.rel)}
	out.Body = []byte(c.convert(string(in.doc.Body), in.doc.BodyLine))
	r.w.Intro(ctx, r.src(in.rel), in.section, out, c.converted)
}

// src is the path of a file of the content folder in the old site.
func (r *run) src(rel string) string { return path.Join(r.cfg.contentDir, rel) }

func (r *run) otherLanguage(code string) string {
	return fmt.Sprintf("in language %q; only the default language (%s) is imported", code, r.cfg.defaultLang)
}

// isContent reports whether a file is a content file Galley converts.
func isContent(f string) bool {
	return slices.Contains(contentExts, strings.ToLower(path.Ext(f)))
}

// bundleOf returns the bundle folder that holds the file f, or "".
func bundleOf(f string, bundles map[string]bool) string {
	for d := path.Dir(f); d != "."; d = path.Dir(d) {
		if bundles[d] {
			return d
		}
	}
	return ""
}

// resource adds the file f of bundle b to the bundle's resources, unless
// a bundle may not publish it.
func (r *run) resource(f, b string, resources map[string]map[string]string) {
	name := strings.TrimPrefix(f, b+"/")
	switch {
	case strings.HasPrefix(path.Base(f), ".") || strings.HasPrefix(path.Base(f), "_"):
		r.w.Skip(r.src(f), "hidden file in a bundle; Galley does not publish it")
		return
	case isContent(f) || slices.Contains(otherFormats, strings.ToLower(path.Ext(f))):
		r.w.Skip(r.src(f), "a content file inside a bundle (a headless page resource); Galley does not publish it")
		return
	case !content.Passive(f):
		r.w.Skip(r.src(f), "a page bundle may publish only pictures, sound, video, PDFs and data; move this file under static/ if it is to be published")
		return
	}
	if resources[b] == nil {
		resources[b] = map[string]string{}
	}
	resources[b][name] = filepath.Join(r.dir, filepath.FromSlash(r.src(f)))
}

// classify reads the file f of the content folder, outside any bundle or
// the index file of one, and adds it to the pages or skips it.
func (r *run) classify(ctx context.Context, f string, bundle bool) {
	base := path.Base(f)
	ext := strings.ToLower(path.Ext(f))
	stem := strings.TrimSuffix(base, path.Ext(base))
	lang := ""
	if i := strings.LastIndexByte(stem, '.'); i > 0 {
		if code := stem[i+1:]; code == r.cfg.defaultLang || r.hasLang(code) {
			stem, lang = stem[:i], code
		}
	}
	switch {
	case lang != "" && lang != r.cfg.defaultLang:
		r.w.Skip(r.src(f), r.otherLanguage(lang))
		return
	case strings.HasPrefix(base, "."):
		r.w.Skip(r.src(f), "hidden file")
		return
	case stem == "_index" && isContent(f):
		r.intro(ctx, f)
		return
	case stem == "_index" && slices.Contains(otherFormats, ext):
		r.w.Skip(r.src(f), "a section page (_index) in "+ext+": Galley reads markdown; convert it with pandoc first")
		return
	case strings.HasPrefix(base, "_"):
		r.w.Skip(r.src(f), "a file whose name starts with _, which Galley ignores")
		return
	case slices.Contains(otherFormats, ext):
		r.w.Skip(r.src(f), "a "+ext+" file: Galley reads markdown; convert it with pandoc first")
		return
	case !isContent(f):
		// A file beside pages, outside any bundle: Hugo publishes it at
		// its path, and so does static/.
		r.w.Copy(ctx, filepath.Join(r.dir, filepath.FromSlash(r.src(f))), path.Join("static", f))
		return
	}
	doc := r.readDoc(ctx, f)
	if doc == nil {
		return
	}
	m := importer.Map(&doc.Fields, importer.MapOptions{Taxonomies: r.cfg.taxonomies, Consumed: []string{"url", "type", "layout"}})
	if n := doc.Fields.Get("headless"); importer.IsTrue(n) {
		r.w.Skip(r.src(f), "a headless page, which Hugo does not publish")
		return
	}
	info := pageInfo{rel: f, bundle: bundle, title: m.Title, slug: m.Slug, url: importer.Str(doc.Fields.Get("url")), date: m.Time, name: stem}
	if m.Title == "" {
		m.Title = titleOf(info.filename())
	}
	p := &page{info: info, doc: doc, m: m}
	section := strings.ToLower(info.section())
	if m.Date == "" || section == "" {
		section = "" // a standalone page: Galley's pages need no date
	} else if slices.Contains(content.ReservedSections, section) {
		section += "-archive"
	}
	want := importer.Slug(info.filename())
	if m.Slug != "" {
		want = importer.Slug(m.Slug)
	}
	if want == "" {
		want = importer.Slug(m.Title)
	}
	if want == "" {
		want = "page"
	}
	slug, why, err := r.w.Place(ctx, section, want, r.source(f))
	if err != nil {
		r.w.Fail(fmt.Errorf("%s: %w", r.src(f), err))
		return
	}
	p.placed = importer.Placed{From: r.src(f), Section: section, Slug: slug, Why: why, Bundle: bundle && section != ""}
	r.pages = append(r.pages, p)
	r.byPath[f] = p
	if bundle {
		r.byPath[path.Dir(f)] = p
	}
	key := strings.ToLower(info.filename())
	r.byName[key] = append(r.byName[key], p)
}

// readDoc reads the content file f and cuts it into front matter and
// body; a problem is recorded, and nil returned.
func (r *run) readDoc(ctx context.Context, f string) *importer.Doc {
	data, err := importer.Read(ctx, filepath.Join(r.dir, filepath.FromSlash(r.src(f))))
	if err != nil {
		r.w.Fail(diag.Errorf(r.src(f), 0, "%v", err))
		return nil
	}
	doc, err := importer.ReadDoc(data)
	if err != nil {
		r.w.Fail(fmt.Errorf("%s:%w", r.src(f), importer.LineErr(err)))
		return nil
	}
	return doc
}

func (r *run) hasLang(code string) bool {
	_, ok := r.cfg.others[code]
	return ok
}

// source is what an article records as its source: the old file's path.
func (r *run) source(f string) string {
	return filepath.ToSlash(filepath.Join(r.dir, r.src(f)))
}

// titleOf makes a title of a file name, for pages without one.
func titleOf(name string) string {
	t := strings.NewReplacer("-", " ", "_", " ").Replace(name)
	if t == "" {
		return "Untitled"
	}
	first, size := utf8.DecodeRuneInString(t)
	return string(unicode.ToUpper(first)) + t[size:]
}

// write converts one page and writes it.
func (r *run) write(ctx context.Context, p *page) {
	a := &p.m.Story
	a.Source = r.source(p.info.rel)
	own := p.placed.URL()
	a.AddAlias(r.cfg.oldURL(p.info), own)
	for _, al := range p.m.OldAliases {
		a.AddAlias(r.cfg.resolveAlias(p.info, al), own)
	}
	c := &converter{
		ref:   r.ref,
		param: func(key string) (string, bool) { return paramValue(p, key) },
		keep: func(line int, what string) {
			r.w.Keep(p.placed.From, line, what)
		},
	}
	a.Body = []byte(c.convert(string(p.doc.Body), p.doc.BodyLine))
	r.w.Page(ctx, &p.placed, a, c.converted)
}

// paramValue returns a page's front matter value for {{< param >}}.
func paramValue(p *page, key string) (string, bool) { return fieldValue(p.doc, key) }

// fieldValue returns a front matter value, at the top or under params.
func fieldValue(doc *importer.Doc, key string) (string, bool) {
	if s := importer.Str(doc.Fields.Get(key)); s != "" {
		return s, true
	}
	if s := importer.Str(importer.Child(doc.Fields.Get("params"), key)); s != "" {
		return s, true
	}
	return "", false
}

// ref returns the new URL of the page a ref or relref names: by its path
// in the content folder (with or without extension, or its bundle's
// folder), else by its name when only one page has it.
func (r *run) ref(target string) (string, bool) {
	target, frag, _ := strings.Cut(strings.TrimSpace(target), "#")
	if frag != "" {
		frag = "#" + frag
	}
	t := strings.Trim(target, "/")
	if t == "" {
		return "", false
	}
	for _, k := range []string{t, t + ".md", t + "/index.md", t + ".markdown", t + ".html"} {
		if p, ok := r.byPath[k]; ok {
			return p.placed.URL() + frag, true
		}
	}
	name := strings.ToLower(path.Base(t))
	name = strings.TrimSuffix(name, path.Ext(name))
	if ps := r.byName[name]; len(ps) == 1 {
		return ps[0].placed.URL() + frag, true
	}
	return "", false
}

// static copies the site's static/ folder into Galley's.
func (r *run) static(ctx context.Context) {
	root := filepath.Join(r.dir, "static")
	if !isDir(root) {
		return
	}
	for _, f := range r.w.Walk(root, "static", nil) {
		r.w.Copy(ctx, filepath.Join(root, filepath.FromSlash(f)), path.Join("static", f))
	}
}

// rest lists the other entries of the site folder as skipped, a folder
// in one line.
func (r *run) rest() {
	entries, err := os.ReadDir(r.dir)
	if err != nil {
		r.w.Fail(err)
		return
	}
	tops := []string{r.cfg.contentDir}
	for _, d := range r.cfg.others {
		tops = append(tops, filepathSlash(d))
	}
	for i, d := range tops {
		tops[i], _, _ = strings.Cut(d, "/")
	}
	for _, e := range entries {
		name := e.Name()
		switch {
		case slices.Contains(tops, name) || name == "static" || name == "config" || slices.Contains(configNames, name) || strings.HasPrefix(name, "."):
			continue
		case e.IsDir():
			why, ok := skippedFolders[name]
			if !ok {
				why = "not part of a Hugo site's content"
			}
			r.w.Skip(name+"/", fmt.Sprintf("%s (%s)", why, importer.Files(len(r.w.Walk(filepath.Join(r.dir, name), name, nil)))))
		default:
			r.w.Skip(name, "not part of a Hugo site's content")
		}
	}
}

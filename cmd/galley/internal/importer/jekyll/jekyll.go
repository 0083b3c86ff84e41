// Package jekyll imports a Jekyll site into a Galley site: posts from
// _posts (date and slug from the file name) into the section posts (or
// the folder that holds _posts), drafts from _drafts as draft: true,
// pages with front matter as standalone pages, files without front
// matter into static/, and the configuration Galley knows.
//
// Every page keeps its old URL: the URL Jekyll made from the permalink
// style (date, pretty, ordinal, none, or a pattern of :categories :year
// :month :day :title …) or the page's permalink: is written as an alias
// when Galley's differs, with the page's redirect_from. Layouts,
// includes, data, Sass, listing pages and feeds are listed as skipped,
// with why: Galley makes its own.
package jekyll

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"

	"galley.dev/galley/cmd/galley/internal/content"
	"galley.dev/galley/cmd/galley/internal/diag"
	"galley.dev/galley/cmd/galley/internal/importer"
)

// Source is the Jekyll importer.
type Source struct{}

var _ importer.Source = Source{}

// Name implements importer.Source.
func (Source) Name() string { return "jekyll" }

// Detect reports whether dir holds _config.yml and a _posts folder.
func (Source) Detect(dir string) bool {
	info, err := os.Stat(filepath.Join(dir, "_config.yml"))
	if err != nil || !info.Mode().IsRegular() {
		return false
	}
	info, err = os.Stat(filepath.Join(dir, "_posts"))
	return err == nil && info.IsDir()
}

// config is what an import needs of _config.yml.
type config struct {
	Title       string   `yaml:"title"`
	Description string   `yaml:"description"`
	URL         string   `yaml:"url"`
	BaseURL     string   `yaml:"baseurl"`
	Lang        string   `yaml:"lang"`
	Locale      string   `yaml:"locale"`
	TimeZone    string   `yaml:"timezone"`
	Paginate    int      `yaml:"paginate"`
	Permalink   string   `yaml:"permalink"`
	Exclude     []string `yaml:"exclude"`
	Include     []string `yaml:"include"`
}

// base is the Galley base URL: url and baseurl, without a trailing slash.
func (c *config) base() string {
	return strings.TrimRight(strings.TrimRight(c.URL, "/")+"/"+strings.Trim(c.BaseURL, "/"), "/")
}

func (c *config) site() importer.SiteConfig {
	s := importer.SiteConfig{Title: c.Title, Description: c.Description, Language: c.Lang, PerPage: c.Paginate}
	if s.Language == "" {
		s.Language = strings.ReplaceAll(c.Locale, "_", "-")
	}
	if _, err := time.LoadLocation(c.TimeZone); err == nil {
		s.TimeZone = c.TimeZone
	}
	if c.URL != "" {
		s.BaseURL = c.base() + "/"
	}
	return s
}

// defaultExclude are the files Jekyll never publishes.
var defaultExclude = []string{"Gemfile", "Gemfile.lock", "node_modules", "vendor", "gemfiles", "package.json", "package-lock.json", "yarn.lock", "Rakefile", "CNAME"}

// skippedFolders say why each of Jekyll's own folders is not imported.
var skippedFolders = map[string]string{
	"_layouts":  "templates of the old site; Galley uses its own theme (override it in templates/)",
	"_includes": "template parts of the old site; Galley uses its own theme",
	"_sass":     "Sass sources; compile them and put the CSS under static/",
	"_data":     "data files for the old templates",
	"_plugins":  "Ruby plugins of the old build",
	"_site":     "the old site's build output",
}

// markdownExts are the page formats Galley converts.
var markdownExts = []string{".md", ".markdown", ".mkdn", ".mkd", ".mdown", ".html", ".htm"}

// postName matches a post's file name: its date, then its slug.
var postName = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})-(.+)$`)

// A page is a post, draft or page on its way: read, mapped and placed.
type page struct {
	rel    string // in the site folder, slash-separated
	post   bool   // from _posts or _drafts
	name   string // file name without extension (and date, for a post)
	doc    *importer.Doc
	m      *importer.Mapped
	dirCat []string // categories from the folders above _posts
	placed importer.Placed
}

// run is one import of a Jekyll site.
type run struct {
	cfg     config
	dir     string
	w       *importer.Writer
	pages   []*page
	byPath  map[string]*page // by path in the site, for {% link %}
	byPost  map[string]*page // by file name without extension, for {% post_url %}
	section string
}

// Import implements importer.Source.
func (Source) Import(ctx context.Context, dir string, w *importer.Writer) error {
	if err := w.Confine(dir); err != nil {
		return err
	}
	data, err := importer.Read(ctx, filepath.Join(dir, "_config.yml"))
	if err != nil {
		return err
	}
	r := &run{dir: dir, w: w, byPath: map[string]*page{}, byPost: map[string]*page{}, section: "posts"}
	if err := yaml.Unmarshal(data, &r.cfg); err != nil {
		return fmt.Errorf("_config.yml: %w", err)
	}
	if w.Section != "" {
		r.section = w.Section
	}
	w.Config(ctx, "_config.yml", r.cfg.site())
	for _, f := range w.Walk(dir, "", r.skip) {
		r.classify(ctx, f)
	}
	for _, p := range r.pages {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		r.write(ctx, p)
	}
	return ctx.Err()
}

// skip decides which files and folders of the site are not read, and
// says why for those that are not Jekyll's internals.
func (r *run) skip(rel string, isDir bool) bool {
	base := path.Base(rel)
	switch {
	case slices.Contains(r.cfg.Include, base) || slices.Contains(r.cfg.Include, rel):
		return false
	case rel == "_config.yml", base == "_posts" || base == "_drafts":
		return rel == "_config.yml"
	case strings.HasPrefix(base, "."):
		return true // .git, .github, .sass-cache: not the site
	case slices.Contains(defaultExclude, base) || slices.Contains(r.cfg.Exclude, rel) || slices.Contains(r.cfg.Exclude, rel+"/"):
		r.w.Skip(rel+slash(isDir), "excluded from the Jekyll site (exclude: in _config.yml, or by default)")
		return true
	case strings.HasPrefix(base, "_") && !strings.Contains(rel, "/_posts/") && !strings.Contains(rel, "/_drafts/") && !strings.HasPrefix(rel, "_posts/") && !strings.HasPrefix(rel, "_drafts/"):
		why, ok := skippedFolders[base]
		if !ok {
			why = "Jekyll does not publish it as it is (a collection, theme part or setting); not imported"
		}
		if isDir {
			why = fmt.Sprintf("%s (%s)", why, importer.Files(len(r.w.Walk(filepath.Join(r.dir, rel), rel, nil))))
		}
		r.w.Skip(rel+slash(isDir), why)
		return true
	}
	return false
}

func slash(isDir bool) string {
	if isDir {
		return "/"
	}
	return ""
}

// classify reads the file rel and adds it to the pages, copies it to
// static/, or skips it.
func (r *run) classify(ctx context.Context, rel string) {
	full := filepath.Join(r.dir, filepath.FromSlash(rel))
	data, err := importer.Read(ctx, full)
	if err != nil {
		r.w.Fail(diag.Errorf(rel, 0, "%v", err))
		return
	}
	inPosts := strings.HasPrefix(rel, "_posts/") || strings.Contains(rel, "/_posts/")
	inDrafts := strings.HasPrefix(rel, "_drafts/") || strings.Contains(rel, "/_drafts/")
	ext := strings.ToLower(path.Ext(rel))
	hasFM := strings.HasPrefix(string(data), "---\n") || strings.HasPrefix(string(data), "---\r\n")
	switch {
	case (inPosts || inDrafts) && !slices.Contains(markdownExts, ext):
		if inPosts {
			r.w.Copy(ctx, full, path.Join("static", rel)) // an image beside posts
		} else {
			r.w.Skip(rel, "not a post")
		}
		return
	case !inPosts && !inDrafts && !hasFM:
		if ext == ".md" || ext == ".markdown" {
			r.w.Skip(rel, "markdown without front matter, which Jekyll does not convert (a README?)")
			return
		}
		r.w.Copy(ctx, full, path.Join("static", rel))
		return
	case !inPosts && !inDrafts && !slices.Contains(markdownExts, ext):
		why := "a file made with Liquid; Galley has no such files"
		if ext == ".xml" || ext == ".json" || ext == ".txt" {
			why = "a feed, sitemap or robots file made with Liquid; Galley writes its own"
		} else if ext == ".scss" || ext == ".sass" {
			why = "a Sass file; compile it and put the CSS under static/"
		}
		r.w.Skip(rel, why)
		return
	}
	doc, err := importer.ReadDoc(data)
	if err != nil {
		r.w.Fail(fmt.Errorf("%s:%s", rel, strings.TrimPrefix(err.Error(), "line ")))
		return
	}
	stem := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
	p := &page{rel: rel, post: inPosts || inDrafts, name: stem, doc: doc}
	p.m = importer.Map(&doc.Fields, importer.MapOptions{SplitTerms: true, Consumed: []string{"permalink", "layout"}})
	if !p.post && listing(doc.Body) {
		r.w.Skip(rel, "a listing made with Liquid (site.posts, paginator); Galley makes its own listings")
		return
	}
	if !p.post && path.Dir(rel) == "." && (stem == "index" || stem == "404") {
		r.w.Skip(rel, "the home or 404 page; Galley makes its own")
		return
	}
	section := ""
	if p.post {
		if inPosts {
			mm := postName.FindStringSubmatch(stem)
			if mm == nil {
				r.w.Skip(rel, "a post whose file name does not start with YYYY-MM-DD-; Jekyll does not publish it")
				return
			}
			p.name = mm[4]
			if p.m.Date == "" {
				p.m.Date = mm[1] + "-" + mm[2] + "-" + mm[3]
			}
			if p.m.Time.IsZero() || !strings.HasPrefix(p.m.Date, mm[1]) {
				if t, ok := importer.ParseTime(p.m.Date); ok {
					p.m.Time = t
				}
			}
		} else {
			p.m.Draft = true
			if p.m.Date == "" {
				if info, err := os.Stat(full); err == nil {
					p.m.Date = info.ModTime().UTC().Format(time.RFC3339)
					p.m.Time = info.ModTime().UTC()
				}
			}
		}
		if d := strings.Split(rel, "/_"); len(d) > 1 {
			for _, c := range strings.Split(d[0], "/") {
				if c != "" && !strings.HasPrefix(c, "_") {
					p.dirCat = append(p.dirCat, c)
				}
			}
		}
		section = r.section
		if len(p.dirCat) > 0 {
			section = strings.ToLower(p.dirCat[0])
		}
		if slices.Contains(content.ReservedSections, section) {
			section += "-archive"
		}
	}
	if p.m.Title == "" {
		p.m.Title = titleOf(p.name)
	}
	want := importer.Slug(p.name)
	if p.m.Slug != "" {
		want = importer.Slug(p.m.Slug)
	}
	if !p.post && stem == "index" {
		want = importer.Slug(path.Base(path.Dir(rel)))
	}
	if want == "" {
		want = "page"
	}
	slug, why, err := r.w.Place(ctx, section, want, r.source(rel))
	if err != nil {
		r.w.Fail(fmt.Errorf("%s: %w", rel, err))
		return
	}
	p.placed = importer.Placed{From: rel, Section: section, Slug: slug, Why: why}
	r.pages = append(r.pages, p)
	r.byPath[rel] = p
	if p.post {
		r.byPost[stem] = p
		if i := strings.LastIndex(rel, "_posts/"); i >= 0 {
			r.byPost[strings.TrimSuffix(rel[i+len("_posts/"):], path.Ext(rel))] = p
		}
	}
}

// listing reports whether a page's body lists the site's posts with
// Liquid: an index or archive page, which Galley makes itself.
func listing(body []byte) bool {
	s := string(body)
	for _, sign := range []string{"site.posts", "paginator.", "site.categories", "site.tags", "site.pages"} {
		if strings.Contains(s, sign) {
			return true
		}
	}
	return false
}

// titleOf makes a title of a post's slug, as Jekyll does.
func titleOf(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || r == ' ' })
	for i, w := range words {
		rs := []rune(w)
		rs[0] = unicode.ToUpper(rs[0])
		words[i] = string(rs)
	}
	if len(words) == 0 {
		return "Untitled"
	}
	return strings.Join(words, " ")
}

// source is what an article records as its source: the old file's path.
func (r *run) source(rel string) string {
	return filepath.ToSlash(filepath.Join(r.dir, filepath.FromSlash(rel)))
}

// write converts one page and writes it.
func (r *run) write(ctx context.Context, p *page) {
	a := &p.m.Story
	a.Source = r.source(p.rel)
	own := p.placed.URL()
	a.AddAlias(r.oldURL(p), own)
	for _, al := range p.m.OldAliases {
		a.AddAlias(al, own)
	}
	c := &converter{
		link: r.link, post: r.postURL, baseURL: r.cfg.base(),
		site: map[string]string{"site.title": r.cfg.Title, "site.description": r.cfg.Description},
		keep: func(line int, what string) { r.w.Keep(p.rel, line, what) },
	}
	a.Body = []byte(c.convert(string(p.doc.Body), p.doc.BodyLine))
	r.w.Page(ctx, &p.placed, a, c.converted)
}

func (r *run) link(target string) (string, bool) {
	if p, ok := r.byPath[strings.TrimPrefix(target, "/")]; ok {
		return p.placed.URL(), true
	}
	return "", false
}

func (r *run) postURL(name string) (string, bool) {
	name = strings.TrimSpace(name)
	if p, ok := r.byPost[name]; ok {
		return p.placed.URL(), true
	}
	if p, ok := r.byPost[path.Base(name)]; ok {
		return p.placed.URL(), true
	}
	return "", false
}

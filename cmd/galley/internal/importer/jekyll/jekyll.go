// Package jekyll imports a Jekyll site into a Galley site: posts from
// _posts (date and slug from the file name) into the section posts (or
// the folder that holds _posts), drafts from _drafts as draft: true,
// pages with front matter as standalone pages, files without front
// matter into static/, and the configuration Galley knows.
//
// Collections that _config.yml declares with output: true (collections:
// as a list of names or a mapping of names to settings, their folders
// _<name> in collections_dir) come over too: a document with a date, in
// front matter or as a YYYY-MM-DD- file name, as an article of the
// section named after the collection; one without as a standalone page;
// the collection's other files into static/<name>/. A collection with
// output false, or none, is listed as skipped: Jekyll does not publish
// it.
//
// Every page keeps its old URL: the URL Jekyll made from the permalink
// style (date, pretty, ordinal, none, or a pattern of :categories :year
// :month :day :title …), for a document the collection's permalink or
// /:collection/:path with the style's suffix, or the page's permalink:
// is written as an alias when Galley's differs, with the page's
// redirect_from.
//
// Liquid that has a Galley meaning is converted (see converter). An
// {% include %} (from _includes, or includes_dir) or {% include_relative %}
// of a file that holds no Liquid, given no parameters, is inlined as it
// is, markdown or HTML; any other include stays in the text and is
// listed with its line, with why. Layouts, the includes themselves,
// data, Sass, listing pages and feeds are listed as skipped, with why:
// Galley makes its own.
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

// Detect reports whether dir holds _config.yml and a _posts folder, at
// the top or in the collections_dir the configuration names.
func (Source) Detect(dir string) bool {
	info, err := os.Stat(filepath.Join(dir, "_config.yml"))
	if err != nil || !info.Mode().IsRegular() {
		return false
	}
	if isDir(filepath.Join(dir, "_posts")) {
		return true
	}
	data, err := importer.Read(context.Background(), filepath.Join(dir, "_config.yml"))
	if err != nil {
		return false
	}
	cfg, _ := loadConfig(data)
	return cfg != nil && cfg.collectionsDir() != "" && isDir(filepath.Join(dir, filepath.FromSlash(cfg.collectionsDir()), "_posts"))
}

func isDir(name string) bool {
	info, err := os.Stat(name)
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
	// CollectionsDir holds the collections' folders (and _posts), and
	// IncludesDir the files {% include %} reads; see collectionsDir and
	// includesDir.
	CollectionsDir string    `yaml:"collections_dir"`
	IncludesDir    string    `yaml:"includes_dir"`
	Collections    yaml.Node `yaml:"collections"`

	collections []*collection // read from Collections, posts left out
	posts       *collection   // collections: posts:, for its permalink; nil without
	// vars are the top-level text settings, as {{ site.<key> }} gives
	// them (site.repository on Jekyll's own site).
	vars map[string]string
}

// A collection is one of the collections _config.yml declares.
type collection struct {
	Label     string // its name, as Jekyll cleans it
	Output    bool   // Jekyll writes a page per document
	Permalink string // its own permalink pattern; "" for Jekyll's default
	Dir       string // its folder in the site, slash-separated
}

// loadConfig reads _config.yml. A collections: value it cannot read is
// returned as an error with a config that is still usable, without
// collections; a file that is not YAML as a nil config.
func loadConfig(data []byte) (*config, error) {
	c := &config{}
	if err := yaml.Unmarshal(data, c); err != nil {
		return nil, fmt.Errorf("_config.yml: %w", err)
	}
	var all map[string]any
	if yaml.Unmarshal(data, &all) == nil {
		c.vars = map[string]string{}
		for k, v := range all {
			if text, ok := v.(string); ok {
				c.vars["site."+k] = text
			}
		}
	}
	if err := c.readCollections(); err != nil {
		c.collections, c.posts = nil, nil
		return c, err
	}
	return c, nil
}

// readCollections reads collections:, a list of names or a mapping of
// names to settings (output, permalink), into c.collections.
func (c *config) readCollections() error {
	n := deref(&c.Collections)
	add := func(label string, settings *yaml.Node) {
		label = cleanLabel(label)
		if label == "" {
			return // Jekyll would read the folder "_", which no site has
		}
		col := &collection{Label: label, Dir: path.Join(c.collectionsDir(), "_"+label)}
		if settings = deref(settings); settings != nil && settings.Kind == yaml.MappingNode {
			col.Output = truthy(importer.Child(settings, "output"))
			col.Permalink = importer.Str(importer.Child(settings, "permalink"))
		}
		if label == "posts" {
			// Jekyll's posts are always published, from _posts.
			col.Output, col.Dir, c.posts = true, "_posts", col
			return
		}
		c.collections = append(c.collections, col)
	}
	switch {
	case n == nil || n.Kind == 0 || n.Tag == "!!null":
	case n.Kind == yaml.SequenceNode:
		for _, item := range n.Content {
			if item = deref(item); item.Kind != yaml.ScalarNode {
				return diag.Errorf("_config.yml", item.Line, "collections: want a name, got a %s; write each collection's name on a line of its own, as - name", kind(item))
			}
			add(item.Value, nil)
		}
	case n.Kind == yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			add(deref(n.Content[i]).Value, n.Content[i+1])
		}
	default:
		return diag.Errorf("_config.yml", n.Line, "collections: want a list of names or a mapping of names to settings, got %q; see https://jekyllrb.com/docs/collections/", n.Value)
	}
	return nil
}

// deref follows a YAML alias (*name) to the node it names.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 10; i++ {
		n = n.Alias
	}
	return n
}

func kind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "mapping"
	}
	return "value"
}

// truthy reads a setting as Ruby does: absent, null and the YAML 1.1
// false words (unquoted) are false, and anything else is true, even the
// quoted text "no".
func truthy(n *yaml.Node) bool {
	n = deref(n)
	switch {
	case n == nil || n.Tag == "!!null":
		return false
	case n.Kind == yaml.ScalarNode && n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0:
		switch strings.ToLower(n.Value) {
		case "false", "no", "off":
			return false
		}
	}
	return true
}

// cleanLabel keeps what Jekyll keeps of a collection's name: ASCII
// letters, digits and _ - .
func cleanLabel(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("_-.", r)) {
			return r
		}
		return -1
	}, s)
}

// siteDir makes a folder of the configuration a slash path in the site,
// "" for the site's own folder: Jekyll reads every folder it is given
// inside the site, whatever ".." or a leading "/" say.
func siteDir(s string) string {
	return path.Clean("/" + s)[1:]
}

// collectionsDir is the folder of the collections, "" for the site's.
func (c *config) collectionsDir() string { return siteDir(c.CollectionsDir) }

// includesDir is the folder {% include %} reads from.
func (c *config) includesDir() string {
	if c.IncludesDir == "" {
		return "_includes"
	}
	return siteDir(c.IncludesDir)
}

// collectionOf returns the collection whose folder holds the file rel,
// nil for none.
func (c *config) collectionOf(rel string) *collection {
	for _, col := range c.collections {
		if strings.HasPrefix(rel, col.Dir+"/") {
			return col
		}
	}
	return nil
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
	"_includes": "template parts of the old site; Galley uses its own theme (pages' includes of files without Liquid are inlined)",
	"_sass":     "Sass sources; compile them and put the CSS under static/",
	"_data":     "data files for the old templates",
	"_plugins":  "Ruby plugins of the old build",
	"_site":     "the old site's build output",
}

// markdownExts are the page formats Galley converts.
var markdownExts = []string{".md", ".markdown", ".mkdn", ".mkd", ".mdown", ".html", ".htm"}

// postName matches a post's file name: its date, then its slug.
var postName = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})-(.+)$`)

// A page is a post, draft, document of a collection or page on its way:
// read, mapped and placed.
type page struct {
	rel    string      // in the site folder, slash-separated
	post   bool        // from _posts or _drafts
	coll   *collection // the collection of a document; nil for others
	name   string      // file name without extension (and date, for a post or dated document)
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
	// included are the includes read, by path in the site: each is read
	// once however many pages include it.
	included map[string]included
}

// An included is an include file read: its text, or why it is not
// inlined.
type included struct{ text, why string }

// newRun starts the import of the site in dir through w.
func newRun(dir string, w *importer.Writer) *run {
	r := &run{dir: dir, w: w, byPath: map[string]*page{}, byPost: map[string]*page{}, section: "posts", included: map[string]included{}}
	if w.Section != "" {
		r.section = w.Section
	}
	return r
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
	r := newRun(dir, w)
	cfg, err := loadConfig(data)
	if cfg == nil {
		return err
	} else if err != nil {
		w.Fail(err) // and import the rest, without collections
	}
	r.cfg = *cfg
	w.Config(ctx, "_config.yml", r.cfg.site())
	for _, f := range w.Walk(dir, "", r.skip) {
		r.classify(ctx, f)
	}
	for _, p := range r.pages {
		p.placed.Old = r.oldURL(p)
		r.w.Moved(p.placed.Old, p.placed.URL())
		for _, al := range p.m.OldAliases {
			r.w.Moved(al, p.placed.URL())
		}
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
	}
	if skip, ok := r.skipCollection(rel, isDir); ok {
		return skip
	}
	switch {
	case isDir && rel == r.cfg.includesDir():
		r.w.Skip(rel+"/", fmt.Sprintf("%s (%s)", skippedFolders["_includes"], r.count(rel)))
		return true
	case !inPostsOrDrafts(rel) && (strings.HasPrefix(base, "_") || hidden(path.Dir(rel))):
		why, ok := skippedFolders[base]
		if !ok {
			why = "Jekyll does not publish it as it is (a collection not in _config.yml's collections:, a theme part or a setting); not imported"
		}
		if isDir {
			why = fmt.Sprintf("%s (%s)", why, r.count(rel))
		}
		r.w.Skip(rel+slash(isDir), why)
		return true
	}
	return false
}

// skipCollection decides on rel when it is a collection's folder, in one,
// or a folder that holds them; ok is false when it is none of those.
func (r *run) skipCollection(rel string, isDir bool) (skip, ok bool) {
	switch c := r.collectionAt(rel); {
	case isDir && c != nil && !c.Output:
		r.w.Skip(rel+"/", fmt.Sprintf("collection %s has output: false: Jekyll does not publish it (%s)", c.Label, r.count(rel)))
		return true, true
	case isDir && c != nil:
		return false, true
	case isDir && r.aboveCollections(rel):
		return false, true // collections_dir, or a folder above it, named with _
	case r.cfg.collectionOf(rel) != nil && strings.HasPrefix(path.Base(rel), "_"):
		r.w.Skip(rel+slash(isDir), "Jekyll leaves names starting with _ out of a collection")
		return true, true
	case r.cfg.collectionOf(rel) != nil:
		return false, true
	}
	return false, false
}

// count says how many files the folder rel holds, for the report.
func (r *run) count(rel string) string {
	return importer.Files(len(r.w.Walk(filepath.Join(r.dir, filepath.FromSlash(rel)), rel, nil)))
}

// collectionAt returns the collection whose folder is dir, nil for none.
func (r *run) collectionAt(dir string) *collection {
	for _, c := range r.cfg.collections {
		if c.Dir == dir {
			return c
		}
	}
	return nil
}

// aboveCollections reports whether dir is the folder of collections or
// one above it, which the walk enters even when its name starts with _.
func (r *run) aboveCollections(dir string) bool {
	cd := r.cfg.collectionsDir()
	return cd != "" && len(r.cfg.collections) > 0 && (dir == cd || strings.HasPrefix(cd, dir+"/"))
}

// inPostsOrDrafts reports whether rel is inside a _posts or _drafts folder.
func inPostsOrDrafts(rel string) bool {
	return strings.HasPrefix(rel, "_posts/") || strings.Contains(rel, "/_posts/") || strings.HasPrefix(rel, "_drafts/") || strings.Contains(rel, "/_drafts/")
}

// hidden reports whether a folder of the path dir starts with _, which
// hides what it holds from Jekyll but for collections and posts.
func hidden(dir string) bool {
	return slices.ContainsFunc(strings.Split(dir, "/"), func(s string) bool { return strings.HasPrefix(s, "_") })
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
	if !r.isPage(ctx, rel, full, data) {
		return
	}
	doc, err := importer.ReadDoc(data)
	if err != nil {
		r.w.Fail(fmt.Errorf("%s:%s", rel, strings.TrimPrefix(err.Error(), "line ")))
		return
	}
	stem := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
	p := &page{rel: rel, post: inPostsOrDrafts(rel), coll: r.cfg.collectionOf(rel), name: stem, doc: doc}
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
	switch {
	case p.post:
		var ok bool
		if section, ok = r.postSection(p, full); !ok {
			return
		}
	case p.coll != nil:
		section = r.documentSection(p)
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

// isPage reports whether the file rel, read as data, is a page to
// convert; a file that is not is copied to static/ or skipped, with why.
func (r *run) isPage(ctx context.Context, rel, full string, data []byte) bool {
	inPosts := strings.HasPrefix(rel, "_posts/") || strings.Contains(rel, "/_posts/")
	inDrafts := !inPosts && inPostsOrDrafts(rel)
	ext := strings.ToLower(path.Ext(rel))
	hasFM := strings.HasPrefix(string(data), "---\n") || strings.HasPrefix(string(data), "---\r\n")
	static := path.Join("static", rel)
	if c := r.cfg.collectionOf(rel); c != nil {
		// Jekyll writes a collection's other files at /<label>/<path>.
		static = path.Join("static", c.Label, strings.TrimPrefix(rel, c.Dir+"/"))
	}
	switch {
	case (inPosts || inDrafts) && !slices.Contains(markdownExts, ext):
		if inPosts {
			r.w.Copy(ctx, full, static) // an image beside posts
		} else {
			r.w.Skip(rel, "not a post")
		}
		return false
	case !inPosts && !inDrafts && !hasFM:
		if ext == ".md" || ext == ".markdown" {
			r.w.Skip(rel, "markdown without front matter, which Jekyll does not convert (a README?)")
			return false
		}
		r.w.Copy(ctx, full, static)
		return false
	case !inPosts && !inDrafts && !slices.Contains(markdownExts, ext):
		why := "a file made with Liquid; Galley has no such files"
		if ext == ".xml" || ext == ".json" || ext == ".txt" {
			why = "a feed, sitemap or robots file made with Liquid; Galley writes its own"
		} else if ext == ".scss" || ext == ".sass" {
			why = "a Sass file; compile it and put the CSS under static/"
		}
		r.w.Skip(rel, why)
		return false
	}
	return true
}

// postSection dates the post or draft p and returns its section: the
// import's (posts, or --section), or the first folder above _posts, as
// Jekyll makes it a category. It skips a post that Jekyll does not
// publish and returns false.
func (r *run) postSection(p *page, full string) (string, bool) {
	if strings.HasPrefix(p.rel, "_posts/") || strings.Contains(p.rel, "/_posts/") {
		mm := postName.FindStringSubmatch(p.name)
		if mm == nil {
			r.w.Skip(p.rel, "a post whose file name does not start with YYYY-MM-DD-; Jekyll does not publish it")
			return "", false
		}
		p.name = mm[4]
		datePage(p, mm)
	} else {
		p.m.Draft = true
		if p.m.Date == "" {
			if info, err := os.Stat(full); err == nil {
				p.m.Date = info.ModTime().UTC().Format(time.RFC3339)
				p.m.Time = info.ModTime().UTC()
			}
		}
	}
	// Folders above _posts are categories, counted from collections_dir.
	rel := p.rel
	if cd := r.cfg.collectionsDir(); cd != "" {
		rel = strings.TrimPrefix(rel, cd+"/")
	}
	if d := strings.Split(rel, "/_"); len(d) > 1 {
		for _, c := range strings.Split(d[0], "/") {
			if c != "" && !strings.HasPrefix(c, "_") {
				p.dirCat = append(p.dirCat, c)
			}
		}
	}
	section := r.section
	if len(p.dirCat) > 0 {
		section = strings.ToLower(p.dirCat[0])
	}
	return unreserved(section), true
}

// datePage gives p the date of its file name, matched by postName as mm,
// unless its front matter has one.
func datePage(p *page, mm []string) {
	if p.m.Date == "" {
		p.m.Date = mm[1] + "-" + mm[2] + "-" + mm[3]
	}
	if p.m.Time.IsZero() || !strings.HasPrefix(p.m.Date, mm[1]) {
		if t, ok := importer.ParseTime(p.m.Date); ok {
			p.m.Time = t
		}
	}
}

// documentSection returns the section of the collection document p: the
// collection's name when it has a date (in front matter, or its file
// name, as Jekyll reads it), "" for a standalone page when it has none.
func (r *run) documentSection(p *page) string {
	if mm := postName.FindStringSubmatch(p.name); mm != nil {
		p.name = mm[4]
		datePage(p, mm)
	}
	if p.m.Date == "" {
		return ""
	}
	section := importer.Slug(p.coll.Label)
	if section == "" {
		section = "collection"
	}
	return unreserved(section)
}

// unreserved renames a section that Galley keeps for its own pages.
func unreserved(section string) string {
	if slices.Contains(content.ReservedSections, section) {
		return section + "-archive"
	}
	return section
}

// listing reports whether a page's body lists the site's posts with
// Liquid: an index or archive page, which Galley makes itself. Only
// Liquid counts, outside {% raw %}: a page that writes of `site.posts`
// in its text (Jekyll's own docs, a changelog) is a page to import.
func listing(body []byte) bool {
	s := string(body)
	for len(s) > 0 {
		i := strings.IndexAny(s, "{")
		if i < 0 || i+1 >= len(s) {
			return false
		}
		s = s[i:]
		if s[1] != '%' && s[1] != '{' {
			s = s[1:]
			continue
		}
		end := "%}"
		if s[1] == '{' {
			end = "}}"
		}
		j := strings.Index(s[2:], end)
		if j < 0 {
			return false
		}
		tag := s[2 : 2+j]
		s = s[2+j+2:]
		if name, _, _ := strings.Cut(strings.TrimSpace(strings.Trim(strings.TrimSpace(tag), "-")), " "); name == "raw" {
			if k := strings.Index(s, "endraw"); k >= 0 {
				s = s[k:]
			}
			continue
		}
		for _, sign := range []string{"site.posts", "paginator.", "site.categories", "site.tags", "site.pages"} {
			if strings.Contains(tag, sign) {
				return true
			}
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
		site: r.cfg.vars,
		keep: func(line int, what string) { r.w.Keep(p.rel, line, what) },
		include: func(name string, relative bool) (string, string) {
			return r.include(ctx, p.rel, name, relative)
		},
		maxSize: maxArticleSize,
	}
	body, ids := headingIDs(c.convert(string(p.doc.Body), p.doc.BodyLine))
	a.Body = []byte(body)
	c.converted += ids
	r.w.Page(ctx, &p.placed, a, c.converted)
}

// link returns the new URL of the page a {% link %} names. A draft's,
// like a post_url to a draft, is not one: Jekyll refuses to build such
// a link, and in Galley it would lead to a page that is not published,
// so the tag stays in the text for an editor.
func (r *run) link(target string) (string, bool) {
	if p, ok := r.byPath[strings.TrimPrefix(target, "/")]; ok && !p.m.Draft {
		return p.placed.URL(), true
	}
	return "", false
}

func (r *run) postURL(name string) (string, bool) {
	name = strings.TrimSpace(name)
	p, ok := r.byPost[name]
	if !ok {
		p, ok = r.byPost[path.Base(name)]
	}
	if !ok || p.m.Draft {
		return "", false
	}
	return p.placed.URL(), true
}

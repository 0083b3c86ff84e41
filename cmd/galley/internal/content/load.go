package content

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // image sizes of hero images
	_ "image/jpeg"
	_ "image/png"
	"io"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"

	"galley.dev/galley/cmd/galley/internal/diag"
	"galley.dev/galley/cmd/galley/internal/markdown"
	"galley.dev/galley/cmd/galley/internal/permalink"
	"galley.dev/galley/cmd/galley/internal/slug"
	"galley.dev/galley/cmd/galley/internal/strictyaml"
)

// Dir is the folder of a site that holds the articles.
const Dir = "content"

// ReservedSections are folders under content/ that hold other things
// than articles, and names of Galley's own pages (search/).
var ReservedSections = []string{"authors", "topics", "page", "search"}

// Options configure Load.
type Options struct {
	// Location is the site's time zone, for dates without one.
	Location *time.Location
	// MaxFileSize is the largest content file accepted, in bytes.
	MaxFileSize int64
	// Markdown finds first paragraphs for missing descriptions.
	Markdown *markdown.Converter
	// MaxAssetSize is the largest other file of a page bundle, in
	// bytes; 0 means no limit.
	MaxAssetSize int64
	// Unsafe lets page bundles publish active content (HTML, script,
	// SVG with script), as markdown.unsafe lets raw HTML through.
	Unsafe bool
	// Permalinks are the URL patterns of sections' stories, by
	// section; a section without one has /<section>/<slug>/.
	Permalinks map[string]permalink.Pattern
}

// MaxTerms is the most topics, and the most authors, a story may have:
// each is a page and three feeds of its own, and a story of thousands
// of tags made gigabytes of listings.
const MaxTerms = 50

// Load reads every article under content/ in site, in path order. It
// reports all problems it finds together, as diag.Errors joined, and
// returns the articles that had none, so that later checks (two files with
// one URL) can be reported in the same run.
func Load(ctx context.Context, site fs.FS, opts Options) ([]*Article, error) {
	files, errs := find(site, opts)
	articles := make([]*Article, len(files))
	sizes := &imageSizes{}
	var mu sync.Mutex
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, f := range files {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			a, fileErrs := read(site, f, opts, sizes)
			articles[i] = a
			if len(fileErrs) > 0 {
				mu.Lock()
				errs = append(errs, fileErrs...)
				mu.Unlock()
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	good := articles[:0]
	for _, a := range articles {
		if a != nil {
			good = append(good, a)
		}
	}
	return good, diag.Join(errs)
}

// file is a content file found by find.
type file struct {
	path      string   // content/news/story.md or content/news/story/index.md
	bundle    bool     // path is the index.md of a page bundle
	page      bool     // a standalone page: content/<name>.md
	resources []string // other files of the bundle, relative to its folder
}

// find lists the article files under content/, sorted by path.
func find(site fs.FS, opts Options) ([]file, []*diag.Error) {
	var files []file
	var errs []*diag.Error
	err := fs.WalkDir(site, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == Dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll // a site with no articles yet
			}
			errs = append(errs, &diag.Error{Path: p, Err: err})
			return nil
		}
		name := d.Name()
		if p != Dir && hidden(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		mode := d.Type()
		if mode&fs.ModeSymlink != 0 {
			if err := CheckLink(site, p); err != nil {
				errs = append(errs, &diag.Error{Path: p, Err: err})
				return nil
			}
			info, err := fs.Stat(site, p)
			if err != nil {
				errs = append(errs, diag.Errorf(p, 0, "symbolic link leads outside the site or nowhere: %v; replace it with the file itself", unwrapPath(err)))
				return nil
			}
			if info.IsDir() {
				errs = append(errs, diag.Errorf(p, 0, "symbolic link to a folder is not followed; move the folder here"))
				return nil
			}
			mode = info.Mode().Type()
		}
		if !mode.IsDir() && !mode.IsRegular() {
			// Opening a FIFO would wait for a writer forever.
			if strings.HasSuffix(name, ".md") {
				errs = append(errs, diag.Errorf(p, 0, "not a regular file but a %s; remove it", KindOf(mode)))
			}
			return nil
		}
		if d.IsDir() {
			if p == Dir {
				return nil
			}
			if depth(p) == 2 && slices.Contains(ReservedSections, name) {
				return fs.SkipDir // handled by the site model
			}
			if depth(p) == 2 {
				if err := slug.Check(name); err != nil {
					// Once for the folder, not once for every file in it.
					errs = append(errs, diag.Errorf(p, 0, "section folder %s", advice(err, name, "rename it")))
					return fs.SkipDir
				}
			}
			if _, err := fs.Stat(site, p+"/index.md"); err == nil && depth(p) >= 3 {
				b, bundleErrs := bundle(site, p, opts)
				files = append(files, b...)
				errs = append(errs, bundleErrs...)
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".md") {
			return nil
		}
		files = append(files, file{path: p, page: depth(p) == 2})
		return nil
	})
	if err != nil {
		errs = append(errs, &diag.Error{Path: Dir, Err: err})
	}
	// A bundle's nested bundles come after it in the walk.
	slices.SortFunc(files, func(a, b file) int { return strings.Compare(a.path, b.path) })
	return files, errs
}

// unwrapPath drops the *fs.PathError wrapper, whose path is already shown.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// depth counts the elements of a slash path: "content/news" is 2.
func depth(p string) int { return strings.Count(p, "/") + 1 }

// A source is a content file cut into front matter and body.
type source struct {
	format   string // "yaml" or "toml"
	fm, body []byte
	sum      string // SHA-256 of the whole file, hex
	size     int    // of the whole file
}

// readSource reads a content file within the size limit, checks that it is
// UTF-8, and cuts off its front matter.
func readSource(site fs.FS, name string, maxSize int64) (*source, []*diag.Error) {
	bad := func(line int, format string, args ...any) []*diag.Error {
		return []*diag.Error{diag.Errorf(name, line, format, args...)}
	}
	// One open serves the size check and the read: each path lookup
	// through the site's root costs a system call per folder.
	f, err := site.Open(name)
	if err != nil {
		return nil, bad(0, "%v", unwrapPath(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, bad(0, "%v", unwrapPath(err))
	}
	if maxSize > 0 && info.Size() > maxSize {
		return nil, bad(0, "file is %d bytes, over the limit of %d (max_file_size in site.yaml); is it really an article?", info.Size(), maxSize)
	}
	data := make([]byte, 0, info.Size()+1)
	data, err = readAll(f, data)
	if err != nil {
		return nil, bad(0, "%v", unwrapPath(err))
	}
	if !utf8.Valid(data) {
		return nil, bad(invalidUTF8Line(data), "text is not valid UTF-8; save the file as UTF-8")
	}
	format, fm, body, _, err := split(data)
	if err != nil {
		return nil, bad(1, "%v", err)
	}
	sum := sha256.Sum256(data)
	return &source{format: format, fm: fm, body: body, sum: hex.EncodeToString(sum[:]), size: len(data)}, nil
}

// readAll reads r to its end, appending to buf.
func readAll(r io.Reader, buf []byte) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// read reads and checks one article.
func read(site fs.FS, f file, opts Options, sizes *imageSizes) (*Article, []*diag.Error) {
	src, errs := readSource(site, f.path, opts.MaxFileSize)
	if src == nil {
		return nil, errs
	}
	format, fmData, body := src.format, src.fm, src.body
	var fm frontMatter
	if format == "toml" {
		errs = decodeTOML(fmData, &fm)
	} else {
		errs = strictyaml.Unmarshal(fmData, &fm)
	}
	for _, e := range errs {
		e.Path = f.path
		if e.Line > 0 {
			e.Line++ // the front matter starts on line 2
		}
	}
	for _, e := range errs {
		if errors.Is(e, strictyaml.ErrSyntax) || errors.Is(e, errTOMLSyntax) {
			return nil, errs // every other check would only repeat it
		}
	}
	a := &Article{Path: f.path, Body: body, Resources: f.resources, Sum: src.sum}
	errs = append(errs, a.fill(&fm, f, fmData, opts)...)
	errs = append(errs, a.checkImage(site, sizes)...)
	if len(errs) > 0 {
		return nil, errs
	}
	a.BodyImages = bodyImages(site, a, body)
	a.Body, a.site, a.bodyAt, a.bodySize = nil, site, src.size-len(body), len(body) // see ReadBody
	return a, nil
}

// invalidUTF8Line returns the line of the first byte that is not UTF-8.
func invalidUTF8Line(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size == 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		data = data[size:]
	}
	return line
}

// fill copies the front matter into a, checking each value.
func (a *Article) fill(fm *frontMatter, f file, fmData []byte, opts Options) []*diag.Error {
	var errs []*diag.Error
	bad := func(line int, format string, args ...any) {
		errs = append(errs, diag.Errorf(a.Path, line, format, args...))
	}
	loc := opts.Location
	parts := strings.Split(f.path, "/")
	a.Page = f.page
	if !f.page {
		a.Section = parts[1]
	}
	if !f.page {
		// Load skips such a folder, with one problem; Reread finds it here.
		if err := slug.Check(a.Section); err != nil {
			bad(0, "section folder %s", advice(err, a.Section, "rename it"))
		}
	}
	if f.bundle {
		a.Dir = path.Dir(f.path)
	}
	a.Title = strings.TrimSpace(fm.Title)
	a.TitleLine = fm.line("title")
	a.SlugLine = fm.line("slug")
	if a.Title == "" {
		bad(1, "missing title: add a line such as title: \"Your headline\" to the front matter")
	}
	// The slug is the front matter's, else the file's name when that is
	// a slug (so renaming the file moves the page, as in Hugo), else
	// made from the title.
	a.Slug = fm.Slug
	if a.Slug == "" {
		name := strings.TrimSuffix(path.Base(f.path), ".md")
		if f.bundle {
			name = path.Base(a.Dir)
		}
		a.Slug = name
		if slug.Check(name) != nil {
			a.Slug = slug.Make(a.Title)
		}
		if a.Slug == "" {
			bad(a.TitleLine, "cannot make a slug from the title %q; add a slug: line, such as slug: my-story", a.Title)
		} else if err := slug.Check(a.Slug); err != nil {
			// A title such as "Aux" makes a Windows device name.
			bad(a.TitleLine, "the slug made from the title, %v; add a slug: line, such as slug: %s-story", err, a.Slug)
		}
	} else if err := slug.Check(a.Slug); err != nil {
		bad(a.SlugLine, "slug %s", advice(err, a.Slug, "use"))
	}
	dateOf := func(d Date, key string) time.Time {
		if d.Raw == "" {
			return time.Time{}
		}
		t, err := ParseDate(d.Raw, loc)
		if err != nil {
			bad(d.Line+1, "%s: %v", key, err)
		}
		return t
	}
	if a.Page && slices.Contains(ReservedSections, a.Slug) {
		bad(a.SlugLine, "page slug %q is taken by Galley's own pages; choose another", a.Slug)
	} else if a.Page && RootFile(a.Slug) {
		bad(a.SlugLine, "page slug %q is the name of a file Galley writes at the site's root; choose another", a.Slug)
	}
	a.Date = dateOf(fm.Date, "date")
	// Hugo's publishDate is when a story goes out: a later one is the
	// date, or an embargoed story would be published early.
	if t := dateOf(fm.PublishDate, fm.key("publishdate")); t.After(a.Date) {
		a.Date = t
	}
	if t := dateOf(fm.Published.date, fm.key("published")); t.After(a.Date) {
		a.Date = t
	}
	if fm.Date.Line == 0 && fm.PublishDate.Line == 0 && fm.Published.date.Line == 0 && !a.Page {
		bad(1, "missing date: add a line such as date: 2026-11-24T09:30:00+01:00 to the front matter")
	}
	a.url = a.makeURL()
	if p, ok := opts.Permalinks[a.Section]; ok && !a.Page {
		a.url = p.Expand(a.Section, a.Slug, a.Date.In(loc))
	}
	a.Updated = dateOf(fm.Updated, "updated")
	if lm := dateOf(fm.LastMod, "lastmod"); lm.After(a.Updated) {
		a.Updated = lm
	}
	if a.Updated.IsZero() {
		a.Updated = a.Date
	}
	a.Expires = dateOf(fm.Expires, fm.key("expires"))
	a.Description = fm.description()
	if a.Description == "" && opts.Markdown != nil {
		a.Description = Cut(opts.Markdown.FirstParagraph(a.Body), 160)
		a.DescriptionDerived = a.Description != ""
	}
	a.Authors = names(fm.Authors, fm.Author)
	a.Topics = names(fm.Topics, fm.Tags, fm.Categories)
	a.TopicsLine = fm.line("topics", "tags", "categories")
	a.AuthorsLine = fm.line("authors", "author")
	if len(a.Topics) > MaxTerms {
		bad(a.TopicsLine, "%d topics: a story may have at most %d, each a page and feeds of its own; keep the ones readers follow", len(a.Topics), MaxTerms)
	}
	if len(a.Authors) > MaxTerms {
		bad(a.AuthorsLine, "%d authors: a story may have at most %d; credit the others in the text", len(a.Authors), MaxTerms)
	}
	a.Image = fm.hero()
	// The line an image problem is reported at: image's src, or the
	// other generators' key the hero came from.
	a.imageLine = keyLine(fmData, "src", "image")
	if fm.Image.Src == "" {
		a.imageLine = fm.line("images", "featured_image", "cover")
	}
	a.Draft, a.Featured = fm.draft(), fm.Featured
	a.Params = fm.Params
	a.Aliases = fm.Aliases
	a.AliasesLine = fm.line("aliases")
	for _, al := range a.Aliases {
		if !strings.HasPrefix(al, "/") || strings.Contains(al, "..") || strings.ContainsAny(al, "\\%?#") {
			bad(a.AliasesLine, "alias %q: write a site path such as /old/story/", al)
		}
	}
	return errs
}

// advice says why name cannot be a slug or folder name (err, from
// slug.Check), and what to write instead when there is a good proposal:
// "…; rename it \"2-10\"".
func advice(err error, name, verb string) string {
	if s := slug.Suggest(name); s != "" {
		return fmt.Sprintf("%v; %s %q", err, verb, s)
	}
	return err.Error()
}

// RootFile reports whether name is a file that a build writes at the
// root of the site, which a page's folder of that name would clash with
// now that a slug may hold a dot.
func RootFile(name string) bool {
	switch name {
	case "index.html", "404.html", "feed.xml", "atom.xml", "feed.json", "sitemap.xml", "news-sitemap.xml", "robots.txt":
		return true
	}
	n, ok := strings.CutPrefix(name, "sitemap-")
	n, ok2 := strings.CutSuffix(n, ".xml")
	return ok && ok2 && n != "" && strings.Trim(n, "0123456789") == ""
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// names merges lists of names, trimmed, without empty ones or repeats.
func names(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		for _, n := range l {
			n = strings.Join(strings.Fields(n), " ")
			if n != "" && !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}

// Cut shortens s to about n characters, at a word, adding "…" if it cut.
func Cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	runes := []rune(s)
	cut := n
	for cut > n/2 && runes[cut] != ' ' {
		cut--
	}
	if cut <= n/2 {
		cut = n
	}
	return strings.TrimRight(string(runes[:cut]), " ,;:–—-") + "…"
}

// checkImage checks the hero image: a safe URL and, for a local file, that
// it exists; it records the size of images it can read.
func (a *Article) checkImage(site fs.FS, sizes *imageSizes) []*diag.Error {
	src := a.Image.Src
	if src == "" {
		return nil
	}
	line := a.imageLine
	var errs []*diag.Error
	if img := a.Image; img.Width < 0 || img.Height < 0 || (img.Width == 0) != (img.Height == 0) || img.Width > 65535 || img.Height > 65535 {
		errs = append(errs, diag.Errorf(a.Path, line, "image width %d and height %d: give both, in pixels", img.Width, img.Height))
	}
	if f := a.Image.FocusText; f != nil {
		a.Image.Focus = parseFocus(f)
		if a.Image.Focus == nil {
			errs = append(errs, diag.Errorf(a.Path, line, "image focus [%s]: want [x, y], each from 0 (left, top) to 1 (right, bottom)", strings.Join(f, ", ")))
		}
	}
	if len(errs) > 0 {
		return errs
	}
	if !markdown.SafeURL(src) {
		a.Image.Src = "" // hostile or broken: never let it reach the page
		return nil
	}
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") || strings.HasPrefix(src, "//") {
		return nil
	}
	var file string
	switch {
	case strings.HasPrefix(src, "/"):
		file = path.Join("static", src)
	case a.Dir != "":
		file = path.Join(a.Dir, src)
	default:
		file = path.Join("static", src)
		a.Image.Src = "/" + strings.TrimPrefix(path.Clean(src), "/")
	}
	if !fs.ValidPath(file) || !strings.HasPrefix(file, "static/") && !strings.HasPrefix(file, a.Dir+"/") {
		return []*diag.Error{diag.Errorf(a.Path, line, "image.src %q leaves the site; put the image beside the article or under static/", src)}
	}
	size := sizes.of(site, file)
	if size.missing {
		return []*diag.Error{diag.Errorf(a.Path, line, "image.src %q: no file %s; add it or fix the path", src, file)}
	}
	a.Image.File = file
	if size.known {
		a.Image.Width, a.Image.Height = size.width, size.height
	}
	return nil
}

// imageSizes remembers what a load found of each image file: whether it
// is there, and its size in pixels if its header says. Stories that share
// a picture (a file photo, a logo) open and decode it once: on the shared
// 100,000-story corpus, 20 images in every story's front matter cost a
// tenth of loading it.
type imageSizes struct{ m sync.Map } // file → imageSize

// An imageSize is what imageSizes remembers of a file.
type imageSize struct {
	missing, known bool
	width, height  int
}

// of returns what file in site is, reading it the first time.
func (s *imageSizes) of(site fs.FS, file string) imageSize {
	if v, ok := s.m.Load(file); ok {
		return v.(imageSize)
	}
	var size imageSize
	if f, err := site.Open(file); err != nil {
		size.missing = true
	} else {
		if cfg, _, err := image.DecodeConfig(f); err == nil {
			size = imageSize{known: true, width: cfg.Width, height: cfg.Height}
		}
		f.Close()
	}
	s.m.Store(file, size)
	return size
}

// parseFocus reads a focus point, [x, y] from 0 to 1, or returns nil.
func parseFocus(text []string) []float64 {
	if len(text) != 2 {
		return nil
	}
	var f []float64
	for _, t := range text {
		v, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
		if err != nil || !(v >= 0 && v <= 1) {
			return nil
		}
		f = append(f, v)
	}
	return f
}

// Standalone reports whether name, a slash path in a site, is a file
// that Load reads as a story or page on its own: content/<page>.md or
// content/<section>/<story>.md outside the reserved sections, with no
// part hidden by a leading dot or underscore. The other files Load reads
// belong to page bundles, which Load finds by looking at their folders.
func Standalone(name string) bool {
	parts := strings.Split(name, "/")
	if parts[0] != Dir || !strings.HasSuffix(name, ".md") || len(parts) < 2 || len(parts) > 3 {
		return false
	}
	if len(parts) == 3 && slices.Contains(ReservedSections, parts[1]) {
		return false
	}
	for _, p := range parts[1:] {
		if p == "" || strings.HasPrefix(p, ".") || strings.HasPrefix(p, "_") {
			return false
		}
	}
	return true
}

// Reread reads one article file again, for a preview that rebuilds on
// every save. prev is what Load or Reread last made of the file; it may be
// nil only for a Standalone file, since the other files of a page bundle
// are found by Load. The result is what Load would make of the file.
func Reread(site fs.FS, name string, prev *Article, opts Options) (*Article, error) {
	f := file{path: name, page: depth(name) == 2}
	if prev != nil {
		f.bundle, f.resources = prev.Dir != "", prev.Resources
	} else if !Standalone(name) {
		return nil, diag.Errorf(name, 0, "not a story of its own; load the whole site")
	}
	a, errs := read(site, f, opts, &imageSizes{})
	if len(errs) > 0 {
		return nil, diag.Join(errs)
	}
	return a, nil
}

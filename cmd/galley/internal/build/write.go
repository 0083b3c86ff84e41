package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"galley.dev/galley/cmd/galley/internal/content"
	"galley.dev/galley/cmd/galley/internal/diag"
	"galley.dev/galley/cmd/galley/internal/output"
	"galley.dev/galley/cmd/galley/internal/render"
	"galley.dev/galley/cmd/galley/internal/site"
	"galley.dev/galley/cmd/galley/internal/sitemap"
)

// A task makes one or more files of the build.
type task struct {
	// id names the task in the cache: its file, or "sitemaps".
	id string
	// key hashes everything the files depend on; "" means always make them.
	key string
	// page is true for tasks that make an HTML page, for the summary.
	page bool
	// multi is true for a task that makes several files, known only once
	// it ran; any other task makes the file its id names.
	multi bool
	// extra are the other files of a task that is not multi, known when
	// it is planned: a stylesheet's fingerprinted copy.
	extra []string
	// run makes the files and returns their names.
	run func(out sink) ([]string, error)
}

// outputs returns the files that t, a task that is not multi, makes.
func (t task) outputs() []string { return append([]string{t.id}, t.extra...) }

// A sink takes the files of tasks: an output.Dir, or an output.Memory
// for a preview.
type sink interface {
	// WriteFile writes data to name; it keeps no reference to data,
	// which the caller reuses.
	WriteFile(name string, data []byte) error
	// WriteRaw writes data as it is, never minified.
	WriteRaw(name string, data []byte) error
	CopyFile(fsys fs.FS, src, name string) error
}

// plan lists every task of the build. The pages come first, then the
// feeds and sitemaps, which read the article bodies the pages made.
func plan(ctx context.Context, s *site.Site, r *render.Renderer, b *bodies, siteFS fs.FS, opts Options, global string, pics *pictures, static []staticFile) (pages, rest []task, err error) {
	// What every page shows around its content, and the templates that
	// make it: a template change makes again only the pages that use it.
	chrome := key(global, r.ChromeKey())
	chromeOf := map[string]string{}
	for _, name := range render.Pages {
		chromeOf[name] = key(chrome, name, r.TemplateSum(name))
	}
	cards := newCards(s, pics.ids())
	// The sitemap's key hashes every URL of the site: a tenth of the
	// plan of a big site, made on another core meanwhile.
	lim := opts.SitemapLimits
	if lim.MaxURLs == 0 {
		lim = sitemap.DefaultLimits
	}
	sitemaps := make(chan task, 1)
	go func() { sitemaps <- sitemapTask(s, r, opts.Now, lim, global) }()
	page := func(id, k string, render func(io.Writer) error) task {
		return task{id: id, key: k, page: true, run: func(out sink) ([]string, error) {
			return []string{id}, writePage(out, id, r.Minified(), render)
		}}
	}
	for _, a := range s.Articles {
		pages = append(pages, task{id: pageFile(a.URL()), key: key(chromeOf[render.ArticleTemplate], "article", cards.one(a), cards.list(a.Related)), page: true,
			run: func(out sink) ([]string, error) {
				name := pageFile(a.URL())
				return []string{name}, writeArticle(out, r, a, b)
			}})
		pages = append(pages, resourceTasks(siteFS, a)...)
	}
	for _, a := range s.Pages {
		pages = append(pages, task{id: pageFile(a.URL()), key: key(chromeOf[render.PageTemplate], "page", cards.one(a)), page: true,
			run: func(out sink) ([]string, error) {
				name := pageFile(a.URL())
				body, err := r.Body(a)
				if err != nil {
					return nil, err
				}
				return []string{name}, writePage(out, name, r.Minified(), func(w io.Writer) error { return r.Page(w, a, body) })
			}})
		pages = append(pages, resourceTasks(siteFS, a)...)
	}
	front := r.FrontPage()
	count := r.PageCount(len(front))
	intro := ""
	if s.Intro != nil {
		intro = s.Intro.Sum
	}
	for n := 1; n <= count; n++ {
		id := pageFile(render.PagePath("/", n))
		k := key(chromeOf[render.HomeTemplate], "home", intro, strconv.Itoa(n), strconv.Itoa(count), cards.list(pageOf(front, n, s.Config.PerPage)))
		pages = append(pages, page(id, k, func(w io.Writer) error { return r.Home(w, n) }))
	}
	for _, terms := range [][]*site.Term{s.Sections, s.Topics, s.Authors} {
		for _, t := range terms {
			profile := ""
			if t.Profile != nil {
				profile = t.Profile.Sum
			}
			if t.Intro != nil {
				profile = t.Intro.Sum
			}
			count := r.PageCount(len(t.Articles))
			for n := 1; n <= count; n++ {
				id := pageFile(render.PagePath(t.URL(), n))
				k := key(chromeOf[render.ListTemplate], string(t.Kind), t.Name, profile, strconv.Itoa(n), strconv.Itoa(count), cards.list(pageOf(t.Articles, n, s.Config.PerPage)))
				pages = append(pages, page(id, k, func(w io.Writer) error { return r.Term(w, t, n) }))
			}
		}
	}
	pages = append(pages,
		page("topics/index.html", key(chromeOf[render.TermsTemplate], "topics", termsKey(s.Topics)), func(w io.Writer) error { return r.Index(w, site.TopicKind) }),
		page("authors/index.html", key(chromeOf[render.TermsTemplate], "authors", termsKey(s.Authors)), func(w io.Writer) error { return r.Index(w, site.AuthorKind) }),
		page("404.html", key(chromeOf[render.NotFoundTemplate], "404", cards.list(s.Articles[:min(6, len(s.Articles))])), r.NotFound),
	)
	if !s.Config.Search.Off {
		// The index first, so that it runs beside the pages rather
		// than after them: it needs none of their work. A preview
		// (galley serve) makes none: the index is made whole, and every
		// save would wait for it (1.3 s against 50 ms on 10,000
		// stories); the page is there, and says search is not
		// available.
		if !opts.Preview {
			pages = append([]task{searchTask(ctx, s, r, global, opts)}, pages...)
		}
		pages = append(pages, page("search/index.html", key(chromeOf[render.SearchTemplate], "search", s.Config.Search.Fallback), r.Search))
	}
	rest = append(rest, feedTasks(s, r, b, cards, global)...)
	rest = append(rest, <-sitemaps)
	pages = append(pages, staticTasks(static, opts)...)
	pages = append(pages, pics.copies()...)
	if pages, err = addAliases(s, pages, rest, siteFS, opts.Theme, global); err != nil {
		return nil, nil, err
	}
	return pages, rest, nil
}

// pageOf returns the articles of page n (from 1) of a listing.
func pageOf(list []*site.Article, n, perPage int) []*site.Article {
	lo := (n - 1) * perPage
	return list[min(lo, len(list)):min(lo+perPage, len(list))]
}

// termsKey stands for an index of topics or authors: names and counts.
func termsKey(terms []*site.Term) string {
	var b strings.Builder
	for _, t := range terms {
		b.WriteString(t.Name + "\x00" + strconv.Itoa(len(t.Articles)) + "\x00")
	}
	return key(b.String())
}

// runTasks runs tasks, at most workers at once, each reusing the previous
// build's files where the cache allows; it counts the pages and the files
// reused.
func runTasks(ctx context.Context, out *output.Dir, c *cache, tasks []task, workers int, pages, reused *atomic.Int64) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for _, t := range tasks {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if t.page {
				pages.Add(1)
			}
			if c.reuse(out, t) {
				reused.Add(1)
				return nil
			}
			files, err := t.run(out)
			if err != nil {
				return err
			}
			c.record(out, t, files)
			return nil
		})
	}
	return g.Wait()
}

// workers returns how many tasks run at once.
func workers(opts Options) int {
	if opts.Workers > 0 {
		return opts.Workers
	}
	// More workers than cores was measured (10,000 stories, 2 cores) and
	// gained nothing: the kernel's file creation is the limit.
	return runtime.GOMAXPROCS(0)
}

// writePage renders a page into memory, then writes it, so that a
// template error leaves no half page behind. A page rendered minified
// (render.Renderer.Minified) is written as it is.
func writePage(out sink, name string, minified bool, render func(io.Writer) error) error {
	b := pageBuffers.Get().(*bytes.Buffer)
	defer putPageBuffer(b)
	if err := render(b); err != nil {
		return fmt.Errorf("%w (rendering %s)", err, name)
	}
	if minified {
		return out.WriteRaw(name, b.Bytes())
	}
	return out.WriteFile(name, b.Bytes())
}

// pageBuffers recycles the buffers pages are rendered into: growing a
// fresh one for each page was a third of a build's allocations.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putPageBuffer returns b to the pool, unless an unusually big page made
// it too big to keep around.
func putPageBuffer(b *bytes.Buffer) {
	if b.Cap() > 1<<20 {
		return
	}
	b.Reset()
	pageBuffers.Put(b)
}

// writeArticle renders one article page, keeping its body for the feeds
// that carry it.
func writeArticle(out sink, r *render.Renderer, a *site.Article, b *bodies) error {
	body, err := r.Body(a)
	if err != nil {
		return err
	}
	b.keep(a, body)
	return writePage(out, pageFile(a.URL()), r.Minified(), func(w io.Writer) error { return r.Article(w, a, body) })
}

// pageFile returns the file that serves a site path: "/news/x/" is
// "news/x/index.html".
func pageFile(urlPath string) string {
	return strings.TrimPrefix(urlPath, "/") + "index.html"
}

// resourceTasks copy the files of a page bundle beside its page.
func resourceTasks(siteFS fs.FS, a *site.Article) []task {
	var tasks []task
	for _, res := range a.Resources {
		src := path.Join(a.Dir, res)
		name := path.Join(strings.TrimPrefix(a.URL(), "/"), res)
		tasks = append(tasks, copyTask(siteFS, src, name, "site"))
	}
	return tasks
}

// copyKey is the key of a copy of the file src of fsys: the file's size
// and time, or its bytes for the theme built into the binary, whose
// files have no time; "" (make it always) if it cannot be read.
func copyKey(fsys fs.FS, src, origin string) string {
	info, err := fs.Stat(fsys, src)
	if err != nil {
		return ""
	}
	stamp := strconv.FormatInt(info.ModTime().UnixNano(), 10)
	if info.ModTime().IsZero() {
		data, _ := fs.ReadFile(fsys, src)
		stamp = key(string(data))
	}
	return key("copy", origin, src, strconv.FormatInt(info.Size(), 10), stamp)
}

// copyTask copies the file src of fsys to name, with copyKey.
func copyTask(fsys fs.FS, src, name, origin string) task {
	return task{id: name, key: copyKey(fsys, src, origin), run: func(out sink) ([]string, error) {
		if err := out.CopyFile(fsys, src, name); err != nil {
			var positioned *diag.Error
			if errors.As(err, &positioned) {
				return nil, err
			}
			return nil, &diag.Error{Path: src, Err: unwrapPathError(err)}
		}
		return []string{name}, nil
	}}
}

// staticTasks copy the files of static/: a stylesheet or script under
// its fingerprinted name too, if it has one.
func staticTasks(files []staticFile, opts Options) []task {
	tasks := make([]task, len(files))
	for i, f := range files {
		if f.fingerprinted != "" {
			tasks[i] = fingerprintTask(f, opts)
			continue
		}
		tasks[i] = copyTask(f.fsys, f.src, f.name, f.origin)
		tasks[i].key = f.key
	}
	return tasks
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// staticFiles lists the files under static/, relative to it, in order.
// A file over maxSize bytes is an error (0: no limit): a host takes
// files up to a size, and a stray disk image would fill the output.
func staticFiles(fsys fs.FS, maxSize int64) ([]string, error) {
	var files []string
	var errs []*diag.Error
	if fsys == nil {
		return files, nil
	}
	err := fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "static" && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			errs = append(errs, &diag.Error{Path: p, Err: err})
			return nil
		}
		if content.HiddenStatic(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if err := content.CheckLink(fsys, p); err != nil {
				errs = append(errs, &diag.Error{Path: p, Err: err})
				return nil
			}
		}
		info, err := fs.Stat(fsys, p) // the file a link leads to
		if err != nil {
			errs = append(errs, &diag.Error{Path: p, Err: unwrapPathError(err)})
			return nil
		}
		mode := info.Mode().Type()
		switch {
		case mode.IsDir():
			errs = append(errs, diag.Errorf(p, 0, "symbolic link to a folder is not followed; move the folder here"))
			return nil
		case !mode.IsRegular():
			// Opening a FIFO would wait for a writer forever.
			errs = append(errs, diag.Errorf(p, 0, "not a regular file but a %s; remove it", content.KindOf(mode)))
			return nil
		}
		if maxSize > 0 && info.Size() > maxSize {
			errs = append(errs, diag.Errorf(p, 0, "file is %d bytes, over the limit of %d (max_asset_size in site.yaml); raise the limit or serve the file from elsewhere", info.Size(), maxSize))
			return nil
		}
		files = append(files, strings.TrimPrefix(p, "static/"))
		return nil
	})
	if err != nil {
		errs = append(errs, &diag.Error{Path: "static", Err: err})
	}
	return files, diag.Join(errs)
}

// unwrapPathError drops the *fs.PathError around err: its path is
// already shown.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

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
	"strings"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"galley.dev/galley/cmd/galley/internal/diag"
	"galley.dev/galley/cmd/galley/internal/output"
	"galley.dev/galley/cmd/galley/internal/render"
	"galley.dev/galley/cmd/galley/internal/site"
	"galley.dev/galley/cmd/galley/internal/sitemap"
)

// A job writes one or more files of the build.
type job func() error

// write renders every page into out, copies the static files, then
// writes the feeds and sitemaps; it returns the number of pages. Jobs run
// in parallel, each writing its own files, so the bytes do not depend on
// the number of workers.
func write(ctx context.Context, out *output.Dir, s *site.Site, r *render.Renderer, siteFS fs.FS, opts Options) (int, error) {
	workers := opts.Workers
	if workers < 1 {
		// More workers than cores was measured (10,000 stories, 2 cores)
		// and gained nothing: the kernel's file creation is the limit.
		workers = runtime.GOMAXPROCS(0)
	}
	b := newBodies(s)
	pages, err := writePages(ctx, out, s, r, b, siteFS, opts, workers)
	if err != nil {
		return 0, err
	}
	lim := opts.SitemapLimits
	if lim.MaxURLs == 0 {
		lim = sitemap.DefaultLimits
	}
	jobs := append(feedJobs(out, s, r, b), sitemapJob(out, s, r, opts.Now, lim))
	return pages, run(ctx, jobs, workers)
}

// run runs jobs, at most workers at once, and stops at the first error.
func run(ctx context.Context, jobs []job, workers int) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for _, j := range jobs {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			return j()
		})
	}
	return g.Wait()
}

// writePages writes every HTML page and the static files.
func writePages(ctx context.Context, out *output.Dir, s *site.Site, r *render.Renderer, b *bodies, siteFS fs.FS, opts Options, workers int) (int, error) {
	var pages atomic.Int64
	page := func(name string, render func(io.Writer) error) job {
		return func() error {
			pages.Add(1)
			return writePage(out, name, render)
		}
	}
	var jobs []job
	for _, a := range s.Articles {
		jobs = append(jobs, func() error {
			pages.Add(1)
			if err := writeArticle(out, r, a, b); err != nil {
				return err
			}
			return copyResources(out, siteFS, a)
		})
	}
	for _, a := range s.Pages {
		jobs = append(jobs, func() error {
			pages.Add(1)
			body, err := r.Body(a)
			if err != nil {
				return &diag.Error{Path: a.Path, Err: fmt.Errorf("markdown: %w", err)}
			}
			if err := writePage(out, pageFile(a.URL()), func(w io.Writer) error { return r.Page(w, a, body) }); err != nil {
				return err
			}
			return copyResources(out, siteFS, a)
		})
	}
	for n := 1; n <= r.PageCount(len(s.Articles)); n++ {
		jobs = append(jobs, page(pageFile(render.PagePath("/", n)), func(w io.Writer) error { return r.Home(w, n) }))
	}
	for _, terms := range [][]*site.Term{s.Topics, s.Authors} {
		for _, t := range terms {
			for n := 1; n <= r.PageCount(len(t.Articles)); n++ {
				jobs = append(jobs, page(pageFile(render.PagePath(t.URL(), n)), func(w io.Writer) error { return r.Term(w, t, n) }))
			}
		}
	}
	jobs = append(jobs,
		page("topics/index.html", func(w io.Writer) error { return r.Index(w, site.TopicKind) }),
		page("authors/index.html", func(w io.Writer) error { return r.Index(w, site.AuthorKind) }),
		page("404.html", r.NotFound),
		func() error { return copyStatic(ctx, out, siteFS, opts.Theme) },
	)
	if err := run(ctx, jobs, workers); err != nil {
		return 0, err
	}
	return int(pages.Load()), nil
}

// writePage renders a page into memory, then writes it, so that a
// template error leaves no half page behind.
func writePage(out *output.Dir, name string, render func(io.Writer) error) error {
	var b bytes.Buffer
	if err := render(&b); err != nil {
		return fmt.Errorf("%w (rendering %s)", err, name)
	}
	return out.WriteFile(name, b.Bytes())
}

// writeArticle renders one article page, keeping its body for the feeds
// that carry it.
func writeArticle(out *output.Dir, r *render.Renderer, a *site.Article, b *bodies) error {
	body, err := r.Body(a)
	if err != nil {
		return &diag.Error{Path: a.Path, Err: fmt.Errorf("markdown: %w", err)}
	}
	b.keep(a, body, r.BaseURL())
	return writePage(out, pageFile(a.URL()), func(w io.Writer) error { return r.Article(w, a, body) })
}

// pageFile returns the file that serves a site path: "/news/x/" is
// "news/x/index.html".
func pageFile(urlPath string) string {
	return strings.TrimPrefix(urlPath, "/") + "index.html"
}

// copyResources copies the files of a page bundle beside its page.
func copyResources(out *output.Dir, siteFS fs.FS, a *site.Article) error {
	for _, res := range a.Resources {
		if err := out.CopyFile(siteFS, path.Join(a.Dir, res), path.Join(strings.TrimPrefix(a.URL(), "/"), res)); err != nil {
			return &diag.Error{Path: path.Join(a.Dir, res), Err: err}
		}
	}
	return nil
}

// copyStatic copies static/ of the theme and of the site; a site file
// replaces the theme's file of the same name.
func copyStatic(ctx context.Context, out *output.Dir, siteFS, theme fs.FS) error {
	siteFiles, err := staticFiles(siteFS)
	if err != nil {
		return err
	}
	themeFiles, err := staticFiles(theme)
	if err != nil {
		return err
	}
	for name := range themeFiles {
		if siteFiles[name] {
			continue
		}
		if err := out.CopyFile(theme, "static/"+name, name); err != nil {
			return err
		}
	}
	for name := range siteFiles {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := out.CopyFile(siteFS, "static/"+name, name); err != nil {
			return &diag.Error{Path: "static/" + name, Err: err}
		}
	}
	return nil
}

// staticFiles lists the files under static/, relative to it.
func staticFiles(fsys fs.FS) (map[string]bool, error) {
	files := map[string]bool{}
	if fsys == nil {
		return files, nil
	}
	err := fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "static" && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return &diag.Error{Path: p, Err: err}
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if _, err := fs.Stat(fsys, p); err != nil {
				return diag.Errorf(p, 0, "symbolic link leads outside the site or nowhere; replace it with the file itself")
			}
		}
		files[strings.TrimPrefix(p, "static/")] = true
		return nil
	})
	return files, err
}

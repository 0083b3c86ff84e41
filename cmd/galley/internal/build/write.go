package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
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
)

// write renders every page into out and copies the static files; it
// returns the number of pages. Pages render in parallel, each into its own
// file, so the bytes do not depend on the number of workers.
func write(ctx context.Context, out *output.Dir, s *site.Site, r *render.Renderer, siteFS fs.FS, opts Options) (int, error) {
	workers := opts.Workers
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	var pages atomic.Int64
	for _, a := range s.Articles {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := writeArticle(out, r, a); err != nil {
				return err
			}
			pages.Add(1)
			return copyResources(out, siteFS, a)
		})
	}
	g.Go(func() error { return copyStatic(ctx, out, siteFS, opts.Theme) })
	if err := g.Wait(); err != nil {
		return 0, err
	}
	return int(pages.Load()), nil
}

// writeArticle renders one article page.
func writeArticle(out *output.Dir, r *render.Renderer, a *site.Article) error {
	body, err := r.Body(a)
	if err != nil {
		return &diag.Error{Path: a.Path, Err: fmt.Errorf("markdown: %w", err)}
	}
	var page bytes.Buffer
	page.Grow(len(body) + 16<<10)
	if err := r.Article(&page, a, body); err != nil {
		return fmt.Errorf("%w (rendering %s)", err, a.Path)
	}
	return out.WriteFile(pageFile(a.URL()), page.Bytes())
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

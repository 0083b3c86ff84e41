// Package build runs Galley's pipeline: load the configuration and the
// articles, build the site model, render every page, and write the result
// atomically into the destination. Run reads as the table of contents.
package build

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"galley.dev/galley/cmd/galley/internal/config"
	"galley.dev/galley/cmd/galley/internal/content"
	"galley.dev/galley/cmd/galley/internal/diag"
	"galley.dev/galley/cmd/galley/internal/markdown"
	"galley.dev/galley/cmd/galley/internal/output"
	"galley.dev/galley/cmd/galley/internal/render"
	"galley.dev/galley/cmd/galley/internal/site"
	"galley.dev/galley/cmd/galley/internal/sitemap"
)

// Options configure a build.
type Options struct {
	// Site is the site folder; Dest the output folder (default Site/public).
	Site, Dest string
	// Theme holds the default templates/ and static/.
	Theme fs.FS
	// Drafts and Future include drafts, and future-dated and expired stories.
	Drafts, Future bool
	// BaseURL, if set, replaces site.yaml's base_url.
	BaseURL string
	// NoMinify writes pages as rendered.
	NoMinify bool
	// Now is the build time; only which stories are published, and which
	// are in the news sitemap, depends on it.
	Now time.Time
	// Workers bounds the pages rendered at once (default GOMAXPROCS).
	Workers int
	// Preview marks pages as previews (galley serve).
	Preview bool
	// SitemapLimits split the sitemap; zero means sitemap.DefaultLimits.
	SitemapLimits sitemap.Limits
	// NoCache builds every file anew instead of keeping unchanged ones
	// from the previous build.
	NoCache bool
	// Version is Galley's version, part of every cache key.
	Version string
	// Progress, if set, receives a line now and then on a long build:
	// how many photos are made of how many.
	Progress io.Writer
}

// A Summary counts what a build wrote.
type Summary struct {
	Articles, Pages, Topics, Authors, Files int
	// Reused counts the tasks whose files came from the previous build.
	Reused int
	// UpToDate is true when the destination already was this build.
	UpToDate bool
	Bytes    int64
	Elapsed  time.Duration
	// Warnings are problems that do not stop the build, such as a hero
	// image too narrow for Google Discover.
	Warnings []*diag.Error

	// Partial is true for a Session's build after stories were saved:
	// Reread files were read again, and Files changed, MadeNow of them
	// at once and the others on demand.
	Partial         bool
	Reread, MadeNow int
}

func (s Summary) String() string {
	if s.Partial {
		return fmt.Sprintf("updated after %d changed files: %d files changed (%d made now, the rest when asked for) in %v",
			s.Reread, s.Files, s.MadeNow, s.Elapsed.Round(time.Millisecond/10))
	}
	if s.UpToDate {
		return fmt.Sprintf("up to date: %d articles, %d pages, %d files unchanged, checked in %v",
			s.Articles, s.Pages, s.Files, s.Elapsed.Round(time.Millisecond))
	}
	return fmt.Sprintf("built %d articles, %d pages, %d topics, %d authors: %d files (%d kept from the last build), %.1f MB written in %v",
		s.Articles, s.Pages, s.Topics, s.Authors, s.Files, s.Reused, float64(s.Bytes)/1e6, s.Elapsed.Round(time.Millisecond))
}

// Run builds the site. On any error the destination is left as it was.
func Run(ctx context.Context, opts Options) (Summary, error) {
	start := time.Now()
	if opts.Dest == "" {
		opts.Dest = filepath.Join(opts.Site, "public")
	}
	if err := checkDest(opts.Site, opts.Dest); err != nil {
		return Summary{}, err
	}
	root, err := os.OpenRoot(opts.Site)
	if err != nil {
		return Summary{}, fmt.Errorf("open site: %w", err)
	}
	defer root.Close()
	// Symbolic links cannot lead out of it.
	siteFS := newSiteFS(root)
	defer siteFS.Close()
	l, err := load(ctx, siteFS, opts)
	if err != nil {
		return Summary{}, err
	}
	sum, st, err := l.write(ctx, siteFS, opts, l.global(opts, executableSum()))
	if st != nil {
		st.bodies.release() // no build follows
	}
	sum.Elapsed = time.Since(start)
	return sum, err
}

// A loaded site is read, checked and modelled, ready to render.
type loaded struct {
	cfg      *config.Config
	md       *markdown.Converter
	tmpl     *render.Templates
	loadOpts content.Options
	// articles are every story and page read, in path order.
	articles []*content.Article
	// extra are the author profiles and section intros.
	extra site.Extra
	model *site.Site
	// pics are the derivatives of the local images, once made, and
	// images the cache they come from, which a Session keeps from one
	// build to the next.
	pics   *pictures
	images *imageIndex
	// static are the files of static/, named before the pages that link
	// them render; a Session keeps them until static/ changes.
	static []staticFile
}

// load reads the site: configuration, stories, profiles, section
// intros and templates;
// and builds the site model.
func load(ctx context.Context, siteFS fs.FS, opts Options) (*loaded, error) {
	cfg, err := loadConfig(siteFS, opts)
	if err != nil {
		return nil, err
	}
	l := &loaded{cfg: cfg, md: markdown.New(markdown.Options{Unsafe: cfg.Markdown.Unsafe})}
	l.loadOpts = content.Options{Location: cfg.Location, MaxFileSize: cfg.MaxFileSize, MaxAssetSize: cfg.MaxAssetSize, Markdown: l.md, Unsafe: cfg.Markdown.Unsafe, Permalinks: cfg.Patterns}
	var loadErr, profileErr, introErr, tmplErr, modelErr error
	l.articles, loadErr = content.Load(ctx, siteFS, l.loadOpts)
	l.extra.Profiles, profileErr = content.LoadProfiles(ctx, siteFS, l.loadOpts)
	l.extra.Intros, introErr = content.LoadIntros(ctx, siteFS, l.loadOpts)
	l.tmpl, tmplErr = render.LoadTemplates(siteFS, opts.Theme, !opts.NoMinify)
	l.model, modelErr = site.New(cfg, l.articles, l.extra, siteOptions(opts))
	var planErr error
	if loadErr != nil && modelErr == nil && tmplErr == nil {
		planErr = l.planProblems(siteFS, opts)
	}
	if err := joinProblems(loadErr, profileErr, introErr, tmplErr, modelErr, planErr); err != nil {
		return nil, err
	}
	return l, nil
}

// planProblems returns what planning the build of the stories that
// loaded would find (an alias in the way of a feed or a static file),
// so that a run with a bad story reports those too, all at once, rather
// than one after another as each is fixed.
func (l *loaded) planProblems(siteFS fs.FS, opts Options) error {
	static, err := listStatic(siteFS, opts.Theme, "", l.cfg.MaxAssetSize)
	if err != nil {
		return err
	}
	r := l.renderer(opts)
	_, _, err = plan(context.Background(), l.model, r, newBodies(l.model, r, ""), siteFS, opts, "", nil, static)
	return err
}

// siteOptions says what a build publishes.
func siteOptions(opts Options) site.Options {
	return site.Options{Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now}
}

// global is the part of every task's key that stands for the whole
// build: Galley's binary, site.yaml and the options. (Pages add the sums
// of the templates they use.)
func (l *loaded) global(opts Options, exe string) string {
	return key(opts.Version, exe, l.cfg.Sum, l.cfg.BaseURL,
		fmt.Sprint(opts.Drafts, opts.Future, opts.Preview, opts.NoMinify))
}

// renderer returns the renderer of the site's pages.
func (l *loaded) renderer(opts Options) *render.Renderer {
	r := render.New(l.model, l.md, l.tmpl)
	r.Preview = opts.Preview
	r.Pictures = l.pics.site()
	r.Assets = assetPaths(l.static)
	return r
}

// write renders the site into opts.Dest, keeping what the cache allows,
// and swaps it in. It returns what the build knew, for a Session.
func (l *loaded) write(ctx context.Context, siteFS fs.FS, opts Options, global string) (Summary, *state, error) {
	model := l.model
	if l.images == nil {
		l.images = openImageIndex(opts.Site)
	}
	pics, err := makePictures(ctx, siteFS, l.images, model, opts.Progress)
	if err != nil {
		return Summary{}, nil, err
	}
	l.pics = pics
	c := openCache(opts.Site, opts.Dest, opts.NoCache)
	if l.static, err = listStatic(siteFS, opts.Theme, global, l.cfg.MaxAssetSize); err != nil {
		return Summary{}, nil, err
	}
	if err := fingerprintStatic(l.static, opts, c); err != nil {
		return Summary{}, nil, err
	}
	r := l.renderer(opts)
	b := newBodies(model, r, filepath.Join(opts.Site, CacheDir))
	pages, rest, err := plan(ctx, model, r, b, siteFS, opts, global, l.pics, l.static)
	if err != nil {
		return Summary{}, nil, err
	}
	sum := Summary{Articles: len(model.Articles), Topics: len(model.Topics), Authors: len(model.Authors), Warnings: pics.warnings}
	for _, t := range pages {
		if t.page {
			sum.Pages++
		}
	}
	if c.upToDate(append(pages, rest...)) {
		output.RemoveLeftovers(opts.Dest)
		sum.Files, sum.Reused, sum.UpToDate = len(c.old), len(c.old), true
		return sum, l.state(global, b, c.made(c.old)), nil
	}

	out, err := output.Create(opts.Dest, output.Options{
		NoMinify: opts.NoMinify, Keep: c.keep, Wrote: c.wrote,
		Carry: l.cfg.Keep,
	})
	if err != nil {
		return Summary{}, nil, err
	}
	var pageCount, reused atomic.Int64
	n := workers(opts)
	err = runTasks(ctx, out, c, pages, n, &pageCount, &reused)
	if err == nil {
		err = runTasks(ctx, out, c, rest, n, &pageCount, &reused)
	}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil && ctx.Err() != nil {
		out.Abandon() // stop now: the user pressed Ctrl-C
		return Summary{}, nil, fmt.Errorf("interrupted; %s is as it was", opts.Dest)
	}
	if err != nil {
		out.Abort()
		return Summary{}, nil, err
	}
	sum.Files, sum.Bytes = out.Files(), out.Bytes()
	if err := out.Commit(); err != nil {
		return Summary{}, nil, err
	}
	c.save()
	sum.Reused = int(reused.Load())
	return sum, l.state(global, b, c.made(c.new)), nil
}

// joinProblems reports the problems of every stage together, sorted by
// file and line, so that an editor sees them all in one run.
func joinProblems(errs ...error) error {
	var all []*diag.Error
	for _, err := range errs {
		all = append(all, diag.Flatten(err)...)
	}
	return diag.Join(all)
}

// loadConfig reads site.yaml and applies the command line over it.
func loadConfig(siteFS fs.FS, opts Options) (*config.Config, error) {
	cfg, err := config.Load(siteFS)
	if err != nil {
		return nil, err
	}
	if opts.BaseURL != "" {
		u, err := config.ParseBaseURL(opts.BaseURL)
		if err != nil {
			return nil, err
		}
		cfg.SetBase(u)
	}
	return cfg, nil
}

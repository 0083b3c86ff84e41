// Package build runs Galley's pipeline: load the configuration and the
// articles, build the site model, render every page, and write the result
// atomically into the destination. Run reads as the table of contents.
package build

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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
}

// A Summary counts what a build wrote.
type Summary struct {
	Articles, Pages, Topics, Authors, Files int
	Bytes                                   int64
	Elapsed                                 time.Duration
}

func (s Summary) String() string {
	return fmt.Sprintf("built %d articles, %d pages, %d topics, %d authors: %d files, %.1f MB in %v",
		s.Articles, s.Pages, s.Topics, s.Authors, s.Files, float64(s.Bytes)/1e6, s.Elapsed.Round(time.Millisecond))
}

// Run builds the site. On any error the destination is left as it was.
func Run(ctx context.Context, opts Options) (Summary, error) {
	start := time.Now()
	if opts.Dest == "" {
		opts.Dest = filepath.Join(opts.Site, "public")
	}
	root, err := os.OpenRoot(opts.Site)
	if err != nil {
		return Summary{}, fmt.Errorf("open site: %w", err)
	}
	defer root.Close()
	siteFS := root.FS() // symbolic links cannot lead out of it

	cfg, err := loadConfig(siteFS, opts)
	if err != nil {
		return Summary{}, err
	}
	md := markdown.New(markdown.Options{Unsafe: cfg.Markdown.Unsafe})
	loadOpts := content.Options{Location: cfg.Location, MaxFileSize: cfg.MaxFileSize, Markdown: md}
	articles, loadErr := content.Load(ctx, siteFS, loadOpts)
	profiles, profileErr := content.LoadProfiles(ctx, siteFS, loadOpts)
	tmpl, tmplErr := render.LoadTemplates(siteFS, opts.Theme)
	model, modelErr := site.New(cfg, articles, profiles, site.Options{Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now})
	if err := joinProblems(loadErr, profileErr, tmplErr, modelErr); err != nil {
		return Summary{}, err
	}
	r := render.New(model, md, tmpl)
	r.Preview = opts.Preview

	out, err := output.Create(opts.Dest, output.Options{NoMinify: opts.NoMinify})
	if err != nil {
		return Summary{}, err
	}
	pages, err := write(ctx, out, model, r, siteFS, opts)
	if err != nil {
		out.Abort()
		return Summary{}, err
	}
	if err := ctx.Err(); err != nil {
		out.Abort()
		return Summary{}, err
	}
	files, bytes := out.Files(), out.Bytes()
	if err := out.Commit(); err != nil {
		return Summary{}, err
	}
	return Summary{
		Articles: len(model.Articles), Pages: pages, Topics: len(model.Topics), Authors: len(model.Authors),
		Files: files, Bytes: bytes, Elapsed: time.Since(start),
	}, nil
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

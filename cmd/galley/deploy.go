package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"galley.dev/galley/cmd/galley/internal/config"
	"galley.dev/galley/cmd/galley/internal/deploy"
)

const deployHelp = `Deploy publishes the built site in DEST to a bucket: S3 or an
S3-compatible store, Google Cloud Storage, Azure Blob Storage, or a folder.
It uploads only the files whose content differs from the bucket's, assets
first, then pages, then feeds and sitemaps, the front page last, so that no
reader meets a page whose files are not there yet; then it deletes the
files an earlier deploy wrote that the site no longer has, and never more
than --max-deletes of them. Credentials come from the usual environment
variables (AWS_ACCESS_KEY_ID, GOOGLE_APPLICATION_CREDENTIALS,
AZURE_STORAGE_ACCOUNT, …).

--to gives the bucket's URL; --target names one of site.yaml's, which
may also compress the text files (gzip or br), keep files in or out of
the bucket, and name a CloudFront distribution whose copies of what
changed it invalidates; deploy.headers override headers by pattern:

	deploy:
	  targets:
	    - name: live
	      url: s3://news-site?region=eu-west-1
	      compress: gzip
	      cloudfront: E2QWRUHAPOMQZL
	      exclude: ["/audio/**"]
	  headers:
	    - {match: "*.pdf", cache_control: "public, max-age=86400"}

Examples:

	galley build && galley deploy --target live
	galley deploy --dry-run --to 's3://news?endpoint=http://127.0.0.1:8333&region=us-east-1&use_path_style=true'
	galley deploy -d public --to file:///var/www/news
`

func runDeploy(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("deploy", "[-s SITE] [-d DEST] [--to URL | --target NAME] [--dry-run] [--max-deletes N] [--force] [--purge-list FILE]", deployHelp, stderr)
	siteDir := fs.String("s", ".", "site `folder`, for site.yaml's targets and headers")
	dest := fs.String("d", "", "built site `folder` (default SITE/public)")
	to := fs.String("to", "", "bucket `URL`")
	target := fs.String("target", "", "`name` of a target in site.yaml")
	dryRun := fs.Bool("dry-run", false, "print what would change and touch nothing")
	var maxDeletes optionalInt
	fs.Var(&maxDeletes, "max-deletes", "most `files` to delete (default a quarter of the last deploy's, at least 20)")
	force := fs.Bool("force", false, "delete however many files the site no longer has")
	purgeList := fs.String("purge-list", "", "write the site paths whose content changed to `file`, for a CDN's purge")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("galley deploy: unexpected arguments %q: give the bucket with --to or --target", fs.Args())
	}
	if *dest == "" {
		*dest = filepath.Join(*siteDir, "public")
	}
	t, err := deployTarget(*siteDir, *to, *target)
	if err != nil {
		return fmt.Errorf("galley deploy: %w", err)
	}
	opts := deploy.Options{MaxDeletes: -1, Force: *force}
	if maxDeletes.set {
		opts.MaxDeletes = maxDeletes.n
	}
	s, err := deploySite(ctx, *dest, t, opts, *dryRun, stdout, stderr)
	if err != nil {
		return fmt.Errorf("galley deploy: %w", err)
	}
	if *dryRun {
		return nil
	}
	paths := deploy.PurgePaths(s.Changed)
	if *purgeList != "" {
		if err := os.WriteFile(*purgeList, []byte(lines(paths)), 0o644); err != nil {
			return fmt.Errorf("galley deploy: %w", err)
		}
	}
	if t.CloudFront != "" && len(paths) > 0 {
		id, err := deploy.Invalidate(ctx, t.CloudFront, paths)
		if err != nil {
			return fmt.Errorf("galley deploy: %w", err)
		}
		fmt.Fprintf(stdout, "cloudfront %s: invalidation %s of %d paths\n", t.CloudFront, id, len(paths))
	}
	return nil
}

// A target is where galley deploy publishes and how.
type target struct {
	URL        string
	CloudFront string
	deploy.Target
}

// deployTarget returns the target of --to, with site.yaml's headers if
// the site has one, or site.yaml's --target entry.
func deployTarget(siteDir, to, name string) (*target, error) {
	switch {
	case to != "" && name != "":
		return nil, errors.New("give --to or --target, not both")
	case to == "" && name == "":
		return nil, errors.New("no bucket: give its URL with --to, or a target of site.yaml with --target")
	}
	cfg, err := config.Load(os.DirFS(siteDir))
	if err != nil {
		return nil, err
	}
	t := &target{URL: to}
	for _, h := range cfg.Deploy.Headers {
		t.Rules = append(t.Rules, deploy.Rule{Match: h.Match, ContentType: h.ContentType, CacheControl: h.CacheControl})
	}
	if name == "" {
		return t, nil
	}
	c, ok := cfg.Deploy.Target(name)
	if !ok {
		var names []string
		for _, t := range cfg.Deploy.Targets {
			names = append(names, t.Name)
		}
		return nil, fmt.Errorf("%s: no deploy target %q (targets: %s)", filepath.Join(siteDir, config.File), name, strings.Join(names, ", "))
	}
	t.URL, t.CloudFront = c.URL, c.CloudFront
	t.Include, t.Exclude, t.Encoding = c.Include, c.Exclude, c.Compress
	return t, nil
}

// deploySite plans the deploy of dest to t and, unless dryRun, carries
// it out, printing its summary to stdout.
func deploySite(ctx context.Context, dest string, t *target, opts deploy.Options, dryRun bool, stdout, stderr io.Writer) (deploy.Summary, error) {
	local, err := deploy.LocalFiles(ctx, dest, &t.Target)
	if err != nil {
		return deploy.Summary{}, err
	}
	b, err := deploy.Open(ctx, t.URL)
	if err != nil {
		return deploy.Summary{}, err
	}
	defer b.Close()
	remote, err := deploy.ReadRemote(ctx, b)
	if err != nil {
		return deploy.Summary{}, err
	}
	p, err := deploy.MakePlan(ctx, b, local, remote, &t.Target, opts)
	if err != nil {
		return deploy.Summary{}, err
	}
	n, bytes := p.Uploaded()
	if dryRun {
		for _, files := range p.Uploads {
			for _, f := range files {
				fmt.Fprintf(stdout, "upload %s\n", f.Key)
			}
		}
		for _, k := range p.Deletes {
			fmt.Fprintf(stdout, "delete %s\n", k)
		}
		fmt.Fprintf(stdout, "dry run: would upload %d files (%s), keep %d unchanged, delete %d\n", n, size(bytes), p.Unchanged, len(p.Deletes))
		return deploy.Summary{}, nil
	}
	done, total := 0, n+len(p.Deletes)
	s, err := deploy.Run(ctx, b, p, stderr, func(string) {
		if done++; done%500 == 0 || done == total {
			fmt.Fprintf(stderr, "%d of %d files done\n", done, total)
		}
	})
	if err != nil {
		if ctx.Err() != nil {
			return s, fmt.Errorf("interrupted after %d uploads: the bucket holds the old site, with new files beside it; deploy again to finish", s.Uploaded)
		}
		return s, err
	}
	fmt.Fprintf(stdout, "%s: uploaded %d files (%s), %d unchanged, deleted %d\n", t.URL, s.Uploaded, size(s.Bytes), s.Unchanged, s.Deleted)
	return s, nil
}

// An optionalInt is an int flag that knows whether it was given, and
// whose help shows no default of its own.
type optionalInt struct {
	n   int
	set bool
}

func (o *optionalInt) String() string {
	if o == nil || !o.set {
		return ""
	}
	return strconv.Itoa(o.n)
}

func (o *optionalInt) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return errors.New("want a number of files, 0 or more")
	}
	o.n, o.set = n, true
	return nil
}

// lines returns ss, one a line.
func lines(ss []string) string {
	var b strings.Builder
	for _, s := range ss {
		b.WriteString(s + "\n")
	}
	return b.String()
}

// size formats n bytes.
func size(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%.1f KB", float64(n)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"gocloud.dev/blob"
	_ "gocloud.dev/blob/azureblob" // azblob://
	_ "gocloud.dev/blob/fileblob"  // file://
	_ "gocloud.dev/blob/gcsblob"   // gs://
	_ "gocloud.dev/blob/s3blob"    // s3://

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

--to gives the bucket's URL; --target names one of site.yaml's:

	deploy:
	  targets:
	    - name: live
	      url: s3://news-site?region=eu-west-1

Examples:

	galley build && galley deploy --target live
	galley deploy --dry-run --to 's3://news?endpoint=http://127.0.0.1:8333&region=us-east-1&use_path_style=true'
	galley deploy -d public --to file:///var/www/news
`

func runDeploy(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("deploy", "[-s SITE] [-d DEST] [--to URL | --target NAME] [--dry-run] [--max-deletes N] [--force] [--purge-list FILE]", deployHelp, stderr)
	siteDir := fs.String("s", ".", "site `folder`, for site.yaml's targets")
	dest := fs.String("d", "", "built site `folder` (default SITE/public)")
	to := fs.String("to", "", "bucket `URL`")
	target := fs.String("target", "", "`name` of a target in site.yaml")
	dryRun := fs.Bool("dry-run", false, "print what would change and touch nothing")
	maxDeletes := fs.Int("max-deletes", -1, "most `files` to delete (default a quarter of the last deploy's, at least 20)")
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
	bucketURL, err := deployURL(*siteDir, *to, *target)
	if err != nil {
		return fmt.Errorf("galley deploy: %w", err)
	}
	s, err := deploySite(ctx, *dest, bucketURL, deploy.Options{MaxDeletes: *maxDeletes, Force: *force}, *dryRun, stdout, stderr)
	if err != nil {
		return fmt.Errorf("galley deploy: %w", err)
	}
	if *purgeList != "" && !*dryRun {
		if err := writePurgeList(*purgeList, s.Changed); err != nil {
			return fmt.Errorf("galley deploy: %w", err)
		}
	}
	return nil
}

// deployURL returns the bucket URL of --to or of --target's entry.
func deployURL(siteDir, to, target string) (string, error) {
	switch {
	case to != "" && target != "":
		return "", errors.New("give --to or --target, not both")
	case to != "":
		return to, nil
	case target == "":
		return "", errors.New("no bucket: give its URL with --to, or a target of site.yaml with --target")
	}
	cfg, err := config.Load(os.DirFS(siteDir))
	if err != nil {
		return "", err
	}
	t, ok := cfg.Deploy.Target(target)
	if !ok {
		var names []string
		for _, t := range cfg.Deploy.Targets {
			names = append(names, t.Name)
		}
		return "", fmt.Errorf("%s: no deploy target %q (targets: %s)", filepath.Join(siteDir, config.File), target, strings.Join(names, ", "))
	}
	return t.URL, nil
}

// deploySite plans the deploy of dest to the bucket at bucketURL and,
// unless dryRun, carries it out, printing its summary to stdout.
func deploySite(ctx context.Context, dest, bucketURL string, opts deploy.Options, dryRun bool, stdout, stderr io.Writer) (deploy.Summary, error) {
	local, err := deploy.LocalFiles(ctx, dest)
	if err != nil {
		return deploy.Summary{}, err
	}
	b, err := blob.OpenBucket(ctx, openURL(bucketURL))
	if err != nil {
		return deploy.Summary{}, fmt.Errorf("open %s: %w", bucketURL, err)
	}
	defer b.Close()
	pageSize := 0
	if strings.HasPrefix(bucketURL, "file:") {
		pageSize = deploy.OnePage // see ReadRemote
	}
	remote, err := deploy.ReadRemote(ctx, b, pageSize)
	if err != nil {
		return deploy.Summary{}, err
	}
	p, err := deploy.MakePlan(ctx, b, local, remote, opts)
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
	fmt.Fprintf(stdout, "%s: uploaded %d files (%s), %d unchanged, deleted %d\n", bucketURL, s.Uploaded, size(s.Bytes), s.Unchanged, s.Deleted)
	return s, nil
}

// openURL returns the URL to open for bucketURL. A file:// bucket
// writes its temporary files beside the final ones, not in TMPDIR,
// from which a rename to another file system fails.
func openURL(bucketURL string) string {
	u, err := url.Parse(bucketURL)
	if err != nil || u.Scheme != "file" || u.Query().Has("no_tmp_dir") {
		return bucketURL
	}
	q := u.Query()
	q.Set("no_tmp_dir", "1")
	u.RawQuery = q.Encode()
	return u.String()
}

// writePurgeList writes the site paths of keys, one a line.
func writePurgeList(name string, keys []string) error {
	var b strings.Builder
	for _, k := range keys {
		b.WriteString("/" + strings.TrimSuffix(k, "index.html") + "\n")
	}
	return os.WriteFile(name, []byte(b.String()), 0o644)
}

// size formats n bytes.
func size(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%.1f KB", float64(n)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

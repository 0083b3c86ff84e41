package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"galley.dev/galley/cmd/galley/internal/importer"
	"galley.dev/galley/cmd/galley/internal/importer/hugo"
	"galley.dev/galley/cmd/galley/internal/importer/jekyll"
	"galley.dev/galley/cmd/galley/internal/importer/wordpress"
)

const importHelp = `Import moves a Hugo or Jekyll site or a WordPress export into Galley, or
turns plain-text exports from the old CMS into articles.

Given a folder SRC that holds a Hugo site (hugo.toml, config.toml or
config/_default/, with content/) or a Jekyll site (_config.yml with
_posts/), it writes a Galley site into SITE: content/ with Galley front
matter, static/ with the old static files and assets, and site.yaml from
the old configuration. Every page keeps its old URL: where Galley's URL
differs, the old one is written under aliases:, with the page's own
aliases (Hugo) or redirect_from (Jekyll). Keys Galley has no meaning for
go under params:. Shortcodes and Liquid tags it knows (figure, youtube,
highlight, ref, details, raw, link, post_url, …) are converted; any other
stays in the text and is listed with path:line. It ends with a report:
files converted, pages, aliases, shortcodes, and every file skipped with
why. --from forces the format; a folder that is none of these and holds
no .txt exports is an error.

Given a WordPress export (Tools → Export in WordPress: one .xml file),
it writes posts as articles of the section news (or --section), pages
as standalone pages, authors as profiles, and categories and tags as
topics. Drafts, pending, private and password-protected posts are kept
as drafts; scheduled ones keep their future date. Featured images
become heroes with their caption, alt text and credit; with --uploads
DIR, a copy of the old site's wp-content/uploads, the pictures are
copied into static/wp-content/uploads/, else they stay on the old
host. Bodies (blocks, classic editor, shortcodes) are converted to
markdown; what cannot be is listed with the export's line. Every old
URL becomes an alias, and short links (/?p=ID) lines of
static/_redirects. The export is read as a stream, twice, so that one of
hundreds of megabytes needs little memory; progress goes to stderr.

For plain-text exports: for each
FILE (or each .txt file in DIR) it writes content/<section>/<slug>.md with
front matter (title, date, authors, image caption and credit, description)
and a markdown body with subheadings and torn quotations joined back into
their sentences. It prints one line per export with what it inferred.

Importing the same export again changes nothing. An article edited after
its import is never overwritten without --force. An import never touches
another story that holds its slug (an article imported from another
export, one written by hand, a page bundle): it takes the next free slug,
<slug>-2, <slug>-3, …, and its report says why. Only regular files are
read: a named pipe, socket or device among the exports is reported and
skipped, and the import then fails. Dates come from a date line in the
export, else --date, else the file's modification time.

Examples:

	galley import -s new-site ../old-hugo-site
	galley import -s new-site --from jekyll ../blog
	galley import seeds/
	galley import --date 2026-11-21 --topic "Latin America" seeds/000_49bfff059735f1c2.txt
	galley import -s new-site --uploads ../wp-content/uploads export.xml
	galley import --dry-run export.txt
`

// listFlag collects a repeatable flag; commas also separate values.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("import", "[-s SITE] [--from hugo|jekyll|wordpress|text] [--uploads DIR] [--section news] [--date D] [--author A] [--topic T] [--image PATH] [--force] [--dry-run] SRC|FILE|DIR...", importHelp, stderr)
	siteDir := fs.String("s", ".", "site `folder`")
	section := fs.String("section", "news", "section `folder` under content/")
	date := fs.String("date", "", "`date` for exports without a date line: 2026-11-24 or RFC 3339")
	var authors, topics listFlag
	fs.Var(&authors, "author", "author `name`, replacing the export's (repeatable)")
	fs.Var(&topics, "topic", "topic `name` (repeatable, or comma-separated)")
	image := fs.String("image", "", "hero image `path` (beside the article, under static/, or a URL)")
	force := fs.Bool("force", false, "overwrite articles edited since they were imported (never another story)")
	dryRun := fs.Bool("dry-run", false, "print the markdown and write nothing")
	from := fs.String("from", "", "the `format` of SRC: hugo, jekyll, wordpress or text (default: detected)")
	uploads := fs.String("uploads", "", "a copy of the WordPress site's wp-content/uploads `folder`, whose pictures are copied in")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "galley import: name the site folder or the exports to import")
		fs.Usage()
		return errUsage
	}
	src, err := detectSource(*from, fs.Args())
	if err != nil {
		return err
	}
	if wp, ok := src.(wordpress.Source); ok {
		wp.Uploads = *uploads
		src = wp
	} else if *uploads != "" {
		return errors.New("--uploads is for WordPress exports: name the export's .xml file")
	}
	if src != nil {
		set := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
		for _, name := range []string{"date", "author", "topic", "image"} {
			if set[name] {
				return fmt.Errorf("--%s is for plain-text exports; a %s site's pages carry their own", name, src.Name())
			}
		}
		w := importer.NewWriter(*siteDir, *force, *dryRun, stdout)
		w.Log = stderr
		if set["section"] {
			w.Section = *section
		}
		if err := src.Import(ctx, fs.Arg(0), w); err != nil {
			if ctx.Err() != nil {
				// Each file is written whole or not at all: what is there
				// is good, and importing again finishes the job.
				return fmt.Errorf("interrupted; the %d files written so far are whole, and importing again finishes the job", w.Report.Files)
			}
			return err
		}
		return w.Finish(src.Name(), fs.Arg(0))
	}
	opts := importer.Options{
		Site: *siteDir, Section: *section, Authors: authors, Topics: topics,
		Image: *image, Force: *force, DryRun: *dryRun,
	}
	if *date != "" {
		d, err := importer.ParseDate(*date)
		if err != nil {
			return err
		}
		opts.Date = d
	}
	return importer.Import(ctx, fs.Args(), opts, stdout, stderr)
}

var _ flag.Value = (*listFlag)(nil)

// sources are the site formats import reads, besides text exports.
var sources = []importer.Source{hugo.Source{}, jekyll.Source{}, wordpress.Source{}}

// detectSource returns the site importer for args: the one --from names,
// else the one whose site the single folder argument holds; nil for text
// exports. A folder that is no site and holds no .txt export is an error,
// rather than an import that writes nothing.
func detectSource(from string, args []string) (importer.Source, error) {
	switch from {
	case "text":
		return nil, nil
	case "":
	default:
		for _, s := range sources {
			if s.Name() == from {
				if len(args) != 1 {
					return nil, fmt.Errorf("--from %s imports one site folder or export; name only it", from)
				}
				return s, nil
			}
		}
		return nil, fmt.Errorf("--from %q: write hugo, jekyll, wordpress or text", from)
	}
	if len(args) != 1 {
		for _, a := range args {
			if (wordpress.Source{}).Detect(a) {
				return nil, fmt.Errorf("%s: a WordPress export; import one export at a time, without other files", a)
			}
		}
		return nil, nil
	}
	info, err := os.Stat(args[0])
	if err != nil {
		return nil, nil // the text importer reports a missing file
	}
	if !info.IsDir() {
		if (wordpress.Source{}).Detect(args[0]) {
			return wordpress.Source{}, nil
		}
		if strings.EqualFold(filepath.Ext(args[0]), ".xml") {
			return nil, fmt.Errorf("%s: an XML file that is not a WordPress export (an RSS document with the wp: namespace of Tools → Export); pass --from text to import it as text", args[0])
		}
		return nil, nil
	}
	for _, s := range sources {
		if s.Detect(args[0]) {
			return s, nil
		}
	}
	if txt, _ := filepath.Glob(filepath.Join(args[0], "*.txt")); len(txt) > 0 {
		return nil, nil
	}
	return nil, fmt.Errorf("%s: not a Hugo site (hugo.toml, config.toml or config/_default/, with content/), not a Jekyll site (_config.yml with _posts/), and no .txt exports in it; pass --from hugo|jekyll if it is a site", args[0])
}

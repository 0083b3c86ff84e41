package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"galley.dev/galley/cmd/galley/internal/importer"
)

const importHelp = `Import turns plain-text exports from the old CMS into articles: for each
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

	galley import seeds/
	galley import --date 2026-11-21 --topic "Latin America" seeds/000_49bfff059735f1c2.txt
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
	fs := newFlagSet("import", "[-s SITE] [--section news] [--date D] [--author A] [--topic T] [--image PATH] [--force] [--dry-run] FILE|DIR...", importHelp, stderr)
	siteDir := fs.String("s", ".", "site `folder`")
	section := fs.String("section", "news", "section `folder` under content/")
	date := fs.String("date", "", "`date` for exports without a date line: 2026-11-24 or RFC 3339")
	var authors, topics listFlag
	fs.Var(&authors, "author", "author `name`, replacing the export's (repeatable)")
	fs.Var(&topics, "topic", "topic `name` (repeatable, or comma-separated)")
	image := fs.String("image", "", "hero image `path` (beside the article, under static/, or a URL)")
	force := fs.Bool("force", false, "overwrite articles edited since they were imported (never another story)")
	dryRun := fs.Bool("dry-run", false, "print the markdown and write nothing")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "galley import: name the exports to import")
		fs.Usage()
		return errUsage
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

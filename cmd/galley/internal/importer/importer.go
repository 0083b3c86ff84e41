package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"galley.dev/galley/cmd/galley/internal/diag"
	"galley.dev/galley/cmd/galley/internal/slug"
)

// Options configure an import.
type Options struct {
	Site    string // site folder
	Section string // content/<section>/
	// Date is used when an export has no date line; zero means the
	// export file's modification time.
	Date    time.Time
	Authors []string
	Topics  []string
	Image   string
	Force   bool // overwrite articles edited since their import
	DryRun  bool // print the markdown, write nothing
}

// Import imports each export in files (folders stand for their *.txt
// files). It reports one line per export on stdout and notes on stderr,
// goes on past bad exports, and returns all their problems together.
//
// It never replaces a different story: an article goes to the slug of
// its headline unless something else holds that slug, and then to the
// next free one of slug-2, slug-3, …; see placer. It opens only regular
// files: a named pipe, socket or device among the exports is reported and
// skipped, in a folder too, and makes Import fail.
func Import(ctx context.Context, files []string, opts Options, stdout, stderr io.Writer) error {
	if !slug.Valid(opts.Section) {
		return fmt.Errorf("section %q is not lowercase ASCII words joined by hyphens", opts.Section)
	}
	exports, errs := expand(files)
	p, err := newPlacer(opts.Site, opts.Section)
	if err != nil {
		return err
	}
	for i, f := range exports {
		if err := ctx.Err(); err != nil {
			return errors.Join(append(errs, fmt.Errorf("import stopped after %d of %d exports: %w", i, len(exports), err))...)
		}
		if err := importOne(ctx, f, p, opts, stdout, stderr); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// expand replaces folders by their .txt files, sorted. It leaves out, and
// returns an error for, each file that is missing or not a regular file.
func expand(args []string) ([]string, []error) {
	var files []string
	var errs []error
	for _, a := range args {
		info, err := os.Stat(a)
		switch {
		case err != nil:
			errs = append(errs, err)
			continue
		case !info.IsDir():
			files = append(files, a)
			continue
		}
		matches, err := filepath.Glob(filepath.Join(a, "*.txt"))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		slices.Sort(matches)
		for _, m := range matches {
			if info, err := os.Stat(m); err != nil {
				errs = append(errs, err)
			} else if !info.Mode().IsRegular() {
				errs = append(errs, diag.Errorf(m, 0, "%w", errNotRegular))
			} else {
				files = append(files, m)
			}
		}
	}
	return files, errs
}

// importOne imports one export, to the place p gives it.
func importOne(ctx context.Context, file string, p *placer, opts Options, stdout, stderr io.Writer) error {
	data, info, err := readRegular(ctx, file)
	if errors.Is(err, errNotRegular) {
		return diag.Errorf(file, 0, "%w", err)
	} else if err != nil {
		return err
	}
	a, err := Parse(file, data)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	base := slug.Make(a.Title)
	if base == "" {
		return fmt.Errorf("%s:1: cannot make a URL from the title %q", file, a.Title)
	}
	date, from := articleDate(info, a, opts)
	if from != "the export" {
		fmt.Fprintf(stderr, "%s: no date line; dated %s from %s\n", file, date.Format(time.RFC3339), from)
	}
	source := normalSource(file)
	pl, err := p.place(ctx, base, source)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	slugNote := pl.slug
	if pl.why != "" {
		slugNote += " (" + pl.why + ")"
	}
	md := a.Markdown(Meta{
		Slug: pl.slug, Date: date, Authors: opts.Authors, Topics: opts.Topics, Image: opts.Image,
		Source: source,
	})
	if opts.DryRun {
		if pl.why != "" {
			fmt.Fprintf(stderr, "%s: slug %s\n", file, slugNote)
		}
		_, err := stdout.Write(md)
		return err
	}
	rel := filepath.Join("content", opts.Section, pl.slug+".md")
	target := filepath.Join(opts.Site, rel)
	status, err := write(ctx, target, md, source, opts.Force)
	if err != nil {
		return fmt.Errorf("%s: %w", target, err)
	}
	fmt.Fprintf(stdout, "%s → %s: %s; title %q, slug %s, date from %s, %v\n", file, filepath.ToSlash(rel), status, a.Title, slugNote, from, a.Stats)
	return nil
}

// articleDate picks the article's date: the export's date line, else
// --date, else the modification time in info, the export's.
func articleDate(info os.FileInfo, a *Article, opts Options) (time.Time, string) {
	switch {
	case !a.Date.IsZero():
		return a.Date, "the export"
	case !opts.Date.IsZero():
		return opts.Date, "--date"
	}
	return info.ModTime().UTC().Truncate(time.Second), "the file's modification time (pass --date to choose)"
}

// write writes md, imported from source, to target unless it holds the
// same bytes already. It refuses to replace a file edited since its
// import unless force, and, whatever force says, a file that is not an
// import of source: placer chose target as free or source's, so such a
// file appeared since.
func write(ctx context.Context, target string, md []byte, source string, force bool) (string, error) {
	old, _, err := readRegular(ctx, target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return "", err
	case sourceOf(old) != source:
		return "", errors.New("appeared during the import, another story; import again to give this one another slug")
	case bytes.Equal(old, md):
		return "unchanged", nil
	case Edited(old) && !force:
		return "", errors.New("edited since it was imported; pass --force to overwrite it")
	}
	if err := writeAtomic(target, md); err != nil {
		return "", err
	}
	if old != nil {
		return "updated", nil
	}
	return "written", nil
}

// ParseDate reads a --date value: RFC 3339 or YYYY-MM-DD (midnight UTC).
func ParseDate(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02"} {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("--date %q: write 2026-11-24 or 2026-11-24T09:30:00Z", s)
}

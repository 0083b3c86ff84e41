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
func Import(ctx context.Context, files []string, opts Options, stdout, stderr io.Writer) error {
	if !slug.Valid(opts.Section) {
		return fmt.Errorf("section %q is not lowercase ASCII words joined by hyphens", opts.Section)
	}
	exports, err := expand(files)
	if err != nil {
		return err
	}
	var errs []error
	for _, f := range exports {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := importOne(f, opts, stdout, stderr); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// expand replaces folders by their .txt files, sorted.
func expand(args []string) ([]string, error) {
	var files []string
	for _, a := range args {
		info, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			files = append(files, a)
			continue
		}
		matches, err := filepath.Glob(filepath.Join(a, "*.txt"))
		if err != nil {
			return nil, err
		}
		slices.Sort(matches)
		for _, m := range matches {
			if info, err := os.Stat(m); err == nil && info.Mode().IsRegular() {
				files = append(files, m)
			}
		}
	}
	return files, nil
}

// importOne imports one export.
func importOne(file string, opts Options, stdout, stderr io.Writer) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	a, err := Parse(file, data)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	s := slug.Make(a.Title)
	if s == "" {
		return fmt.Errorf("%s:1: cannot make a URL from the title %q", file, a.Title)
	}
	date, from, err := articleDate(file, a, opts)
	if err != nil {
		return err
	}
	if from != "the export" {
		fmt.Fprintf(stderr, "%s: no date line; dated %s from %s\n", file, date.Format(time.RFC3339), from)
	}
	md := a.Markdown(Meta{
		Slug: s, Date: date, Authors: opts.Authors, Topics: opts.Topics, Image: opts.Image,
		Source: filepath.ToSlash(file),
	})
	if opts.DryRun {
		_, err := stdout.Write(md)
		return err
	}
	rel := filepath.Join("content", opts.Section, s+".md")
	target := filepath.Join(opts.Site, rel)
	status, err := write(target, md, opts.Force)
	if err != nil {
		return fmt.Errorf("%s: %w", target, err)
	}
	fmt.Fprintf(stdout, "%s → %s: %s; title %q, slug %s, date from %s, %v\n", file, filepath.ToSlash(rel), status, a.Title, s, from, a.Stats)
	return nil
}

// articleDate picks the article's date: the export's date line, else
// --date, else the export's modification time.
func articleDate(file string, a *Article, opts Options) (time.Time, string, error) {
	switch {
	case !a.Date.IsZero():
		return a.Date, "the export", nil
	case !opts.Date.IsZero():
		return opts.Date, "--date", nil
	}
	info, err := os.Stat(file)
	if err != nil {
		return time.Time{}, "", err
	}
	return info.ModTime().UTC().Truncate(time.Second), "the file's modification time (pass --date to choose)", nil
}

// write writes md to target unless it holds the same bytes already; it
// refuses to replace a file edited since its import unless force.
func write(target string, md []byte, force bool) (string, error) {
	old, err := os.ReadFile(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return "", err
	case bytes.Equal(old, md):
		return "unchanged", nil
	case Edited(old) && !force:
		return "", errors.New("edited since it was imported (or not written by galley import); pass --force to overwrite it")
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), ".import-*.md")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(md); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return "", err
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
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

package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"galley.dev/galley/cmd/galley/internal/slug"
)

// A placer decides where the articles of one import run go, so that an
// import never replaces a different story that holds its slug: an article
// imported from another export, one written by hand, a page bundle, or
// anything that is not a regular file.
//
// It reads the section folder once, and remembers the slugs it gave out,
// so that two exports with the same headline in one run get two slugs in
// the order they are imported, in a dry run too.
type placer struct {
	dir, rel string // the section folder, and the same relative to the site, slash-separated
	// held maps the lowercased name of each entry of dir, less ".md", to
	// the names it was listed as: a case-insensitive file system opens
	// Story.md as story.md, so an entry in any case holds its slug.
	held map[string][]string
	// top is the highest n of the entries named <prefix>-<n>, by prefix,
	// so that place looks far enough for an export's earlier article.
	top     map[string]int
	claimed map[string]string // slug → source given it in this run
}

// newPlacer lists content/<section> of site.
func newPlacer(site, section string) (*placer, error) {
	p := &placer{
		dir: filepath.Join(site, "content", section), rel: path.Join("content", section),
		held: map[string][]string{}, top: map[string]int{}, claimed: map[string]string{},
	}
	entries, err := os.ReadDir(p.dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	for _, e := range entries {
		p.hold(strings.TrimSuffix(strings.ToLower(e.Name()), ".md"), e.Name())
	}
	return p, nil
}

// hold records that stem is held by the entry name ("" for a claim).
func (p *placer) hold(stem, name string) {
	if name != "" {
		p.held[stem] = append(p.held[stem], name)
	}
	if i := strings.LastIndexByte(stem, '-'); i > 0 {
		if n, err := strconv.Atoi(stem[i+1:]); err == nil && n >= 2 && n <= maxSuffix {
			p.top[stem[:i]] = max(p.top[stem[:i]], n)
		}
	}
}

// maxSuffix is the highest n of a slug-n that place looks for: an entry
// named story-99999999 must not make it try a hundred million slugs.
const maxSuffix = 999999

// A place is where an export's article goes.
type place struct {
	slug string
	// why says why the slug is not the headline's own; "" when it is.
	why string
}

// place finds the slug of the article imported from source, whose
// headline gives the slug base: the first of base, base-2, base-3, … that
// source was imported to before (so that importing again updates it),
// else the first that nothing holds.
func (p *placer) place(ctx context.Context, base, source string) (place, error) {
	limit := p.limit(base)
	var reasons []string // why each candidate so far is taken
	free, before := "", 0
	for n := 1; n <= limit+1; n++ {
		c := candidate(base, n)
		mine, reason, err := p.check(ctx, c, source)
		switch {
		case err != nil:
			return place{}, err
		case mine:
			return p.claim(place{slug: c, why: strings.Join(reasons, "; ")}, source), nil
		case reason != "":
			reasons = append(reasons, c+" is taken: "+reason)
		case free == "":
			free, before = c, len(reasons)
		}
	}
	if free == "" {
		return place{}, fmt.Errorf("no free slug for %q up to %s-%d; rename the files in %s", base, base, maxSuffix, p.rel)
	}
	return p.claim(place{slug: free, why: strings.Join(reasons[:before], "; ")}, source), nil
}

// claim records pl's slug as given to source in this run.
func (p *placer) claim(pl place, source string) place {
	p.claimed[pl.slug] = source
	p.hold(pl.slug, "")
	return pl
}

// limit is the highest n worth trying for base: beyond the highest entry
// or claim named like a candidate, every candidate is free. The prefix of
// a candidate depends on how many digits its suffix has.
func (p *placer) limit(base string) int {
	top := 1
	for d := 1; d <= len(strconv.Itoa(maxSuffix)); d++ {
		top = max(top, p.top[slug.Cut(base, slug.MaxLen-1-d)])
	}
	return top
}

// candidate returns the nth slug for base: base itself, then base-2, …,
// with base cut short where the suffix would make the slug too long.
func candidate(base string, n int) string {
	if n == 1 {
		return base
	}
	suffix := "-" + strconv.Itoa(n)
	return slug.Cut(base, slug.MaxLen-len(suffix)) + suffix
}

// check looks at what holds slug c: mine is true when it is an article
// imported before from source, reason says what else holds it, and both
// are zero when c is free.
func (p *placer) check(ctx context.Context, c, source string) (mine bool, reason string, err error) {
	if src, ok := p.claimed[c]; ok {
		if src != source {
			return false, fmt.Sprintf("%s/%s.md is another story, from %s", p.rel, c, src), nil
		}
		return true, "", nil // the same export twice in one run
	}
	names := p.held[c]
	if slices.Contains(names, c+".md") {
		return p.checkFile(ctx, c+".md", source)
	}
	if slices.Contains(names, c) {
		// A page bundle that an import of source wrote before is source's
		// again; any other folder holds the slug for another.
		if mine, _, err := p.checkFile(ctx, c+"/index.md", source); err == nil && mine {
			return true, "", nil
		}
	}
	if len(names) > 0 {
		return false, p.describe(names[0]), nil
	}
	return false, "", nil
}

// checkFile reads the article file name of the section folder: mine is
// true when source was imported to it. Import writes only regular files,
// so anything else, a symbolic link too, holds its slug for another.
func (p *placer) checkFile(ctx context.Context, name, source string) (mine bool, reason string, err error) {
	full := filepath.Join(p.dir, name)
	if info, err := os.Lstat(full); err != nil {
		return false, "", err
	} else if !info.Mode().IsRegular() {
		return false, fmt.Sprintf("%s/%s is not a regular file", p.rel, name), nil
	}
	data, _, err := readRegular(ctx, full)
	switch src := sourceOf(data); {
	case errors.Is(err, errNotRegular):
		return false, fmt.Sprintf("%s/%s is not a regular file", p.rel, name), nil
	case err != nil:
		return false, "", err
	case src == source:
		return true, "", nil
	case src == "":
		return false, fmt.Sprintf("%s/%s is another story, not imported", p.rel, name), nil
	default:
		return false, fmt.Sprintf("%s/%s is another story, from %s", p.rel, name, src), nil
	}
}

// describe says what the entry name of the section folder is, when it is
// not the article file of a slug.
func (p *placer) describe(name string) string {
	full := filepath.Join(p.dir, name)
	info, err := os.Lstat(full)
	switch {
	case err == nil && info.IsDir():
		if _, err := os.Lstat(filepath.Join(full, "index.md")); err == nil {
			return fmt.Sprintf("%s/%s/ is a page bundle", p.rel, name)
		}
		return fmt.Sprintf("%s/%s/ is a folder", p.rel, name)
	case strings.ToLower(name) != name:
		return fmt.Sprintf("%s/%s has the same name in other letter case", p.rel, name)
	}
	return fmt.Sprintf("%s/%s is in the way", p.rel, name)
}

// normalSource is how an export's path is recorded as an article's
// source: slash-separated and cleaned, so that "seeds/./a.txt" and
// "seeds/a.txt" name the same export. A source that is a URL (a
// WordPress post's short link) is kept as it is.
func normalSource(file string) string {
	if file == "" || strings.Contains(file, "://") {
		return file
	}
	return path.Clean(filepath.ToSlash(file))
}

// sourceOf returns the source recorded in the YAML front matter of an
// article file, normalised; "" when it records none, as in an article
// written by hand.
func sourceOf(file []byte) string {
	file = bytes.ReplaceAll(file, []byte("\r\n"), []byte("\n"))
	rest, ok := bytes.CutPrefix(file, []byte("---\n"))
	if !ok {
		return ""
	}
	end := bytes.Index(rest, []byte("\n---\n"))
	if end < 0 {
		return ""
	}
	var fm struct {
		Source string `yaml:"source"`
	}
	if yaml.Unmarshal(rest[:end+1], &fm) != nil {
		return ""
	}
	return normalSource(fm.Source)
}

// Imported returns the slug of each story of content/<section> (of
// content/ for section "") that an import wrote, by its source:, so that
// a source whose story moved away from its slug (a post renamed in the
// old site) finds its own file again instead of writing a second story.
// Only the first 64 KiB of each file are read: front matter is short.
func Imported(ctx context.Context, site, section string) (map[string]string, error) {
	dir := filepath.Join(site, "content", section)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	slugs := map[string]string{}
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		name, slug := e.Name(), strings.TrimSuffix(e.Name(), ".md")
		switch {
		case e.IsDir():
			name = filepath.Join(name, "index.md")
		case !e.Type().IsRegular() || slug == name || strings.HasPrefix(name, "_"):
			continue
		}
		if src := sourceOf(head(filepath.Join(dir, name), 64<<10)); src != "" {
			slugs[src] = slug
		}
	}
	return slugs, nil
}

// head returns the first n bytes of the regular file name; nil when it
// cannot be read or is no regular file.
func head(name string, n int64) []byte {
	f, _, err := openRegular(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	data, _ := io.ReadAll(io.LimitReader(f, n))
	return data
}

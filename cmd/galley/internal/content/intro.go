package content

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"slices"

	"galley.dev/galley/cmd/galley/internal/diag"
	"galley.dev/galley/cmd/galley/internal/slug"
	"galley.dev/galley/cmd/galley/internal/strictyaml"
)

// IntroFile is the name of a section's intro in its folder:
// content/<section>/_index.md, as in Hugo.
//
//	---
//	title: World news          # the section's name (default: from its folder)
//	description: Reporting from our correspondents abroad.
//	weight: 1                  # place in the navigation, lowest first
//	---
//	Our foreign desk… (the intro, in markdown, above the stories)
const IntroFile = "_index.md"

// An Intro is what a section front shows above its stories; the intro
// of content/_index.md opens the front page.
type Intro struct {
	Path string
	// Section is the folder: content/<Section>/_index.md; "" for the
	// front page's.
	Section     string
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	Weight      int    `yaml:"weight"`
	// Source and ImportHash are set by galley import, as in articles.
	Source     string `yaml:"source"`
	ImportHash string `yaml:"import_hash"`
	// Body is the markdown after the front matter.
	Body []byte
	// Sum is the SHA-256 of the file, hex.
	Sum string
}

// LoadIntros reads the intros of site: the front page's first, if it
// has one, then the sections', by section.
func LoadIntros(ctx context.Context, site fs.FS, opts Options) ([]*Intro, error) {
	entries, err := fs.ReadDir(site, Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, &diag.Error{Path: Dir, Err: err}
	}
	var intros []*Intro
	var errs []*diag.Error
	sections := []string{""}
	for _, e := range entries {
		section := e.Name()
		if !e.IsDir() || hidden(section) || slices.Contains(ReservedSections, section) || slug.Check(section) != nil {
			continue // Load reports a folder with a bad name
		}
		sections = append(sections, section)
	}
	for _, section := range sections {
		name := path.Join(Dir, section, IntroFile)
		info, err := fs.Lstat(site, name)
		if err != nil {
			continue
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			if err := CheckLink(site, name); err != nil {
				errs = append(errs, &diag.Error{Path: name, Err: err})
				continue
			}
		} else if !info.Mode().IsRegular() {
			errs = append(errs, diag.Errorf(name, 0, "not a regular file but a %s; remove it", KindOf(info.Mode().Type())))
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		in, ierrs := readIntro(site, name, section, opts)
		errs = append(errs, ierrs...)
		if in != nil {
			intros = append(intros, in)
		}
	}
	return intros, diag.Join(errs)
}

func readIntro(site fs.FS, name, section string, opts Options) (*Intro, []*diag.Error) {
	src, errs := readSource(site, name, opts.MaxFileSize)
	if src == nil {
		return nil, errs
	}
	if src.format != "yaml" {
		return nil, []*diag.Error{diag.Errorf(name, 1, "section intros take YAML front matter between lines of ---")}
	}
	in := &Intro{Path: name, Section: section, Body: src.body, Sum: src.sum}
	errs = strictyaml.Unmarshal(src.fm, in)
	for _, e := range errs {
		e.Path = name
		if e.Line > 0 {
			e.Line++ // the front matter starts on line 2
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return in, nil
}

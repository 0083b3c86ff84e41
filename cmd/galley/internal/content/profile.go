package content

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"strings"

	"galley.dev/galley/cmd/galley/internal/diag"
	"galley.dev/galley/cmd/galley/internal/markdown"
	"galley.dev/galley/cmd/galley/internal/slug"
	"galley.dev/galley/cmd/galley/internal/strictyaml"
)

// ProfileDir holds author profiles: content/authors/<slug>.md, where
// <slug> is the slug of the name the author has in articles' front matter.
//
//	---
//	name: Ana Ruiz
//	role: Climate correspondent
//	photo: /images/ana-ruiz.jpg        # under static/, or https://…
//	links:
//	  - {name: Bluesky, url: https://bsky.app/profile/ana.example.org}
//	  - {name: Email, url: mailto:ana@example.org}
//	---
//	Ana Ruiz covers climate and the coasts from Lisbon. (The bio, in markdown.)
const ProfileDir = Dir + "/authors"

// A Profile describes an author.
type Profile struct {
	Path  string
	Slug  string
	Name  string `yaml:"name"`
	Role  string `yaml:"role"`
	Photo string `yaml:"photo"`
	Links []Link `yaml:"links"`
	// Source and ImportHash are what galley import writes in a profile
	// it made (the author's record in the old site, and the file's hash),
	// so that importing again knows its own file.
	Source     string `yaml:"source"`
	ImportHash string `yaml:"import_hash"`
	// Bio is the markdown after the front matter.
	Bio []byte
	// Sum is the SHA-256 of the file, hex.
	Sum string
}

// A Link is a labelled URL.
type Link struct {
	Name string `yaml:"name"`
	URL  string `yaml:"url"`
}

// LoadProfiles reads the author profiles of site.
func LoadProfiles(ctx context.Context, site fs.FS, opts Options) ([]*Profile, error) {
	entries, err := fs.ReadDir(site, ProfileDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, &diag.Error{Path: ProfileDir, Err: err}
	}
	var profiles []*Profile
	var errs []*diag.Error
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".md") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		name := path.Join(ProfileDir, e.Name())
		if e.Type()&fs.ModeSymlink != 0 {
			if err := CheckLink(site, name); err != nil {
				errs = append(errs, &diag.Error{Path: name, Err: err})
				continue
			}
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p, perrs := readProfile(site, name, opts)
		errs = append(errs, perrs...)
		if p != nil {
			profiles = append(profiles, p)
		}
	}
	return profiles, diag.Join(errs)
}

func readProfile(site fs.FS, name string, opts Options) (*Profile, []*diag.Error) {
	bad := func(line int, format string, args ...any) []*diag.Error {
		return []*diag.Error{diag.Errorf(name, line, format, args...)}
	}
	src, errs := readSource(site, name, opts.MaxFileSize)
	if src == nil {
		return nil, errs
	}
	if src.format != "yaml" {
		return nil, bad(1, "author profiles take YAML front matter between lines of ---")
	}
	p := &Profile{Path: name, Slug: strings.TrimSuffix(path.Base(name), ".md"), Bio: src.body, Sum: src.sum}
	errs = strictyaml.Unmarshal(src.fm, p)
	for _, e := range errs {
		e.Path = name
		if e.Line > 0 {
			e.Line++
		}
	}
	if !slug.Valid(p.Slug) {
		errs = append(errs, bad(0, "file name %q is not the slug of an author's name; rename it to %s.md", p.Slug, slug.Make(p.Slug))...)
	}
	if p.Name == "" {
		errs = append(errs, bad(1, "missing name: add name: with the author's name as articles give it")...)
	}
	if !safeLinkURL(p.Photo) || strings.HasPrefix(p.Photo, "mailto:") || strings.HasPrefix(p.Photo, "tel:") {
		p.Photo = ""
	}
	links := p.Links[:0]
	for _, l := range p.Links {
		if l.Name != "" && l.URL != "" && safeLinkURL(l.URL) {
			links = append(links, l)
		}
	}
	p.Links = links
	if len(errs) > 0 {
		return nil, errs
	}
	return p, nil
}

// safeLinkURL reports whether u may be shown as a link: hostile URLs in
// profiles are dropped, like those in markdown.
func safeLinkURL(u string) bool { return u == "" || markdown.SafeURL(u) }

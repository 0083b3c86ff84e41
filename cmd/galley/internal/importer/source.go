package importer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"

	"galley.dev/galley/cmd/galley/internal/content"
	"galley.dev/galley/cmd/galley/internal/diag"
	"galley.dev/galley/cmd/galley/internal/site"
	"galley.dev/galley/cmd/galley/internal/slug"
)

// A Source imports one kind of old site (a Hugo site, a Jekyll site) into
// a Galley site. Each kind lives in a package of its own and reaches the
// Galley site only through a Writer, so that every source keeps the same
// write rules: it never replaces a different story, never overwrites an
// edited article without --force, and says what it did not convert.
type Source interface {
	// Name is the source's name, as --from takes it.
	Name() string
	// Detect reports whether the folder dir looks like a site of this kind.
	Detect(dir string) bool
	// Import reads the site in dir and writes it through w. It goes on
	// past bad files, recording them in w, and returns only errors that
	// stop the whole import.
	Import(ctx context.Context, dir string, w *Writer) error
}

// A Writer writes an imported site into a Galley site folder and keeps the
// report of the import.
type Writer struct {
	Site   string    // the Galley site folder
	Force  bool      // overwrite articles edited since their import
	DryRun bool      // decide and report, write nothing
	Out    io.Writer // one line per file written, then the summary
	// Log, if set, is told how far a long import is (standard error).
	Log io.Writer
	// Section is the section of articles from a source that has no
	// sections of its own (Jekyll's posts); "" for the source's default.
	Section string

	// source is the folder of the site being imported, its links
	// resolved: nothing outside it is read, whatever the site's
	// configuration or links say (see Confine).
	source string

	placers map[string]*placer // by section; "" is content/ itself
	copied  map[string]string  // static or bundle file written → its source
	there   map[string]bool    // static or bundle file copied → whether it is there
	// pageFiles maps the output file of every page placed (its URL's
	// index.html) to the old file it comes from, and aliasFiles that of
	// every alias written to the old file whose alias it is: an alias
	// is kept only where it serves no other page.
	pageFiles, aliasFiles map[string]string
	// moved maps the old URL of every page imported to its new one, for
	// the relative links between them (see Moved).
	moved map[string]string
	// base is the old site's base URL without its final slash: a link
	// that starts with it is a link within the site.
	base   string
	Report Report
}

// Report counts what an import did and lists what it did not do.
type Report struct {
	Files      int // content files converted
	Articles   int // of which dated articles in a section
	Pages      int // of which standalone pages
	Intros     int // of which section intros (_index.md)
	Aliases    int // old URLs written as aliases
	Shortcodes int // shortcodes and Liquid tags converted
	Links      int // relative links to pages that moved, pointed at their new URLs
	Static     int // static files and bundle resources copied (or unchanged)
	Profiles   int // author profiles written (or unchanged)
	// Kept lists shortcodes and tags left in the text as they were, for an
	// editor to convert.
	Kept []Note
	// Skipped lists every file or folder not converted, with why.
	Skipped []Note
	// Errors are the problems that make the import fail: files that could
	// not be read or written.
	Errors []error
}

// A Note is a position in the old site and what happened there.
type Note struct {
	Path string // slash-separated, relative to the old site
	Line int    // 0 when not known
	Why  string
}

func (n Note) String() string {
	if n.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", n.Path, n.Line, n.Why)
	}
	return n.Path + ": " + n.Why
}

// NewWriter returns a Writer into the site folder site.
func NewWriter(site string, force, dryRun bool, out io.Writer) *Writer {
	return &Writer{Site: site, Force: force, DryRun: dryRun, Out: out, placers: map[string]*placer{}, copied: map[string]string{}, there: map[string]bool{},
		pageFiles: map[string]string{}, aliasFiles: map[string]string{}, moved: map[string]string{}}
}

// Confine names the folder of the site being imported. From then on
// Walk and Copy read nothing outside it: a contentDir of "../secret" or
// a link to ~/.ssh would otherwise copy those files into static/.
func (w *Writer) Confine(dir string) error {
	real, err := filepath.EvalSymlinks(dir)
	if err == nil {
		real, err = filepath.Abs(real)
	}
	if err != nil {
		return err
	}
	w.source = real
	return nil
}

// outside reports whether the path p, with its links followed, leads
// out of the confined source folder (or nowhere).
func (w *Writer) outside(p string) bool {
	if w.source == "" {
		return false
	}
	real, err := filepath.EvalSymlinks(p)
	if err == nil {
		real, err = filepath.Abs(real)
	}
	if err != nil {
		return !errors.Is(err, fs.ErrNotExist)
	}
	rel, err := filepath.Rel(w.source, real)
	return err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Skip records that the file or folder rel of the old site is not imported.
func (w *Writer) Skip(rel, why string) {
	w.Report.Skipped = append(w.Report.Skipped, Note{Path: rel, Why: why})
}

// Keep records a shortcode or tag left in the text at rel:line.
func (w *Writer) Keep(rel string, line int, what string) {
	w.Report.Kept = append(w.Report.Kept, Note{Path: rel, Line: line, Why: what})
}

// Fail records a problem that makes the import fail, and goes on.
func (w *Writer) Fail(err error) {
	w.Report.Errors = append(w.Report.Errors, err)
}

// Place decides the slug of the article (or, with section "", the
// standalone page) imported from source, wanting base: see placer.
func (w *Writer) Place(ctx context.Context, section, base, source string) (name, why string, err error) {
	if err := slug.Check(base); err != nil {
		// A slug the build would refuse, or hide (".htaccess"), would
		// lose the article without a word.
		return "", "", fmt.Errorf("slug %q: %w", base, err)
	}
	p, ok := w.placers[section]
	if !ok {
		if p, err = newPlacer(w.Site, section); err != nil {
			return "", "", err
		}
		w.placers[section] = p
	}
	pl, err := p.place(ctx, base, source)
	if err == nil {
		placed := Placed{Section: section, Slug: pl.slug}
		w.pageFiles[site.AliasFile(placed.URL())] = source
	}
	return pl.slug, pl.why, err
}

// Moved records that the page at the old URL old is now at new. Sources
// call it for every page before writing any, so that Page can point the
// relative links between pages at their new URLs.
func (w *Writer) Moved(old, new string) {
	if old = CleanPath(old); old != "" {
		w.moved[old] = new
	}
}

// A Placed is an article or page whose place in the Galley site is
// decided: what Writer.Page writes.
type Placed struct {
	From    string // the old file, relative to the old site, for the report
	Section string // "" for a standalone page
	Slug    string
	Why     string // why the slug is not the one wanted; "" when it is
	// Old is the page's URL in the old site, for its relative links;
	// "" when not known.
	Old    string
	Bundle bool // write content/<section>/<slug>/index.md, with resources beside
	// Resources are files to copy beside the page: for a bundle into its
	// folder, for a standalone page into static/<slug>/, where its URL
	// finds them. Keys are names relative to that folder.
	Resources map[string]string
}

// URL is the page's URL in the Galley site.
func (p *Placed) URL() string {
	if p.Section == "" {
		return "/" + p.Slug + "/"
	}
	return "/" + p.Section + "/" + p.Slug + "/"
}

// Page writes the story a at its place p, with p's resources, and says
// so in the report. Converted counts the shortcodes converted in it.
func (w *Writer) Page(ctx context.Context, p *Placed, a *Story, converted int) {
	if _, ok := w.placers[p.Slug]; ok && p.Section == "" {
		// A page at the URL of a section (Jekyll's _tutorials/index.md,
		// Hugo's content/posts.md) is what the section's front shows.
		w.pageAsIntro(ctx, p, a, converted)
		return
	}
	a.Aliases = w.keepAliases(p, a)
	w.checkDates(p, a)
	w.relink(p, a)
	rel := path.Join("content", p.Section, p.Slug+".md")
	if p.Bundle {
		rel = path.Join("content", p.Section, p.Slug, "index.md")
	}
	a.Slug = p.Slug
	md, err := a.Markdown()
	if err != nil {
		w.Fail(diag.Errorf(p.From, 0, "%v", err))
		return
	}
	status, ok := w.writeDoc(ctx, rel, md, a.Source)
	if !ok {
		return
	}
	w.Report.Files++
	if p.Section == "" {
		w.Report.Pages++
	} else {
		w.Report.Articles++
	}
	w.Report.Aliases += len(a.Aliases)
	w.Report.Shortcodes += converted
	note := ""
	if p.Why != "" {
		note = "; slug " + p.Slug + " (" + p.Why + ")"
	}
	fmt.Fprintf(w.Out, "%s → %s: %s; %d aliases, %d shortcodes converted%s\n", p.From, rel, status, len(a.Aliases), converted, note)
	dir := path.Join("static", p.Slug)
	if p.Bundle {
		dir = path.Dir(rel)
	}
	for _, name := range slices.Sorted(maps.Keys(p.Resources)) {
		w.Copy(ctx, p.Resources[name], path.Join(dir, name))
	}
}

// keepAliases returns the aliases of the story a, placed at p, that
// serve no other page: an alias that is the page's own file
// (/conduct/index.html of /conduct/) is dropped, and one that is another
// page's URL or alias, a section's front, or a file Galley writes itself
// (/404.html, /topics/…), is listed as skipped, so that the site builds.
func (w *Writer) keepAliases(p *Placed, a *Story) []string {
	own := site.AliasFile(p.URL())
	var kept []string
	for _, al := range a.Aliases {
		file := site.AliasFile(al)
		other, isPage := w.pageFiles[file]
		claimed, isAlias := w.aliasFiles[file]
		_, isSection := w.placers[strings.TrimSuffix(file, "/index.html")]
		first, _, _ := strings.Cut(file, "/")
		switch {
		case file == own:
		case content.RootFile(file) || file != first && slices.Contains(content.ReservedSections, first):
			w.Skip(p.From, fmt.Sprintf("alias %s not kept: Galley writes %s itself", al, file))
		case isSection && strings.Count(file, "/") == 1:
			w.Skip(p.From, fmt.Sprintf("alias %s not kept: it is the front of the section %s", al, strings.TrimSuffix(file, "/index.html")))
		case isPage:
			w.Skip(p.From, fmt.Sprintf("alias %s not kept: it is the new URL of %s", al, other))
		case isAlias && claimed != a.Source:
			w.Skip(p.From, fmt.Sprintf("alias %s not kept: %s has it already", al, claimed))
		default:
			w.aliasFiles[file] = a.Source
			kept = append(kept, al)
		}
	}
	return kept
}

// relink points the links of a, at p, to moved pages at their new URLs.
func (w *Writer) relink(p *Placed, a *Story) {
	if body, n := relink(string(a.Body), p.Old, w.base, w.moved); n > 0 {
		a.Body = []byte(body)
		w.Report.Links += n
	}
}

// checkDates lists a date of the story a that galley build will not
// read, so that the report says what to fix before the site builds: the
// old generator may have read more (Ruby reads "2023-01-29 18:30:22
// 2023 -0800"), but a date Galley guessed at could publish a story on
// the wrong day.
func (w *Writer) checkDates(p *Placed, a *Story) {
	for _, d := range []struct{ key, raw string }{{"date", a.Date}, {"updated", a.Updated}, {"expires", a.Expires}} {
		if d.raw == "" {
			continue
		}
		if _, err := content.ParseDate(d.raw, time.UTC); err != nil {
			w.Keep(p.From, 0, fmt.Sprintf("%s %q kept as written, but galley build cannot read it (%v); fix it", d.key, d.raw, err))
		}
	}
}

// pageAsIntro writes the standalone page a, placed at the URL of a
// section's front, as that front's intro. Its aliases have nowhere to
// go, and are listed.
func (w *Writer) pageAsIntro(ctx context.Context, p *Placed, a *Story, converted int) {
	for _, al := range a.Aliases {
		if site.AliasFile(al) != site.AliasFile(p.URL()) {
			w.Skip(p.From, fmt.Sprintf("alias %s not kept: the page is the intro of the section %s, which takes no aliases", al, p.Slug))
		}
	}
	w.relink(p, a)
	in := &Intro{Title: a.Title, Description: a.Description, Source: a.Source, Body: a.Body}
	w.Intro(ctx, p.From, p.Slug, in, converted)
}

// Intro writes in as the intro of section's front (of the front page,
// for section ""), imported from the old file from, and says so in the
// report. Converted counts the shortcodes
// converted in it.
func (w *Writer) Intro(ctx context.Context, from, section string, in *Intro, converted int) {
	rel := path.Join("content", section, content.IntroFile)
	md, err := in.Markdown()
	if err != nil {
		w.Fail(diag.Errorf(from, 0, "%v", err))
		return
	}
	status, ok := w.writeDoc(ctx, rel, md, in.Source)
	if !ok {
		return
	}
	w.Report.Files++
	w.Report.Intros++
	w.Report.Shortcodes += converted
	what := "the section's intro"
	if section == "" {
		what = "the front page's intro"
	}
	fmt.Fprintf(w.Out, "%s → %s: %s; %s, %d shortcodes converted\n", from, rel, status, what, converted)
}

// writeDoc writes the content file md, imported from source, to rel in
// the site (unless --dry-run), by write's rules, and returns what it
// did; a failure is recorded, and ok false.
func (w *Writer) writeDoc(ctx context.Context, rel string, md []byte, source string) (status string, ok bool) {
	if w.DryRun {
		return "would be written", true
	}
	target := filepath.Join(w.Site, filepath.FromSlash(rel))
	status, err := write(ctx, target, md, source, w.Force)
	if err != nil {
		w.Fail(fmt.Errorf("%s: %w", target, err))
		return "", false
	}
	return status, true
}

// Profile writes p as the profile of the author whose slug is slug,
// content/authors/<slug>.md, imported from from, and says so in the
// report. A profile there already that this import did not write is the
// site owner's, and is left as it is.
func (w *Writer) Profile(ctx context.Context, from, slug string, p *Profile) {
	rel := path.Join(content.ProfileDir, slug+".md")
	md, err := p.Markdown()
	if err != nil {
		w.Fail(diag.Errorf(from, 0, "%v", err))
		return
	}
	old, _, err := readRegular(ctx, filepath.Join(w.Site, filepath.FromSlash(rel)))
	if err == nil && sourceOf(old) != p.Source {
		w.Skip(from, fmt.Sprintf("author %s: %s exists, written by hand or by another import; left as is", p.Name, rel))
		return
	}
	status, ok := w.writeDoc(ctx, rel, md, p.Source)
	if !ok {
		return
	}
	w.Report.Profiles++
	fmt.Fprintf(w.Out, "%s → %s: %s; author %s\n", from, rel, status, p.Name)
}

// Static writes body to rel in the Galley site (slash-separated, as
// static/_redirects), made from the old file from, under a first line
// "# header; import_hash: sha256:…" that tells the file as the import's.
// A file there already with the same bytes is left as is; one the
// import wrote and nobody edited since is replaced; any other is
// replaced only with --force, since it is the site owner's.
func (w *Writer) Static(ctx context.Context, from, rel, header string, body []byte) {
	if prev, ok := w.copied[rel]; ok {
		w.Skip(from, fmt.Sprintf("%s is written from %s already", rel, prev))
		return
	}
	w.copied[rel] = from
	data := stamp(header, body)
	target := filepath.Join(w.Site, filepath.FromSlash(rel))
	old, _, err := readRegular(ctx, target)
	switch {
	case err == nil && bytes.Equal(old, data):
		w.Report.Static++
		fmt.Fprintf(w.Out, "%s → %s: unchanged\n", from, rel)
		return
	case err == nil && !w.Force && !stamped(old):
		w.Skip(from, rel+" exists with other bytes, or was edited since it was imported; left as is (pass --force to replace it)")
		return
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		w.Fail(err)
		return
	}
	w.Report.Static++
	if w.DryRun {
		fmt.Fprintf(w.Out, "%s → %s: would be written\n", from, rel)
		return
	}
	if err := writeAtomic(target, data); err != nil {
		w.Fail(err)
		return
	}
	fmt.Fprintf(w.Out, "%s → %s: written\n", from, rel)
}

// stampTag introduces the hash of a file Static writes, at the end of
// its first line.
const stampTag = "; import_hash: sha256:"

// stamp returns body under the comment line "# header; import_hash: …".
func stamp(header string, body []byte) []byte {
	sum := sha256.Sum256(body)
	return append([]byte("# "+header+stampTag+hex.EncodeToString(sum[:])+"\n"), body...)
}

// stamped reports whether file is one Static wrote and nobody edited
// since: its first line's hash is that of the rest.
func stamped(file []byte) bool {
	first, body, ok := bytes.Cut(file, []byte("\n"))
	i := bytes.LastIndex(first, []byte(stampTag))
	if !ok || !bytes.HasPrefix(first, []byte("# ")) || i < 0 {
		return false
	}
	sum := sha256.Sum256(body)
	return string(first[i+len(stampTag):]) == hex.EncodeToString(sum[:])
}

// Copy copies the file from (a path on disk) to rel in the Galley site
// (slash-separated, as static/css/x.css). A file that is there already
// with the same bytes is left as is; one with other bytes is replaced
// only with --force, since it may be the site owner's. It reports
// whether a file is at rel when it returns (in a dry run, would be).
func (w *Writer) Copy(ctx context.Context, from, rel string) bool {
	if prev, ok := w.copied[rel]; ok {
		if prev != from {
			w.Skip(from, fmt.Sprintf("%s is written from %s already", rel, prev))
		}
		return w.there[rel]
	}
	w.copied[rel] = from
	ok := w.copy(ctx, from, rel)
	w.there[rel] = ok
	return ok
}

// copy is Copy, once for each rel.
func (w *Writer) copy(ctx context.Context, from, rel string) bool {
	if w.outside(from) {
		w.Skip(from, "leads outside the site being imported; not copied")
		return false
	}
	src, _, err := openRegular(from)
	if errors.Is(err, errNotRegular) {
		w.Skip(from, "not a regular file")
		return false
	} else if err != nil {
		w.Fail(err)
		return false
	}
	defer src.Close()
	w.Report.Static++
	target := filepath.Join(w.Site, filepath.FromSlash(rel))
	same, err := sameFiles(ctx, from, target)
	switch {
	case err == nil && same:
		return true
	case err == nil && !w.Force:
		w.Report.Static--
		w.Skip(from, rel+" exists with other bytes; left as is (pass --force to replace it)")
		return true // a file is there, the site owner's
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		w.Fail(err)
		return false
	case w.DryRun:
		return true
	}
	if err := copyAtomic(ctx, target, src); err != nil {
		w.Fail(err)
		return false
	}
	return true
}

// writeAtomic writes data to target through a temporary file beside it.
func writeAtomic(target string, data []byte) error {
	return copyAtomic(context.Background(), target, bytes.NewReader(data))
}

// copyAtomic copies r to target through a temporary file beside it, a
// piece at a time, so that a big file costs no memory and a failed copy
// leaves no half file.
func copyAtomic(ctx context.Context, target string, r io.Reader) error {
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), ".import-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, ctxReader{ctx, r}); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), target)
}

// SiteConfig is what an import carries over from the old configuration
// into site.yaml: only keys Galley knows.
type SiteConfig struct {
	Title       string `yaml:"title,omitempty"`
	Description string `yaml:"description,omitempty"`
	BaseURL     string `yaml:"base_url,omitempty"`
	Language    string `yaml:"language,omitempty"`
	TimeZone    string `yaml:"time_zone,omitempty"`
	PerPage     int    `yaml:"per_page,omitempty"`
	Feeds       *Feeds `yaml:"feeds,omitempty"`
}

// Feeds is site.yaml's feeds: as an import writes it.
type Feeds struct {
	// RSSAliases are the old site's names of its RSS feeds, which the
	// build writes too, so that subscribers keep their feeds.
	RSSAliases []string `yaml:"rss_aliases,flow"`
}

// Config writes site.yaml from cfg, made from the old file from. A
// site.yaml that is there already is the site owner's: it is left as is,
// and the report says so when it differs.
func (w *Writer) Config(ctx context.Context, from string, cfg SiteConfig) {
	w.base = strings.TrimSuffix(cfg.BaseURL, "/")
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Made by galley import from %s.\n", from)
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(cfg); err != nil {
		w.Fail(err)
		return
	}
	enc.Close()
	if cfg == (SiteConfig{}) {
		b.Truncate(0)
		fmt.Fprintf(&b, "# Made by galley import from %s, which set nothing Galley reads.\n", from)
	}
	target := filepath.Join(w.Site, "site.yaml")
	old, _, err := readRegular(ctx, target)
	status := "written"
	switch {
	case err == nil && bytes.Equal(old, b.Bytes()):
		status = "unchanged"
	case err == nil:
		w.Skip(from, "site.yaml exists with other settings; left as is")
		return
	case !errors.Is(err, fs.ErrNotExist):
		w.Fail(err)
		return
	case w.DryRun:
		status = "would be written"
	default:
		if err := writeAtomic(target, b.Bytes()); err != nil {
			w.Fail(err)
			return
		}
	}
	fmt.Fprintf(w.Out, "%s → site.yaml: %s\n", from, status)
}

// Finish prints the report's last lines: what was kept and skipped, and
// the counts. It returns the import's errors, joined.
func (w *Writer) Finish(name, dir string) error {
	r := &w.Report
	for _, n := range r.Kept {
		fmt.Fprintf(w.Out, "kept %s\n", diag.Printable(n.String()))
	}
	for _, n := range r.Skipped {
		fmt.Fprintf(w.Out, "skipped %s\n", diag.Printable(n.String()))
	}
	intros, links := "", ""
	if r.Intros > 0 {
		intros = fmt.Sprintf(", %d intros", r.Intros)
	}
	if r.Profiles > 0 {
		intros += fmt.Sprintf(", %d author profiles", r.Profiles)
	}
	if r.Links > 0 {
		links = fmt.Sprintf(", %d links to moved pages rewritten", r.Links)
	}
	fmt.Fprintf(w.Out, "imported %s site %s: %d files converted (%d articles, %d pages%s), %d aliases written, %d shortcodes converted%s, %d kept as text, %d static files, %d skipped, %d errors\n",
		name, dir, r.Files, r.Articles, r.Pages, intros, r.Aliases, r.Shortcodes, links, len(r.Kept), r.Static, len(r.Skipped), len(r.Errors))
	return errors.Join(r.Errors...)
}

// Walk lists the regular files under dir, as slash paths relative to
// it, sorted, leaving out what skip says to leave (a folder's whole tree
// when it is a folder). Anything that is neither a file nor a folder is
// recorded as skipped, relative to the old site through prefix.
func (w *Writer) Walk(dir, prefix string, skip func(rel string, isDir bool) bool) []string {
	var files []string
	if w.outside(dir) {
		w.Skip(prefix, "leads outside the site being imported; not read")
		return nil
	}
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if err != nil {
			w.Fail(err)
			return nil
		}
		if rel == "." {
			return nil
		}
		if d.Name() == ".git" {
			// Repository internals, which may hold credentials, never
			// come over, whatever a Jekyll include: says.
			w.Skip(path.Join(prefix, rel), "a git repository's internals")
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if skip != nil && skip(rel, d.IsDir()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.IsDir():
		case d.Type().IsRegular():
			files = append(files, rel)
		default:
			w.Skip(path.Join(prefix, rel), "not a regular file")
		}
		return nil
	})
	return files
}

// Read reads the regular file name, in ctx.
func Read(ctx context.Context, name string) ([]byte, error) {
	data, _, err := readRegular(ctx, name)
	return data, err
}

// Slug returns the part of old URLs that names a page, made into a
// Galley slug: the name itself when it is one, else the name as Hugo and
// Jekyll put it in URLs (lowercase, spaces as hyphens) when that is a
// safe path segment, else a slug made from it.
func Slug(name string) string {
	if s := URLize(strings.ToLower(name)); slug.Check(s) == nil {
		return s
	}
	s := slug.Make(name)
	if s != "" && slug.Check(s) != nil {
		s += "-page" // a Windows device name, such as con
	}
	return s
}

// URLize writes s as Hugo puts it in a URL path: spaces as hyphens,
// letters, digits and "-._" kept, other punctuation dropped. Hugo then
// lowercases the whole path, unless told not to.
func URLize(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r == ' ' || r == '\t' || r == '-':
			b.WriteByte('-')
		case r == '.' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Files writes a count of files for the report: "1 file", "3 files".
func Files(n int) string {
	if n == 1 {
		return "1 file"
	}
	return fmt.Sprintf("%d files", n)
}

// LineErr turns a reader's "line N: msg" into "N: msg", so that a source
// writes it as path:N: msg; any other error becomes " msg".
func LineErr(err error) error {
	if rest, ok := strings.CutPrefix(err.Error(), "line "); ok {
		return fmt.Errorf("%s", rest)
	}
	return fmt.Errorf(" %w", err)
}

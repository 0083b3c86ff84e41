package build

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"galley.dev/galley"
	"galley.dev/galley/cmd/galley/internal/output"
)

// refusingLinker is an output.Dir whose links of some files fail, as
// they do with protected hard links or a destination on another file
// system.
type refusingLinker struct {
	*output.Dir
	refuse map[string]bool
}

func (r refusingLinker) Link(from, name string) error {
	if r.refuse[name] {
		return &os.LinkError{Op: "link", Old: from, New: name, Err: errors.New("operation not permitted")}
	}
	return r.Dir.Link(from, name)
}

// TestReuseFallsBackToWriting checks that a task whose files cannot all
// be linked from the last build makes them anew, instead of failing as
// if two pages wrote one file.
func TestReuseFallsBackToWriting(t *testing.T) {
	site := t.TempDir()
	dest := filepath.Join(t.TempDir(), "public")
	files := []string{"feed.xml", "atom.xml", "feed.json"}
	multi := task{id: "feeds", key: "k", multi: true, run: func(out sink) ([]string, error) {
		for _, name := range files {
			if err := out.WriteFile(name, []byte("new "+name)); err != nil {
				return nil, err
			}
		}
		return files, nil
	}}
	// The first build makes the files and the manifest.
	c := openCache(site, dest, false)
	out, err := output.Create(dest, output.Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	made, err := multi.run(out)
	if err != nil {
		t.Fatal(err)
	}
	c.record(out, multi, made)
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
	c.save()

	// The second finds them intact, but the link of the second file is
	// refused.
	c = openCache(site, dest, false)
	if !c.intact(multi) {
		t.Fatal("the first build's files are not intact")
	}
	out, err = output.Create(dest, output.Options{NoMinify: true, Keep: c.keep, Wrote: c.wrote})
	if err != nil {
		t.Fatal(err)
	}
	defer out.Abort()
	refusing := refusingLinker{out, map[string]bool{c.oldTasks["feeds"][1]: true}}
	if c.reuse(refusing, multi) {
		t.Fatal("reuse reported success although a link was refused")
	}
	if _, err := multi.run(out); err != nil {
		t.Fatalf("writing the files after a refused link: %v", err)
	}
	for _, name := range files {
		if got, _ := os.ReadFile(out.Path(name)); string(got) != "new "+name {
			t.Errorf("%s = %q", name, got)
		}
	}
}

// TestReuseAfterStylesheetEdit checks that the names of the stylesheets
// are in the keys of the pages, and only of the pages: an edit of the
// stylesheet makes every page again, with the new name, and keeps the
// feeds, the sitemap and the script; a build that changed nothing keeps
// everything.
func TestReuseAfterStylesheetEdit(t *testing.T) {
	site := fingerprintSite(t)
	dest := filepath.Join(t.TempDir(), "public")
	opts := Options{Site: site, Dest: dest, Theme: galley.Theme(), Now: buildTime}
	first, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	css, js := fingerprintOf(t, dest, "css/galley.css"), fingerprintOf(t, dest, "js/search.js")
	pages := []string{"index.html", "news/one/index.html", "news/index.html", "topics/harbour/index.html", "404.html", "search/index.html"}
	kept := []string{"feed.xml", "news/feed.xml", "sitemap.xml", "js/search.js", js}
	names := slices.Concat(pages, kept, []string{"css/galley.css", css})
	before := statAll(t, dest, names)

	// Nothing changed: the destination is up to date.
	sum, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if !sum.UpToDate || sum.Reused != first.Files {
		t.Errorf("after no change: %s; want up to date, %d files kept", sum, first.Files)
	}

	// A new static file that no page links: every other file is kept.
	writeFile(t, filepath.Join(site, "static/notes.txt"), []byte("notes\n"))
	if _, err := Run(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	after := statAll(t, dest, names)
	for name, info := range before {
		if !os.SameFile(info, after[name]) {
			t.Errorf("after adding notes.txt, %s was made again", name)
		}
	}

	theme, err := fs.ReadFile(galley.Theme(), "static/css/galley.css")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(site, "static/css/galley.css"), append(theme, "\n.story { color: #c00 }\n"...))
	if _, err := Run(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	edited := fingerprintOf(t, dest, "css/galley.css")
	if edited == css {
		t.Fatalf("the edited stylesheet kept the name %s", css)
	}
	if _, err := os.Stat(filepath.Join(dest, css)); err == nil {
		t.Errorf("%s of the previous build is still there", css)
	}
	edit := statAll(t, dest, slices.Concat(pages, kept))
	for _, name := range pages {
		if os.SameFile(after[name], edit[name]) {
			t.Errorf("after the stylesheet's edit, %s was kept", name)
		}
		if !links(t, dest, name, "href", edited) {
			t.Errorf("after the stylesheet's edit, %s does not link %s", name, edited)
		}
	}
	for _, name := range kept {
		if !os.SameFile(after[name], edit[name]) {
			t.Errorf("after the stylesheet's edit, %s was made again", name)
		}
	}
}

// statAll returns the infos of the files names of dest.
func statAll(t *testing.T, dest string, names []string) map[string]os.FileInfo {
	t.Helper()
	infos := map[string]os.FileInfo{}
	for _, name := range names {
		info, err := os.Stat(filepath.Join(dest, name))
		if err != nil {
			t.Fatal(err)
		}
		infos[name] = info
	}
	return infos
}

package output

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

func TestCommitReplacesDest(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	for i, page := range []string{"<p>one</p>", "<p>two</p>"} {
		d, err := Create(dest, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := d.WriteFile("a/index.html", []byte("<!doctype html><html><head><title>x</title></head><body>  "+page+"  </body></html>")); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if err := d.WriteFile("stale.txt", []byte("old")); err != nil {
				t.Fatal(err)
			}
		}
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(filepath.Join(dest, "a/index.html"))
	if err != nil || !strings.Contains(string(got), "<p>two</p>") || strings.Contains(string(got), "  ") {
		t.Errorf("page = %q, %v; want the second build, minified", got, err)
	}
	if _, err := os.Stat(filepath.Join(dest, "stale.txt")); err == nil {
		t.Error("a file of the previous build survived")
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".galley-*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

func TestAbortLeavesDest(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	os.MkdirAll(dest, 0o755)
	os.WriteFile(filepath.Join(dest, "keep.html"), []byte("keep"), 0o644)
	os.WriteFile(filepath.Join(dest, Marker), nil, 0o644)
	d, err := Create(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d.WriteFile("new.html", []byte("new"))
	d.Abort()
	if got, _ := os.ReadFile(filepath.Join(dest, "keep.html")); string(got) != "keep" {
		t.Error("abort changed the destination")
	}
	if _, err := os.Stat(filepath.Join(dest, "new.html")); err == nil {
		t.Error("abort published a file")
	}
}

func TestLockRefusesSecondBuild(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	first, err := Create(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Abort()
	if _, err := Create(dest, Options{}); err == nil || !strings.Contains(err.Error(), "another galley build") {
		t.Errorf("second Create: %v, want a refusal", err)
	}
}

func TestLeftoversRemoved(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	stale := filepath.Join(parent, tempPrefix+"public-123")
	os.MkdirAll(stale, 0o755)
	d, err := Create(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	if _, err := os.Stat(stale); err == nil {
		t.Error("the folder of an interrupted build was not removed")
	}
}

func TestCreateRejectsEscapes(t *testing.T) {
	d, err := Create(filepath.Join(t.TempDir(), "public"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	for _, name := range []string{"../x.html", "/etc/x", "a/../../x", ""} {
		if err := d.WriteFile(name, nil); err == nil {
			t.Errorf("WriteFile(%q) succeeded", name)
		}
	}
	d.WriteFile("a.html", nil)
	if err := d.WriteFile("a.html", nil); err == nil || !strings.Contains(err.Error(), "two pages write a.html") {
		t.Errorf("second write of a.html: %v", err)
	}
}

// TestSpareRecycled builds three times into one destination: the third
// build starts from the first's tree, kept as the spare, and must come out
// as if written afresh, without touching the files it shares with the
// second build, which is still the destination until the swap.
func TestSpareRecycled(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	spare := filepath.Join(parent, sparePrefix+"public")
	build := func(keep func(string) fs.FileInfo, step func(d *Dir)) {
		t.Helper()
		d, err := Create(dest, Options{NoMinify: true, Keep: keep})
		if err != nil {
			t.Fatal(err)
		}
		step(d)
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	from := func(name string) string { return filepath.Join(dest, name) }
	destInfo := func(names ...string) func(string) fs.FileInfo {
		return func(name string) fs.FileInfo {
			if !slices.Contains(names, name) {
				return nil
			}
			info, err := os.Lstat(from(name))
			if err != nil {
				return nil
			}
			return info
		}
	}

	build(nil, func(d *Dir) {
		for _, name := range []string{"a", "b", "d", "e", "f", "s/stale"} {
			must(d.WriteFile(name+".html", []byte(path.Base(name)+"1")))
		}
	})
	if _, err := os.Stat(spare); err == nil {
		t.Fatal("a first build left a spare")
	}
	firstRoot, _ := os.Lstat(dest)
	build(destInfo("b.html", "d.html", "e.html", "f.html"), func(d *Dir) {
		must(d.WriteFile("a.html", []byte("a2")))
		must(d.Link(from("b.html"), "b.html"))
		must(d.Link(from("d.html"), "d.html"))
		must(d.Link(from("e.html"), "e.html"))
		must(d.Link(from("f.html"), "f.html"))
		must(d.WriteFile("c.html", []byte("c2")))
	})
	if _, err := os.Stat(filepath.Join(spare, "s/stale.html")); err != nil {
		t.Fatalf("the first build was not kept as the spare: %v", err)
	}
	aBefore, _ := os.Lstat(from("a.html"))
	// The third build is promised b.html to link but writes it instead,
	// as after a failed link: the shared file must be replaced, not
	// overwritten. Its spare's a.html is the first build's, not the one
	// to link. It is promised f.html too but makes no such file.
	build(destInfo("a.html", "b.html", "d.html", "f.html"), func(d *Dir) {
		must(d.Link(from("a.html"), "a.html"))
		must(d.WriteFile("b.html", []byte("b3")))
		must(d.Link(from("d.html"), "d.html"))
		must(d.WriteFile("e.html", []byte("e3")))
	})

	got := map[string]string{}
	filepath.WalkDir(dest, func(p string, e fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(dest, p)
		if e.IsDir() {
			got[rel+"/"] = ""
			return nil
		}
		data, _ := os.ReadFile(p)
		got[rel] = string(data)
		return nil
	})
	want := map[string]string{"./": "", Marker: markerText, "a.html": "a2", "b.html": "b3", "d.html": "d1", "e.html": "e3"}
	if !maps.Equal(got, want) {
		t.Errorf("destination = %v, want %v", got, want)
	}
	if root, _ := os.Lstat(dest); !os.SameFile(root, firstRoot) {
		t.Error("the third build did not recycle the first build's tree")
	}
	if aAfter, _ := os.Lstat(from("a.html")); !os.SameFile(aBefore, aAfter) || !aAfter.ModTime().Equal(aBefore.ModTime()) {
		t.Error("an unchanged file was not kept as it was")
	}
	// The second build, now the spare, still holds its own files.
	for name, want := range map[string]string{"a.html": "a2", "b.html": "b1", "c.html": "c2", "e.html": "e1"} {
		if data, _ := os.ReadFile(filepath.Join(spare, name)); string(data) != want {
			t.Errorf("spare %s = %q, want %q: the build wrote through a shared file", name, data, want)
		}
	}
}

// TestSpareFolderBecomesFile builds a file where the spare tree has a
// folder of an older build.
func TestSpareFolderBecomesFile(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	from := func(name string) string { return filepath.Join(dest, name) }
	all := func(name string) fs.FileInfo {
		info, err := os.Lstat(from(name))
		if err != nil {
			return nil
		}
		return info
	}
	steps := []func(d *Dir) error{
		func(d *Dir) error {
			return errors.Join(d.WriteFile("x/a.html", []byte("a")), d.WriteFile("y.html", []byte("y")), d.WriteFile("z.html", []byte("z")))
		},
		func(d *Dir) error {
			return errors.Join(d.Link(from("y.html"), "y.html"), d.Link(from("z.html"), "z.html"))
		},
		// The spare is now the first build, with its folder x.
		func(d *Dir) error {
			return errors.Join(d.WriteFile("x", []byte("x")), d.Link(from("y.html"), "y.html"))
		},
	}
	for i, step := range steps {
		d, err := Create(dest, Options{NoMinify: true, Keep: all})
		if err != nil {
			t.Fatal(err)
		}
		if err := step(d); err != nil {
			d.Abort()
			t.Fatalf("build %d: %v", i+1, err)
		}
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	if data, err := os.ReadFile(from("x")); string(data) != "x" {
		t.Errorf("x = %q, %v", data, err)
	}
}

// TestAbortKeepsSpare fails a build that started from the spare tree:
// the tree goes back as the spare, and the next build from it holds
// nothing of the failed one.
func TestAbortKeepsSpare(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	spare := filepath.Join(parent, sparePrefix+"public")
	from := func(name string) string { return filepath.Join(dest, name) }
	all := func(name string) fs.FileInfo {
		info, err := os.Lstat(from(name))
		if err != nil {
			return nil
		}
		return info
	}
	steps := []func(d *Dir) error{
		func(d *Dir) error {
			return errors.Join(d.WriteFile("a.html", []byte("a")), d.WriteFile("b.html", []byte("b")))
		},
		func(d *Dir) error {
			return errors.Join(d.Link(from("a.html"), "a.html"), d.Link(from("b.html"), "b.html"), d.WriteFile("c.html", []byte("c")))
		},
		func(d *Dir) error {
			return errors.Join(d.WriteFile("junk.html", []byte("j")), errors.New("a template failed"))
		},
		func(d *Dir) error {
			return errors.Join(d.Link(from("a.html"), "a.html"), d.Link(from("b.html"), "b.html"))
		},
	}
	for i, step := range steps {
		d, err := Create(dest, Options{NoMinify: true, Keep: all})
		if err != nil {
			t.Fatal(err)
		}
		if err := step(d); err != nil {
			d.Abort()
			if _, err := os.Stat(spare); err != nil {
				t.Fatalf("build %d failed and left no spare: %v", i+1, err)
			}
			continue
		}
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := os.ReadDir(dest)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{Marker, "a.html", "b.html"}; !slices.Equal(names, want) {
		t.Errorf("destination holds %v, want %v", names, want)
	}
}

// TestMinifyKeepsDefaultAttributes checks that minifying keeps
// attributes whose value is the default: validators and accessibility
// checkers ask for a button's type, which the minifier would drop.
func TestMinifyKeepsDefaultAttributes(t *testing.T) {
	var b strings.Builder
	if err := newMinifier().Minify("text/html", &b, strings.NewReader(`<form method="post"><button type="submit">Sign up</button></form>`)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `type="submit"`) {
		t.Errorf("minified to %s: the button's type is gone", b.String())
	}
}

// TestWriteRawLinksSameBytes checks that a raw file whose bytes the
// destination already holds is linked, not made again, and that a file
// of the same name and size but other bytes is written.
func TestWriteRawLinksSameBytes(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build := func(files map[string]string) {
		t.Helper()
		d, err := Create(dest, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range slices.Sorted(maps.Keys(files)) {
			if err := d.WriteRaw(name, []byte(files[name])); err != nil {
				t.Fatal(err)
			}
		}
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	inode := func(name string) uint64 {
		t.Helper()
		fi, err := os.Stat(filepath.Join(dest, name))
		if err != nil {
			t.Fatal(err)
		}
		return fi.Sys().(*syscall.Stat_t).Ino
	}
	build(map[string]string{"s/same.json": `{"a":1}`, "s/changed.json": `{"b":1}`})
	same, changed := inode("s/same.json"), inode("s/changed.json")
	build(map[string]string{"s/same.json": `{"a":1}`, "s/changed.json": `{"b":2}`, "s/new.json": `{}`})
	if inode("s/same.json") != same {
		t.Error("s/same.json was written again; want the destination's file linked")
	}
	if inode("s/changed.json") == changed {
		t.Error("s/changed.json, of other bytes of the same size, was linked")
	}
	for name, want := range map[string]string{"s/same.json": `{"a":1}`, "s/changed.json": `{"b":2}`, "s/new.json": `{}`} {
		if got, err := os.ReadFile(filepath.Join(dest, name)); err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
}

package build

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

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

package output

import (
	"os"
	"path/filepath"
	"strings"
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

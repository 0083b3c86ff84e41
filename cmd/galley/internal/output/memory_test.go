package output

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// TestMemoryMatchesDir writes the same files to a Dir and to a Memory: a
// preview serves the Memory's bytes in place of the Dir's, so they must
// be the same.
func TestMemoryMatchesDir(t *testing.T) {
	files := map[string]string{
		"a/index.html": "<!doctype html><html><head><title>x</title></head><body>  <p>one  two</p>  </body></html>",
		"feed.xml":     "<?xml version=\"1.0\"?>\n<rss>  <channel> <title>T</title> </channel> </rss>",
		"feed.json":    "{ \"a\" : [ 1, 2 ] }",
		"robots.txt":   "User-agent: *\n\nAllow: /\n",
	}
	static := fstest.MapFS{"static/site.css": {Data: []byte("body {  color : #ff0000 ; }")}}
	for _, opts := range []Options{{}, {NoMinify: true}} {
		dest := filepath.Join(t.TempDir(), "public")
		d, err := Create(dest, opts)
		if err != nil {
			t.Fatal(err)
		}
		m := NewMemory(opts)
		for name, data := range files {
			if err := d.WriteFile(name, []byte(data)); err != nil {
				t.Fatal(err)
			}
			if err := m.WriteFile(name, []byte(data)); err != nil {
				t.Fatal(err)
			}
		}
		if err := d.CopyFile(static, "static/site.css", "site.css"); err != nil {
			t.Fatal(err)
		}
		if err := m.CopyFile(static, "static/site.css", "site.css"); err != nil {
			t.Fatal(err)
		}
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
		for name := range files {
			checkSame(t, dest, m, name)
		}
		checkSame(t, dest, m, "site.css")
		if err := m.WriteFile("../x", nil); err == nil {
			t.Error("Memory took a path outside the output")
		}
	}
}

func checkSame(t *testing.T, dest string, m *Memory, name string) {
	t.Helper()
	want, err := os.ReadFile(filepath.Join(dest, name))
	if err != nil {
		t.Fatal(err)
	}
	got, ok := m.File(name)
	if !ok || !bytes.Equal(got, want) {
		t.Errorf("%s: memory has %q, disk %q", name, got, want)
	}
}

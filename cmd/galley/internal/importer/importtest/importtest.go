// Package importtest runs golden tests of site importers: a txtar archive
// holds the old site under src/ and what the import must write under
// want/, the report as want/report.
package importtest

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"galley.dev/galley/cmd/galley/internal/importer"
)

// update is the -update flag of the importers' tests.
var update = flag.Bool("update", false, "rewrite the golden archives")

// Update reports whether the test runs with -update: an importer's other
// golden files are rewritten too.
func Update() bool { return *update }

// Golden runs Run on every testdata/*.txtar archive of the calling
// package, with -update to rewrite them.
func Golden(t *testing.T, s importer.Source) { GoldenFrom(t, s, "src") }

// GoldenFrom is Golden for a source that imports src, a path in the
// archive's src/ (src/export.xml), rather than the folder itself.
func GoldenFrom(t *testing.T, s importer.Source, src string) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/*.txtar archives: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			run(t, file, s, src, *update)
		})
	}
}

// Run imports the src/ of the archive file with s into a fresh site and
// compares every file written, and the report, with the archive's want/.
// With update it rewrites want/ instead. It changes the working
// directory for the test, so that the sources recorded are src/….
func Run(t *testing.T, file string, s importer.Source, update bool) {
	t.Helper()
	run(t, file, s, "src", update)
}

func run(t *testing.T, file string, s importer.Source, src string, update bool) {
	t.Helper()
	abs, err := filepath.Abs(file)
	if err != nil {
		t.Fatal(err)
	}
	ar, err := txtar.ParseFile(abs)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Chdir(dir)
	Extract(t, ar, "src/", "src")
	got := Import(t, s, src, "site")
	var want []txtar.File
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "want/") {
			want = append(want, f)
		}
	}
	_ = filepath.WalkDir("site", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, txtar.File{Name: "want/" + filepath.ToSlash(p[len("site/"):]), Data: data})
		return nil
	})
	want = append(want, txtar.File{Name: "want/report", Data: []byte(got)})
	if update {
		ar.Files = want
		if err := os.WriteFile(abs, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	old := map[string][]byte{}
	for _, f := range ar.Files {
		if strings.HasPrefix(f.Name, "want/") {
			old[f.Name] = f.Data
		}
	}
	for _, f := range want {
		if !strings.HasPrefix(f.Name, "want/") {
			continue
		}
		w, ok := old[f.Name]
		switch {
		case !ok:
			t.Errorf("%s: written but not in the golden archive:\n%s", f.Name, f.Data)
		case !bytes.Equal(w, f.Data):
			t.Errorf("%s differs (run go test -update)\ngot:\n%s\nwant:\n%s", f.Name, f.Data, w)
		}
		delete(old, f.Name)
	}
	for name := range old {
		t.Errorf("%s: in the golden archive but not written", name)
	}
}

// Extract writes the archive's files under prefix into the folder dir.
func Extract(t *testing.T, ar *txtar.Archive, prefix, dir string) {
	t.Helper()
	for _, f := range ar.Files {
		name, ok := strings.CutPrefix(f.Name, prefix)
		if !ok {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Import imports the site src with s into site and returns the report,
// with the error, if any, as a last line.
func Import(t *testing.T, s importer.Source, src, site string) string {
	t.Helper()
	var out bytes.Buffer
	w := importer.NewWriter(site, false, false, &out)
	if err := s.Import(context.Background(), src, w); err != nil {
		t.Fatalf("import: %v", err)
	}
	if err := w.Finish(s.Name(), src); err != nil {
		out.WriteString("error: " + err.Error() + "\n")
	}
	return out.String()
}

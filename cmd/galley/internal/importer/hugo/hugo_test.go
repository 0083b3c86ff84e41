package hugo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"galley.dev/galley/cmd/galley/internal/importer/importtest"
)

// TestGolden imports each testdata site and compares what it writes, and
// the report, with the archive's want/ files.
func TestGolden(t *testing.T) { importtest.Golden(t, Source{}) }

// TestReimport imports the site twice, then again after an editor's
// change: the second run changes nothing, and the third refuses to
// overwrite the edited article unless forced.
func TestReimport(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	importtest.Extract(t, ar, "src/", "src")
	importtest.Import(t, Source{}, "src", "site")
	again := importtest.Import(t, Source{}, "src", "site")
	if strings.Contains(again, ": written") || strings.Contains(again, "\nerror: ") || strings.Count(again, ": unchanged") != 9 {
		t.Errorf("second import changed files:\n%s", again)
	}
	edited := filepath.Join("site", "content", "posts", "hello-world.md")
	data, err := os.ReadFile(edited)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(edited, append(data, "An editor's line.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	third := importtest.Import(t, Source{}, "src", "site")
	if !strings.Contains(third, "edited since it was imported; pass --force to overwrite it") {
		t.Errorf("third import did not refuse the edited article:\n%s", third)
	}
	if now, _ := os.ReadFile(edited); !strings.Contains(string(now), "An editor's line.") {
		t.Error("the edited article was overwritten")
	}
}

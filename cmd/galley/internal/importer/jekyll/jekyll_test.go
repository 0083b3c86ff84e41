package jekyll

import (
	"flag"
	"testing"

	"galley.dev/galley/cmd/galley/internal/importer/importtest"
)

var update = flag.Bool("update", false, "rewrite the golden archives")

// TestGolden imports each testdata site and compares what it writes, and
// the report, with the archive's want/ files.
func TestGolden(t *testing.T) {
	for _, name := range []string{"site"} {
		t.Run(name, func(t *testing.T) {
			importtest.Run(t, "testdata/"+name+".txtar", Source{}, *update)
		})
	}
}

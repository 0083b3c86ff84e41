package jekyll

import (
	"testing"

	"galley.dev/galley/cmd/galley/internal/importer/importtest"
)

// TestGolden imports each testdata site and compares what it writes, and
// the report, with the archive's want/ files.
func TestGolden(t *testing.T) { importtest.Golden(t, Source{}) }

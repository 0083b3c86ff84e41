package build

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sync/semaphore"

	"galley.dev/galley/cmd/galley/internal/config"
)

// TestImageIndexKeepsSets checks that an index kept from one build to
// the next (as a Session keeps it) answers from memory: the second
// build neither reads the set from the cache again nor makes it anew.
func TestImageIndexKeepsSets(t *testing.T) {
	site := t.TempDir()
	var pic bytes.Buffer
	if err := jpeg.Encode(&pic, image.NewRGBA(image.Rect(0, 0, 64, 48)), nil); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(site, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "static/a.jpg"), pic.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	idx := openImageIndex(site)
	spec := config.Default().Images
	job := imageJob{file: "static/a.jpg", sitePath: "/a.jpg"}
	sem := semaphore.NewWeighted(decodeBudget)
	first, err := idx.derived(context.Background(), os.DirFS(site), job, spec, sem)
	if err != nil {
		t.Fatal(err)
	}
	sets, _ := filepath.Glob(filepath.Join(idx.dir, "*", "*", "set.json"))
	if len(sets) != 1 {
		t.Fatalf("cached sets: %v", sets)
	}
	if err := os.Remove(sets[0]); err != nil {
		t.Fatal(err)
	}
	second, err := idx.derived(context.Background(), os.DirFS(site), job, spec, sem)
	if err != nil {
		t.Fatal(err)
	}
	if second != first {
		t.Error("the second build did not take the set from memory")
	}
	if _, err := os.Stat(sets[0]); err == nil {
		t.Error("the second build made the set again")
	}
}

package build

import (
	"context"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"galley.dev/galley"
)

// TestSessionSpecialFile checks that a FIFO saved into a previewed site
// is reported, not opened: an open would wait for a writer forever and
// wedge every rebuild after it.
func TestSessionSpecialFile(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "content/news/good.md"), []byte("---\ntitle: Good\ndate: 2026-11-20\n---\nBody.\n"))
	sess, err := NewSession(Options{Site: dir, Dest: filepath.Join(t.TempDir(), "public"), Theme: galley.Theme(), Preview: true, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	if _, err := sess.Build(context.Background(), buildTime, nil); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"content/news/pipe.md", "static/pipe.css", "templates/pipe.html"} {
		writeFile(t, filepath.Join(dir, name), nil)
		syscall.Unlink(filepath.Join(dir, name))
		if err := syscall.Mkfifo(filepath.Join(dir, name), 0o644); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() {
			_, err := sess.Build(context.Background(), buildTime, []string{name})
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), "FIFO") {
				t.Errorf("after saving the FIFO %s: %v; want it named", name, err)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("the rebuild after saving the FIFO %s hangs", name)
		}
		syscall.Unlink(filepath.Join(dir, name))
	}
}

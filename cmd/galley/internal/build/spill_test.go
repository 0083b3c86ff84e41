package build

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"galley.dev/galley/cmd/galley/internal/content"
	"galley.dev/galley/cmd/galley/internal/site"
)

// TestSpill checks that pieces put into a spill by many writers at once
// come back whole, and that the spill leaves no file behind.
func TestSpill(t *testing.T) {
	dir := t.TempDir()
	s := openSpill(filepath.Join(dir, "cache"))
	if s == nil {
		t.Fatal("openSpill: nil")
	}
	defer s.close()
	if names, _ := os.ReadDir(filepath.Join(dir, "cache")); len(names) != 0 {
		t.Errorf("the spill's file is still named: %v", names)
	}
	piece := func(i int) []byte { return bytes.Repeat([]byte(fmt.Sprintf("<p>%d</p>", i)), i%97) }
	spans := make([]span, 500)
	var wg sync.WaitGroup
	for i := range spans {
		wg.Go(func() {
			sp, err := s.put(piece(i))
			if err != nil {
				t.Error(err)
			}
			spans[i] = sp
		})
	}
	wg.Wait()
	for i, sp := range spans {
		got, err := s.get(sp)
		if err != nil || !bytes.Equal(got, piece(i)) {
			t.Errorf("piece %d: got %q, %v; want %q", i, got, err, piece(i))
		}
	}
}

// TestSpillNowhere checks that a spill is not made where it cannot be:
// the caller keeps the bytes in memory.
func TestSpillNowhere(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"", filepath.Join(file, "cache")} {
		if s := openSpill(dir); s != nil {
			s.close()
			t.Errorf("openSpill(%q): a spill", dir)
		}
	}
}

// TestBodiesSpill checks that a feed's body comes back from the spill,
// and that once the spill is released asking for it is an error, not a
// crash.
func TestBodiesSpill(t *testing.T) {
	b := &bodies{dir: t.TempDir(), made: map[*content.Article]body{}}
	a := &site.Article{Article: &content.Article{Path: "content/news/a.md"}}
	b.made[a.Article] = body{}
	b.store(a, []byte(`<p>A <a href="https://example.org/">link</a>.</p>`))
	if !b.made[a.Article].spilt {
		t.Fatal("the body was not spilt")
	}
	if got, err := b.get(a); err != nil || got != `<p>A <a href="https://example.org/">link</a>.</p>` {
		t.Errorf("get = %q, %v", got, err)
	}
	b.release()
	if _, err := b.get(a); err == nil {
		t.Error("get after release: no error")
	}
}

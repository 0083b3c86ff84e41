package server

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Debounce is how long Watch waits after a change for more changes, so
// that an editor's save (write, rename, chmod: well under a millisecond
// apart) gives one rebuild. It is part of every save's wait for the
// preview, so it is short.
const Debounce = 10 * time.Millisecond

// Watch calls rebuild after files change under the watched parts of site
// (content/, templates/, static/ and site.yaml), until ctx ends, with the
// changed paths, slash-separated and relative to site, sorted. fsnotify
// watches single folders, so Watch adds every folder, and new ones as
// they appear.
func Watch(ctx context.Context, site string, rebuild func(changed []string)) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	if err := w.Add(site); err != nil {
		return err
	}
	for _, dir := range []string{"content", "templates", "static"} {
		addTree(w, filepath.Join(site, dir))
	}
	var timer *time.Timer
	fire := make(chan struct{}, 1)
	changed := map[string]bool{}
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-w.Errors:
			if err != nil {
				return err
			}
		case ev := <-w.Events:
			if !watched(site, ev.Name) {
				continue
			}
			if rel, err := filepath.Rel(site, ev.Name); err == nil {
				changed[filepath.ToSlash(rel)] = true
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					addTree(w, ev.Name)
				}
			}
			if timer == nil {
				timer = time.AfterFunc(Debounce, func() {
					select {
					case fire <- struct{}{}:
					default:
					}
				})
			} else {
				timer.Reset(Debounce)
			}
		case <-fire:
			list := slices.Sorted(maps.Keys(changed))
			clear(changed)
			rebuild(list)
		}
	}
}

// watched reports whether a change to name can change the site.
func watched(site, name string) bool {
	rel, err := filepath.Rel(site, name)
	if err != nil {
		return false
	}
	rel = filepath.ToSlash(rel)
	base := filepath.Base(name)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") {
		return false // editors' backup and swap files
	}
	return rel == "site.yaml" || rel == "content" || rel == "templates" || rel == "static" ||
		strings.HasPrefix(rel, "content/") || strings.HasPrefix(rel, "templates/") || strings.HasPrefix(rel, "static/")
}

// addTree watches dir and every folder below it.
func addTree(w *fsnotify.Watcher, dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return nil
		}
		if d.IsDir() {
			w.Add(p)
		}
		return nil
	})
}

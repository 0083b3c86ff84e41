package output

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// sparePrefix names the build before the destination's, kept beside it
// to be recycled by the next build.
//
// A warm build of a big site keeps most files and links them from the
// destination, but a fresh folder still costs a mkdir per page, a link
// per file, and then the removal of the whole previous tree: some tens
// of thousands of writes to the file system for one edited story. A
// recycled tree already holds most of the folders and links; the build
// only removes what changed and links or writes the rest.
const sparePrefix = ".galley-spare-"

// spareKeepRatio is how much of the previous build the new one must
// share for the previous build to be kept as the spare: a tree of mostly
// other files would cost disk space and save little work.
const spareKeepRatio = 2 // at least 1/2 of the files linked

func (d *Dir) sparePath() string {
	return filepath.Join(filepath.Dir(d.dest), sparePrefix+filepath.Base(d.dest))
}

// recycle turns the spare tree, already moved to d.tmp, into the start of
// this build. It keeps a file only where the build will link the very
// same file from the destination (keep says which); it removes every
// other file, so that nothing of an older build can survive into this
// one whatever the spare holds.
func (d *Dir) recycle(keep func(name string) fs.FileInfo) error {
	d.kept, d.swept = map[string]bool{}, map[string]bool{}
	return d.sweep(".", keep)
}

func (d *Dir) sweep(dir string, keep func(name string) fs.FileInfo) error {
	full := filepath.Join(d.tmp, filepath.FromSlash(dir))
	entries, err := os.ReadDir(full)
	if err != nil {
		return err
	}
	d.dirs[dir] = true
	d.swept[dir] = true
	removed := false
	for _, e := range entries {
		name := path.Join(dir, e.Name())
		if e.IsDir() {
			if err := d.sweep(name, keep); err != nil {
				return err
			}
			continue
		}
		if e.Type().IsRegular() && d.keeps(name, keep) {
			d.kept[name] = true
			continue
		}
		if err := os.Remove(filepath.Join(full, e.Name())); err != nil {
			return err
		}
		removed = true
	}
	if removed || len(entries) == 0 {
		d.emptied = append(d.emptied, dir)
	}
	return nil
}

// keeps reports whether the spare's file at name is the destination's
// file that the build will link there.
func (d *Dir) keeps(name string, keep func(name string) fs.FileInfo) bool {
	want := keep(name)
	if want == nil {
		return false
	}
	have, err := os.Lstat(d.Path(name))
	return err == nil && os.SameFile(have, want)
}

// pruneEmptied removes the recycled folders that the build left empty,
// deepest first, and then their parents that became empty in turn.
func (d *Dir) pruneEmptied() {
	dirs := d.emptied
	for len(dirs) > 0 {
		slices.SortFunc(dirs, func(a, b string) int { return strings.Count(b, "/") - strings.Count(a, "/") })
		var parents []string
		for _, dir := range dirs {
			if dir == "." {
				continue
			}
			// A folder the build replaced by a file is no longer one.
			if info, err := os.Lstat(d.Path(dir)); err != nil || !info.IsDir() {
				continue
			}
			if os.Remove(d.Path(dir)) == nil {
				delete(d.dirs, dir) // made again if a carried file goes there
				parents = append(parents, path.Dir(dir))
			}
		}
		dirs = slices.Compact(slices.Sorted(slices.Values(parents)))
	}
	d.emptied = nil
}

// startFromSpare moves the spare tree, if there is one, to d.tmp and
// recycles it. On any failure d.tmp is an empty folder again.
func (d *Dir) startFromSpare(keep func(name string) fs.FileInfo) error {
	spare := d.sparePath()
	if _, err := os.Lstat(spare); err != nil {
		return nil
	}
	if keep == nil {
		keep = func(string) fs.FileInfo { return nil }
	}
	// os.Rename will not replace a folder, even an empty one.
	err := os.Remove(d.tmp)
	if err == nil {
		err = os.Rename(spare, d.tmp)
	}
	if err == nil {
		err = d.recycle(keep)
	}
	if err != nil {
		removeTree(d.tmp)
		removeTree(spare)
		d.kept, d.swept, d.emptied = nil, nil, nil
		d.dirs = map[string]bool{".": true}
		return errors.Join(os.Mkdir(d.tmp, 0o755), os.Chmod(d.tmp, 0o755))
	}
	return nil
}

// dropUnclaimed removes the kept files that no task of the build
// claimed, so that they cannot outlive the pages they belonged to.
func (d *Dir) dropUnclaimed() error {
	for name := range d.kept {
		if _, claimed := d.files[name]; !claimed {
			if err := os.Remove(d.Path(name)); err != nil {
				return err
			}
			d.emptied = append(d.emptied, path.Dir(name))
		}
	}
	d.kept = nil
	return nil
}

// clearSpareFolder removes the folder at name, left by the spare tree
// where this build puts a file, and reports whether it did. It leaves
// alone a folder that holds files of this build: two paths of one build
// that clash are the site's error to report.
func (d *Dir) clearSpareFolder(name string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.swept[name] {
		return false
	}
	prefix := name + "/"
	for f := range d.files {
		if strings.HasPrefix(f, prefix) {
			return false
		}
	}
	for dir := range d.dirs {
		if dir == name || strings.HasPrefix(dir, prefix) {
			delete(d.dirs, dir)
		}
	}
	delete(d.swept, name)
	return os.RemoveAll(d.Path(name)) == nil
}

// keepOrRemove keeps old, the tree that the build replaced, as the spare
// when the build shared most of its files, and removes it otherwise.
func (d *Dir) keepOrRemove(old string) {
	if d.linked*spareKeepRatio >= int64(len(d.files)) && len(d.files) > 0 {
		if os.Rename(old, d.sparePath()) == nil {
			return
		}
	}
	removeTree(old)
}

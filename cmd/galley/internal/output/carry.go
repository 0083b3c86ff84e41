package output

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"galley.dev/galley/cmd/galley/internal/diag"
)

// Marker is the file every build leaves in its destination: it tells the
// next build that the folder is Galley's to replace. A destination
// without it that holds files is someone else's, and a build refuses to
// replace it rather than delete what it did not write.
const Marker = ".galley-output"

// markerText explains the marker to whoever finds it.
const markerText = "This folder is written by galley build, which replaces it whole on every build.\n" +
	"Only the paths listed under keep: in site.yaml (and .git, CNAME, .nojekyll) are carried over.\n"

// DefaultCarry returns the paths of a destination that every build
// carries over although Galley did not write them: a git worktree of a
// deploy branch (.git) and GitHub Pages' domain and settings files.
func DefaultCarry() []string { return []string{".git", "CNAME", ".nojekyll"} }

// checkForeign refuses a destination that holds files that neither an
// earlier build wrote nor the build carries over: replacing it would
// delete them. An empty or missing destination is the build's, and so is
// one with the Marker. Without the marker, every file must be one that
// wrote says the last build made (from the cache's manifest, for a
// folder built before markers) or one that the build carries over.
func checkForeign(dest string, carry []string, wrote func(name string) bool) error {
	if info, err := os.Lstat(filepath.Join(dest, Marker)); err == nil && info.Mode().IsRegular() {
		return nil
	}
	if wrote == nil {
		wrote = func(string) bool { return false }
	}
	var foreign []string
	err := findForeign(dest, ".", carry, wrote, &foreign)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read output folder: %w", err)
	}
	if len(foreign) == 0 {
		return nil
	}
	shown := foreign[:min(len(foreign), 3)]
	more := ""
	switch {
	case len(foreign) >= maxForeign:
		more = " and more"
	case len(foreign) > len(shown):
		more = fmt.Sprintf(" and %d more", len(foreign)-len(shown))
	}
	return fmt.Errorf("%s holds files that Galley did not write (%s%s), and a build replaces the folder whole: "+
		"pass -d with an empty or new folder, empty this one, or list what to keep under keep: in site.yaml",
		dest, strings.Join(quoteAll(shown), ", "), more)
}

// maxForeign bounds the foreign files findForeign looks for: enough to
// refuse a folder and name some of them, without walking all of a home
// folder passed by mistake.
const maxForeign = 100

// findForeign appends to foreign the paths under the folder dir of dest
// that are neither carried nor written: files, and folders that hold
// nothing.
func findForeign(dest, dir string, carry []string, wrote func(string) bool, foreign *[]string) error {
	entries, err := os.ReadDir(filepath.Join(dest, filepath.FromSlash(dir)))
	if err != nil {
		return err
	}
	if len(entries) == 0 && dir != "." {
		*foreign = append(*foreign, dir)
	}
	for _, e := range entries {
		if len(*foreign) >= maxForeign {
			return nil
		}
		name := path.Join(dir, e.Name())
		switch {
		case slices.Contains(carry, name) || wrote(name):
		case e.IsDir():
			if err := findForeign(dest, name, carry, wrote, foreign); err != nil {
				return err
			}
		default:
			*foreign = append(*foreign, name)
		}
	}
	return nil
}

func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = fmt.Sprintf("%q", n)
	}
	return out
}

// duplicate is the error for a second writer of name: owners are the
// source files the two copied from, "" for a file the build made.
func duplicate(name, first, second string) error {
	owners := slices.DeleteFunc(slices.Sorted(slices.Values([]string{first, second})), func(s string) bool { return s == "" })
	switch len(owners) {
	case 0:
		return fmt.Errorf("two pages write %s; give one of them another URL", name)
	case 1:
		return diag.Errorf(owners[0], 0, "Galley writes %s itself (a page, feed or sitemap); rename or remove this file", name)
	}
	return diag.Errorf(owners[0], 0, "%s also writes %s; rename one of them", owners[1], name)
}

// maxMinify is the largest file minified; a bigger one is written as it
// is. The minifier holds a file whole, and its time grows with the square
// of one long text: each entity it shortens (&quot; to ", &rdquo; to ”)
// moves the rest of the text. A page of ordinary paragraphs is far below
// this; a story that is one 10 MB paragraph would take minutes.
const maxMinify = 512 << 10

// openCopy opens the file src of fsys for copying, refusing anything but
// a regular file. (The build has checked the sizes of the site's files.)
func openCopy(fsys fs.FS, src string) (fs.File, int64, error) {
	f, err := fsys.Open(src)
	if err != nil {
		return nil, 0, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, 0, fmt.Errorf("not a regular file (%v); remove it", info.Mode().Type())
	}
	return f, info.Size(), nil
}

// readAll reads r, of about size bytes, to its end.
func readAll(r io.Reader, size int64) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(int(size) + bytes.MinRead)
	_, err := b.ReadFrom(r)
	return b.Bytes(), err
}

// finish completes the tree before it replaces the destination: what
// the destination carries over, then the Marker.
func (d *Dir) finish() error {
	for _, c := range d.carry {
		if err := d.carryOver(c); err != nil {
			return fmt.Errorf("carry over %s: %w", c, err)
		}
	}
	// A marker recycled from the spare tree is the destination's file
	// too: write a new one rather than into it.
	marker := filepath.Join(d.tmp, Marker)
	if err := os.Remove(marker); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return os.WriteFile(marker, []byte(markerText), 0o644)
}

// carryOver puts the destination's entry at the slash path name, if it
// has one, into the build: files as hard links (copies where links
// cannot be made), folders made anew and filled the same way, symbolic
// links as links. Files the build wrote itself stay the build's. Links
// leave the destination untouched, so a build that fails after this
// loses nothing. It runs in Commit, when no task writes any more, and so
// reads and adds to d.files and d.dirs without the lock.
func (d *Dir) carryOver(name string) error {
	if !fs.ValidPath(name) || name == "." || name == Marker {
		return nil
	}
	from := filepath.Join(d.dest, filepath.FromSlash(name))
	info, err := os.Lstat(from)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if _, wrote := d.files[name]; wrote {
		return nil
	}
	if err := d.mkdirs(path.Dir(name)); err != nil {
		return err
	}
	to := d.Path(name)
	switch {
	case info.IsDir():
		if err := os.Mkdir(to, info.Mode().Perm()); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
		d.dirs[name] = true
		entries, err := os.ReadDir(from)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if err := d.carryOver(path.Join(name, e.Name())); err != nil {
				return err
			}
		}
		return nil
	case info.Mode()&fs.ModeSymlink != 0:
		target, err := os.Readlink(from)
		if err != nil {
			return err
		}
		return os.Symlink(target, to)
	case info.Mode().IsRegular():
		if os.Link(from, to) == nil {
			return nil
		}
		return copyRegular(from, to, info.Mode().Perm())
	}
	return nil // a FIFO or device: not Galley's to carry
}

// copyRegular copies the file from to the new file to.
func copyRegular(from, to string, perm fs.FileMode) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	_, err = io.Copy(dst, src)
	return errors.Join(err, dst.Close())
}

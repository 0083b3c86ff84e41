// Package output writes a build: every file goes into a fresh folder beside
// the destination, minified as it streams through, and the folder replaces
// the destination in one atomic step only when the whole build succeeded.
// A build that fails or is killed leaves the destination as it was; the
// next build removes what it left behind.
package output

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"

	"galley.dev/galley/cmd/galley/internal/minifier"
)

// tempPrefix starts the names of unfinished builds beside the destination.
const tempPrefix = ".galley-build-"

// A Dir is a build in progress.
type Dir struct {
	dest string // the destination folder
	tmp  string // the folder being written
	min  *minify.M
	lock *os.File

	carry []string // paths of dest that the build carries over

	mu sync.Mutex
	// files are the files claimed so far, to catch two writers of one
	// path: each with the source file it was copied from, or "" for a
	// file the build made.
	files map[string]string
	dirs  map[string]bool // folders already created
	bytes int64
	// linked counts the files linked from the previous build.
	linked int64
	// kept are the files of a recycled spare tree that the build keeps
	// until a task claims them; emptied its folders that lost files.
	kept    map[string]bool
	emptied []string
	// swept are the spare tree's folders.
	swept map[string]bool
}

// Options configure a build's output.
type Options struct {
	// NoMinify writes files as rendered, for debugging templates.
	NoMinify bool
	// Keep returns, for a file that the build will Link from the
	// destination, the destination file's info; nil for other files. A
	// build recycling the spare tree keeps the spare's files that are
	// these very files.
	Keep func(name string) fs.FileInfo
	// Carry lists paths in the destination, relative to it, that Galley
	// did not write and carries over into every build (a deploy's .git,
	// a CNAME), besides DefaultCarry. A path the build writes itself is
	// the build's.
	Carry []string
	// Wrote reports whether the previous build into the destination,
	// as the cache remembers it, made the file at the slash path name:
	// for a destination built before builds left their Marker in it.
	Wrote func(name string) bool
}

// Create starts a build that will replace dest. It takes a lock so that
// two builds into one destination cannot interleave, and removes folders
// that interrupted builds left.
func Create(dest string, opts Options) (*Dir, error) {
	dest = filepath.Clean(dest)
	// Before anything is made beside it: a refused destination is left
	// as it was found.
	carry := DefaultCarry()
	for _, c := range opts.Carry {
		carry = append(carry, strings.TrimSuffix(c, "/"))
	}
	if err := checkForeign(dest, carry, opts.Wrote); err != nil {
		return nil, err
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create output folder: %w", err)
	}
	lock, err := acquireLock(dest)
	if err != nil {
		return nil, err
	}
	removeLeftovers(parent, filepath.Base(dest))
	tmp, err := os.MkdirTemp(parent, tempPrefix+filepath.Base(dest)+"-")
	if err != nil {
		releaseLock(lock)
		return nil, fmt.Errorf("create output folder: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		releaseLock(lock)
		return nil, err
	}
	d := &Dir{dest: dest, tmp: tmp, lock: lock, carry: carry, files: map[string]string{}, dirs: map[string]bool{".": true}}
	if err := d.startFromSpare(opts.Keep); err != nil {
		d.Abort()
		return nil, fmt.Errorf("create output folder: %w", err)
	}
	if !opts.NoMinify {
		d.min = newMinifier()
	}
	return d, nil
}

// RemoveLeftovers deletes what builds into dest that were killed left
// beside it, for a build that finds dest up to date and so makes no Dir.
// It does nothing while another build holds dest's lock.
func RemoveLeftovers(dest string) {
	dest = filepath.Clean(dest)
	lock, err := acquireLock(dest)
	if err != nil {
		return
	}
	defer releaseLock(lock)
	removeLeftovers(filepath.Dir(dest), filepath.Base(dest))
}

// removeLeftovers deletes the temporary folders of builds into name that
// were killed before they could clean up. The lock is held, so none of
// them belongs to a running build.
func removeLeftovers(parent, name string) {
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		n := e.Name()
		if leftover(n, name) {
			os.RemoveAll(filepath.Join(parent, n))
		}
	}
}

// leftover reports whether the file name n beside the destination name
// is a temporary folder of a build into name, and not, say, of a build
// into name-staging: os.MkdirTemp ends the name with digits only.
func leftover(n, name string) bool {
	if rest, ok := strings.CutPrefix(n, oldPrefix+name+"-"); ok {
		n = rest // an old build moved aside, named for the temporary folder
	}
	rest, ok := strings.CutPrefix(n, tempPrefix+name+"-")
	return ok && rest != "" && strings.Trim(rest, "0123456789") == ""
}

func newMinifier() *minify.M { return minifier.New(false) }

// mediaTypes are the files the minifier rewrites, by extension. XML is
// not among them: encoding/xml writes the feeds and sitemaps compact
// already (minifying saved 0 to 2 %), and the XML minifier's time grows
// with the square of the entities in a text, as a feed's escaped HTML is.
var mediaTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".js":   "application/javascript",
	".svg":  "image/svg+xml",
	".json": "application/json",
}

// prepare checks name, claims it, creates its folder, and returns the
// file's full path. It reports whether the file is there already, kept
// from the spare tree: linking can stop there, and writing must first
// remove it, for it is the destination's file too.
func (d *Dir) prepare(name, owner string) (full string, kept bool, err error) {
	if !fs.ValidPath(name) || name == "." {
		return "", false, fmt.Errorf("output path %q is not a path inside the output folder", name)
	}
	if name == Marker {
		return "", false, fmt.Errorf("output path %s is Galley's own marker; give the file another name", name)
	}
	d.mu.Lock()
	first, dup := d.files[name]
	if !dup {
		d.files[name] = owner
	}
	kept = d.kept[name]
	d.mu.Unlock()
	if dup {
		return "", false, duplicate(name, first, owner)
	}
	if err := d.mkdirs(path.Dir(name)); err != nil {
		return "", false, err
	}
	return filepath.Join(d.tmp, filepath.FromSlash(name)), kept, nil
}

// mkdirs creates the folder dir of the build and the parents it lacks.
// A site has a folder per page: remembering those made saves the stats
// that os.MkdirAll makes of every folder and its parent.
func (d *Dir) mkdirs(dir string) error {
	d.mu.Lock()
	have := d.dirs[dir]
	d.mu.Unlock()
	if have {
		return nil
	}
	if err := d.mkdirs(path.Dir(dir)); err != nil {
		return err
	}
	// Another worker may make it meanwhile.
	if err := os.Mkdir(filepath.Join(d.tmp, filepath.FromSlash(dir)), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	d.mu.Lock()
	d.dirs[dir] = true
	d.mu.Unlock()
	return nil
}

// Link puts the file at from, a finished file of an earlier build, at name
// in this one as a hard link: the bytes and the modification time stay, so
// deploys that compare them upload nothing. It fails where links cannot
// be made (another file system), and the caller then writes the file.
func (d *Dir) Link(from, name string) error {
	full, kept, err := d.prepare(name, "")
	if err != nil {
		return err
	}
	if !kept {
		err := os.Link(from, full)
		if err != nil && d.clearSpareFolder(name) {
			err = os.Link(from, full)
		}
		if err != nil {
			// The caller writes the file instead: the name is free again.
			d.mu.Lock()
			delete(d.files, name)
			d.mu.Unlock()
			return err
		}
	}
	d.mu.Lock()
	d.linked++
	d.mu.Unlock()
	return nil
}

// Unlink takes back the file at name that Link put in the build, for a
// task whose other files could not be linked and that makes them all
// anew.
func (d *Dir) Unlink(name string) error {
	d.mu.Lock()
	delete(d.files, name)
	delete(d.kept, name)
	d.linked--
	d.mu.Unlock()
	if err := os.Remove(d.Path(name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// Path returns where the file at name is being written.
func (d *Dir) Path(name string) string { return filepath.Join(d.tmp, filepath.FromSlash(name)) }

// WriteFile writes data to the file at the slash path name (such as
// "news/story/index.html"), minified if its type is one the minifier
// knows. It may use the spare capacity of data.
func (d *Dir) WriteFile(name string, data []byte) error {
	return d.write(name, "", func(w io.Writer) error { return minifyTo(d.min, w, name, data) })
}

// WriteRaw writes data to the file at the slash path name as it is,
// never minified: for files made compact already, the pages of a theme
// minified at load, and those whose names are the hash of their bytes
// (the search index), which a minifier must not change.
//
// Where the destination holds these very bytes under name, WriteRaw
// links that file instead. One edited story changes a few of the search
// index's thousands of files, and on some disks making a file costs
// twenty times what linking one does (550 µs and 25 µs on ext4 here).
func (d *Dir) WriteRaw(name string, data []byte) error {
	if d.holds(name, data) && d.Link(filepath.Join(d.dest, filepath.FromSlash(name)), name) == nil {
		return nil
	}
	return d.write(name, "", func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// holds reports whether the destination has data as the regular file at
// the slash path name. It compares the bytes, not merely the name, so
// that nothing but data can be linked.
func (d *Dir) holds(name string, data []byte) bool {
	if !fs.ValidPath(name) {
		return false
	}
	full := filepath.Join(d.dest, filepath.FromSlash(name))
	fi, err := os.Lstat(full)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(data)) {
		return false
	}
	old, err := os.ReadFile(full)
	return err == nil && bytes.Equal(old, data)
}

// write claims name for owner and writes the file through fill.
func (d *Dir) write(name, owner string, fill func(io.Writer) error) error {
	full, kept, err := d.prepare(name, owner)
	if err != nil {
		return err
	}
	if kept {
		if err := os.Remove(full); err != nil {
			return err
		}
	}
	f, err := createFile(full)
	if err != nil && d.clearSpareFolder(name) {
		f, err = createFile(full)
	}
	if err != nil {
		return err
	}
	buf := bufPool.Get().(*bufio.Writer)
	defer bufPool.Put(buf)
	cw := &countWriter{w: f}
	buf.Reset(cw)
	err = fill(buf)
	err = errors.Join(err, buf.Flush(), f.Close())
	buf.Reset(nil)
	d.mu.Lock()
	d.bytes += cw.n
	d.mu.Unlock()
	if err != nil {
		return fmt.Errorf("write %s: %w", full, err)
	}
	return nil
}

// minifyTo writes data to w, minified by m if m knows the type of name.
// It minifies from data itself: the streaming minifier would copy it
// through a pipe and a goroutine per file.
func minifyTo(m *minify.M, w io.Writer, name string, data []byte) error {
	mt, ok := mediaTypes[path.Ext(name)]
	if !ok || m == nil || len(data) > maxMinify {
		_, err := w.Write(data)
		return err
	}
	return m.Minify(mt, w, bytes.NewBuffer(data))
}

// CopyFile copies the file src of fsys to name in the output. Files of a
// type the minifier knows are minified, up to maxMinify; any other file
// streams through, so that a big video costs no memory.
func (d *Dir) CopyFile(fsys fs.FS, src, name string) error {
	f, size, err := openCopy(fsys, src)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, ok := mediaTypes[path.Ext(name)]; ok && d.min != nil && size <= maxMinify {
		data, err := readAll(f, size)
		if err != nil {
			return err
		}
		return d.write(name, src, func(w io.Writer) error { return minifyTo(d.min, w, name, data) })
	}
	return d.write(name, src, func(w io.Writer) error {
		_, err := io.Copy(w, f)
		return err
	})
}

// Bytes returns how many bytes were written so far.
func (d *Dir) Bytes() int64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.bytes
}

// Files returns how many files were written so far.
func (d *Dir) Files() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.files)
}

// bufPool recycles the writers' buffers: a build writes a file per page,
// and a fresh 32 KB buffer for each was the largest allocation of a build.
var bufPool = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 32<<10) }}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Commit makes the build the destination, atomically. The previous build
// is kept as the spare for the next one, or removed.
func (d *Dir) Commit() error {
	defer releaseLock(d.lock)
	if err := d.dropUnclaimed(); err != nil {
		os.RemoveAll(d.tmp)
		return fmt.Errorf("finish %s: %w", d.dest, err)
	}
	d.pruneEmptied()
	if err := d.finish(); err != nil {
		os.RemoveAll(d.tmp)
		return fmt.Errorf("finish %s: %w", d.dest, err)
	}
	old, err := swap(d.tmp, d.dest)
	if err != nil {
		os.RemoveAll(d.tmp)
		return fmt.Errorf("replace %s: %w", d.dest, err)
	}
	if old != "" {
		d.keepOrRemove(old)
	}
	return nil
}

// removeTree removes the folder dir and everything in it. Unlike
// os.RemoveAll it never tries to unlink a folder first, which halves the
// system calls for a site of a folder per page.
func removeTree(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		os.RemoveAll(dir)
		return
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if e.IsDir() {
			removeTree(p)
		} else {
			os.Remove(p)
		}
	}
	if err := os.Remove(dir); err != nil {
		os.RemoveAll(dir)
	}
}

// Abandon gives up the build at once, for an interrupted one, and
// leaves the destination untouched: the half-made tree, thousands of
// files that take a second and more to remove, stays beside it under its
// temporary name for the next build to remove.
func (d *Dir) Abandon() {
	releaseLock(d.lock)
}

// Abort discards the build and leaves the destination untouched. A
// build that started from the spare tree puts it back as the spare: the
// next build's sweep keeps none of what this one wrote, and a failed
// build of a big site would otherwise cost the removal of a whole tree
// now and a fresh one next time.
func (d *Dir) Abort() {
	if d.swept == nil || os.Rename(d.tmp, d.sparePath()) != nil {
		os.RemoveAll(d.tmp)
	}
	releaseLock(d.lock)
}

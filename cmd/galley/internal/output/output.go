// Package output writes a build: every file goes into a fresh folder beside
// the destination, minified as it streams through, and the folder replaces
// the destination in one atomic step only when the whole build succeeded.
// A build that fails or is killed leaves the destination as it was; the
// next build removes what it left behind.
package output

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// tempPrefix starts the names of unfinished builds beside the destination.
const tempPrefix = ".galley-build-"

// A Dir is a build in progress.
type Dir struct {
	dest string // the destination folder
	tmp  string // the folder being written
	min  *minify.M
	lock *os.File

	mu    sync.Mutex
	files map[string]bool // written files, to catch two pages on one path
	dirs  map[string]bool // folders already created
	bytes int64
}

// Options configure a build's output.
type Options struct {
	// NoMinify writes files as rendered, for debugging templates.
	NoMinify bool
}

// Create starts a build that will replace dest. It takes a lock so that
// two builds into one destination cannot interleave, and removes folders
// that interrupted builds left.
func Create(dest string, opts Options) (*Dir, error) {
	dest = filepath.Clean(dest)
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
	d := &Dir{dest: dest, tmp: tmp, lock: lock, files: map[string]bool{}, dirs: map[string]bool{".": true}}
	if !opts.NoMinify {
		d.min = newMinifier()
	}
	return d, nil
}

// removeLeftovers deletes the temporary folders of builds into name that
// were killed before they could clean up. The lock is held, so none of
// them belongs to a running build.
func removeLeftovers(parent, name string) {
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, tempPrefix+name+"-") || strings.HasPrefix(n, oldPrefix+name+"-") {
			os.RemoveAll(filepath.Join(parent, n))
		}
	}
}

func newMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile("^(application|text)/(x-)?(java|ecma)script$"), js.Minify)
	m.AddFuncRegexp(regexp.MustCompile("[/+]json$"), json.Minify)
	m.AddFuncRegexp(regexp.MustCompile("[/+]xml$"), xml.Minify)
	return m
}

// mediaTypes are the files the minifier rewrites, by extension.
var mediaTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".js":   "application/javascript",
	".svg":  "image/svg+xml",
	".json": "application/json",
	".xml":  "application/xml",
}

// Create opens the file at the slash path name (such as
// "news/story/index.html") for writing; what is written to it is minified
// if its type is one the minifier knows. Close must be called.
func (d *Dir) Create(name string) (io.WriteCloser, error) {
	full, err := d.prepare(name)
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	w := &file{d: d, f: f}
	w.buf = bufPool.Get().(*bufio.Writer)
	w.buf.Reset(countWriter{f, &w.n})
	w.w = w.buf
	if mt, ok := mediaTypes[path.Ext(name)]; ok && d.min != nil {
		w.min = d.min.Writer(mt, w.buf)
		w.w = w.min
	}
	return w, nil
}

// prepare checks name, claims it, creates its folder, and returns the
// file's full path.
func (d *Dir) prepare(name string) (string, error) {
	if !fs.ValidPath(name) || name == "." {
		return "", fmt.Errorf("output path %q is not a path inside the output folder", name)
	}
	dir := path.Dir(name)
	d.mu.Lock()
	dup := d.files[name]
	d.files[name] = true
	haveDir := d.dirs[dir]
	d.mu.Unlock()
	if dup {
		return "", fmt.Errorf("two pages write %s; give one of them another URL", name)
	}
	full := filepath.Join(d.tmp, filepath.FromSlash(name))
	if !haveDir {
		// A folder per page: remembering them saves a stat of every
		// parent for each of thousands of files.
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return "", err
		}
		d.mu.Lock()
		for p := dir; p != "."; p = path.Dir(p) {
			d.dirs[p] = true
		}
		d.mu.Unlock()
	}
	return full, nil
}

// Link puts the file at from, a finished file of an earlier build, at name
// in this one as a hard link: the bytes and the modification time stay, so
// deploys that compare them upload nothing. It fails where links cannot
// be made (another file system), and the caller then writes the file.
func (d *Dir) Link(from, name string) error {
	full, err := d.prepare(name)
	if err != nil {
		return err
	}
	return os.Link(from, full)
}

// Path returns where the file at name is being written.
func (d *Dir) Path(name string) string { return filepath.Join(d.tmp, filepath.FromSlash(name)) }

// WriteFile writes data to the file at name.
func (d *Dir) WriteFile(name string, data []byte) error {
	w, err := d.Create(name)
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// CopyFile copies the file at name in fsys to the same name in the
// output, minifying it like any written file.
func (d *Dir) CopyFile(fsys fs.FS, src, name string) error {
	r, err := fsys.Open(src)
	if err != nil {
		return err
	}
	defer r.Close()
	w, err := d.Create(name)
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, r); err != nil {
		w.Close()
		return fmt.Errorf("copy %s: %w", src, err)
	}
	return w.Close()
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

// file is one file being written.
type file struct {
	d   *Dir
	f   *os.File
	buf *bufio.Writer
	min io.WriteCloser
	w   io.Writer
	n   int64 // bytes written to f
}

// bufPool recycles the writers' buffers: a build writes a file per page,
// and a fresh 32 KB buffer for each was the largest allocation of a build.
var bufPool = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 32<<10) }}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n *int64
}

func (c countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	*c.n += int64(n)
	return n, err
}

func (w *file) Write(p []byte) (int, error) {
	n, err := w.w.Write(p)
	return n, err
}

// Close flushes the minifier (whose tail is lost without it), the buffer,
// and the file.
func (w *file) Close() error {
	var errs []error
	if w.min != nil {
		errs = append(errs, w.min.Close())
	}
	errs = append(errs, w.buf.Flush())
	w.buf.Reset(nil)
	bufPool.Put(w.buf)
	w.buf = nil
	w.d.mu.Lock()
	w.d.bytes += w.n
	w.d.mu.Unlock()
	errs = append(errs, w.f.Close())
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("write %s: %w", w.f.Name(), err)
	}
	return nil
}

// Commit makes the build the destination, atomically, and removes the
// previous build.
func (d *Dir) Commit() error {
	defer releaseLock(d.lock)
	old, err := swap(d.tmp, d.dest)
	if err != nil {
		os.RemoveAll(d.tmp)
		return fmt.Errorf("replace %s: %w", d.dest, err)
	}
	if old != "" {
		removeTree(old)
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

// Abort discards the build and leaves the destination untouched.
func (d *Dir) Abort() {
	os.RemoveAll(d.tmp)
	releaseLock(d.lock)
}

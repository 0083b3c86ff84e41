package output

import (
	"bytes"
	"fmt"
	"io/fs"
	"sync"

	"github.com/tdewolff/minify/v2"
)

// A Memory holds files written in memory, minified as a Dir minifies
// them. A preview serves the pages an edit changed from memory, over the
// last build on disk, instead of writing a new tree of thousands of files.
type Memory struct {
	min *minify.M

	mu    sync.Mutex
	files map[string][]byte
}

// NewMemory returns an empty Memory.
func NewMemory(opts Options) *Memory {
	m := &Memory{files: map[string][]byte{}}
	if !opts.NoMinify {
		m.min = newMinifier()
	}
	return m
}

// WriteRaw keeps a copy of data, as it is, as the file at the slash path
// name, as Dir.WriteRaw writes it.
func (m *Memory) WriteRaw(name string, data []byte) error {
	if !fs.ValidPath(name) || name == "." {
		return fmt.Errorf("output path %q is not a path inside the output folder", name)
	}
	m.mu.Lock()
	m.files[name] = bytes.Clone(data)
	m.mu.Unlock()
	return nil
}

// WriteFile keeps data, minified, as the file at the slash path name.
func (m *Memory) WriteFile(name string, data []byte) error {
	if !fs.ValidPath(name) || name == "." {
		return fmt.Errorf("output path %q is not a path inside the output folder", name)
	}
	var b bytes.Buffer
	b.Grow(len(data))
	if err := minifyTo(m.min, &b, name, data); err != nil { // as Dir does
		return fmt.Errorf("write %s: %w", name, err)
	}
	data = b.Bytes()
	m.mu.Lock()
	m.files[name] = data
	m.mu.Unlock()
	return nil
}

// CopyFile copies the file src of fsys to name, minifying it like any
// written file.
func (m *Memory) CopyFile(fsys fs.FS, src, name string) error {
	f, size, err := openCopy(fsys, src)
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := readAll(f, size)
	if err != nil {
		return fmt.Errorf("copy %s: %w", src, err)
	}
	return m.WriteFile(name, data)
}

// File returns the file at name, if it was written.
func (m *Memory) File(name string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	data, ok := m.files[name]
	return data, ok
}

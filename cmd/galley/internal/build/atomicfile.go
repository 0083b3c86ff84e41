package build

import (
	"os"
	"path/filepath"
)

// An atomicFile is written through a temporary file beside name, which
// takes name's place only when committed: a reader of the site's cache
// sees the last whole file, never half of one.
type atomicFile struct {
	*os.File
	name string
}

// createAtomic starts a file that will replace name, making name's
// folder if need be.
func createAtomic(name string) (*atomicFile, error) {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return nil, err
	}
	return &atomicFile{File: tmp, name: name}, nil
}

// commit closes the file and puts it in name's place; on any error the
// temporary file is removed and name is left as it was.
func (f *atomicFile) commit() error {
	err := f.Close()
	if err == nil {
		err = os.Chmod(f.Name(), 0o644) // CreateTemp's 0600 is not a file's usual mode
	}
	if err == nil {
		err = os.Rename(f.Name(), f.name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// abort closes and removes the file, leaving name as it was.
func (f *atomicFile) abort() {
	f.Close()
	os.Remove(f.Name())
}

// writeFileAtomic writes data to name through a temporary file beside it.
func writeFileAtomic(name string, data []byte) error {
	f, err := createAtomic(name)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.abort()
		return err
	}
	return f.commit()
}

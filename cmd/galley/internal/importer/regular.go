package importer

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"syscall"
)

// errNotRegular stops Import from opening a named pipe, socket or device:
// reading a pipe waits forever for a writer, and a device may never end.
var errNotRegular = errors.New("not a regular file; skipped")

// readRegular reads the regular file name (or the regular file a link
// names). It opens nothing else: it checks the mode before opening, opens
// without blocking in case the file was swapped for a pipe since, and
// checks the mode of what it opened before reading. It stops reading when
// ctx is cancelled.
func readRegular(ctx context.Context, name string) ([]byte, os.FileInfo, error) {
	f, info, err := openRegular(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(ctxReader{ctx, f})
	if err != nil {
		return nil, nil, err
	}
	return data, info, nil
}

// OpenRegular opens the regular file name for reading, and refuses
// anything else without waiting: opening a named pipe would block until
// something writes to it.
func OpenRegular(name string) (*os.File, error) {
	f, _, err := openRegular(name)
	return f, err
}

// openRegular opens the regular file name, as readRegular reads it.
func openRegular(name string) (*os.File, os.FileInfo, error) {
	if info, err := os.Stat(name); err != nil {
		return nil, nil, err
	} else if !info.Mode().IsRegular() {
		return nil, nil, errNotRegular
	}
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0) // a pipe's open would wait for a writer
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, nil, errNotRegular
	}
	return f, info, nil
}

// sameFiles reports whether the regular files a and b hold the same
// bytes, reading both a piece at a time: a 100 MB video is compared in
// 64 KiB of memory.
func sameFiles(ctx context.Context, a, b string) (bool, error) {
	fa, ia, err := openRegular(a)
	if err != nil {
		return false, err
	}
	defer fa.Close()
	fb, ib, err := openRegular(b)
	if err != nil {
		return false, err
	}
	defer fb.Close()
	if ia.Size() != ib.Size() {
		return false, nil
	}
	bufA, bufB := make([]byte, 32<<10), make([]byte, 32<<10)
	var ra, rb io.Reader = ctxReader{ctx, fa}, ctxReader{ctx, fb}
	for {
		na, errA := io.ReadFull(ra, bufA)
		nb, errB := io.ReadFull(rb, bufB)
		if na != nb || !bytes.Equal(bufA[:na], bufB[:nb]) {
			return false, nil
		}
		if errA == io.EOF || errA == io.ErrUnexpectedEOF {
			return errB == io.EOF || errB == io.ErrUnexpectedEOF, nil
		}
		if errA != nil {
			return false, errA
		}
		if errB != nil {
			return false, errB
		}
	}
}

// A ctxReader reads r until ctx is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

package importer

import (
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
	if info, err := os.Stat(name); err != nil {
		return nil, nil, err
	} else if !info.Mode().IsRegular() {
		return nil, nil, errNotRegular
	}
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0) // a pipe's open would wait for a writer
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, nil, errNotRegular
	}
	data, err := io.ReadAll(ctxReader{ctx, f})
	if err != nil {
		return nil, nil, err
	}
	return data, info, nil
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

//go:build unix

package output

import (
	"io"
	"io/fs"
	"syscall"
)

// createFile creates the file at full, which must not exist, for
// writing. It writes through the bare file descriptor: an *os.File tries
// to add a regular file to the network poller and sets it back, three
// system calls lost for each of a big site's thousands of files.
func createFile(full string) (io.WriteCloser, error) {
	for {
		fd, err := syscall.Open(full, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, 0o644)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: full, Err: err}
		}
		return rawFile(fd), nil
	}
}

// rawFile is a file descriptor open for writing.
type rawFile int

func (f rawFile) Write(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		m, err := syscall.Write(int(f), p[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return n, err
		}
		if m == 0 {
			return n, io.ErrShortWrite
		}
		n += m
	}
	return n, nil
}

func (f rawFile) Close() error { return syscall.Close(int(f)) }

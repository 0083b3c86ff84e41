package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// acquireLock takes an exclusive lock on a file beside dest, so that a
// second build into dest stops with a clear message instead of racing the
// first. The kernel drops the lock when the process dies, so a killed
// build never leaves it held.
func acquireLock(dest string) (*os.File, error) {
	name := filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".galley-lock")
	f, err := os.OpenFile(name, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", dest, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s: another galley build is writing it; wait for it to finish", dest)
		}
		return nil, fmt.Errorf("lock %s: %w", dest, err)
	}
	return f, nil
}

func releaseLock(f *os.File) {
	if f != nil {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}
}

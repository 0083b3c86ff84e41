package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// oldPrefix names a previous build on its way out.
const oldPrefix = ".galley-old-"

// swap puts the folder tmp in the place of dest. When dest exists the two
// are exchanged in one step (renameat2 with RENAME_EXCHANGE on Linux), so
// that at every moment dest is either the old build or the new one; the
// old build ends up at the returned path, for the caller to remove.
func swap(tmp, dest string) (old string, err error) {
	info, err := os.Lstat(dest)
	if errors.Is(err, os.ErrNotExist) {
		return "", os.Rename(tmp, dest)
	}
	if err != nil {
		return "", err
	}
	if !info.IsDir() {
		return "", fmt.Errorf("%s exists and is not a folder", dest)
	}
	if err := exchange(tmp, dest); err == nil {
		return tmp, nil
	} else if !errors.Is(err, syscall.ENOSYS) && !errors.Is(err, syscall.EINVAL) && !errors.Is(err, errNoExchange) {
		return "", err
	}
	// No atomic exchange on this system: two renames, with a window in
	// which dest is missing but the old build is still beside it.
	old = filepath.Join(filepath.Dir(dest), oldPrefix+filepath.Base(dest)+"-"+filepath.Base(tmp))
	if err := os.Rename(dest, old); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Rename(old, dest)
		return "", err
	}
	return old, nil
}

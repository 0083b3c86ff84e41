package output

import (
	"errors"

	"golang.org/x/sys/unix"
)

var errNoExchange = errors.New("atomic exchange not supported")

func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}

//go:build !unix

package output

import (
	"io"
	"os"
)

// createFile creates the file at full, which must not exist, for writing.
func createFile(full string) (io.WriteCloser, error) {
	return os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}

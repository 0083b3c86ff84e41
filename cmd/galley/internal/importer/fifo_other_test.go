//go:build !unix

package importer

import "testing"

// mkfifo skips the test: there are no named pipes in the file system here.
func mkfifo(t *testing.T, path string) {
	t.Skip("no named pipes on this system")
}

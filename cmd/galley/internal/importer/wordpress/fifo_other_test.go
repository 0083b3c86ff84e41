//go:build !unix

package wordpress

import "errors"

// mkfifo fails: there are no named pipes here.
func mkfifo(string) error { return errors.New("no named pipes") }

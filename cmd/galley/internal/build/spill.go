package build

import (
	"os"
	"sync/atomic"
)

// A spill holds bytes a build needs again later, such as the bodies its
// feeds carry, in a file rather than in memory: at 10,000 stories they
// are a third of what a build keeps live, and the collector's work and
// the heap's peak grow with them. The file is unlinked at once, so the
// system frees it however the process ends. Writers and readers may
// work at once.
type spill struct {
	f   *os.File
	end atomic.Int64
}

// A span is where a spill holds one piece.
type span struct {
	off int64
	n   int
}

// openSpill returns a spill in a new file in dir, or nil if it cannot
// make one there (a read-only site, or a system that does not let an
// open file be unlinked): the caller then keeps the bytes in memory.
func openSpill(dir string) *spill {
	if dir == "" || os.MkdirAll(dir, 0o755) != nil {
		return nil
	}
	f, err := os.CreateTemp(dir, ".tmp-spill-*")
	if err != nil {
		return nil
	}
	if err := os.Remove(f.Name()); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil
	}
	return &spill{f: f}
}

// put stores data and returns where.
func (s *spill) put(data []byte) (span, error) {
	off := s.end.Add(int64(len(data))) - int64(len(data))
	if _, err := s.f.WriteAt(data, off); err != nil {
		return span{}, err
	}
	return span{off: off, n: len(data)}, nil
}

// get returns the bytes at sp.
func (s *spill) get(sp span) ([]byte, error) {
	buf := make([]byte, sp.n)
	if _, err := s.f.ReadAt(buf, sp.off); err != nil {
		return nil, err
	}
	return buf, nil
}

// close frees the file; nil closes nothing.
func (s *spill) close() {
	if s != nil {
		s.f.Close()
	}
}

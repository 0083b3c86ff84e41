package build

import (
	"io"
	"os"
	"path/filepath"

	"galley.dev/galley/cmd/galley/internal/search"
)

// searchMemoFile is where, in the site's cache folder, the search
// index's memo of the last build's stories is kept: one for the site,
// as its entries are keyed by the stories' contents, whatever the
// destination.
const searchMemoFile = "search.memo"

// A searchMemo is the search memo of a build: the one the last build
// left, and the file this build writes its own to, which replaces it
// once the index is made.
type searchMemo struct {
	stamp string       // the build's: a memo of another Galley or site settings is not read
	old   *search.Memo // nil if none could be read
	tmp   *atomicFile  // nil if none could be made
	err   error        // the first error writing tmp
}

// newSearchMemo reads the memo that the last build of the site left,
// unless noCache is set, and opens the file for this build's.
func newSearchMemo(siteDir, stamp string, noCache bool) *searchMemo {
	path := filepath.Join(siteDir, CacheDir, searchMemoFile)
	m := &searchMemo{stamp: stamp}
	if !noCache {
		if data, err := os.ReadFile(path); err == nil {
			m.old = search.ReadMemo(data, stamp)
		}
	}
	m.tmp, _ = createAtomic(path)
	return m
}

// record returns the writer of this build's memo, or nil if there is
// no file to write it to.
func (m *searchMemo) record() io.Writer {
	if m.tmp == nil {
		return nil
	}
	return m
}

// Write writes to the memo's file, remembering the first error.
func (m *searchMemo) Write(p []byte) (int, error) {
	if m.err != nil {
		return 0, m.err
	}
	n, err := m.tmp.Write(p)
	m.err = err
	return n, err
}

// finish puts this build's memo in place of the last one if the index
// was made (ok) and the memo written whole; else it drops it. A memo is
// only a shortcut: failing to keep one fails no build.
func (m *searchMemo) finish(ok bool) {
	if m.tmp == nil {
		return
	}
	if !ok || m.err != nil {
		m.tmp.abort()
		return
	}
	_ = m.tmp.commit()
}

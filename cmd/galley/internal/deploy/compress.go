package deploy

import (
	"bytes"
	"compress/gzip"
	"fmt"

	"github.com/andybalholm/brotli"
)

// compress returns data compressed with encoding, "gzip" or "br". The
// output depends on data alone (gzip's header has no time or name), so
// that a file compresses to the same object every deploy.
func compress(data []byte, encoding string) ([]byte, error) {
	var buf bytes.Buffer
	var w interface {
		Write([]byte) (int, error)
		Close() error
	}
	switch encoding {
	case "gzip":
		w, _ = gzip.NewWriterLevel(&buf, gzip.BestCompression) // a valid level cannot fail
	case "br":
		// Quality 11 is some 20 times slower for a few percent.
		w = brotli.NewWriterLevel(&buf, 9)
	default:
		return nil, fmt.Errorf("unknown encoding %q; want gzip or br", encoding)
	}
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

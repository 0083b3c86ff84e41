package output

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"path"
	"strings"
)

// fingerprintLen is the number of hex digits of a fingerprint: 8 bytes
// of the sum, which no two versions of one stylesheet share by chance.
const fingerprintLen = 16

// Fingerprinted returns name with the hex of the first 8 bytes of sum
// before the extension of its base name: "css/galley.css" becomes
// "css/galley.0123456789abcdef.css". A build writes a stylesheet or
// script under that name too, with sum the SHA-256 of its bytes, so that
// the name changes exactly when the bytes do, and a host may let
// browsers keep the file for good. A name without an extension gets the
// digits at its end. sum must hold at least 8 bytes.
func Fingerprinted(name string, sum []byte) string {
	digits := hex.EncodeToString(sum[:fingerprintLen/2])
	ext := path.Ext(name)
	return name[:len(name)-len(ext)] + "." + digits + ext
}

// IsFingerprinted reports whether the base name of name is one that
// Fingerprinted gives a stylesheet or script: a stem, a dot, 16
// lowercase hex digits, and .css or .js. A deploy serves such a file as
// immutable, since its name changes whenever its bytes do.
func IsFingerprinted(name string) bool {
	base := path.Base(name)
	ext := path.Ext(base)
	if ext != ".css" && ext != ".js" {
		return false
	}
	stem, digits, ok := cutLast(strings.TrimSuffix(base, ext), ".")
	return ok && stem != "" && isLowerHex(digits, fingerprintLen)
}

// cutLast slices s around the last sep.
func cutLast(s, sep string) (before, after string, found bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// isLowerHex reports whether s is n lowercase hex digits: an upper-case
// digit is not what Fingerprinted writes, so such a name is someone
// else's, whose bytes may change under it.
func isLowerHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// Minify returns data as WriteFile and CopyFile write it to the file at
// name with opts (of which only NoMinify counts): minified if its type
// is one the minifier knows. A build that names a file by the sum of its
// bytes, before it writes it, sums these, and writes them with WriteRaw.
func Minify(name string, data []byte, opts Options) ([]byte, error) {
	if opts.NoMinify {
		return data, nil
	}
	var b bytes.Buffer
	b.Grow(len(data))
	if err := minifyTo(newMinifier(), &b, name, data); err != nil {
		return nil, fmt.Errorf("minify: %w", err)
	}
	return b.Bytes(), nil
}

package wordpress

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// AttachmentMeta is what an attachment's _wp_attachment_metadata tells.
type AttachmentMeta struct {
	Width, Height int    // of the original upload, in pixels
	File          string // its path under wp-content/uploads
	// Credit, Copyright and Caption are the IPTC fields WordPress read
	// from the upload (image_meta).
	Credit, Copyright, Caption string
}

// Limits of the PHP serialized values the reader accepts: the metadata
// of an image is a few kilobytes, three arrays deep.
const (
	phpMaxLen   = 1 << 20
	phpMaxDepth = 32
)

// ParseAttachmentMeta reads the value of an attachment's
// _wp_attachment_metadata, a PHP serialized array (serialize()):
//
//	a:5:{s:5:"width";i:2000;s:6:"height";i:1000;s:4:"file";s:18:"2026/11/quay-2.jpg";
//	     s:5:"sizes";a:…{…}s:10:"image_meta";a:…{s:6:"credit";s:8:"Tom Berg";…}}
//
// It reads strictly: string lengths are byte counts and must match, the
// value must be an array and nothing may follow it. Errors name the
// byte where the value goes wrong. Objects (O:, C:) and references (r:,
// R:), which WordPress never writes there, are errors.
func ParseAttachmentMeta(s string) (AttachmentMeta, error) {
	if len(s) > phpMaxLen {
		return AttachmentMeta{}, fmt.Errorf("PHP serialized value of %d bytes is longer than the %d this reads", len(s), phpMaxLen)
	}
	r := phpReader{s: s}
	if s == "" {
		return AttachmentMeta{}, r.errorf("empty value, want a PHP serialized array")
	}
	if s[0] != 'a' {
		return AttachmentMeta{}, r.errorf("want an array (a:N:{…}), found %s", r.found())
	}
	v, err := r.value(0)
	if err != nil {
		return AttachmentMeta{}, err
	}
	if r.i != len(s) {
		return AttachmentMeta{}, r.errorf("unexpected %s after the array", r.found())
	}
	return attachmentMetaOf(v)
}

// attachmentMetaOf picks the fields of AttachmentMeta from the array v.
func attachmentMetaOf(v phpValue) (AttachmentMeta, error) {
	var m AttachmentMeta
	var err error
	if m.Width, err = v.get("width").size("width"); err != nil {
		return AttachmentMeta{}, err
	}
	if m.Height, err = v.get("height").size("height"); err != nil {
		return AttachmentMeta{}, err
	}
	if f := v.get("file"); f.kind == 's' {
		m.File = f.str
	} else if f.kind != 0 && f.kind != 'N' && f.kind != 'b' {
		return AttachmentMeta{}, fmt.Errorf("PHP serialized value: file is not a string")
	}
	im := v.get("image_meta")
	m.Credit = im.get("credit").text()
	m.Copyright = im.get("copyright").text()
	m.Caption = im.get("caption").text()
	return m, nil
}

// A phpValue is one value of a PHP serialized string; kind is its type
// letter (s, i, d, b, N, a), 0 for a value that is not there.
type phpValue struct {
	kind byte
	str  string  // s
	num  int64   // i, b
	f    float64 // d
	arr  []phpEntry
}

// A phpEntry is a key (i or s) and its value in an array.
type phpEntry struct {
	key, val phpValue
}

// get returns the value of the string key name of the array v, or the
// zero phpValue.
func (v phpValue) get(name string) phpValue {
	for _, e := range v.arr {
		if e.key.kind == 's' && e.key.str == name {
			return e.val
		}
	}
	return phpValue{}
}

// text returns a string value, or "" for any other.
func (v phpValue) text() string {
	if v.kind == 's' {
		return v.str
	}
	return ""
}

// size reads a width or height: an integer, a string of digits or a
// whole float (WordPress has written all three), or nothing.
func (v phpValue) size(name string) (int, error) {
	var n int64
	switch v.kind {
	case 0, 'N':
		return 0, nil
	case 'i':
		n = v.num
	case 's':
		var err error
		if n, err = strconv.ParseInt(strings.TrimSpace(v.str), 10, 64); err != nil {
			return 0, fmt.Errorf("PHP serialized value: %s is not a number: %q", name, v.str)
		}
	case 'd':
		if v.f != math.Trunc(v.f) || math.Abs(v.f) > math.MaxInt32 {
			return 0, fmt.Errorf("PHP serialized value: %s is not a number of pixels: %v", name, v.f)
		}
		n = int64(v.f)
	default:
		return 0, fmt.Errorf("PHP serialized value: %s is not a number", name)
	}
	if n < 0 || n > math.MaxInt32 {
		return 0, fmt.Errorf("PHP serialized value: %s %d is not a size in pixels", name, n)
	}
	return int(n), nil
}

// A phpReader reads one PHP serialized value.
type phpReader struct {
	s string
	i int
}

// errorf returns an error at the reader's byte.
func (r *phpReader) errorf(format string, args ...any) error {
	return fmt.Errorf("PHP serialized value: byte %d: %s", r.i, fmt.Sprintf(format, args...))
}

// found quotes a few bytes at the reader's place, for an error.
func (r *phpReader) found() string {
	if r.i >= len(r.s) {
		return "the end"
	}
	rest := r.s[r.i:]
	if len(rest) > 12 {
		rest = rest[:12] + "…"
	}
	return strconv.Quote(rest)
}

// expect reads the bytes lit.
func (r *phpReader) expect(lit string) error {
	if !strings.HasPrefix(r.s[r.i:], lit) {
		return r.errorf("want %q, found %s", lit, r.found())
	}
	r.i += len(lit)
	return nil
}

// until returns the bytes up to the next c, and reads past c.
func (r *phpReader) until(c byte, what string) (string, error) {
	k := strings.IndexByte(r.s[r.i:], c)
	if k < 0 {
		return "", r.errorf("want %s ended by %q, found %s", what, c, r.found())
	}
	v := r.s[r.i : r.i+k]
	r.i += k + 1
	return v, nil
}

// value reads the value at the reader's byte, depth arrays deep.
func (r *phpReader) value(depth int) (phpValue, error) {
	if r.i >= len(r.s) {
		return phpValue{}, r.errorf("want a value, found the end")
	}
	start := r.i
	switch kind := r.s[r.i]; kind {
	case 'N':
		return phpValue{kind: 'N'}, r.expect("N;")
	case 'b':
		if strings.HasPrefix(r.s[r.i:], "b:0;") || strings.HasPrefix(r.s[r.i:], "b:1;") {
			v := phpValue{kind: 'b', num: int64(r.s[r.i+2] - '0')}
			r.i += 4
			return v, nil
		}
		return phpValue{}, r.errorf("want b:0; or b:1;, found %s", r.found())
	case 'i':
		if err := r.expect("i:"); err != nil {
			return phpValue{}, err
		}
		digits, err := r.until(';', "an integer")
		if err != nil {
			return phpValue{}, err
		}
		n, err := phpInt(digits)
		if err != nil {
			r.i = start
			return phpValue{}, r.errorf("%v: %q", err, digits)
		}
		return phpValue{kind: 'i', num: n}, nil
	case 'd':
		if err := r.expect("d:"); err != nil {
			return phpValue{}, err
		}
		text, err := r.until(';', "a float")
		if err != nil {
			return phpValue{}, err
		}
		f, err := phpFloat(text)
		if err != nil {
			r.i = start
			return phpValue{}, r.errorf("want a float, found %q", text)
		}
		return phpValue{kind: 'd', f: f}, nil
	case 's':
		return r.str()
	case 'a':
		return r.array(depth)
	case 'O', 'C':
		return phpValue{}, r.errorf("PHP objects (%c:) are not read", kind)
	case 'r', 'R':
		return phpValue{}, r.errorf("PHP references (%c:) are not read", kind)
	}
	return phpValue{}, r.errorf("want a value (s:, i:, d:, b:, N; or a:), found %s", r.found())
}

// length reads the N: of a string or an array.
func (r *phpReader) length(what string) (int, error) {
	digits, err := r.until(':', what+" length")
	if err != nil {
		return 0, err
	}
	if digits == "" || len(digits) > 9 || strings.Trim(digits, "0123456789") != "" {
		return 0, r.errorf("want %s length, found %q", what, digits)
	}
	n, _ := strconv.Atoi(digits)
	return n, nil
}

// str reads s:N:"…"; where N counts the bytes between the quotes.
func (r *phpReader) str() (phpValue, error) {
	start := r.i
	if err := r.expect("s:"); err != nil {
		return phpValue{}, err
	}
	n, err := r.length("a string")
	if err != nil {
		return phpValue{}, err
	}
	if err := r.expect(`"`); err != nil {
		return phpValue{}, err
	}
	if r.i+n+2 > len(r.s) {
		r.i = start
		return phpValue{}, r.errorf("string of %d bytes runs past the end (%d bytes left)", n, len(r.s)-start)
	}
	v := r.s[r.i : r.i+n]
	if r.s[r.i+n:r.i+n+2] != `";` {
		r.i = start
		return phpValue{}, r.errorf("string of %d bytes is not followed by \";: is its length in bytes (not characters)?", n)
	}
	r.i += n + 2
	return phpValue{kind: 's', str: v}, nil
}

// array reads a:N:{key value …}.
func (r *phpReader) array(depth int) (phpValue, error) {
	start := r.i
	if depth >= phpMaxDepth {
		return phpValue{}, r.errorf("arrays nested more than %d deep", phpMaxDepth)
	}
	if err := r.expect("a:"); err != nil {
		return phpValue{}, err
	}
	// Each element takes at least 6 bytes (i:0;N;), which bounds N by
	// what is left.
	n, err := r.length("an array")
	if err != nil {
		return phpValue{}, err
	}
	if n > (len(r.s)-r.i)/6 {
		r.i = start
		return phpValue{}, r.errorf("the array has %d elements, more than its %d bytes can hold", n, len(r.s)-start)
	}
	if err := r.expect("{"); err != nil {
		return phpValue{}, err
	}
	v := phpValue{kind: 'a', arr: make([]phpEntry, 0, n)}
	for range n {
		if r.i >= len(r.s) || r.s[r.i] != 'i' && r.s[r.i] != 's' {
			return phpValue{}, r.errorf("want a key (i: or s:), found %s", r.found())
		}
		key, err := r.value(depth + 1)
		if err != nil {
			return phpValue{}, err
		}
		val, err := r.value(depth + 1)
		if err != nil {
			return phpValue{}, err
		}
		v.arr = append(v.arr, phpEntry{key, val})
	}
	if err := r.expect("}"); err != nil {
		return phpValue{}, err
	}
	return v, nil
}

// phpInt parses the digits of i:…; as PHP writes them, with an
// optional sign.
func phpInt(s string) (int64, error) {
	d := strings.TrimLeft(s, "+-")
	if len(s)-len(d) > 1 || d == "" || strings.Trim(d, "0123456789") != "" {
		return 0, fmt.Errorf("want an integer")
	}
	n, err := strconv.ParseInt(strings.TrimPrefix(s, "+"), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("integer out of range")
	}
	return n, nil
}

// phpFloat parses the text of d:…;, which PHP writes as a decimal,
// INF, -INF or NAN.
func phpFloat(s string) (float64, error) {
	switch s {
	case "INF":
		return math.Inf(1), nil
	case "-INF":
		return math.Inf(-1), nil
	case "NAN":
		return math.NaN(), nil
	}
	if strings.Trim(s, "0123456789+-.eE") != "" {
		return 0, fmt.Errorf("not a float")
	}
	return strconv.ParseFloat(s, 64)
}

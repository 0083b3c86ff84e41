package slug

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxSegment is the longest slug or content folder name Check accepts, in
// bytes: file systems take 255 bytes a name, and the margin keeps a
// page's folder clear of that limit on every one of them.
const MaxSegment = 200

// Check reports why s cannot be a slug written in front matter, or the
// name of a section folder, article file or bundle that gives one: nil
// when it is a safe single segment of a URL path and of a file path.
//
// Such a segment is 1 to MaxSegment bytes of UTF-8 in normal form C,
// made of letters and digits of any script, combining marks, and the
// characters - . _ ~ (the unreserved characters of a URL). So it holds
// no slash or backslash, no control or invisible character, no space,
// and no %, ? or # that would change the URL's meaning; it is not . or
// .., and cannot name a path outside the folder it is joined to. Letter
// case is kept: "News" and "news" are two slugs, which a case-insensitive
// file system (macOS, Windows) stores in one folder. Also refused, since
// a host or an operating system treats them apart: a leading dot (hidden
// files that servers refuse), a leading underscore (folders that
// Jekyll-based hosts such as GitHub Pages skip), a trailing dot (which
// Windows drops) and Windows device names (CON, NUL, COM1, …, also with
// an extension).
//
// The error begins with s quoted, to be read after what s is ("slug").
func Check(s string) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%q "+format, append([]any{s}, args...)...)
	}
	switch {
	case s == "":
		return bad("is empty")
	case len(s) > MaxSegment:
		return bad("is %d bytes, over the limit of %d", len(s), MaxSegment)
	case !utf8.ValidString(s):
		return bad("is not valid UTF-8")
	case s == "." || s == "..":
		return bad("is a dot, which names a folder, not a page")
	}
	for _, r := range s {
		if !segmentRune(r) {
			return bad("has %s (allowed: letters, digits and - . _ ~)", describe(r))
		}
	}
	switch {
	case s[0] == '.':
		return bad("starts with a dot, which hides a file from web servers")
	case s[0] == '_':
		return bad("starts with an underscore, which hides a folder from hosts that run Jekyll (GitHub Pages)")
	case s[len(s)-1] == '.':
		return bad("ends with a dot, which Windows drops from file names")
	case isDevice(s):
		return bad("is a device name on Windows, where no folder may have it")
	case !norm.NFC.IsNormalString(s):
		return bad("is not in Unicode normal form C; write it as %q", norm.NFC.String(s))
	}
	return nil
}

// segmentRune reports whether r may be part of a segment.
func segmentRune(r rune) bool {
	switch r {
	case '-', '.', '_', '~':
		return true
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Nd, r) || unicode.IsMark(r)
}

// describe names a refused character for a message.
func describe(r rune) string {
	switch r {
	case '/':
		return "a slash, which would put the page in another folder"
	case '\\':
		return "a backslash, which Windows reads as a slash"
	case ' ':
		return "a space"
	}
	return fmt.Sprintf("the character %q", r)
}

// isDevice reports whether s, or the part of it before its first dot, is
// a name that Windows reserves for a device in every folder.
func isDevice(s string) bool {
	base, _, _ := strings.Cut(s, ".")
	switch strings.ToUpper(base) {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	if len(base) == 4 && base[3] >= '0' && base[3] <= '9' {
		switch strings.ToUpper(base[:3]) {
		case "COM", "LPT":
			return true
		}
	}
	return false
}

// Suggest returns a slug to propose in place of s, which Check refused:
// s made into lowercase ASCII words as Make does, but whole up to
// MaxSegment bytes (cut at a hyphen past that), so that a message never
// proposes a silently shortened slug. It returns "" when no such slug
// passes Check.
func Suggest(s string) string {
	sg := Cut(words(s), MaxSegment)
	if Check(sg) != nil {
		return ""
	}
	return sg
}

// EscapePath percent-encodes each segment of the site path p
// ("/news/Überraschung/" → "/news/%C3%9Cberraschung/"), for the places
// that need a URL in ASCII (sitemaps, RSS), since a segment that Check
// accepts may hold letters of any script. A slug made by Make comes out
// unchanged; the file of the page stays at the unescaped path, which is
// what a web server looks up after decoding the request.
func EscapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

package content

import (
	"bytes"
	"strings"
)

// keyLine returns the file line of key in front matter fm: a top-level
// key, or with parent set a key nested one level under parent. It serves
// problems found after decoding (a slug that clashes with another file's);
// when the key is absent it returns 1, the line that opens the front
// matter, which is where a missing key belongs.
//
// It reads fm only up to the key, so a call per bad alias costs the lines
// above "aliases", not the whole front matter.
func keyLine(fm []byte, key, parent string) int {
	inParent := parent == ""
	for i := 0; ; i++ {
		line, rest, more := bytes.Cut(fm, []byte("\n"))
		fm = rest
		s := string(line)
		top := len(s) > 0 && s[0] != ' ' && s[0] != '\t'
		trimmed := strings.TrimSpace(s)
		if parent != "" && top {
			inParent = hasKey(trimmed, parent) || trimmed == "["+parent+"]"
		} else if inParent && (parent != "" || top) && hasKey(trimmed, key) {
			return i + 2 // front matter starts on the file's second line
		}
		if !more {
			return 1
		}
	}
}

// hasKey reports whether a YAML or TOML line sets key.
func hasKey(line, key string) bool {
	rest, ok := strings.CutPrefix(line, key)
	if !ok {
		return false
	}
	rest = strings.TrimLeft(rest, " \t")
	return strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "=")
}

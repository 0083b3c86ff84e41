package markdown

import (
	"sort"
	"strings"
)

// Fences returns the byte ranges [start, end) of the fenced code blocks
// of a markdown text (``` or ~~~, indented at most three spaces, up to
// the closing fence or the end), so that conversions and scans leave code as it is.
func Fences(s string) [][2]int {
	var out [][2]int
	open, char, width := -1, byte(0), 0
	for off := 0; off < len(s); {
		end := strings.IndexByte(s[off:], '\n')
		next := len(s)
		if end >= 0 {
			next = off + end + 1
		}
		line := strings.TrimRight(s[off:next], "\r\n")
		trimmed := strings.TrimLeft(line, " ")
		indent := len(line) - len(trimmed)
		if c, n := fenceRun(trimmed); indent <= 3 && n >= 3 {
			switch {
			case open < 0 && !(c == '`' && strings.ContainsRune(trimmed[n:], '`')):
				open, char, width = off, c, n
			case open >= 0 && c == char && n >= width && strings.TrimSpace(trimmed[n:]) == "":
				out = append(out, [2]int{open, next})
				open = -1
			}
		}
		off = next
	}
	if open >= 0 {
		out = append(out, [2]int{open, len(s)})
	}
	return out
}

// fenceRun returns the fence character starting s and how many times it
// repeats; 0 when s does not start with ` or ~.
func fenceRun(s string) (byte, int) {
	if s == "" || s[0] != '`' && s[0] != '~' {
		return 0, 0
	}
	n := 0
	for n < len(s) && s[n] == s[0] {
		n++
	}
	return s[0], n
}

// InFence returns the end of the fence that holds offset i, or -1. The
// converters ask at every byte, so it searches the fences, which Fences
// returns in order, by halves.
func InFence(fences [][2]int, i int) int {
	k := sort.Search(len(fences), func(k int) bool { return fences[k][1] > i })
	if k < len(fences) && fences[k][0] <= i {
		return fences[k][1]
	}
	return -1
}

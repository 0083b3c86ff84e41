package jekyll

import (
	"regexp"
	"strings"

	"galley.dev/galley/cmd/galley/internal/markdown"
)

// ialID matches a kramdown attribute list line that gives an ID:
// "{: #v1-0-0}", maybe with classes ("{: #a .b}").
var ialID = regexp.MustCompile(`^ {0,3}\{:\s*(?:\.[\w-]+\s+)*#([A-Za-z][A-Za-z0-9_.:-]*)[^}]*\}\s*$`)

// headingIDs moves the IDs that kramdown attribute lists give headings
// (a line "{: #v1-0-0}" under "## 1.0.0") onto the heading, as
// "## 1.0.0 {#v1-0-0}", which Galley reads: links to the old site's
// #v1-0-0 then find it. It returns how many it moved; code is left as
// it is.
func headingIDs(body string) (string, int) {
	if !strings.Contains(body, "{:") {
		return body, 0
	}
	fences := markdown.Fences(body)
	lines := strings.SplitAfter(body, "\n")
	off, n := 0, 0
	out := lines[:0:0]
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		at := off
		off += len(line)
		if i+1 < len(lines) && markdown.InFence(fences, at) < 0 && strings.HasPrefix(strings.TrimLeft(line, " "), "#") {
			if m := ialID.FindStringSubmatch(strings.TrimRight(lines[i+1], "\r\n")); m != nil {
				next := lines[i+1]
				out = append(out, strings.TrimRight(line, "\r\n")+" {#"+m[1]+"}"+next[len(strings.TrimRight(next, "\r\n")):])
				off += len(lines[i+1])
				i++
				n++
				continue
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, ""), n
}

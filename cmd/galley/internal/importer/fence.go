package importer

import (
	"strings"
)

// A LineCounter gives the lines of offsets of a text asked in order,
// counting each byte once: a converter that counted from the start for
// every tag took time in the square of the tags.
type LineCounter struct {
	text           string
	first, at, cur int
}

// NewLineCounter counts the lines of text, whose first line is first.
func NewLineCounter(text string, first int) *LineCounter {
	return &LineCounter{text: text, first: first, cur: first}
}

// Line returns the line of the offset i.
func (c *LineCounter) Line(i int) int {
	if i < c.at {
		c.at, c.cur = 0, c.first
	}
	c.cur += strings.Count(c.text[c.at:i], "\n")
	c.at = i
	return c.cur
}

// Fence writes code as a fenced block in language lang, with a fence
// longer than any run of backticks in the code.
func Fence(lang, code string) string {
	n := 3
	for run, i := 0, 0; i < len(code); i++ {
		if code[i] == '`' {
			run++
			n = max(n, run+1)
		} else {
			run = 0
		}
	}
	f := strings.Repeat("`", n)
	code = strings.TrimPrefix(strings.TrimPrefix(code, "\r"), "\n")
	code = strings.TrimRight(code, " \t\r\n")
	return f + lang + "\n" + code + "\n" + f
}

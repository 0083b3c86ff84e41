// Package importer turns plain-text exports from a newsroom's old CMS into
// Galley articles.
//
// An export looks like a web page flattened to text:
//
//	Trump confirms CIA covert drone strike on Venezuelan port facility   ← title
//
//	Share on facebook                                                    ← share buttons
//	Share on twitter
//	Trump bestätigt verdeckten CIA-Drohnenangriff …                      ← caption (optional)
//	Credit: John McDonnell/AP                                            ← credit (optional)
//	Published: 2026-11-20                                                ← date (optional)
//
//	A covert CIA drone strike …                                          ← paragraphs
//
//	How has US policy toward Venezuela recently shifted?                 ← subheading
//
//	“These narcoterrorists are the al Qaeda of our hemisphere,”          ← a quotation torn
//	                                                                     ← from its sentence
//	Hegseth said earlier this month.
//
//	Research Staff                                                       ← author, maybe twice
//	Sign up for our Newsletter                                           ← boilerplate
//
// Parse recovers the title, caption, credit, date, authors and the body as
// paragraphs and subheadings, joins torn quotations back into their
// sentences, and drops the boilerplate, keeping every sentence of the text.
package importer

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// An Article is an export, understood.
type Article struct {
	Title           string
	Caption, Credit string
	Authors         []string
	// Date is from a date line in the export; zero if it has none.
	Date   time.Time
	Blocks []Block
	Stats  Stats
}

// A Block is a paragraph or a subheading of the body.
type Block struct {
	Text    string
	Heading bool
}

// Stats say what Parse inferred, for the import's report.
type Stats struct {
	Headings, QuotesJoined, LinesDropped int
}

// Problems with an export that stop its import.
var (
	ErrEmpty        = errors.New("empty file: nothing to import")
	ErrBinary       = errors.New("not a text export (binary or not UTF-8)")
	ErrNoParagraphs = errors.New("no paragraphs after the title: is this an article export?")
)

var (
	shareRE      = regexp.MustCompile(`(?i)^share\s+(on|via|to|with)\s+\S+$|^(facebook|twitter|x|linkedin|whatsapp|email|reddit|bluesky|print|copy link)$`)
	creditRE     = regexp.MustCompile(`(?i)^(?:photo\s+)?credits?\s*:\s*(.+)$`)
	newsletterRE = regexp.MustCompile(`(?i)^(sign\s*up|subscribe)\b.*\bnewsletters?\b.*$|^newsletter\s*(sign\s*up)?$|^get our newsletter.*$`)
	bylineRE     = regexp.MustCompile(`^(?i:by)\s+(\p{Lu}.*)$`)
	datePrefixRE = regexp.MustCompile(`(?i)^(?:published|updated|posted|date|first published)\s*(?:on|at)?\s*:?\s*(.+)$`)
)

// Parse reads an export. name is used only in messages.
func Parse(name string, data []byte) (*Article, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, ErrEmpty
	}
	if bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) {
		return nil, ErrBinary
	}
	lines := normalise(string(data))
	a := &Article{}
	i := 0
	for i < len(lines) && lines[i] == "" {
		i++
	}
	a.Title = lines[i]
	i++
	i = a.header(lines, i)
	blocks := splitBlocks(lines[i:], &a.Stats)
	blocks = a.trailer(blocks)
	if len(blocks) == 0 {
		return nil, ErrNoParagraphs
	}
	blocks = joinTornQuotes(blocks, &a.Stats)
	for _, b := range blocks {
		blk := Block{Text: b, Heading: isHeading(b)}
		if blk.Heading {
			a.Stats.Headings++
		}
		a.Blocks = append(a.Blocks, blk)
	}
	if !hasParagraph(a.Blocks) {
		return nil, ErrNoParagraphs
	}
	return a, nil
}

func hasParagraph(blocks []Block) bool {
	for _, b := range blocks {
		if !b.Heading {
			return true
		}
	}
	return false
}

// normalise splits text into lines without the export's stray whitespace:
// non-breaking and other spaces become plain ones, runs of them one, and
// lines are trimmed. Line endings may be LF, CRLF or CR.
func normalise(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	text = strings.TrimPrefix(text, "\ufeff")
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.FieldsFunc(l, isSpace), " ")
	}
	return lines
}

func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff'
}

// header reads the lines between the title and the first paragraph:
// share buttons, the image's caption and credit, and a date line. It
// returns the index of the first line of the body.
func (a *Article) header(lines []string, i int) int {
	for {
		for i < len(lines) && lines[i] == "" {
			i++
		}
		j := i
		for j < len(lines) && lines[j] != "" {
			j++
		}
		block := lines[i:j]
		if len(block) == 0 || !a.headerBlock(block) {
			return i
		}
		i = j
	}
}

// headerBlock takes a block of lines if it is header material, and
// reports whether it was.
func (a *Article) headerBlock(block []string) bool {
	kinds := make([]string, len(block))
	credit := -1
	share := false
	for k, l := range block {
		switch {
		case shareRE.MatchString(l):
			kinds[k], share = "share", true
		case creditRE.MatchString(l):
			kinds[k], credit = "credit", k
		case a.Date.IsZero() && parseDateLine(l) != (time.Time{}):
			kinds[k] = "date"
		}
	}
	if !share && credit < 0 && !(len(block) == 1 && kinds[0] == "date") {
		return false
	}
	for k, l := range block {
		switch kinds[k] {
		case "share":
			a.Stats.LinesDropped++
		case "credit":
			a.Credit = strings.TrimSpace(creditRE.FindStringSubmatch(l)[1])
			a.Stats.LinesDropped++
		case "date":
			a.Date = parseDateLine(l)
			a.Stats.LinesDropped++
		default:
			// Text among the share buttons, before the credit, is the
			// image's caption.
			if credit < 0 || k < credit {
				a.Caption = strings.TrimSpace(a.Caption + " " + l)
				a.Stats.LinesDropped++
			} else {
				return false
			}
		}
	}
	return true
}

// splitBlocks joins the lines of each blank-line-separated block, and
// drops boilerplate lines wherever they are.
func splitBlocks(lines []string, st *Stats) []string {
	var blocks []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			blocks = append(blocks, strings.Join(cur, " "))
			cur = nil
		}
	}
	for _, l := range lines {
		switch {
		case l == "":
			flush()
		case shareRE.MatchString(l), newsletterRE.MatchString(l):
			st.LinesDropped++
		default:
			cur = append(cur, l)
		}
	}
	flush()
	return blocks
}

// trailer takes the author lines that end an export ("Research Staff",
// maybe twice, or "By Ana Ruiz") and returns the blocks before them.
func (a *Article) trailer(blocks []string) []string {
	for len(blocks) > 0 {
		last := blocks[len(blocks)-1]
		name, ok := authorLine(last)
		if !ok {
			break
		}
		if !contains(a.Authors, name) {
			a.Authors = append([]string{name}, a.Authors...)
		}
		a.Stats.LinesDropped++
		blocks = blocks[:len(blocks)-1]
	}
	return blocks
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// authorLine reports whether a block is an author's name: a few words,
// each starting with a capital, without sentence punctuation.
func authorLine(s string) (string, bool) {
	if m := bylineRE.FindStringSubmatch(s); m != nil {
		s = m[1]
	}
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 5 || strings.ContainsAny(s, ".!?:;“”\"") && !isInitials(s) {
		return "", false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && w != "and" && w != "de" && w != "van" && w != "von" && w != "&" {
			return "", false
		}
	}
	return s, true
}

// isInitials allows names such as "A. N. Other" or "J.R. Smith".
func isInitials(s string) bool { return initialsRE.MatchString(s) }

var initialsRE = regexp.MustCompile(`^(\p{Lu}\.\s?)+\s?\p{Lu}[\p{L}'’-]+$`)

// parseDateLine returns the date a line gives, or the zero time.
func parseDateLine(l string) time.Time {
	if m := datePrefixRE.FindStringSubmatch(l); m != nil {
		l = m[1]
	}
	l = strings.TrimSuffix(strings.TrimSpace(l), ".")
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, l); err == nil {
			return t
		}
	}
	return time.Time{}
}

var dateLayouts = []string{
	time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02",
	"January 2, 2006", "January 2, 2006 15:04", "January 2, 2006, 15:04", "January 2, 2006 3:04 PM", "January 2, 2006, 3:04 PM",
	"Jan 2, 2006", "2 January 2006", "2 January 2006 15:04", "2 January 2006, 15:04", "2 Jan 2006",
	"Monday, January 2, 2006", "Monday 2 January 2006", "02/01/2006",
}

// String describes what Parse inferred.
func (s Stats) String() string {
	return fmt.Sprintf("%d headings, %d quotes joined, %d lines dropped", s.Headings, s.QuotesJoined, s.LinesDropped)
}

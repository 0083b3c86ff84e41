// Package permalink holds the URL patterns of a site's stories, as
// site.yaml's permalinks: gives them per section:
//
//	permalinks:
//	  news: /news/:year/:month/:day/:slug/
//	  opinion: /:section/:year/:slug/
//
// A pattern is a site path that starts and ends with a slash, made of
// literal segments and the tokens :section (the story's folder), :year,
// :month and :day (of its date, in the site's time zone, as 2026, 01
// and 09) and :slug, which it must hold once, in its last segment, so
// that two stories of one day never share a URL. A token fills a whole
// segment. The first segment may not be :slug, nor a path Galley writes
// itself (topics, authors, page), so that a story never takes the place
// of a listing.
package permalink

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"galley.dev/galley/cmd/galley/internal/slug"
)

// A Pattern is a parsed permalink pattern. The zero Pattern is the
// default, /:section/:slug/.
type Pattern struct {
	segs []string // literal segments and tokens, in order
}

// tokens are the names a segment may take after a colon.
var tokens = []string{":section", ":year", ":month", ":day", ":slug"}

// reserved are first segments of paths Galley writes itself.
var reserved = []string{"topics", "authors", "page"}

// Parse parses a pattern, saying what is wrong with a bad one.
func Parse(s string) (Pattern, error) {
	if !strings.HasPrefix(s, "/") || !strings.HasSuffix(s, "/") || len(s) < 3 {
		return Pattern{}, fmt.Errorf("%q: want a path that starts and ends with /, such as /:section/:year/:month/:slug/", s)
	}
	segs := strings.Split(s[1:len(s)-1], "/")
	for i, seg := range segs {
		switch {
		case strings.HasPrefix(seg, ":") && strings.Count(seg, ":") == 1 && !strings.ContainsAny(seg, "-._~"):
			if !contains(tokens, seg) {
				return Pattern{}, fmt.Errorf("%q: unknown token %s; use %s", s, seg, strings.Join(tokens, ", "))
			}
		case strings.Contains(seg, ":"):
			return Pattern{}, fmt.Errorf("%q: a token fills a whole segment (/%s/ is not one)", s, seg)
		default:
			if err := slug.Check(seg); err != nil {
				return Pattern{}, fmt.Errorf("%q: segment %q: %w", s, seg, err)
			}
			if i == 0 && contains(reserved, seg) {
				return Pattern{}, fmt.Errorf("%q: /%s/ is Galley's own; start the pattern with another segment", s, seg)
			}
		}
	}
	if segs[len(segs)-1] != ":slug" || strings.Count(s, ":slug") != 1 {
		return Pattern{}, errors.New(strconv.Quote(s) + ": want :slug once, as the last segment, so that every story has a URL of its own")
	}
	if len(segs) == 1 {
		return Pattern{}, errors.New(strconv.Quote(s) + ": a story at /:slug/ would take the place of a page or section; start with :section, :year or a word")
	}
	return Pattern{segs: segs}, nil
}

// String returns the pattern as written.
func (p Pattern) String() string {
	if p.segs == nil {
		return "/:section/:slug/"
	}
	return "/" + strings.Join(p.segs, "/") + "/"
}

// Expand returns the URL of a story of section, with slug s, dated t
// (already in the site's time zone).
func (p Pattern) Expand(section, s string, t time.Time) string {
	if p.segs == nil {
		return "/" + section + "/" + s + "/"
	}
	var b strings.Builder
	b.Grow(len(section) + len(s) + 16)
	for _, seg := range p.segs {
		b.WriteByte('/')
		switch seg {
		case ":section":
			b.WriteString(section)
		case ":year":
			b.WriteString(pad(t.Year(), 4))
		case ":month":
			b.WriteString(pad(int(t.Month()), 2))
		case ":day":
			b.WriteString(pad(t.Day(), 2))
		case ":slug":
			b.WriteString(s)
		default:
			b.WriteString(seg)
		}
	}
	b.WriteByte('/')
	return b.String()
}

// Dated reports whether the pattern uses the story's date, so that a
// new date moves the story.
func (p Pattern) Dated() bool {
	for _, seg := range p.segs {
		if seg == ":year" || seg == ":month" || seg == ":day" {
			return true
		}
	}
	return false
}

func pad(n, width int) string {
	s := strconv.Itoa(n)
	for len(s) < width {
		s = "0" + s
	}
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

package content

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// dateLayouts are the ways a date may be written: as editors type them,
// as Hugo and Jekyll sites hold them, and as feeds and mail write them
// (RFC 1123 and 822). Layouts without a zone are read in the site's time
// zone. A fraction of a second after the seconds is read by every layout
// that has seconds (time.Parse allows it). A zone written as a name
// (EDT) is replaced by its offset before these are tried: see zoneOffsets.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -07:00",
	"2006-01-02 15:04 -0700",
	"2006-01-02 15:04 -07:00",
	"2006-01-02",
	"Mon, 2 Jan 2006 15:04:05 -0700", // RFC 1123Z, and RFC 1123 once its zone is an offset
	"Mon, 2 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 06 15:04:05 -0700",
	"2 Jan 06 15:04 -0700", // RFC 822Z, and RFC 822 once its zone is an offset
	"January 2, 2006",
	"Jan 2, 2006",
	"Monday, January 2, 2006",
	"Mon, Jan 2, 2006",
	"2 January 2006",
	"2 Jan 2006",
	"2006/01/02",
	"2006/01/02 15:04",
	"2006/01/02 15:04:05",
}

// zoneOffsets are the zone abbreviations Galley reads, with their offsets
// in hours. time.Parse knows an abbreviation's offset only when it is the
// location's own, and otherwise makes up a zone at UTC: a story dated
// 10:00 EDT would go out four hours early. So dates are read only with
// these, the common North American and European ones; others (IST is
// India's, Ireland's and Israel's) must be written as offsets.
var zoneOffsets = map[string]string{
	"UT": "+0000", "UTC": "+0000", "GMT": "+0000", "Z": "+0000",
	"EST": "-0500", "EDT": "-0400",
	"CST": "-0600", "CDT": "-0500",
	"MST": "-0700", "MDT": "-0600",
	"PST": "-0800", "PDT": "-0700",
	"WET": "+0000", "WEST": "+0100", "BST": "+0100",
	"CET": "+0100", "CEST": "+0200",
	"EET": "+0200", "EEST": "+0300",
}

// asianZones are the offsets of the abbreviations in zoneOffsets that
// also name a zone in Asia, read so on a site whose time zone is there.
var asianZones = map[string]string{"CST": "+0800", "BST": "+0600"}

// dateAdvice ends every message about a date that cannot be read.
const dateAdvice = "write 2026-11-24 or 2026-11-24T09:30:00+01:00"

// ParseDate reads s, a date as written in front matter, in loc: see the
// package documentation for the forms it reads. Its errors say how to
// write the date instead.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	text := strings.TrimSpace(s)
	if head, zone, ok := zoneName(text); ok {
		off, known := zoneOffsets[zone]
		if asian, ok := asianZones[zone]; ok && strings.HasPrefix(loc.String(), "Asia/") {
			off = asian // a site in Asia means China's CST, Bangladesh's BST
		}
		if !known {
			return time.Time{}, fmt.Errorf("cannot read %q as a date: the time zone %q is not one Galley knows; write its offset, such as 2016-07-19 10:00:00 -04:00", s, zone)
		}
		text = head + " " + off
	}
	var rangeErr *time.ParseError
	for _, layout := range dateLayouts {
		t, err := time.ParseInLocation(layout, text, loc)
		if err == nil {
			return t, nil
		}
		// A message says a part was out of range ("month out of range"):
		// the layout was right and the date is not.
		var pe *time.ParseError
		if rangeErr == nil && errors.As(err, &pe) && pe.Message != "" {
			rangeErr = pe
		}
	}
	if rangeErr != nil {
		return time.Time{}, fmt.Errorf("cannot read %q as a date (%s); %s", s, strings.TrimPrefix(rangeErr.Message, ": "), dateAdvice)
	}
	return time.Time{}, fmt.Errorf("cannot read %q as a date; %s", s, dateAdvice)
}

// zoneName splits a date that ends in a zone written as a name, after a
// time ("10:00:00 EDT"), into the rest and the name.
func zoneName(s string) (head, zone string, ok bool) {
	i := strings.LastIndexByte(s, ' ')
	if i < 0 {
		return "", "", false
	}
	head, zone = s[:i], s[i+1:]
	if len(zone) > 5 || !strings.Contains(head, ":") {
		return "", "", false
	}
	for _, r := range zone {
		if r < 'A' || r > 'Z' {
			return "", "", false
		}
	}
	return head, zone, true
}

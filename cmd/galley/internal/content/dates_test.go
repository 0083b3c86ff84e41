package content

import (
	"strings"
	"testing"
	"time"
)

// TestParseDateAsPeopleWriteThem checks the ways dates are written in
// Hugo and Jekyll sites and by hand: each is read as the time it means,
// in the site's time zone (Berlin here) when it names none, and the
// broken ones are errors that say what is wrong.
func TestParseDateAsPeopleWriteThem(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339 with fractions, or the start of the error
	}{
		// ISO dates and RFC 3339.
		{"2026-11-24", "2026-11-24T00:00:00+01:00"},
		{"2026-11-24T09:30:00Z", "2026-11-24T09:30:00Z"},
		{"2026-11-24T09:30:00-05:00", "2026-11-24T09:30:00-05:00"},
		{"2026-11-24T09:30:00.123456Z", "2026-11-24T09:30:00.123456Z"},
		{"2026-11-24T09:30:00.5+02:00", "2026-11-24T09:30:00.5+02:00"},
		{"2016-07-19T10:00:00-0400", "2016-07-19T10:00:00-04:00"},
		{" 2026-11-24 ", "2026-11-24T00:00:00+01:00"},
		// Numeric offsets after a space, as Jekyll writes them.
		{"2016-07-19 10:00:00 -0400", "2016-07-19T10:00:00-04:00"},
		{"2016-07-19 10:00:00 -04:00", "2016-07-19T10:00:00-04:00"},
		{"2016-07-19 10:00:00.25 +0530", "2016-07-19T10:00:00.25+05:30"},
		{"2016-07-19 10:00 +0200", "2016-07-19T10:00:00+02:00"},
		// No zone: the site's, with its summer time.
		{"2026-07-01T09:30:00", "2026-07-01T09:30:00+02:00"},
		{"2026-11-24 09:30:00", "2026-11-24T09:30:00+01:00"},
		{"2026-11-24 09:30", "2026-11-24T09:30:00+01:00"},
		{"2026-11-24T09:30", "2026-11-24T09:30:00+01:00"},
		// Zone abbreviations, which time.Parse reads as UTC unless they
		// are the location's own.
		{"2016-07-19 10:00:00 EDT", "2016-07-19T10:00:00-04:00"},
		{"2016-01-19 10:00:00 EST", "2016-01-19T10:00:00-05:00"},
		{"2016-07-19 10:00:00 CDT", "2016-07-19T10:00:00-05:00"},
		{"2016-01-19 10:00:00 CST", "2016-01-19T10:00:00-06:00"},
		{"2016-07-19 10:00:00 MDT", "2016-07-19T10:00:00-06:00"},
		{"2016-01-19 10:00:00 MST", "2016-01-19T10:00:00-07:00"},
		{"2016-07-19 10:00:00 PDT", "2016-07-19T10:00:00-07:00"},
		{"2016-01-19 10:00 PST", "2016-01-19T10:00:00-08:00"},
		{"2016-07-19 10:00:00 UTC", "2016-07-19T10:00:00Z"},
		{"2016-07-19 10:00:00 GMT", "2016-07-19T10:00:00Z"},
		{"2016-07-19 10:00:00 BST", "2016-07-19T10:00:00+01:00"},
		{"2016-01-19 10:00:00 CET", "2016-01-19T10:00:00+01:00"},
		{"2016-07-19 10:00:00 CEST", "2016-07-19T10:00:00+02:00"},
		// RFC 1123, 1123Z and 822, as feeds and mail write them.
		{"Tue, 19 Jul 2016 10:00:00 EDT", "2016-07-19T10:00:00-04:00"},
		{"Tue, 19 Jul 2016 10:00:00 -0400", "2016-07-19T10:00:00-04:00"},
		{"Tue, 19 Jul 2016 10:00:00 GMT", "2016-07-19T10:00:00Z"},
		{"Sat, 9 Jul 2016 10:00:00 +0000", "2016-07-09T10:00:00Z"},
		{"19 Jul 2016 10:00:00 -0400", "2016-07-19T10:00:00-04:00"},
		{"19 Jul 16 10:00 PDT", "2016-07-19T10:00:00-07:00"},
		{"19 Jul 16 10:00 -0700", "2016-07-19T10:00:00-07:00"},
		// Dates in words, and with slashes.
		{"January 2, 2006", "2006-01-02T00:00:00+01:00"},
		{"Jan 2, 2006", "2006-01-02T00:00:00+01:00"},
		{"july 19, 2016", "2016-07-19T00:00:00+02:00"},
		{"2 January 2006", "2006-01-02T00:00:00+01:00"},
		{"19 Jul 2016", "2016-07-19T00:00:00+02:00"},
		{"2006/01/02", "2006-01-02T00:00:00+01:00"},
		{"2006/01/02 15:04", "2006-01-02T15:04:00+01:00"},
		// Broken ones.
		{"2016-07-19 (optional)", `cannot read "2016-07-19 (optional)" as a date (extra text: " (optional)"); write 2026-11-24 or 2026-11-24T09:30:00+01:00`},
		{"next tuesday", `cannot read "next tuesday" as a date;`},
		{"2026-13-45", `cannot read "2026-13-45" as a date (month out of range)`},
		{"2026-02-30", `cannot read "2026-02-30" as a date (day out of range)`},
		{"2016-07-19 10:00:00 XYZ", `cannot read "2016-07-19 10:00:00 XYZ" as a date: the time zone "XYZ" is not one Galley knows; write its offset, such as 2016-07-19 10:00:00 -04:00`},
		{"2016-07-19 10:00:00 IST", `cannot read "2016-07-19 10:00:00 IST" as a date: the time zone "IST" is not one Galley knows`},
		{"Jan 32, 2016", `cannot read "Jan 32, 2016" as a date`},
		{"2016-07-19 10:00:00 EDT EDT", `cannot read "2016-07-19 10:00:00 EDT EDT" as a date`},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in, berlin)
		if strings.HasPrefix(tt.want, "cannot") {
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("ParseDate(%q) = %v, %v; want error %q", tt.in, got, err, tt.want)
			}
			continue
		}
		if err != nil || got.Format(time.RFC3339Nano) != tt.want {
			t.Errorf("ParseDate(%q) = %s, %v; want %s", tt.in, got.Format(time.RFC3339Nano), err, tt.want)
		}
	}
}

// FuzzParseDate checks that parseDate never panics, and that a date it
// accepts has a sensible year and offset and, written as RFC 3339, reads
// back the same.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"2026-11-24", "2026-11-24T09:30:00.123Z", "2016-07-19 10:00:00 -0400",
		"2016-07-19 10:00:00 EDT", "Tue, 19 Jul 2016 10:00:00 EDT", "19 Jul 16 10:00 PDT",
		"January 2, 2006", "2 January 2006", "2006/01/02", "2016-07-19 (optional)",
		"2016-07-19 10:00:00 XYZ", "2026-03-29 02:30",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseDate(s, berlin)
		if err != nil {
			if !strings.Contains(err.Error(), "as a date") {
				t.Fatalf("ParseDate(%q): error %q does not say what it could not read", s, err)
			}
			return
		}
		if y := got.Year(); y < 0 || y > 9999 {
			t.Fatalf("ParseDate(%q) = %v: year out of range", s, got)
		}
		if _, off := got.Zone(); off < -24*3600 || off > 24*3600 {
			t.Fatalf("ParseDate(%q) = %v: offset out of range", s, got)
		}
		// Feeds and pages write RFC 3339, which has no seconds in its
		// offsets (Berlin's before 1893 was +00:53:28): what is written
		// must read back as itself.
		out := got.Format(time.RFC3339Nano)
		back, err := ParseDate(out, berlin)
		if err != nil || back.Format(time.RFC3339Nano) != out {
			t.Fatalf("ParseDate(%q) = %s, which reads back as %s, %v", s, out, back.Format(time.RFC3339Nano), err)
		}
	})
}

func TestAsianZoneNames(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	got, err := ParseDate("2016-01-19 10:00:00 CST", shanghai)
	if err != nil || got.Format(time.RFC3339) != "2016-01-19T10:00:00+08:00" {
		t.Errorf("CST on a site in Shanghai = %v, %v; want China's +08:00", got, err)
	}
	got, err = ParseDate("2016-01-19 10:00:00 CST", time.UTC)
	if err != nil || got.Format(time.RFC3339) != "2016-01-19T10:00:00-06:00" {
		t.Errorf("CST on a site in UTC = %v, %v; want the US's -06:00", got, err)
	}
}

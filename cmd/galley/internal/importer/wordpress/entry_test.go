package wordpress

import "testing"

// TestStoryDate checks how a post's two WordPress dates are written: with
// the offset their difference gives, in UTC when that is no zone's, and
// without a zone (the site's) when only the local one is known.
func TestStoryDate(t *testing.T) {
	for _, tt := range []struct{ local, gmt, want string }{
		{"2026-11-21 10:30:00", "2026-11-21 09:30:00", "2026-11-21T10:30:00+01:00"},
		{"2026-07-01 05:00:00", "2026-07-01 09:00:00", "2026-07-01T05:00:00-04:00"},
		{"2026-11-21 15:15:00", "2026-11-21 09:30:00", "2026-11-21T15:15:00+05:45"}, // Nepal
		{"2026-11-21 09:30:00", "2026-11-21 09:30:00", "2026-11-21T09:30:00Z"},
		{"2026-11-21 09:31:07", "2026-11-21 09:30:00", "2026-11-21T09:30:00Z"}, // no zone's offset: the instant
		{"2026-11-23 16:45:00", "0000-00-00 00:00:00", "2026-11-23T16:45:00"},  // a draft: the site's zone
		{"0000-00-00 00:00:00", "2026-11-21 09:30:00", "2026-11-21T09:30:00Z"},
		{"0000-00-00 00:00:00", "0000-00-00 00:00:00", ""},
		{"", "", ""},
		{"yesterday", "", ""},
	} {
		if got := storyDate(tt.local, tt.gmt); got != tt.want {
			t.Errorf("storyDate(%q, %q) = %q, want %q", tt.local, tt.gmt, got, tt.want)
		}
	}
}

// TestWantSlug checks the slug a post or page asks for: its post_name
// (percent-escapes decoded), else one made of its title, else the
// item's kind and ID; a page never takes a name Galley writes itself.
func TestWantSlug(t *testing.T) {
	for _, tt := range []struct {
		e    entry
		want string
	}{
		{entry{name: "barrier-vote", title: "Barrier vote"}, "barrier-vote"},
		{entry{name: "", title: "Ferry timetable (notes)"}, "ferry-timetable-notes"},
		{entry{name: "", title: "", id: 13}, "post-13"},
		{entry{name: "", title: "", id: 2, page: true}, "page-2"},
		{entry{name: "topics", page: true}, "topics-page"},
		{entry{name: "404.html", page: true}, "404.html-page"},
		{entry{name: "café-crème", title: "x"}, "café-crème"},
		{entry{name: "../../etc", title: "Escape"}, "etc"},
	} {
		if got := (&run{}).wantSlug(&tt.e); got != tt.want {
			t.Errorf("wantSlug(%+v) = %q, want %q", tt.e, got, tt.want)
		}
	}
}

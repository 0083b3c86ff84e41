package permalink

import (
	"strings"
	"testing"
	"time"
)

func TestExpand(t *testing.T) {
	date := time.Date(2026, 3, 9, 23, 30, 0, 0, time.UTC)
	tests := []struct{ pattern, want string }{
		{"/:section/:slug/", "/news/harbour-vote/"},
		{"/news/:year/:month/:day/:slug/", "/news/2026/03/09/harbour-vote/"},
		{"/:section/:year/:slug/", "/news/2026/harbour-vote/"},
		{"/:year/:month/:slug/", "/2026/03/harbour-vote/"},
		{"/archive/v2.1/:slug/", "/archive/v2.1/harbour-vote/"},
	}
	for _, tt := range tests {
		p, err := Parse(tt.pattern)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.pattern, err)
			continue
		}
		if got := p.Expand("news", "harbour-vote", date); got != tt.want {
			t.Errorf("%q: got %s, want %s", tt.pattern, got, tt.want)
		}
		if p.String() != tt.pattern {
			t.Errorf("String() = %s, want %s", p.String(), tt.pattern)
		}
	}
	if got := (Pattern{}).Expand("news", "a", date); got != "/news/a/" {
		t.Errorf("zero pattern: %s", got)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ pattern, want string }{
		{"news/:slug/", "starts and ends with /"},
		{"/news/:slug", "starts and ends with /"},
		{"/:slug/", "take the place of a page or section"},
		{"/news/:title/", "unknown token :title"},
		{"/news/:year-:month/:slug/", "a token fills a whole segment"},
		{"/news/:year/", "want :slug once"},
		{"/:slug/:year/", "want :slug once"},
		{"/a/:slug/:slug/", "want :slug once"},
		{"/topics/:slug/", "is Galley's own"},
		{"/page/:slug/", "is Galley's own"},
		{"/../:slug/", "segment"},
		{"/a//:slug/", "segment"},
		{"/a b/:slug/", "segment"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.pattern)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v, want an error with %q", tt.pattern, err, tt.want)
		}
	}
}

// FuzzParse checks that a pattern Parse accepts expands to a clean site
// path that stays inside the site.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"/:section/:slug/", "/news/:year/:month/:day/:slug/", "/../:slug/", "/a//:slug/", "/%2e%2e/:slug/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		if err != nil {
			return
		}
		u := p.Expand("news", "a", time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
		if !strings.HasPrefix(u, "/") || !strings.HasSuffix(u, "/a/") || strings.Contains(u, "//") || strings.Contains(u, "/../") || strings.Contains(u, "/./") || strings.Contains(u, "\\") {
			t.Errorf("Parse(%q) expands to %q", s, u)
		}
	})
}

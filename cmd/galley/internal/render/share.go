package render

import (
	"net/url"
	"strings"
)

// A ShareLink is a plain link that opens a network's share dialog.
type ShareLink struct {
	Network string // "facebook"
	Label   string // accessible name: "Share on Facebook"
	Name    string // visible name: "Facebook"
	URL     string
}

// shareEndpoints build each network's share URL from the page's absolute
// URL and title, both already encoded with encode.
var shareEndpoints = map[string]struct {
	name string
	url  func(u, title string) string
}{
	"facebook": {"Facebook", func(u, _ string) string { return "https://www.facebook.com/sharer/sharer.php?u=" + u }},
	"x":        {"X", func(u, t string) string { return "https://x.com/intent/tweet?url=" + u + "&text=" + t }},
	"linkedin": {"LinkedIn", func(u, _ string) string { return "https://www.linkedin.com/sharing/share-offsite/?url=" + u }},
	"whatsapp": {"WhatsApp", func(u, t string) string { return "https://wa.me/?text=" + t + "%20" + u }},
	"bluesky":  {"Bluesky", func(u, t string) string { return "https://bsky.app/intent/compose?text=" + t + "%20" + u }},
	"reddit":   {"Reddit", func(u, t string) string { return "https://www.reddit.com/submit?url=" + u + "&title=" + t }},
	"email":    {"Email", func(u, t string) string { return "mailto:?subject=" + t + "&body=" + u }},
}

// ShareLinks returns the share links for a page, in the order of networks.
// Unknown networks are skipped; config rejects them earlier.
func ShareLinks(networks []string, pageURL, title string) []ShareLink {
	u, t := encode(pageURL), encode(title)
	links := make([]ShareLink, 0, len(networks))
	for _, n := range networks {
		e, ok := shareEndpoints[n]
		if !ok {
			continue
		}
		label := "Share on " + e.name
		if n == "email" {
			label = "Share by email"
		}
		links = append(links, ShareLink{Network: n, Label: label, Name: e.name, URL: e.url(u, t)})
	}
	return links
}

// encode escapes s for a query value so that every network reads it back
// the same: spaces as %20 (some endpoints show a literal "+"), and "#",
// "&" and "+" escaped exactly once.
func encode(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

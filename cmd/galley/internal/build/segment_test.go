package build

import (
	"context"
	"encoding/xml"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"galley.dev/galley"
	"galley.dev/galley/cmd/galley/internal/check"
)

// segmentSite builds a site whose slugs and section folders are safe
// segments that are not lowercase ASCII words (Unicode letters, dots),
// and returns its output folder and the pages it must have written.
func segmentSite(t *testing.T) (dest string, pages []string) {
	site := t.TempDir()
	files := map[string]string{
		"site.yaml":               "title: T\nbase_url: https://example.org/\n",
		"content/news/a.md":       "---\ntitle: A surprise\ndate: 2026-11-20\nslug: Überraschung\n---\nBody.\n",
		"content/news/b.md":       "---\ntitle: B\ndate: 2026-11-21\nslug: 2.10-release\n---\nBody.\n",
		"content/2.10/install.md": "---\ntitle: Install\ndate: 2026-11-22\n---\nBody.\n",
	}
	for name, data := range files {
		writeFile(t, filepath.Join(site, name), []byte(data))
	}
	dest = filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Site: site, Dest: dest, Theme: galley.Theme(), Now: buildTime}); err != nil {
		t.Fatal(err)
	}
	return dest, []string{"news/Überraschung/index.html", "news/2.10-release/index.html", "2.10/install/index.html"}
}

// sitemapLocs returns the <loc>s of dest's sitemap.xml.
func sitemapLocs(t *testing.T, dest string) []string {
	data, err := os.ReadFile(filepath.Join(dest, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var sm struct {
		Locs []string `xml:"url>loc"`
	}
	if err := xml.Unmarshal(data, &sm); err != nil {
		t.Fatal(err)
	}
	return sm.Locs
}

// TestSegmentSlugs checks that each page of such a site is written at the
// path its slug spells, that the sitemap lists a URL that leads there,
// and that galley check finds every link good.
func TestSegmentSlugs(t *testing.T) {
	dest, pages := segmentSite(t)
	for _, name := range pages {
		if _, err := os.Stat(filepath.Join(dest, name)); err != nil {
			t.Errorf("page not written: %v", err)
		}
	}
	locs := sitemapLocs(t, dest)
	found := map[string]bool{}
	for _, loc := range locs {
		if u, err := url.Parse(loc); err == nil {
			found[strings.TrimPrefix(u.Path, "/")+"index.html"] = true
		}
	}
	for _, name := range pages {
		if !found[name] {
			t.Errorf("sitemap has no URL that leads to %s; it has %q", name, locs)
		}
	}
	problems, err := check.Site(dest, "https://example.org/")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("galley check: %v", p)
	}
}

// TestSegmentSlugsEscaped checks that the sitemap writes such URLs in
// the characters RFC 3986 allows, as the sitemap protocol requires
// (https://example.org/news/%C3%9Cberraschung/).
func TestSegmentSlugsEscaped(t *testing.T) {
	dest, _ := segmentSite(t)
	for _, loc := range sitemapLocs(t, dest) {
		if !isURL(loc) {
			t.Errorf("sitemap <loc>%s</loc> is not percent-encoded", loc)
		}
	}
}

// isURL reports whether s is written in the characters RFC 3986 allows.
func isURL(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"<>\^`+"`{|}", c) >= 0 {
			return false
		}
	}
	return true
}

package server

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzFolderURL checks that the redirect to a folder stays on the
// preview's origin whatever path and query a request line carries.
func FuzzFolderURL(f *testing.F) {
	for _, target := range []string{"/news", "//evil.example/..//news", `/\evil.example`, "///x", "/./..//y", "/a%20b/%C3%BC", "/x:y", "/%2F%2Fevil", "/%5C%5Cevil", "/n?q=//evil&r=1", "/%09/evil", "/..%2f..%2fevil"} {
		f.Add(target)
	}
	base, _ := url.Parse("http://127.0.0.1:1313/")
	f.Fuzz(func(t *testing.T, target string) {
		// The server only sees what the request line parser accepts.
		u, err := url.ParseRequestURI(target)
		if err != nil || !strings.HasPrefix(target, "/") {
			return
		}
		loc := folderURL(u.Path, u.RawQuery)
		if !sameOrigin(base, loc) {
			t.Fatalf("folderURL(%q, %q) = %q leaves the origin", u.Path, u.RawQuery, loc)
		}
		if p, _, _ := strings.Cut(loc, "?"); !strings.HasSuffix(p, "/") {
			t.Fatalf("folderURL(%q, %q) = %q has no final slash", u.Path, u.RawQuery, loc)
		}
	})
}

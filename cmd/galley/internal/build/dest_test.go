package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckDest(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	for _, d := range []string{"content/news", "static", "other"} {
		os.MkdirAll(filepath.Join(site, d), 0o755)
	}
	os.Symlink(filepath.Join(site, "content"), filepath.Join(root, "content-link"))
	os.Symlink(site, filepath.Join(root, "site-link"))
	os.Symlink("..", filepath.Join(root, "up-link"))
	tests := []struct {
		dest string
		want string // "" means accepted
	}{
		{"site/public", ""},
		{"site/other/out", ""},
		{"elsewhere/public", ""},
		{"site-public", ""},
		{"site/contents", ""},
		{"site", "is the site folder itself"},
		{"site/./", "is the site folder itself"},
		{"site-link", "symbolic link"},
		{"content-link", "symbolic link"},
		{"up-link", "symbolic link"},
		{"site-link/public", ""},
		{"site-link/content/new", "inside the site's content/ folder"},
		{"content-link/x", "inside the site's content/ folder"},
		{"site/content", "inside the site's content/ folder"},
		{"site/static/a/b", "inside the site's static/ folder"},
		{"site/.galley-cache", "inside the site's .galley-cache/ folder"},
		{".", "holds the site folder"},
		{"/", "holds the site folder"},
	}
	for _, tt := range tests {
		dest := tt.dest
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(root, dest)
		}
		err := checkDest(site, dest)
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("checkDest(%s) = %v, want %q", tt.dest, err, tt.want)
		}
	}
}

// FuzzWithin checks within against the plain definition on clean
// absolute paths: path is dir followed by a slash and more.
func FuzzWithin(f *testing.F) {
	for _, s := range [][2]string{{"/a/b", "/a"}, {"/a", "/a"}, {"/ab", "/a"}, {"/a/../b", "/a"}, {"/", "/"}, {"/a", "/"}, {"/..a", "/"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, path, dir string) {
		path, dir = filepath.Clean("/"+path), filepath.Clean("/"+dir)
		prefix := strings.TrimSuffix(dir, "/") + "/"
		want := path != dir && strings.HasPrefix(path, prefix)
		if got := within(path, dir); got != want {
			t.Fatalf("within(%q, %q) = %v, want %v", path, dir, got, want)
		}
	})
}

// TestCheckDestAdvice checks that the folder a refused link suggests
// is one checkDest would take.
func TestCheckDestAdvice(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	os.MkdirAll(filepath.Join(site, "content"), 0o755)
	os.MkdirAll(filepath.Join(root, "www"), 0o755)
	for link, target := range map[string]string{"public": "..", "content-out": "content", "out": "../www"} {
		os.Symlink(target, filepath.Join(site, link))
		err := checkDest(site, filepath.Join(site, link))
		if err == nil {
			t.Fatalf("%s -> %s accepted", link, target)
		}
		if _, suggested, ok := strings.Cut(err.Error(), "(-d "); ok {
			suggested = strings.TrimSuffix(suggested, ")")
			if checkDest(site, suggested) != nil {
				t.Errorf("%s -> %s: the message suggests %s, which is refused too", link, target, suggested)
			}
		} else if target == "../www" {
			t.Errorf("%s -> %s: %v; want the folder suggested", link, target, err)
		}
	}
}

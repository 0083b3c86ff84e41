package hugo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"galley.dev/galley/cmd/galley/internal/importer/importtest"
)

func put(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestHostileSite imports Hugo sites that try to reach files outside
// them, or to write articles the build would hide: nothing outside the
// source is copied, and every story lands where the build reads it.
func TestHostileSite(t *testing.T) {
	root := t.TempDir()
	secret := filepath.Join(root, "secret")
	put(t, filepath.Join(secret, "id_rsa"), "PRIVATE KEY")
	tests := []struct {
		name  string
		setup func(t *testing.T, src string)
	}{
		{"contentDir above the site", func(t *testing.T, src string) {
			put(t, filepath.Join(src, "hugo.toml"), "title = \"Evil\"\ncontentDir = \"../../secret\"\n")
			os.MkdirAll(filepath.Join(src, "content"), 0o755)
		}},
		{"contentDir through a link", func(t *testing.T, src string) {
			put(t, filepath.Join(src, "hugo.toml"), "title = \"Evil\"\ncontentDir = \"lnk/secret\"\n")
			os.MkdirAll(filepath.Join(src, "content"), 0o755)
			os.Symlink(root, filepath.Join(src, "lnk"))
		}},
		{"static through a link", func(t *testing.T, src string) {
			put(t, filepath.Join(src, "hugo.toml"), "title = \"Evil\"\n")
			put(t, filepath.Join(src, "content/posts/a.md"), "---\ntitle: A\ndate: 2026-01-01\n---\nA.\n")
			os.Symlink(secret, filepath.Join(src, "static"))
		}},
		{"a git repository in static", func(t *testing.T, src string) {
			put(t, filepath.Join(src, "hugo.toml"), "title = \"Evil\"\n")
			put(t, filepath.Join(src, "content/posts/a.md"), "---\ntitle: A\ndate: 2026-01-01\n---\nA.\n")
			put(t, filepath.Join(src, "static/.git/config"), "PRIVATE KEY")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := filepath.Join(root, strings.ReplaceAll(tt.name, " ", "-"), "src")
			tt.setup(t, src)
			site := filepath.Join(t.TempDir(), "site")
			report := importtest.Import(t, Source{}, src, site)
			filepath.WalkDir(site, func(p string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					if data, _ := os.ReadFile(p); strings.Contains(string(data), "PRIVATE KEY") {
						t.Errorf("copied %s from outside the site:\n%s", p, report)
					}
				}
				return nil
			})
		})
	}
}

// TestHiddenSlugs imports stories whose slugs the build would hide or
// refuse: each is written under a slug the build reads.
func TestHiddenSlugs(t *testing.T) {
	src := filepath.Join(t.TempDir(), "src")
	put(t, filepath.Join(src, "hugo.toml"), "title = \"Slugs\"\n")
	for i, s := range []string{".htaccess", "../../../etc", "_drafts", "CON", "trailing."} {
		put(t, filepath.Join(src, "content/posts", "p"+string(rune('a'+i))+".md"), "---\ntitle: Story "+string(rune('A'+i))+"\ndate: 2026-01-01\nslug: \""+s+"\"\n---\nText.\n")
	}
	site := filepath.Join(t.TempDir(), "site")
	report := importtest.Import(t, Source{}, src, site)
	entries, _ := os.ReadDir(filepath.Join(site, "content/posts"))
	var names []string
	for _, e := range entries {
		n := e.Name()
		names = append(names, n)
		if strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_") || strings.HasPrefix(strings.ToLower(n), "con.") || strings.HasSuffix(n, "..md") {
			t.Errorf("wrote %s, which the build hides or refuses", n)
		}
	}
	if len(names) != 5 {
		t.Errorf("wrote %v, want 5 stories\n%s", names, report)
	}
}

func TestTitleOfName(t *testing.T) {
	for name, want := range map[string]string{"émile-zola": "Émile zola", "about_us": "About us", "": "Untitled"} {
		if got := titleOf(name); got != want {
			t.Errorf("titleOf(%q) = %q, want %q", name, got, want)
		}
	}
}

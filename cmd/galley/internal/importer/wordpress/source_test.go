package wordpress

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"galley.dev/galley/cmd/galley/internal/importer/importtest"
)

// uploadsSource is the importer as the golden archives run it: with the
// archive's copy of wp-content/uploads.
var uploadsSource = Source{Uploads: "src/uploads"}

// TestGolden imports each testdata export and compares what it writes,
// and the report, with the archive's want/ files.
func TestGolden(t *testing.T) { importtest.GoldenFrom(t, uploadsSource, "src/export.xml") }

// TestReimport imports the export twice, then again after an editor's
// change: the second run changes nothing, and the third refuses to
// overwrite the edited story unless forced.
func TestReimport(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	importtest.Extract(t, ar, "src/", "src")
	first := importtest.Import(t, uploadsSource, "src/export.xml", "site")
	if strings.Contains(first, "error: ") {
		t.Fatalf("first import failed:\n%s", first)
	}
	again := importtest.Import(t, uploadsSource, "src/export.xml", "site")
	if strings.Contains(again, ": written") || strings.Contains(again, ": updated") || strings.Contains(again, "error: ") {
		t.Errorf("second import changed files:\n%s", again)
	}
	if n := strings.Count(first, ": written"); n == 0 || strings.Count(again, ": unchanged") != n {
		t.Errorf("first import wrote %d files, second left %d unchanged:\n%s", n, strings.Count(again, ": unchanged"), again)
	}
	edited := filepath.Join("site", "content", "news", "barrier-vote.md")
	data, err := os.ReadFile(edited)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(edited, append(data, "An editor's line.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	third := importtest.Import(t, uploadsSource, "src/export.xml", "site")
	if !strings.Contains(third, "barrier-vote.md: edited since it was imported; pass --force") {
		t.Errorf("third import did not refuse the edited story:\n%s", third)
	}
	if after, _ := os.ReadFile(edited); !strings.Contains(string(after), "An editor's line.") {
		t.Error("the edited story was overwritten")
	}
}

// TestDetect checks that an export is told from other XML and from
// folders by its start, whatever its name.
func TestDetect(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tt := range []struct {
		name string
		path string
		want bool
	}{
		{"export", write("export.xml", `<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>`), true},
		{"https namespace, other name", write("site.wxr", `<?xml version="1.0"?><rss version="2.0" xmlns:wp="https://wordpress.org/export/1.2/">`), true},
		{"an RSS feed", write("feed.xml", `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>`), false},
		{"a sitemap", write("sitemap.xml", `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>`), false},
		{"a text export", write("story.txt", "Barrier vote\n\nThe council voted."), false},
		{"a folder", dir, false},
		{"missing", filepath.Join(dir, "nothing.xml"), false},
	} {
		if got := (Source{}).Detect(tt.path); got != tt.want {
			t.Errorf("%s: Detect = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestUnsafeSite checks that a Custom HTML block stays HTML only in a
// site whose site.yaml lets raw HTML through, and is converted
// otherwise.
func TestUnsafeSite(t *testing.T) {
	export := `<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><link>https://x.example</link>` +
		`<item><title>Poll</title><content:encoded><![CDATA[<!-- wp:html --><div class="poll"><b>Vote</b></div><!-- /wp:html -->]]></content:encoded>` +
		`<wp:post_id>1</wp:post_id><wp:post_date>2026-01-01 00:00:00</wp:post_date><wp:post_date_gmt>2026-01-01 00:00:00</wp:post_date_gmt><wp:post_name>poll</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item></channel></rss>`
	for _, tt := range []struct {
		siteYAML, want string
	}{
		{"", "**Vote**"},
		{"markdown:\n  unsafe: false\n", "**Vote**"},
		{"markdown:\n  unsafe: true\n", `<div class="poll"><b>Vote</b></div>`},
	} {
		dir := t.TempDir()
		src, site := filepath.Join(dir, "export.xml"), filepath.Join(dir, "site")
		if err := os.WriteFile(src, []byte(export), 0o644); err != nil {
			t.Fatal(err)
		}
		if tt.siteYAML != "" {
			if err := os.MkdirAll(site, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(site, "site.yaml"), []byte(tt.siteYAML), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		importtest.Import(t, Source{}, src, site)
		got, err := os.ReadFile(filepath.Join(site, "content", "news", "poll.md"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(got), tt.want) {
			t.Errorf("site.yaml %q: the block is not %s:\n%s", tt.siteYAML, tt.want, got)
		}
	}
}

package wordpress

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

// hostileExport is an export whose terms and creators try to add lines
// to static/_redirects, and whose authors are known only by logins and
// email addresses.
const hostileExport = `<?xml version="1.0"?>
<rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><link>https://x.example</link>
<wp:author><wp:author_login>jane.doe@example.com</wp:author_login><wp:author_email>jane.doe@example.com</wp:author_email><wp:author_display_name>jane.doe@example.com</wp:author_display_name></wp:author>
<wp:category><wp:category_nicename>y%0A/index.html</wp:category_nicename><wp:cat_name>Y</wp:cat_name></wp:category>
<item><title>One</title><link>https://x.example/one/</link><dc:creator>bob
/wp-login.php</dc:creator><content:encoded>Text.</content:encoded>
<wp:post_id>1</wp:post_id><wp:post_date>2026-01-01 00:00:00</wp:post_date><wp:post_date_gmt>2026-01-01 00:00:00</wp:post_date_gmt><wp:post_name>one</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="post_tag" nicename="x&#10;/news/two"><![CDATA[X]]></category>
<category domain="post_tag" nicename="a b%0Bc"><![CDATA[Z]]></category>
<category domain="category" nicename="y%0A/index.html"><![CDATA[Y]]></category></item>
<item><title>Two</title><link>https://x.example/two/</link><dc:creator>jane.doe@example.com</dc:creator><content:encoded>Text.</content:encoded>
<wp:post_id>2</wp:post_id><wp:post_date>2026-01-02 00:00:00</wp:post_date><wp:post_date_gmt>2026-01-02 00:00:00</wp:post_date_gmt><wp:post_name>two</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="author" nicename="cap-jane-doeexample-com"><![CDATA[jane.doe@example.com]]></category></item>
</channel></rss>`

// TestHostileExport checks that nothing of an export's terms or
// creators adds a field or a line to static/_redirects, and that a
// login or an email address never becomes a byline or a profile.
func TestHostileExport(t *testing.T) {
	dir := t.TempDir()
	src, site := filepath.Join(dir, "export.xml"), filepath.Join(dir, "site")
	if err := os.WriteFile(src, []byte(hostileExport), 0o644); err != nil {
		t.Fatal(err)
	}
	report := importtest.Import(t, Source{}, src, site)
	redirects, err := os.ReadFile(filepath.Join(site, "static", "_redirects"))
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(strings.TrimSuffix(string(redirects), "\n"), "\n")[1:] {
		f := strings.Fields(line)
		ok := len(f) == 3 || len(f) == 4 && f[0] == "/" && strings.Contains(f[1], "=")
		if !ok || f[len(f)-1] != "301" || strings.HasPrefix(f[0], "/news/") || strings.HasPrefix(f[0], "/index.html") || strings.ContainsAny(line, "\v\f\r") {
			t.Errorf("_redirects line %d is not one the import means: %q", i+2, line)
		}
	}
	_ = filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := os.ReadFile(p)
		if strings.Contains(p, "@") || strings.Contains(string(data), "example.com") || strings.Contains(string(data), "wp-login") || strings.Contains(string(data), "bob") {
			t.Errorf("%s publishes a login or an email:\n%s", p, data)
		}
		return nil
	})
	for _, want := range []string{`dc:creator "bob /wp-login.php" is no author`, `dc:creator "jane.doe@example.com" is no author`, `Co-Authors Plus author "cap-jane-doeexample-com" is no author`} {
		if !strings.Contains(report, want) {
			t.Errorf("the report does not say %s:\n%s", want, report)
		}
	}
}

// TestRenamedPost imports an export, then a newer one in which the post
// was renamed in WordPress: the story keeps its file and URL, with the
// new WordPress URL and the old one (_wp_old_slug) as aliases, and no
// second story is written.
func TestRenamedPost(t *testing.T) {
	item := func(name, meta string) string {
		return `<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><link>https://x.example</link>` +
			`<item><title>Vote</title><link>https://x.example/2026/01/01/` + name + `/</link><content:encoded>Text.</content:encoded>` +
			`<wp:post_id>1</wp:post_id><wp:post_date>2026-01-01 00:00:00</wp:post_date><wp:post_date_gmt>2026-01-01 00:00:00</wp:post_date_gmt>` +
			`<wp:post_name>` + name + `</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>` + meta + `</item></channel></rss>`
	}
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	for i, export := range []string{
		item("old-name", ""),
		item("new-name", `<wp:postmeta><wp:meta_key>_wp_old_slug</wp:meta_key><wp:meta_value>old-name</wp:meta_value></wp:postmeta>`),
	} {
		src := filepath.Join(dir, fmt.Sprintf("site.WordPress.2026-0%d-01.xml", i+1))
		if err := os.WriteFile(src, []byte(export), 0o644); err != nil {
			t.Fatal(err)
		}
		if report := importtest.Import(t, Source{}, src, site); strings.Contains(report, "error: ") || strings.Contains(report, "\nskipped ") {
			t.Fatalf("import %d:\n%s", i+1, report)
		}
	}
	stories, _ := filepath.Glob(filepath.Join(site, "content", "news", "*.md"))
	if len(stories) != 1 || filepath.Base(stories[0]) != "old-name.md" {
		t.Fatalf("stories %v, want only old-name.md", stories)
	}
	got, _ := os.ReadFile(stories[0])
	if !strings.Contains(string(got), "- /2026/01/01/new-name/\n") || !strings.Contains(string(got), "- /2026/01/01/old-name/\n") {
		t.Errorf("the story lacks the new and old WordPress URLs as aliases:\n%s", got)
	}
	redirects, _ := os.ReadFile(filepath.Join(site, "static", "_redirects"))
	if !strings.Contains(string(redirects), "/ p=1 /news/old-name/ 301\n") {
		t.Errorf("the short link does not lead to the story:\n%s", redirects)
	}
}

// TestUploadsLinkOutside gives --uploads a picture that is a link to a
// file outside it: nothing is copied from outside, and the story keeps
// the picture's old address rather than a path to a file that is not
// there.
func TestUploadsLinkOutside(t *testing.T) {
	dir := t.TempDir()
	uploads, site := filepath.Join(dir, "uploads"), filepath.Join(dir, "site")
	secret := filepath.Join(dir, "secret.jpg")
	if err := os.WriteFile(secret, []byte("not for the site"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(uploads, "2026"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(uploads, "2026", "link.jpg")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	export := `<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><link>https://x.example</link>` +
		`<item><title>Vote</title><link>https://x.example/vote/</link><content:encoded><![CDATA[<img src="https://x.example/wp-content/uploads/2026/link.jpg" alt="A">]]></content:encoded>` +
		`<wp:post_id>1</wp:post_id><wp:post_date>2026-01-01 00:00:00</wp:post_date><wp:post_date_gmt>2026-01-01 00:00:00</wp:post_date_gmt><wp:post_name>vote</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>` +
		`<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>2</wp:meta_value></wp:postmeta></item>` +
		`<item><title>link</title><wp:post_id>2</wp:post_id><wp:status>inherit</wp:status><wp:post_parent>1</wp:post_parent><wp:post_type>attachment</wp:post_type>` +
		`<wp:attachment_url>https://x.example/wp-content/uploads/2026/link.jpg</wp:attachment_url></item></channel></rss>`
	src := filepath.Join(dir, "export.xml")
	if err := os.WriteFile(src, []byte(export), 0o644); err != nil {
		t.Fatal(err)
	}
	report := importtest.Import(t, Source{Uploads: uploads}, src, site)
	if !strings.Contains(report, "leads outside the site being imported") {
		t.Errorf("the report does not list the link:\n%s", report)
	}
	if _, err := os.Lstat(filepath.Join(site, "static", "wp-content", "uploads", "2026", "link.jpg")); err == nil {
		t.Error("the linked file was copied")
	}
	story, _ := os.ReadFile(filepath.Join(site, "content", "news", "vote.md"))
	if strings.Contains(string(story), "src: /wp-content/") || strings.Contains(string(story), "](/wp-content/") {
		t.Errorf("the story points at a copy that is not there:\n%s", story)
	}
}

// TestOddItems imports items that WordPress does not write but a broken
// or edited export may hold: each is imported or refused with a reason,
// never silently lost or merged with another.
func TestOddItems(t *testing.T) {
	post := func(id, name, date, extra string) string {
		return `<item><title>` + name + `</title><link>https://x.example/` + name + `/</link><content:encoded>Text.</content:encoded>` +
			`<wp:post_id>` + id + `</wp:post_id><wp:post_date>` + date + `</wp:post_date><wp:post_name>` + name + `</wp:post_name>` +
			`<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>` + extra + `</item>`
	}
	export := `<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><link>https://x.example</link>` +
		post("1", "undated", "yesterday", "") +
		post("0", "no-id-a", "2026-01-01 00:00:00", "") +
		post("0", "no-id-b", "2026-01-01 00:00:00", "") +
		post("5", "first", "2026-01-01 00:00:00", "") +
		post("5", "second", "2026-01-01 00:00:00", "") +
		post("6", "hero", "2026-01-01 00:00:00", `<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>7</wp:meta_value></wp:postmeta>`) +
		`<item><wp:post_id>7</wp:post_id><wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type><wp:attachment_url>javascript:alert(1)</wp:attachment_url></item>` +
		`</channel></rss>`
	dir := t.TempDir()
	src, site := filepath.Join(dir, "export.xml"), filepath.Join(dir, "site")
	if err := os.WriteFile(src, []byte(export), 0o644); err != nil {
		t.Fatal(err)
	}
	report := importtest.Import(t, Source{}, src, site)
	for _, want := range []string{
		`(post 1 "undated"): no date WordPress wrote that Galley can read`,
		`(post 5 "second"): post ID 5 is in the export twice; the first is imported`,
		`post 6: featured image "javascript:alert(1)" is not a web address; left out`,
		"error: ",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q:\n%s", want, report)
		}
	}
	for _, name := range []string{"no-id-a", "no-id-b", "first", "hero"} {
		data, err := os.ReadFile(filepath.Join(site, "content", "news", name+".md"))
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if strings.Contains(string(data), "javascript") {
			t.Errorf("%s.md holds the script URL:\n%s", name, data)
		}
	}
	for _, name := range []string{"undated", "second", "no-id-b-2"} {
		if _, err := os.Stat(filepath.Join(site, "content", "news", name+".md")); err == nil {
			t.Errorf("%s.md written", name)
		}
	}
}

// TestDetectPipe gives Detect a named pipe nobody writes to: it must say
// no at once, not wait for a writer.
func TestDetectPipe(t *testing.T) {
	pipe := filepath.Join(t.TempDir(), "export.xml")
	if err := mkfifo(pipe); err != nil {
		t.Skip("no named pipes here:", err)
	}
	done := make(chan bool, 1)
	go func() { done <- (Source{}).Detect(pipe) }()
	select {
	case got := <-done:
		if got {
			t.Error("Detect = true for a named pipe")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Detect waited on a named pipe")
	}
}

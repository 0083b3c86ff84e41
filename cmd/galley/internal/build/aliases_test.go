package build

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"

	"galley.dev/galley"
	"galley.dev/galley/cmd/galley/internal/site"
)

// aliasSite is a site whose story and page have aliases of every form.
var aliasSite = map[string]string{
	"site.yaml": "title: The Test Times\nbase_url: https://news.example.org/\n",
	"content/news/moved.md": "---\ntitle: \"Moved <b>&</b> “quoted”\"\ndate: 2026-11-20\n" +
		"aliases: [/2019/old-url/, /old/story.html, /2018/no-slash, /old/caf\u00e9/]\n---\nBody.\n",
	"content/about.md":      "---\ntitle: About us\naliases: [/about-us/]\n---\nWho we are.\n",
	"content/news/plain.md": "---\ntitle: Plain\ndate: 2026-11-19\n---\nNo aliases.\n",
}

// buildSite writes files into a new site, builds it into a new folder
// and returns that folder.
func buildSite(t *testing.T, files map[string]string, opts Options) (string, error) {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		writeFile(t, filepath.Join(dir, name), []byte(data))
	}
	opts.Site, opts.Theme, opts.Now = dir, galley.Theme(), buildTime
	if opts.Dest == "" {
		opts.Dest = filepath.Join(t.TempDir(), "public")
	}
	_, err := Run(context.Background(), opts)
	return opts.Dest, err
}

// A redirect is what a redirect page says.
type redirect struct {
	refresh, canonical, robots, title, link, lang string
}

// parseRedirect reads a redirect page as a browser would.
func parseRedirect(t *testing.T, page []byte) redirect {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var r redirect
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
			}
			switch {
			case n.Data == "html":
				r.lang = attr["lang"]
			case n.Data == "meta" && strings.EqualFold(attr["http-equiv"], "refresh"):
				r.refresh = attr["content"]
			case n.Data == "meta" && attr["name"] == "robots":
				r.robots = attr["content"]
			case n.Data == "link" && attr["rel"] == "canonical":
				r.canonical = attr["href"]
			case n.Data == "title" && n.FirstChild != nil:
				r.title = n.FirstChild.Data
			case n.Data == "a":
				r.link = attr["href"]
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return r
}

// TestAliasRedirects checks the redirect page written at each alias of
// a story and of a page, minified and not.
func TestAliasRedirects(t *testing.T) {
	tests := []struct {
		file, target, title string
	}{
		{"2019/old-url/index.html", "https://news.example.org/news/moved/", "Moved <b>&</b> “quoted”"},
		{"old/story.html", "https://news.example.org/news/moved/", "Moved <b>&</b> “quoted”"},
		{"2018/no-slash/index.html", "https://news.example.org/news/moved/", "Moved <b>&</b> “quoted”"},
		{"old/caf\u00e9/index.html", "https://news.example.org/news/moved/", "Moved <b>&</b> “quoted”"},
		{"about-us/index.html", "https://news.example.org/about/", "About us"},
	}
	for _, minify := range []bool{false, true} {
		dest, err := buildSite(t, aliasSite, Options{NoMinify: !minify})
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range tests {
			page, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(tt.file)))
			if err != nil {
				t.Errorf("minify %v: %v", minify, err)
				continue
			}
			got := parseRedirect(t, page)
			want := redirect{refresh: "0; url=" + tt.target, canonical: tt.target, robots: "noindex", title: tt.title, link: tt.target, lang: "en"}
			if got != want {
				t.Errorf("minify %v: %s says %+v, want %+v\n%s", minify, tt.file, got, want, page)
			}
			if bytes.Contains(page, []byte("<b>")) {
				t.Errorf("%s: the title is not escaped:\n%s", tt.file, page)
			}
		}
	}
}

// TestRedirectsFile checks _redirects: Galley's lines after the site's
// own, and no file when there is nothing to redirect.
func TestRedirectsFile(t *testing.T) {
	galleyLines := "/2018/no-slash /news/moved/ 301\n" +
		"/2019/old-url/ /news/moved/ 301\n" +
		"/about-us/ /about/ 301\n" +
		"/old/caf%C3%A9/ /news/moved/ 301\n" +
		"/old/story.html /news/moved/ 301\n"
	own := "/shop/* https://shop.example.org/:splat 302\n/2019/old-url/ /elsewhere/ 302"
	noAliases := map[string]string{"content/news/plain.md": aliasSite["content/news/plain.md"]}
	tests := []struct {
		name   string
		files  map[string]string
		static string // static/_redirects, if not ""
		want   string // "" for no file
	}{
		{"aliases", aliasSite, "", galleyLines},
		{"aliases and the site's own", aliasSite, own, own + "\n" + galleyLines},
		{"the site's own alone", noAliases, own, own},
		{"neither", noAliases, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range tt.files {
				files[k] = v
			}
			if tt.static != "" {
				files["static/_redirects"] = tt.static
			}
			dest, err := buildSite(t, files, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(dest, "_redirects"))
			if tt.want == "" {
				if err == nil {
					t.Fatalf("_redirects written with nothing to redirect:\n%s", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("_redirects =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestAliasCollisions checks that an alias that would overwrite another
// file of the build, or be overwritten by it, is an error at its line
// that names the other file.
func TestAliasCollisions(t *testing.T) {
	story := func(slug string, extra string) string {
		return "---\ntitle: " + slug + "\ndate: 2026-11-20\ntopics: [Climate]\nauthors: [Ana Ruiz]\n" + extra + "---\nBody.\n"
	}
	withAlias := func(alias string, more ...string) map[string]string {
		files := map[string]string{
			"site.yaml":         "per_page: 1\nkeep: [downloads/]\n",
			"content/news/a.md": story("a", "aliases: ["+alias+"]\n"),
			"content/news/b.md": story("b", ""),
		}
		for i := 0; i+1 < len(more); i += 2 {
			files[more[i]] = more[i+1]
		}
		return files
	}
	at := "content/news/a.md:6: alias "
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"site feed", withAlias("/feed.xml"), []string{at + "/feed.xml", "feed.xml", "feed"}},
		{"site feed as a page", withAlias("/feed.xml/index.html"), []string{at + "/feed.xml/index.html", "feed.xml"}},
		{"topic page", withAlias("/topics/climate/"), []string{at + "/topics/climate/", "topic Climate", "content/news/"}},
		{"topic feed", withAlias("/topics/climate/feed.xml"), []string{at + "/topics/climate/feed.xml", "topic Climate"}},
		{"author page", withAlias("/authors/ana-ruiz/"), []string{at + "/authors/ana-ruiz/", "author Ana Ruiz"}},
		{"front page 2", withAlias("/page/2/"), []string{at + "/page/2/", "page 2 of the front page"}},
		{"front page", withAlias("/"), []string{at + "/", "front page"}},
		{"topics index", withAlias("/topics/"), []string{at + "/topics/", "topics/index.html"}},
		{"sitemap", withAlias("/sitemap.xml"), []string{at + "/sitemap.xml", "sitemap.xml"}},
		{"robots", withAlias("/robots.txt"), []string{at + "/robots.txt", "robots.txt"}},
		{"static file", withAlias("/old/", "static/old/index.html", "<p>old</p>"), []string{at + "/old/", "static/old/index.html"}},
		{"static folder", withAlias("/old.html", "static/old.html/x.png", "png"), []string{at + "/old.html", "static/old.html/x.png"}},
		{"bundle file", withAlias("/news/c/photo.jpg/", "content/news/c/index.md", story("c", ""), "content/news/c/photo.jpg", "jpg"),
			[]string{at + "/news/c/photo.jpg/", "content/news/c/photo.jpg"}},
		{"static _redirects", withAlias("/_redirects/", "static/_redirects", "/a /b 301\n"), []string{at + "/_redirects/", "_redirects"}},
		{"kept folder", withAlias("/downloads/old/"), []string{at + "/downloads/old/", "downloads", "keep"}},
		{"CNAME", withAlias("/CNAME"), []string{at + "/CNAME", "CNAME"}},
		{"story without its slash", withAlias("/news/b"), []string{at + "/news/b", "content/news/b.md"}},
		{"alias spelled otherwise", withAlias("/old, /old/index.html"), []string{at + "/old/index.html", "content/news/a.md:6"}},
		{"alias inside an alias", withAlias("/x.html, /x.html/"), []string{at + "/x.html/ is written as x.html/index.html, inside x.html, the redirect of alias /x.html at content/news/a.md:6"}},
		{"an alias of another story", withAlias("/old/", "content/news/c.md", story("c", "aliases: [/old]\n")),
			[]string{"content/news/c.md:6: alias /old is also an alias of content/news/a.md:6"}},
		{"all in one run", withAlias("/feed.xml, /topics/climate/, /page/2/, /old/", "static/old/index.html", "x"),
			[]string{at + "/feed.xml", at + "/topics/climate/", at + "/page/2/", at + "/old/"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := buildSite(t, tt.files, Options{})
			if err == nil {
				t.Fatal("build succeeded")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

// TestAliasesKept checks that a build with nothing changed keeps the
// redirects from the last build, and that a new base URL makes them
// again.
func TestAliasesKept(t *testing.T) {
	dir := t.TempDir()
	for name, data := range aliasSite {
		writeFile(t, filepath.Join(dir, name), []byte(data))
	}
	writeFile(t, filepath.Join(dir, "static/_redirects"), []byte("/x /y 301\n"))
	opts := Options{Site: dir, Dest: filepath.Join(t.TempDir(), "public"), Theme: galley.Theme(), Now: buildTime, Version: "test"}
	if _, err := Run(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	sum, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if !sum.UpToDate {
		t.Errorf("second build is not up to date: %s", sum)
	}
	opts.BaseURL = "https://other.example.org/"
	if _, err := Run(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(opts.Dest, "2019/old-url/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if got := parseRedirect(t, page).canonical; got != "https://other.example.org/news/moved/" {
		t.Errorf("after a new base URL, the redirect leads to %s", got)
	}
	// A changed static _redirects is taken in.
	writeFile(t, filepath.Join(dir, "static/_redirects"), []byte("/x /z 301\n"))
	if _, err := Run(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(opts.Dest, "_redirects"))
	if !strings.HasPrefix(string(got), "/x /z 301\n/2018/") {
		t.Errorf("_redirects after static/_redirects changed:\n%s", got)
	}
}

// FuzzAliasFile checks that every alias maps to a file inside the
// output, one that the alias's form in _redirects maps to as well.
func FuzzAliasFile(f *testing.F) {
	for _, s := range []string{"/2019/old-url/", "/old/story.html", "/old", "/", "//evil.example/", "/a/./b/", "/a.html/", "/.html", "/x/../../y", "", "/caf\u00e9 x/:splat*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, alias string) {
		if !utf8.ValidString(alias) {
			t.Skip("front matter is UTF-8")
		}
		file := site.AliasFile(alias)
		if !fs.ValidPath(file) || file == "." {
			t.Fatalf("AliasFile(%q) = %q, not a path inside the output", alias, file)
		}
		if path.Ext(file) != ".html" {
			t.Fatalf("AliasFile(%q) = %q, not a page", alias, file)
		}
		from := redirectPath(site.AliasPath(alias))
		if strings.ContainsAny(from, " \t\r\n*:!#?") || !strings.HasPrefix(from, "/") {
			t.Fatalf("alias %q is %q in _redirects: not one literal path", alias, from)
		}
		if again := site.AliasFile(site.AliasPath(alias)); again != file {
			t.Fatalf("AliasFile(AliasPath(%q)) = %q, want %q", alias, again, file)
		}
	})
}

// TestSitemapFile checks the names kept for the sitemaps, which a plan
// does not list.
func TestSitemapFile(t *testing.T) {
	for name, want := range map[string]bool{
		"sitemap.xml": true, "news-sitemap.xml": true, "robots.txt": true, "sitemap-1.xml": true, "sitemap-12.xml": true,
		"sitemap-.xml": false, "sitemap-a.xml": false, "123.xml": false, "old/sitemap-1.xml": false, "sitemap-1.xml.gz": false,
	} {
		if got := sitemapFile(name); got != want {
			t.Errorf("sitemapFile(%q) = %v, want %v", name, got, want)
		}
	}
}

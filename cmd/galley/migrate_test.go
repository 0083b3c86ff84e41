package main

import (
	"bufio"
	"bytes"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"
)

// oldKind says what an old site made of one of its files, and so what
// its old URL must answer with after the move.
type oldKind int

const (
	// oldStory is a page with a headline: its old URL and aliases must
	// answer with the story, or with a redirect to it.
	oldStory oldKind = iota
	// oldSection is a home or section page made from an _index.md: its
	// old URL must answer with a page that shows the file's text as the
	// section front's intro.
	oldSection
	// oldListing is a page the old generator built from a template
	// (Jekyll's Liquid listings and feeds): Galley makes its own, at the
	// same URL.
	oldListing
	// oldStatic is a file published as it is: it must answer with the
	// same bytes (or minified, for CSS and JavaScript).
	oldStatic
	// oldResource is a file of a page bundle: it must travel with its
	// story and sit beside the story's new page.
	oldResource
	// oldSkipped was published by the old site, but the issue lets Galley
	// leave it out (another language, a format Galley does not read, a
	// script in a bundle), provided the import report lists it.
	oldSkipped
	// oldUnpublished has no URL on the old site (configuration,
	// templates, drafts, excluded files): there is nothing to keep.
	oldUnpublished
)

// oldFile is one file of an old site's fixture and the URLs the old
// generator gave it, worked out by hand from Hugo's and Jekyll's
// documentation and source, never by calling the importer.
type oldFile struct {
	src  string // path in the old site
	kind oldKind
	url  string // the old URL; "" when the old site published none
	// text is the story's headline (oldStory) or a sentence of the
	// section's intro (oldSection).
	text string
	// aliases are the story's other old URLs (Hugo's aliases, Jekyll's
	// redirect_from), resolved as the old generator resolves them.
	aliases []string
	// of is the src of the story that a bundle resource belongs to.
	of string
	// why says why an oldSkipped or oldUnpublished file has no URL to
	// keep; it documents the table.
	why string
}

// migrateCases are the Hugo and Jekyll fixtures and, for every file of
// each, what its old URL was.
var migrateCases = []struct {
	name    string
	archive string
	base    string // the old site's base URL, which Galley keeps
	files   []oldFile
	// feeds are the old site's RSS feeds that no content file names:
	// subscribers must still find an RSS feed there.
	feeds []string
}{
	{
		name:    "hugo",
		archive: "internal/importer/hugo/testdata/site.txtar",
		base:    "https://blog.example.org/",
		// Hugo writes an RSS feed as index.xml for the home page and
		// every section and term page (outputFormats' default).
		feeds: []string{"/index.xml", "/posts/index.xml"},
		// Hugo's rules, from gohugo.io/content-management/urls and v0.166's
		// source: permalinks apply to a section's regular pages; :slug is
		// the slug, else the title, urlized ("Hello, world" → hello-world);
		// :year and :month come from the date in its own offset; url:
		// replaces the whole path; a page at the top of content/ or in a
		// section without permalinks is at /<section>/<name>/; relative
		// aliases are joined to the parent of the page's URL
		// (hugolib/page__output.go, Aliases), and an alias without an
		// extension is a folder (hugolib/alias.go); drafts are not
		// published; the default language is at the root, others under
		// /<lang>/.
		files: []oldFile{
			{src: "hugo.toml", kind: oldUnpublished, why: "configuration"},
			{src: "content/_index.md", kind: oldSection, url: "/", text: "Welcome."},
			{src: "content/about.md", kind: oldStory, url: "/about/", text: "About us"},
			{src: "content/posts/hello-world.md", kind: oldStory, url: "/2024/03/hello-world/", text: "Hello, world",
				aliases: []string{"/2024/03/old-hello/", "/2019/hello.html"}},
			{src: "content/posts/hello-world.fr.md", kind: oldSkipped, url: "/fr/2024/03/bonjour/",
				why: "another language: the issue asks for the default language at least"},
			{src: "content/posts/bundle-post/index.md", kind: oldStory, url: "/2024/04/a-bundle/", text: "A bundle"},
			{src: "content/posts/bundle-post/photo.jpg", kind: oldResource, url: "/2024/04/a-bundle/photo.jpg",
				of: "content/posts/bundle-post/index.md"},
			{src: "content/posts/bundle-post/script.js", kind: oldSkipped, url: "/2024/04/a-bundle/script.js",
				why: "a script in a bundle would run on the site's origin"},
			{src: "content/posts/_index.md", kind: oldSection, url: "/posts/", text: "Our reporting from the quay."},
			{src: "content/posts/2020/_index.md", kind: oldSkipped, url: "/posts/2020/",
				why: "a nested section's page: Galley's sections are the first folders"},
			{src: "content/posts/2020/nested.md", kind: oldUnpublished, why: "draft: true"},
			{src: "content/posts/json-post.md", kind: oldStory, url: "/special/json/", text: "From JSON"},
			{src: "content/docs/install.md", kind: oldStory, url: "/docs/install/", text: "Install"},
			{src: "content/docs/guide.adoc", kind: oldSkipped, url: "/docs/guide/",
				why: "AsciiDoc, which Hugo renders only with asciidoctor installed"},
			{src: "static/images/boat.jpg", kind: oldStatic, url: "/images/boat.jpg"},
			{src: "static/css/site.css", kind: oldStatic, url: "/css/site.css"},
			{src: "layouts/index.html", kind: oldUnpublished, why: "a template"},
			{src: "README.md", kind: oldUnpublished, why: "outside content/ and static/"},
		},
	},
	{
		name:    "jekyll",
		archive: "internal/importer/jekyll/testdata/site.txtar",
		base:    "https://notes.example.org/",
		// Jekyll's rules, from jekyllrb.com/docs/permalinks and its
		// url_drop.rb: permalink: date is
		// /:categories/:year/:month/:day/:title:output_ext, categories
		// lowercased, a space-separated string being a list; :title is the
		// file name's slug; the date is the file name's, in the site's zone;
		// a page's own permalink: wins; drafts and published: false are not
		// built; Gemfile is excluded by default; redirect_from is served by
		// the jekyll-redirect-from plugin, as a folder with index.html.
		files: []oldFile{
			{src: "_config.yml", kind: oldUnpublished, why: "configuration"},
			{src: "_posts/2016-07-19-first-post.md", kind: oldStory, url: "/travel/europe/2016/07/19/first-post.html",
				text: "First post", aliases: []string{"/first/"}},
			{src: "_posts/2017-01-02-second.markdown", kind: oldUnpublished, why: "published: false"},
			{src: "_drafts/a-draft.md", kind: oldUnpublished, why: "a draft"},
			{src: "about.md", kind: oldStory, url: "/about/", text: "About"},
			{src: "index.html", kind: oldListing, url: "/"},
			{src: "feed.xml", kind: oldListing, url: "/feed.xml"},
			{src: "assets/img/train.jpg", kind: oldStatic, url: "/assets/img/train.jpg"},
			{src: "_layouts/post.html", kind: oldUnpublished, why: "a template"},
			{src: "Gemfile", kind: oldUnpublished, why: "excluded by default"},
			{src: "notes.txt", kind: oldUnpublished, why: "exclude: in _config.yml"},
			{src: "_posts/2020-02-02-includes.md", kind: oldStory, url: "/2020/02/02/includes.html", text: "Includes"},
			{src: "_includes/signoff.md", kind: oldUnpublished, why: "an include, inlined where used"},
			{src: "_includes/byline.html", kind: oldUnpublished, why: "an include"},
			{src: "_includes/loop.html", kind: oldUnpublished, why: "an include"},
			{src: "_includes/note.html", kind: oldUnpublished, why: "an include"},
			{src: "aside.html", kind: oldStatic, url: "/aside.html"},
			// Collections: Jekyll's default permalink is /:collection/:path
			// with the suffix of the site's style (date: :output_ext), so
			// .html; :path keeps the folders and the date of the name.
			{src: "_recipes/2019-03-04-apple-pie.md", kind: oldStory, url: "/recipes/2019-03-04-apple-pie.html", text: "Apple pie"},
			{src: "_recipes/sweet/lemon-tart.md", kind: oldStory, url: "/recipes/sweet/lemon-tart.html", text: "Lemon tart"},
			{src: "_recipes/basics.md", kind: oldStory, url: "/recipes/basics.html", text: "Kitchen basics"},
			{src: "_recipes/img/pie.jpg", kind: oldStatic, url: "/recipes/img/pie.jpg"},
			{src: "_recipes/_private.md", kind: oldUnpublished, why: "a name starting with _ in a collection"},
			{src: "_staff/ana-ruiz.md", kind: oldStory, url: "/people/ana-ruiz/", text: "Ana Ruiz"},
			{src: "_notes/n.md", kind: oldUnpublished, why: "collection notes has output: false"},
			{src: "_undeclared/x.md", kind: oldUnpublished, why: "not a collection of _config.yml"},
		},
	},
}

// TestMigrateOldURLs is the acceptance test: it imports each
// fixture with the real binary, builds it, runs galley check, and then
// asks every old URL of the old site, from the table above, for its
// story: each must answer with the story itself or with a redirect page
// (and a _redirects rule) that leads to it.
func TestMigrateOldURLs(t *testing.T) {
	t.Parallel()
	for _, tt := range migrateCases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ar, err := txtar.ParseFile(tt.archive)
			if err != nil {
				t.Fatal(err)
			}
			srcFiles := archiveSources(ar)
			t.Run("table", func(t *testing.T) { checkTableCoversFixture(t, tt.files, srcFiles) })

			src, site := extractSite(t, tt.archive), t.TempDir()
			report, stderr, code := runGalley(t, nil, "import", "-s", site, src)
			if code != 0 {
				t.Fatalf("galley import -s SITE SRC: exit %d\n%s%s", code, report, stderr)
			}
			env := []string{"GALLEY_BUILD_TIME=2026-11-24T09:00:00Z"}
			if stdout, stderr, code := runGalley(t, env, "build", "-s", site); code != 0 {
				t.Fatalf("galley build -s SITE: exit %d\n%s%s", code, stdout, stderr)
			}
			dest := filepath.Join(site, "public")
			t.Run("check", func(t *testing.T) {
				if stdout, stderr, code := runGalley(t, nil, "check", "-d", dest); code != 0 {
					t.Errorf("galley check -d SITE/public: exit %d\n%s%s", code, stdout, stderr)
				}
			})

			pub := &publicSite{t: t, dir: dest, base: strings.TrimSuffix(tt.base, "/")}
			pub.redirects = readRedirects(t, filepath.Join(dest, "_redirects"))
			for _, u := range tt.feeds {
				if data, err := os.ReadFile(pub.file(u)); err != nil || !bytes.Contains(data, []byte("<rss ")) {
					t.Errorf("old feed %s does not answer with an RSS feed: %v", u, err)
				}
			}
			for _, f := range tt.files {
				t.Run(f.src, func(t *testing.T) {
					pub := *pub
					pub.t = t
					switch f.kind {
					case oldStory:
						page := pub.answers(f.url, f.text)
						for _, a := range f.aliases {
							if got := pub.answers(a, f.text); got != "" && page != "" && got != page {
								t.Errorf("alias %s leads to %s, but the story's URL %s to %s", a, got, f.url, page)
							}
						}
					case oldSection:
						pub.showsIntro(f.url, f.text)
					case oldListing:
						pub.exists(f.url)
					case oldStatic:
						pub.sameFile(f.url, srcFiles[f.src])
					case oldResource:
						pub.besideStory(f, tt.files, srcFiles[f.src])
					case oldSkipped:
						if !reportSkips(report, f.src) {
							t.Errorf("old URL %s (%s) is not kept, and the import report does not list %s as skipped:\n%s",
								f.url, f.why, f.src, report)
						}
					}
				})
			}
		})
	}
}

// TestMigrateHugoAgrees builds the Hugo fixture with Hugo itself, when it
// is installed, and compares the pages and aliases it publishes with the
// table of TestMigrateOldURLs, so that the table is Hugo's truth and not
// only our reading of its documentation.
func TestMigrateHugoAgrees(t *testing.T) {
	t.Parallel()
	hugo := lookPath("hugo")
	if hugo == "" {
		t.Skip("hugo is not on PATH (../shared/bench/build-hugo-v0.166.sh builds it); the old-URL table is not compared with Hugo")
	}
	tt := migrateCases[0]
	src := extractSite(t, tt.archive)
	// The fixture has no template for regular pages: give Hugo one that
	// marks them, so that they are written and told from lists.
	writeFile(t, filepath.Join(src, "layouts/single.html"), "<title>{{ .Title }}</title><meta name=\"galley-e2e\" content=\"regular page\">\n")
	writeFile(t, filepath.Join(src, "layouts/list.html"), "<title>{{ .Title }}</title>\n")
	// Hugo renders AsciiDoc only through asciidoctor, and stops without
	// it: leave those pages out of the comparison then.
	asciidoc := lookPath("asciidoctor") != ""
	if !asciidoc {
		for _, f := range tt.files {
			if strings.HasSuffix(f.src, ".adoc") {
				os.Remove(filepath.Join(src, filepath.FromSlash(f.src)))
			}
		}
	}
	out := runHugo(t, hugo, src)
	pages, aliases, files := hugoOutput(t, out, tt.base)
	wantPages, wantAliases := map[string]string{}, map[string]string{}
	for _, f := range tt.files {
		switch {
		case strings.HasSuffix(f.src, ".adoc") && !asciidoc:
			t.Logf("asciidoctor is not on PATH: Hugo cannot build %s, whose old URL is left uncompared", f.src)
		case f.kind == oldStory:
			wantPages[f.url] = f.text
			for _, a := range f.aliases {
				wantAliases[a] = f.url
			}
		case f.kind == oldSkipped && strings.HasSuffix(f.url, "/"):
			wantPages[f.url] = "" // a page, whose title the table does not need
		case f.kind == oldStatic || f.kind == oldResource || f.kind == oldSkipped:
			if !slices.Contains(files, f.url) {
				t.Errorf("Hugo did not publish %s (%s), which the table lists", f.url, f.src)
			}
		}
	}
	for u, title := range pages {
		want, ok := wantPages[u]
		switch {
		case !ok:
			t.Errorf("Hugo publishes a page at %s (%q), which the table lacks", u, title)
		case want != "" && want != title:
			t.Errorf("Hugo's page %s is %q, the table says %q", u, title, want)
		}
	}
	for u := range wantPages {
		if _, ok := pages[u]; !ok {
			t.Errorf("the table has a page at %s, which Hugo does not publish", u)
		}
	}
	for u, to := range aliases {
		if want, ok := wantAliases[u]; !ok || want != to {
			t.Errorf("Hugo redirects %s to %s; the table says %q", u, to, want)
		}
	}
	for u, to := range wantAliases {
		if _, ok := aliases[u]; !ok {
			t.Errorf("the table has an alias %s to %s, which Hugo does not write", u, to)
		}
	}
	var others []string
	for _, u := range files {
		if !slices.ContainsFunc(tt.files, func(f oldFile) bool { return f.url == u }) {
			others = append(others, u)
		}
	}
	slices.Sort(others)
	t.Logf("Hugo's other URLs (lists, taxonomies, feeds, sitemaps), which no content file gives and the table does not cover: %v", others)
}

// missingShortcodeRE finds the shortcode Hugo has no template for, or
// one whose template must read .Inner.
var missingShortcodeRE = regexp.MustCompile(`template for shortcode "([^"/]+)" not found|shortcode "([^"/]+)" does not evaluate .Inner or .InnerDeindent, yet a closing tag`)

// runHugo builds the Hugo site src and returns its output folder. The
// fixture uses shortcodes of themes it does not ship (the importer keeps
// them as text), on which Hugo stops: each gets an empty template, since
// a shortcode's output does not move any URL.
func runHugo(t *testing.T, hugo, src string) string {
	t.Helper()
	straightenShortcodeQuotes(t, filepath.Join(src, "content"))
	for range 20 {
		out := t.TempDir()
		cmd := exec.Command(hugo, "--source", src, "--destination", out)
		// A ref to a draft is an error by default; it moves no URL.
		cmd.Env = append(os.Environ(), "HUGO_CACHEDIR="+t.TempDir(), "HUGO_REFLINKSERRORLEVEL=warning")
		b, err := cmd.CombinedOutput()
		if err == nil {
			return out
		}
		m := missingShortcodeRE.FindSubmatch(b)
		if m == nil {
			t.Fatalf("hugo: %v\n%s", err, b)
		}
		// A shortcode with a closing tag needs a template that reads
		// .Inner, and one without must not have it.
		stub := ""
		if bytes.Contains(m[0], []byte("closing tag")) {
			stub = "{{ .Inner }}"
		}
		writeFile(t, filepath.Join(src, "layouts/_shortcodes", string(m[1])+string(m[2])+".html"), stub)
	}
	t.Fatal("hugo: still failing after 20 shortcode templates")
	return ""
}

// shortcodeRE matches a Hugo shortcode's action.
var shortcodeRE = regexp.MustCompile(`\{\{[<%].*?[>%]\}\}`)

// straightenShortcodeQuotes writes typographic quotes inside shortcodes
// under dir as straight ones. The fixture has them because editors type
// them and the importer must read them; Hugo refuses them, and they move
// no URL.
func straightenShortcodeQuotes(t *testing.T, dir string) {
	t.Helper()
	quotes := strings.NewReplacer("\u201c", `"`, "\u201d", `"`)
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fixed := shortcodeRE.ReplaceAllFunc(data, func(b []byte) []byte { return []byte(quotes.Replace(string(b))) })
		return os.WriteFile(p, fixed, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// hugoOutput reads what a Hugo build wrote to out: its regular pages
// (URL → title), its alias redirects (URL → target path), leaving out the
// redirect it writes from the default language's folder to the home page,
// which no content file asked for, and the URLs of every other file.
func hugoOutput(t *testing.T, out, base string) (pages, aliases map[string]string, files []string) {
	t.Helper()
	pages, aliases = map[string]string{}, map[string]string{}
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		u := "/" + filepath.ToSlash(rel)
		if dir, ok := strings.CutSuffix(u, "/index.html"); ok {
			u = dir + "/"
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		facts := factsOf(data)
		switch {
		case facts.refresh != "":
			_, to, _ := strings.Cut(facts.refresh, "url=")
			to = strings.TrimPrefix(to, strings.TrimSuffix(base, "/"))
			if to != "/" {
				aliases[u] = to
			}
		case bytes.Contains(data, []byte(`<meta name="galley-e2e" content="regular page">`)):
			pages[u] = facts.title
		default:
			files = append(files, u)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages, aliases, files
}

// archiveSources maps the old site's files in a fixture (its src/ part)
// to their bytes.
func archiveSources(ar *txtar.Archive) map[string][]byte {
	m := map[string][]byte{}
	for _, f := range ar.Files {
		if name, ok := strings.CutPrefix(f.Name, "src/"); ok {
			m[name] = f.Data
		}
	}
	return m
}

// checkTableCoversFixture fails when the fixture holds a file the table
// does not account for, or the table names a file the fixture lost: the
// fixtures grow, and a new page whose old URL nobody worked out would
// otherwise pass unchecked.
func checkTableCoversFixture(t *testing.T, table []oldFile, src map[string][]byte) {
	t.Helper()
	listed := map[string]bool{}
	for _, f := range table {
		if listed[f.src] {
			t.Errorf("%s is listed twice in the old-URL table of migrate_test.go", f.src)
		}
		listed[f.src] = true
		if _, ok := src[f.src]; !ok {
			t.Errorf("the old-URL table of migrate_test.go lists %s, which the fixture no longer has; remove its row", f.src)
		}
	}
	var missing []string
	for name := range src {
		if !listed[name] {
			missing = append(missing, name)
		}
	}
	slices.Sort(missing)
	for _, name := range missing {
		t.Errorf("the fixture's %s has no row in the old-URL table of migrate_test.go: work out the URL the old generator gave it (or why it had none) and add it", name)
	}
}

// publicSite answers requests for URLs from a built site's folder as a
// static host does.
type publicSite struct {
	t         testing.TB
	dir       string
	base      string            // the site's base URL, without the final slash
	redirects map[string]string // _redirects: old path → "target code"
}

// file is the file a static host serves for the URL path u: the
// folder's index.html, or the file itself for a name with an extension.
func (s *publicSite) file(u string) string {
	p := filepath.Join(s.dir, filepath.FromSlash(u))
	if strings.HasSuffix(u, "/") || path.Ext(u) == "" {
		p = filepath.Join(p, "index.html")
	}
	return p
}

// get returns the page served at u, following one redirect page (and
// checking that _redirects has the same rule): the final path and its
// facts. It reports an error and returns "" when u does not answer.
func (s *publicSite) get(u string) (string, pageFacts) {
	t := s.t
	t.Helper()
	data, err := os.ReadFile(s.file(u))
	if err != nil {
		t.Errorf("old URL %s does not answer: %v", u, err)
		return "", pageFacts{}
	}
	facts := factsOf(data)
	if facts.refresh == "" {
		return u, facts
	}
	target := s.redirectTarget(u, facts)
	if target == "" {
		return "", pageFacts{}
	}
	if got, want := s.redirects[u], target+" 301"; got != want && s.redirects[strings.TrimSuffix(u, "/")] != want {
		t.Errorf("old URL %s: _redirects has %q for it, want %q", u, got, u+" "+want)
	}
	data, err = os.ReadFile(s.file(target))
	if err != nil {
		t.Errorf("old URL %s redirects to %s, which does not answer: %v", u, target, err)
		return "", pageFacts{}
	}
	facts = factsOf(data)
	if facts.refresh != "" {
		t.Errorf("old URL %s redirects to %s, which redirects again (to %s)", u, target, facts.refresh)
		return "", pageFacts{}
	}
	return target, facts
}

// redirectTarget checks a redirect page's meta refresh and canonical
// link, which must agree and stay on the site, and returns the path they
// lead to.
func (s *publicSite) redirectTarget(u string, facts pageFacts) string {
	t := s.t
	t.Helper()
	_, to, ok := strings.Cut(facts.refresh, "url=")
	if !ok {
		t.Errorf("old URL %s: meta refresh %q names no url=", u, facts.refresh)
		return ""
	}
	if facts.canonical != to {
		t.Errorf("old URL %s: meta refresh leads to %q but rel=canonical to %q", u, to, facts.canonical)
	}
	target, err := url.Parse(to)
	if err != nil || (target.IsAbs() && !strings.HasPrefix(to, s.base+"/")) {
		t.Errorf("old URL %s redirects to %q, off the site %s", u, to, s.base)
		return ""
	}
	return target.Path
}

// answers checks that u serves the story headed title, itself or by a
// redirect, and returns the story's path.
func (s *publicSite) answers(u, title string) string {
	s.t.Helper()
	got, facts := s.get(u)
	if got == "" {
		return ""
	}
	if facts.h1 != title && !strings.HasPrefix(facts.title, title) {
		s.t.Errorf("old URL %s answers (at %s) with <h1> %q, <title> %q; want the story %q", u, got, facts.h1, facts.title, title)
		return ""
	}
	return got
}

// showsIntro checks that u serves a page whose text holds intro.
func (s *publicSite) showsIntro(u, intro string) {
	s.t.Helper()
	got, facts := s.get(u)
	if got != "" && !strings.Contains(facts.text, intro) {
		s.t.Errorf("old URL %s answers (at %s) without the section page's text %q", u, got, intro)
	}
}

// exists checks that u answers at all.
func (s *publicSite) exists(u string) {
	s.t.Helper()
	if _, err := os.Stat(s.file(u)); err != nil {
		s.t.Errorf("old URL %s does not answer: %v", u, err)
	}
}

// sameFile checks that u serves want, or its minified form for CSS and
// JavaScript.
func (s *publicSite) sameFile(u string, want []byte) {
	s.t.Helper()
	got, err := os.ReadFile(s.file(u))
	switch {
	case err != nil:
		s.t.Errorf("old URL %s does not answer: %v", u, err)
	case slices.Contains([]string{".css", ".js", ".svg", ".html"}, path.Ext(u)):
		// The build minifies these: only blanks may differ here.
		if !bytes.Equal(bytes.Join(bytes.Fields(got), nil), bytes.Join(bytes.Fields(want), nil)) {
			s.t.Errorf("old URL %s answers with %q, want the old file's %q, minified", u, got, want)
		}
	case !bytes.Equal(got, want):
		s.t.Errorf("old URL %s answers with %q, want the old file's %q", u, got, want)
	}
}

// besideStory checks that a bundle's file sits beside its story's new
// page, with the same bytes.
func (s *publicSite) besideStory(f oldFile, table []oldFile, want []byte) {
	s.t.Helper()
	i := slices.IndexFunc(table, func(o oldFile) bool { return o.src == f.of })
	if i < 0 {
		s.t.Errorf("the table lists no story %s for %s", f.of, f.src)
		return
	}
	story := s.answers(table[i].url, table[i].text)
	if story == "" {
		return
	}
	s.sameFile(path.Join(story, path.Base(f.src)), want)
}

// pageFacts are what a browser and a search engine read of a page.
type pageFacts struct {
	title, h1, text    string
	refresh, canonical string
}

// factsOf parses a page as a browser does.
func factsOf(page []byte) pageFacts {
	var f pageFacts
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return f
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
			}
			switch {
			case n.Data == "title" && f.title == "":
				f.title = strings.TrimSpace(textOf(n))
			case n.Data == "h1" && f.h1 == "":
				f.h1 = strings.TrimSpace(textOf(n))
			case n.Data == "meta" && strings.EqualFold(attr["http-equiv"], "refresh"):
				f.refresh = attr["content"]
			case n.Data == "link" && attr["rel"] == "canonical":
				f.canonical = attr["href"]
			case n.Data == "body":
				f.text = textOf(n)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return f
}

// textOf is the text inside n, as one string.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// readRedirects reads a _redirects file into old path → "target code".
// A missing file is an empty map: every redirect check then says so.
func readRedirects(t *testing.T, name string) map[string]string {
	t.Helper()
	m := map[string]string{}
	data, err := os.ReadFile(name)
	if err != nil {
		return m
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 3 && !strings.HasPrefix(f[0], "#") {
			m[f[0]] = f[1] + " " + f[2]
		}
	}
	return m
}

// reportSkips tells whether an import report lists src, or a folder
// holding it, as skipped.
func reportSkips(report, src string) bool {
	for line := range strings.Lines(report) {
		rest, ok := strings.CutPrefix(line, "skipped ")
		if !ok {
			continue
		}
		name, _, _ := strings.Cut(rest, ":")
		if name == src || strings.HasSuffix(name, "/") && strings.HasPrefix(src, name) {
			return true
		}
	}
	return false
}

// errorLog is a testing.TB that keeps the errors reported to it, to
// test the checks themselves.
type errorLog struct {
	testing.TB
	errs []string
}

// Errorf keeps the error, so that the test can read it.
func (l *errorLog) Errorf(format string, args ...any) {
	l.errs = append(l.errs, fmt.Sprintf(format, args...))
}

// TestPublicSiteCatches gives the old-URL checks of TestMigrateOldURLs
// built sites that are wrong in one way each, and expects each to be
// told: a check that cannot fail proves nothing.
func TestPublicSiteCatches(t *testing.T) {
	t.Parallel()
	const base = "https://news.example.org"
	story := "<!doctype html><title>The story · News</title><h1>The story</h1>"
	redirect := func(to, canonical string) string {
		return `<!doctype html><meta http-equiv="refresh" content="0; url=` + to + `"><link rel="canonical" href="` + canonical + `">`
	}
	tests := []struct {
		name      string
		files     map[string]string
		redirects string
		want      string // part of the one error expected; "" for none
	}{
		{"the story itself", map[string]string{"old/index.html": story}, "", ""},
		{"a redirect and its rule", map[string]string{
			"old/index.html": redirect(base+"/news/story/", base+"/news/story/"), "news/story/index.html": story,
		}, "/old/ /news/story/ 301\n", ""},
		{"no such page", map[string]string{"news/story/index.html": story}, "", "does not answer"},
		{"another story", map[string]string{"old/index.html": strings.ReplaceAll(story, "The story", "Another")}, "", "want the story"},
		{"no _redirects rule", map[string]string{
			"old/index.html": redirect(base+"/news/story/", base+"/news/story/"), "news/story/index.html": story,
		}, "", "_redirects has"},
		{"a rule that is not 301", map[string]string{
			"old/index.html": redirect(base+"/news/story/", base+"/news/story/"), "news/story/index.html": story,
		}, "/old/ /news/story/ 302\n", "_redirects has"},
		{"canonical elsewhere", map[string]string{
			"old/index.html": redirect(base+"/news/story/", base+"/news/other/"), "news/story/index.html": story,
		}, "/old/ /news/story/ 301\n", "rel=canonical"},
		{"off the site", map[string]string{
			"old/index.html": redirect("https://evil.example.com/news/story/", "https://evil.example.com/news/story/"), "news/story/index.html": story,
		}, "", "off the site"},
		{"to nowhere", map[string]string{
			"old/index.html": redirect(base+"/news/story/", base+"/news/story/"),
		}, "/old/ /news/story/ 301\n", "which does not answer"},
		{"a chain", map[string]string{
			"old/index.html":        redirect(base+"/news/story/", base+"/news/story/"),
			"news/story/index.html": redirect(base+"/news/final/", base+"/news/final/"), "news/final/index.html": story,
		}, "/old/ /news/story/ 301\n", "redirects again"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, data := range tt.files {
				writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), data)
			}
			writeFile(t, filepath.Join(dir, "_redirects"), tt.redirects)
			log := &errorLog{TB: t}
			s := &publicSite{t: log, dir: dir, base: base, redirects: readRedirects(t, filepath.Join(dir, "_redirects"))}
			s.answers("/old/", "The story")
			switch {
			case tt.want == "" && len(log.errs) > 0:
				t.Errorf("a good site is reported: %q", log.errs)
			case tt.want != "" && (len(log.errs) != 1 || !strings.Contains(log.errs[0], tt.want)):
				t.Errorf("errors %q, want one saying %q", log.errs, tt.want)
			}
		})
	}
}

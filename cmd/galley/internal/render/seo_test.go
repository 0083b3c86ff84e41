package render

import (
	"bytes"
	"context"
	"encoding/json"
	"html/template"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"

	"galley.dev/galley"
	"galley.dev/galley/cmd/galley/internal/config"
	"galley.dev/galley/cmd/galley/internal/content"
	"galley.dev/galley/cmd/galley/internal/markdown"
	"galley.dev/galley/cmd/galley/internal/site"
)

// testSite loads a site from files (site.yaml and content/…) as a build
// does and returns its renderer and model, with the built-in theme.
func testSite(t *testing.T, files map[string]string) (*Renderer, *site.Site) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	cfg, err := config.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	md := markdown.New(markdown.Options{})
	opts := content.Options{Location: cfg.Location, MaxFileSize: cfg.MaxFileSize, Markdown: md}
	ctx := context.Background()
	articles, err := content.Load(ctx, fsys, opts)
	if err != nil {
		t.Fatal(err)
	}
	var extra site.Extra
	if extra.Profiles, err = content.LoadProfiles(ctx, fsys, opts); err != nil {
		t.Fatal(err)
	}
	if extra.Intros, err = content.LoadIntros(ctx, fsys, opts); err != nil {
		t.Fatal(err)
	}
	tmpl, err := LoadTemplates(fstest.MapFS{}, galley.Theme(), true)
	if err != nil {
		t.Fatal(err)
	}
	s, err := site.New(cfg, articles, extra, site.Options{Now: time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return New(s, md, tmpl), s
}

// story returns an article file with the given front matter lines and body.
func story(date string, front string, body string) string {
	return "---\ndate: " + date + "\n" + front + "---\n" + body + "\n"
}

// head is what a page's <head> tells crawlers.
type head struct {
	title, canonical string
	meta             map[string]string // by property or name
	jsonld           []map[string]any
	doc              *html.Node
}

func parseHead(t *testing.T, page []byte) head {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	h := head{meta: map[string]string{}, doc: doc}
	walk(doc, func(n *html.Node) {
		switch n.Data {
		case "title":
			if n.FirstChild != nil {
				h.title = n.FirstChild.Data
			}
		case "link":
			if attr(n, "rel") == "canonical" {
				h.canonical = attr(n, "href")
			}
		case "meta":
			key := attr(n, "property")
			if key == "" {
				key = attr(n, "name")
			}
			if key != "" {
				if _, dup := h.meta[key]; dup && !strings.HasPrefix(key, "article:") {
					t.Errorf("meta %s given twice", key)
				}
				h.meta[key] = attr(n, "content")
			}
		case "script":
			if attr(n, "type") == "application/ld+json" && n.FirstChild != nil {
				var v map[string]any
				if err := json.Unmarshal([]byte(n.FirstChild.Data), &v); err != nil {
					t.Errorf("JSON-LD does not parse: %v\n%s", err, n.FirstChild.Data)
				}
				h.jsonld = append(h.jsonld, v)
			}
		}
	})
	return h
}

func walk(n *html.Node, f func(*html.Node)) {
	if n.Type == html.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func renderArticle(t *testing.T, r *Renderer, a *site.Article) []byte {
	t.Helper()
	body, err := r.Body(a)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.Article(&b, a, body); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func renderHome(t *testing.T, r *Renderer, n int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := r.Home(&b, n); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func renderTerm(t *testing.T, r *Renderer, term *site.Term, n int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := r.Term(&b, term, n); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func articleBySlug(t *testing.T, s *site.Site, slug string) *site.Article {
	t.Helper()
	for _, a := range s.Articles {
		if a.Slug == slug {
			return a
		}
	}
	t.Fatalf("no article %s", slug)
	return nil
}

// listingSite has three stories a page, so that the front page, the
// section, the topic and the author each have two pages.
var listingSite = map[string]string{
	"site.yaml": "title: The Test & Times\nbase_url: https://news.example.org/\nper_page: 2\nlanguage: en-GB\nsocial: {x: \"@testtimes\"}\n",
	"content/authors/ana-ruiz.md": "---\nname: Ana Ruiz\nrole: Climate correspondent\nphoto: /images/ana.jpg\nlinks:\n" +
		"  - {name: Bluesky, url: \"https://bsky.app/profile/ana.example.org\"}\n  - {name: Mastodon, url: \"https://mastodon.example/@ana\"}\n" +
		"  - {name: Bad, url: \"javascript:alert(1)\"}\n---\nAna covers the coasts.\n",
	"content/news/a.md": story("2026-11-20", "title: A\ndescription: Dek A.\nauthors: [Ana Ruiz]\ntopics: [Climate]\n", "Body A."),
	"content/news/b.md": story("2026-11-19", "title: B\ndescription: Dek B.\nauthors: [Ana Ruiz]\ntopics: [Climate]\n", "Body B."),
	"content/news/c.md": story("2026-11-18", "title: C\ndescription: Dek C.\nauthors: [Ana Ruiz]\ntopics: [Climate]\n", "Body C."),
}

func termByKind(t *testing.T, s *site.Site, kind site.Kind) *site.Term {
	t.Helper()
	var list []*site.Term
	switch kind {
	case site.SectionKind:
		list = s.Sections
	case site.TopicKind:
		list = s.Topics
	case site.AuthorKind:
		list = s.Authors
	}
	if len(list) == 0 {
		t.Fatalf("no %s", kind)
	}
	return list[0]
}

// TestListingSocialMeta checks that the front page and the fronts of
// sections, topics and authors carry Open Graph and Twitter tags, as
// articles do: a shared link to them showed a bare URL.
func TestListingSocialMeta(t *testing.T) {
	r, s := testSite(t, listingSite)
	pages := []struct {
		name string
		html []byte
	}{
		{"home", renderHome(t, r, 1)},
		{"home page 2", renderHome(t, r, 2)},
		{"section", renderTerm(t, r, termByKind(t, s, site.SectionKind), 1)},
		{"topic", renderTerm(t, r, termByKind(t, s, site.TopicKind), 1)},
		{"author", renderTerm(t, r, termByKind(t, s, site.AuthorKind), 1)},
		{"author page 2", renderTerm(t, r, termByKind(t, s, site.AuthorKind), 2)},
	}
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			h := parseHead(t, p.html)
			want := map[string]string{
				"og:type": "website", "og:site_name": "The Test & Times", "og:url": h.canonical,
				"og:locale": "en_GB", "twitter:site": "@testtimes",
			}
			for k, v := range want {
				if h.meta[k] != v {
					t.Errorf("%s = %q, want %q", k, h.meta[k], v)
				}
			}
			for _, k := range []string{"og:title", "og:description", "twitter:card", "twitter:title", "twitter:description"} {
				if h.meta[k] == "" {
					t.Errorf("no %s", k)
				}
			}
			if h.meta["og:description"] != h.meta["description"] {
				t.Errorf("og:description %q, description %q: want the same", h.meta["og:description"], h.meta["description"])
			}
		})
	}
}

// TestPaginatedTitles checks that page 2 of a listing has a title and a
// description of its own: search engines took the pages for duplicates.
func TestPaginatedTitles(t *testing.T) {
	r, s := testSite(t, listingSite)
	listings := []struct {
		name         string
		first, other []byte
	}{
		{"home", renderHome(t, r, 1), renderHome(t, r, 2)},
		{"section", renderTerm(t, r, termByKind(t, s, site.SectionKind), 1), renderTerm(t, r, termByKind(t, s, site.SectionKind), 2)},
		{"topic", renderTerm(t, r, termByKind(t, s, site.TopicKind), 1), renderTerm(t, r, termByKind(t, s, site.TopicKind), 2)},
		{"author", renderTerm(t, r, termByKind(t, s, site.AuthorKind), 1), renderTerm(t, r, termByKind(t, s, site.AuthorKind), 2)},
	}
	for _, l := range listings {
		t.Run(l.name, func(t *testing.T) {
			one, two := parseHead(t, l.first), parseHead(t, l.other)
			for _, k := range []string{"description", "og:title", "og:description", "twitter:title"} {
				if one.meta[k] == two.meta[k] {
					t.Errorf("%s %q on both pages", k, one.meta[k])
				}
				if !strings.Contains(strings.ToLower(two.meta[k]), "page 2") {
					t.Errorf("%s of page 2 is %q, without its page", k, two.meta[k])
				}
			}
			if one.title == two.title || !strings.Contains(two.title, "page 2") {
				t.Errorf("titles %q and %q", one.title, two.title)
			}
		})
	}
}

// TestAuthorProfilePage checks the author page's structured data: a
// ProfilePage whose main entity is the Person, with the profile's photo,
// role and links.
func TestAuthorProfilePage(t *testing.T) {
	r, s := testSite(t, listingSite)
	h := parseHead(t, renderTerm(t, r, termByKind(t, s, site.AuthorKind), 1))
	if len(h.jsonld) != 1 {
		t.Fatalf("%d JSON-LD scripts, want 1", len(h.jsonld))
	}
	got, _ := json.Marshal(h.jsonld[0])
	want := `{"@context":"https://schema.org","@type":"ProfilePage","mainEntity":{"@type":"Person","image":"https://news.example.org/images/ana.jpg","jobTitle":"Climate correspondent","name":"Ana Ruiz","sameAs":["https://bsky.app/profile/ana.example.org","https://mastodon.example/@ana"],"url":"https://news.example.org/authors/ana-ruiz/"},"url":"https://news.example.org/authors/ana-ruiz/"}`
	if string(got) != want {
		t.Errorf("JSON-LD\n got %s\nwant %s", got, want)
	}

	// An author without a profile is still a Person, with no empty fields.
	r, s = testSite(t, map[string]string{"content/news/a.md": story("2026-11-20", "title: A\nauthors: [Tom Berg]\n", "Body.")})
	h = parseHead(t, renderTerm(t, r, termByKind(t, s, site.AuthorKind), 1))
	if len(h.jsonld) != 1 {
		t.Fatalf("%d JSON-LD scripts, want 1", len(h.jsonld))
	}
	got, _ = json.Marshal(h.jsonld[0])
	want = `{"@context":"https://schema.org","@type":"ProfilePage","mainEntity":{"@type":"Person","name":"Tom Berg","url":"http://localhost:1313/authors/tom-berg/"},"url":"http://localhost:1313/authors/tom-berg/"}`
	if string(got) != want {
		t.Errorf("JSON-LD without profile\n got %s\nwant %s", got, want)
	}
}

// TestOGLocale checks og:locale in the language_TERRITORY form Open
// Graph wants, from the site's BCP 47 language.
func TestOGLocale(t *testing.T) {
	tests := []struct{ language, want string }{
		{"en", "en_US"},
		{"en-GB", "en_GB"},
		{"en_gb", "en_GB"},
		{"fr", "fr_FR"},
		{"pt-BR", "pt_BR"},
		{"de-AT", "de_AT"},
		{"zh-Hant", "zh_TW"},
		{"sr-Latn-RS", "sr_RS"},
		{"es-419", ""}, // a region that is no country
		{"und", ""},
		{"not a tag", ""},
	}
	for _, tt := range tests {
		if got := ogLocale(tt.language); got != tt.want {
			t.Errorf("ogLocale(%q) = %q, want %q", tt.language, got, tt.want)
		}
	}
	r, s := testSite(t, map[string]string{"content/news/a.md": story("2026-11-20", "title: A\n", "Body.")})
	h := parseHead(t, renderArticle(t, r, s.Articles[0]))
	if h.meta["og:locale"] != "en_US" {
		t.Errorf("article og:locale = %q, want en_US", h.meta["og:locale"])
	}
}

// TestEmailShareSameTab checks that the email share link, which opens
// the reader's mail program, does not open an empty tab as well; the
// networks' links still open in a new one.
func TestEmailShareSameTab(t *testing.T) {
	r, s := testSite(t, map[string]string{
		"site.yaml":         "share: [x, email]\n",
		"content/news/a.md": story("2026-11-20", "title: A\n", "Body."),
	})
	h := parseHead(t, renderArticle(t, r, s.Articles[0]))
	seen := 0
	walk(h.doc, func(n *html.Node) {
		if n.Data != "a" || !strings.Contains(attr(n, "class"), "share-link") {
			return
		}
		seen++
		mail := strings.HasPrefix(attr(n, "href"), "mailto:")
		if mail && hasAttr(n, "target") {
			t.Errorf("the email link has target=%q", attr(n, "target"))
		}
		if !mail && attr(n, "target") != "_blank" {
			t.Errorf("%s opens in the same tab", attr(n, "href"))
		}
	})
	if seen != 2 {
		t.Errorf("%d share links, want 2", seen)
	}
}

// TestNewsletterButton checks the signup button says what it does.
func TestNewsletterButton(t *testing.T) {
	r, s := testSite(t, map[string]string{
		"site.yaml":         "newsletter: {action: \"https://lists.example.org/subscribe\"}\n",
		"content/news/a.md": story("2026-11-20", "title: A\n", "Body."),
	})
	h := parseHead(t, renderArticle(t, r, s.Articles[0]))
	buttons := 0
	walk(h.doc, func(n *html.Node) {
		if n.Data == "button" {
			buttons++
			if attr(n, "type") != "submit" {
				t.Errorf("newsletter button type %q, want submit", attr(n, "type"))
			}
		}
	})
	if buttons != 1 {
		t.Errorf("%d buttons, want 1", buttons)
	}
}

// TestDerivedDek checks that a dek made from the first paragraph is not
// shown above that paragraph, but still describes the story to crawlers
// and in cards; a dek the editor wrote is shown.
func TestDerivedDek(t *testing.T) {
	r, s := testSite(t, map[string]string{
		"content/news/derived.md": story("2026-11-20", "title: Derived\n", "The lede paragraph, which is the story's first."),
		"content/news/written.md": story("2026-11-19", "title: Written\ndescription: What the editor wrote.\n", "The lede."),
	})
	deks := func(page []byte) []string {
		var out []string
		walk(parseHead(t, page).doc, func(n *html.Node) {
			if strings.Contains(" "+attr(n, "class")+" ", " dek ") && n.FirstChild != nil {
				out = append(out, n.FirstChild.Data)
			}
		})
		return out
	}
	derived := articleBySlug(t, s, "derived")
	if !derived.DescriptionDerived {
		t.Fatal("content did not mark the description as derived")
	}
	page := renderArticle(t, r, derived)
	if d := deks(page); len(d) != 0 {
		t.Errorf("derived dek shown above the lede: %q", d)
	}
	if h := parseHead(t, page); h.meta["description"] != "The lede paragraph, which is the story’s first." || h.meta["og:description"] != h.meta["description"] {
		t.Errorf("description %q, og:description %q", h.meta["description"], h.meta["og:description"])
	}
	if d := deks(renderArticle(t, r, articleBySlug(t, s, "written"))); len(d) != 1 || d[0] != "What the editor wrote." {
		t.Errorf("written dek = %q", d)
	}
	if !bytes.Contains(renderHome(t, r, 1), []byte("The lede paragraph, which is the story’s first.")) {
		t.Error("the card lost the derived dek")
	}
}

// TestSocialImage checks the image a story offers to social networks
// and search engines: its hero, else the first picture of its body,
// else the site's default_image, else none; never the site's logo or
// favicon, which platforms show as a blurred stamp.
func TestSocialImage(t *testing.T) {
	files := map[string]string{
		"site.yaml": "base_url: https://news.example.org/\nlogo: /favicon.svg\n",
		"content/news/hero.md": story("2026-11-20", "title: Hero\nimage: {src: /images/hero.jpg, alt: The hero}\n",
			"Text.\n\n![A body picture](/images/body.jpg)"),
		"content/news/body.md":   story("2026-11-19", "title: Body\n", "Text.\n\n![Boats in the harbour](/images/boats.jpg)\n\n![Second](/images/second.jpg)"),
		"content/news/remote.md": story("2026-11-18", "title: Remote\n", "Text.\n\n![Wire photo](https://cdn.example.org/wire.jpg)"),
		"content/news/none.md":   story("2026-11-17", "title: None\n", "Only text."),
		"static/images/hero.jpg": "", "static/images/boats.jpg": "", "static/images/second.jpg": "", "static/images/default.jpg": "",
	}
	tests := []struct {
		slug, defaultImage string
		image, alt         string
		width, height      string
	}{
		{"hero", "", "https://news.example.org/images/hero.jpg", "The hero", "", ""},
		{"body", "", "https://news.example.org/images/boats.jpg", "Boats in the harbour", "", ""},
		{"remote", "", "https://cdn.example.org/wire.jpg", "Wire photo", "", ""},
		{"none", "", "", "", "", ""},
		{"none", "/images/default.jpg", "https://news.example.org/images/default.jpg", "", "", ""},
		{"body", "/images/default.jpg", "https://news.example.org/images/boats.jpg", "Boats in the harbour", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.slug+"/"+tt.defaultImage, func(t *testing.T) {
			f := map[string]string{}
			for k, v := range files {
				f[k] = v
			}
			if tt.defaultImage != "" {
				f["site.yaml"] += "default_image: " + tt.defaultImage + "\n"
			}
			r, s := testSite(t, f)
			h := parseHead(t, renderArticle(t, r, articleBySlug(t, s, tt.slug)))
			for k, want := range map[string]string{
				"og:image": tt.image, "twitter:image": tt.image, "og:image:alt": tt.alt, "twitter:image:alt": tt.alt,
				"og:image:width": tt.width, "og:image:height": tt.height,
			} {
				if h.meta[k] != want {
					t.Errorf("%s = %q, want %q", k, h.meta[k], want)
				}
			}
			if tt.image == "" && h.meta["twitter:card"] != "summary" {
				t.Errorf("twitter:card %q without an image, want summary", h.meta["twitter:card"])
			}
			var images []string
			if len(h.jsonld) == 1 {
				if list, ok := h.jsonld[0]["image"].([]any); ok {
					for _, v := range list {
						images = append(images, imageURL(v))
					}
				}
			}
			wantImages := []string(nil)
			if tt.image != "" {
				wantImages = []string{tt.image}
			}
			if strings.Join(images, " ") != strings.Join(wantImages, " ") {
				t.Errorf("JSON-LD image %q, want %q", images, wantImages)
			}
		})
	}
}

// imageURL is the URL of a JSON-LD image, given as a URL or as an
// ImageObject.
func imageURL(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case map[string]any:
		for _, k := range []string{"contentUrl", "url"} {
			if u, ok := v[k].(string); ok {
				return u
			}
		}
	}
	return ""
}

func TestFirstBodyImage(t *testing.T) {
	r := &Renderer{cfg: config.Default()}
	tests := []struct {
		body string
		want socialImage
	}{
		{`<p>No picture.</p>`, socialImage{}},
		{`<p>&lt;img src="/a.jpg"&gt;</p>`, socialImage{}},
		{`<figure><img src="/images/a.jpg" alt="A &amp; B" width="1200" height="800"></figure>`, socialImage{URL: "http://localhost:1313/images/a.jpg", Alt: "A & B", Width: 1200, Height: 800}},
		{`<picture><source srcset="/a.webp 800w"><img src="/a.jpg" alt="A"></picture>`, socialImage{URL: "http://localhost:1313/a.jpg", Alt: "A"}},
		{`<img src="javascript:alert(1)"><img src="data:image/png;base64,AA"><img src="https://cdn.example.org/b.jpg">`, socialImage{URL: "https://cdn.example.org/b.jpg"}},
		{`<imgx src="/x.jpg"><img src="/y.jpg" width="0" height="10">`, socialImage{URL: "http://localhost:1313/y.jpg"}},
		{`<img src="/unclosed.jpg"`, socialImage{}},
	}
	for _, tt := range tests {
		got, _ := r.firstBodyImage(tt.body)
		if got != tt.want {
			t.Errorf("firstBodyImage(%q) = %+v, want %+v", tt.body, got, tt.want)
		}
	}
}

// FuzzFirstBodyImage checks that whatever a body holds, the image found
// is an http(s) URL or none, and its size is whole or unknown.
func FuzzFirstBodyImage(f *testing.F) {
	f.Add(`<figure><img src="/images/a.jpg" alt="A" width="1200" height="800"></figure>`)
	f.Add(`<img src=" javascript:alert(1)"><img src=//cdn.example.org/x.jpg>`)
	f.Add(`<img<img<img src="/a.jpg"`)
	r := &Renderer{cfg: config.Default()}
	f.Fuzz(func(t *testing.T, body string) {
		img, ok := r.firstBodyImage(body)
		if ok != (img.URL != "") {
			t.Fatalf("found %v but URL %q", ok, img.URL)
		}
		if img.URL != "" && !strings.HasPrefix(img.URL, "https://") && !strings.HasPrefix(img.URL, "http://") || scriptScheme(img.URL) {
			t.Fatalf("image URL %q", img.URL)
		}
		if (img.Width == 0) != (img.Height == 0) || img.Width < 0 || img.Height < 0 {
			t.Fatalf("size %dx%d", img.Width, img.Height)
		}
	})
}

func FuzzOGLocale(f *testing.F) {
	for _, s := range []string{"en", "en-GB", "zh-Hant", "sr-Latn-RS", "es-419", "und", "x-private", "en_us", "qaa-Qaaa-QM"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, tag string) {
		got := ogLocale(tag)
		if got == "" {
			return
		}
		lang, region, ok := strings.Cut(got, "_")
		if !ok || len(lang) < 2 || len(lang) > 3 || strings.ToLower(lang) != lang || len(region) != 2 || strings.ToUpper(region) != region {
			t.Fatalf("ogLocale(%q) = %q, not ll_CC", tag, got)
		}
	})
}

// BenchmarkFirstBodyImage shows the search for a body's first picture
// linear in the body's length, even for text full of "<img" that never
// closes a tag: ×4 the body, ×4 the time.
func BenchmarkFirstBodyImage(b *testing.B) {
	r := &Renderer{cfg: config.Default()}
	for _, n := range []int{1000, 4000} {
		body := strings.Repeat("<p>text</p><imgx <img ", n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				r.firstBodyImage(body)
			}
		})
	}
}

// headMetaRange is how head.html made the meta tags before HeadMetaHTML.
var headMetaRange = template.Must(template.New("").Parse(`{{range .}}{{if .Property}}<meta property="{{.Property}}" content="{{.Content}}">{{else}}<meta name="{{.Name}}" content="{{.Content}}">{{end}}{{end}}`))

// checkHeadMetaHTML checks that HeadMetaHTML writes the tags of m as
// html/template would have, byte for byte.
func checkHeadMetaHTML(t *testing.T, m []Meta) {
	t.Helper()
	var want strings.Builder
	if err := headMetaRange.Execute(&want, m); err != nil {
		t.Fatal(err)
	}
	p := &Page{Kind: "article", Meta: m}
	if got := string(p.HeadMetaHTML()); got != want.String() {
		t.Errorf("HeadMetaHTML(%q)\n got %s\nwant %s", m, got, want.String())
	}
}

func TestHeadMetaHTML(t *testing.T) {
	checkHeadMetaHTML(t, []Meta{
		{Property: "og:type", Content: "article"},
		{Property: "og:title", Content: `Tom & Jerry's "big" <day> + 1`},
		{Name: "twitter:card", Content: "summary_large_image"},
		{Property: "og:description", Content: "Ñandú\x00 at café \u2028 ✓"},
		{Property: "og:url", Content: "https://example.org/a?b=1&c=2+3"},
	})
}

func FuzzHeadMetaHTML(f *testing.F) {
	f.Add("og:title", "", `a & b "c" <d> +'`)
	f.Add("", "description", "\x00\xff\ufdd0")
	f.Fuzz(func(t *testing.T, property, name, content string) {
		if content == "" || scriptScheme(content) || property == "og:type" {
			return // HeadMeta drops these, or adds to them
		}
		checkHeadMetaHTML(t, []Meta{{Property: property, Name: name, Content: content}})
	})
}

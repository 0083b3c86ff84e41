// Package check verifies a built site the way a reader's browser and a
// search engine would meet it: every internal link, image, stylesheet and
// #fragment resolves; feeds and sitemaps list only pages that exist; and
// every page can be reached from another page, so none is orphaned.
//
// Orphans are looked for among the pages Galley made, which say so in a
// <meta name="generator" content="Galley">: an HTML file of static/ (a
// search engine's verification file, an old page kept as it was) is the
// site owner's, and need not be linked; its links are checked all the
// same.
//
// A redirect page (a meta refresh with a URL, as galley build writes at
// each alias) is an old address, not a page: it need not be linked, its
// target must exist, and its links keep no page from being orphaned.
package check

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// A Problem is one thing wrong in a built site.
type Problem struct {
	File string // slash path in the site ("news/x/index.html")
	Msg  string
}

func (p Problem) String() string { return p.File + ": " + p.Msg }

// Site checks the site in dir. base is the site's absolute URL (links that
// start with it are internal); "" reads it from the front page's canonical
// link.
func Site(dir, base string) ([]Problem, error) {
	fsys := os.DirFS(dir)
	c := &checker{fsys: fsys, ids: map[string]map[string]bool{}, linked: map[string]bool{}, redirects: map[string]bool{}, made: map[string]bool{}}
	if base == "" {
		base = c.canonical("index.html")
	}
	if u, err := url.Parse(base); err == nil && base != "" {
		c.base = u
	}
	var pages, others []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
		case strings.HasSuffix(p, ".html"):
			pages = append(pages, p)
		case strings.HasSuffix(p, ".xml"), strings.HasSuffix(p, ".json"):
			others = append(others, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, p := range pages {
		c.page(p)
	}
	for _, p := range others {
		c.listing(p)
	}
	for _, p := range pages {
		if p != "index.html" && p != "404.html" && c.made[p] && !c.linked[p] && !c.redirects[p] {
			c.add(p, "no page links here (orphaned)")
		}
	}
	slices.SortFunc(c.problems, func(a, b Problem) int { return strings.Compare(a.String(), b.String()) })
	return slices.Compact(c.problems), nil
}

type checker struct {
	fsys      fs.FS
	base      *url.URL
	ids       map[string]map[string]bool // page → its element ids
	linked    map[string]bool            // pages some other page links to
	redirects map[string]bool            // redirect pages, never a reader's page
	made      map[string]bool            // pages that name Galley as their generator
	problems  []Problem
}

func (c *checker) add(file, format string, args ...any) {
	c.problems = append(c.problems, Problem{File: file, Msg: fmt.Sprintf(format, args...)})
}

// canonical returns the canonical URL of a page, or "".
func (c *checker) canonical(page string) string {
	data, err := fs.ReadFile(c.fsys, page)
	if err != nil {
		return ""
	}
	for _, l := range links(data) {
		if l.tag == "link" && l.rel == "canonical" {
			return l.url
		}
	}
	return ""
}

// A ref is a URL found in a page.
type ref struct {
	tag, attr, rel, url string
}

// generator reports whether the attributes are those of a meta tag
// that names Galley as the page's generator.
func generator(attrs []html.Attribute) bool {
	var name, content string
	for _, a := range attrs {
		switch a.Key {
		case "name":
			name = a.Val
		case "content":
			content = a.Val
		}
	}
	return strings.EqualFold(name, "generator") && strings.HasPrefix(content, "Galley")
}

// links returns every URL-valued attribute in an HTML page, the URL of a
// meta refresh as a ref with rel "refresh", and a ref with rel
// "generator" for a page Galley made.
func links(data []byte) []ref {
	var refs []ref
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return refs
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		var rel string
		var equiv, content string
		for _, a := range tok.Attr {
			switch a.Key {
			case "rel":
				rel = a.Val
			case "http-equiv":
				equiv = a.Val
			case "content":
				content = a.Val
			}
		}
		if tok.Data == "meta" && generator(tok.Attr) {
			refs = append(refs, ref{tok.Data, "content", "generator", ""})
		}
		if tok.Data == "meta" && strings.EqualFold(equiv, "refresh") {
			if u := refreshURL(content); u != "" {
				refs = append(refs, ref{tok.Data, "content", "refresh", u})
			}
		}
		for _, a := range tok.Attr {
			switch {
			case a.Key == "href" && (tok.Data == "a" || tok.Data == "link"),
				a.Key == "src" && (tok.Data == "img" || tok.Data == "script" || tok.Data == "source"),
				a.Key == "action" && tok.Data == "form":
				refs = append(refs, ref{tok.Data, a.Key, rel, a.Val})
			}
		}
	}
}

// ids returns the element ids of a page, parsing it once.
func (c *checker) pageIDs(page string) map[string]bool {
	if ids, ok := c.ids[page]; ok {
		return ids
	}
	ids := map[string]bool{}
	data, _ := fs.ReadFile(c.fsys, page)
	z := html.NewTokenizer(bytes.NewReader(data))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			for _, a := range z.Token().Attr {
				if a.Key == "id" {
					ids[a.Val] = true
				}
			}
		}
	}
	c.ids[page] = ids
	return ids
}

// page checks the links of one page.
func (c *checker) page(p string) {
	data, err := fs.ReadFile(c.fsys, p)
	if err != nil {
		c.add(p, "%v", err)
		return
	}
	refs := links(data)
	redirect := slices.ContainsFunc(refs, func(r ref) bool { return r.rel == "refresh" })
	if redirect {
		c.redirects[p] = true
	}
	if slices.ContainsFunc(refs, func(r ref) bool { return r.rel == "generator" }) {
		c.made[p] = true
	}
	for _, r := range refs {
		if r.tag == "form" || r.rel == "canonical" || r.rel == "generator" || r.rel == "alternate" && r.url == "" {
			continue
		}
		target, frag, internal := c.resolve(p, r.url)
		if !internal {
			continue
		}
		if target == "" {
			if r.rel == "refresh" {
				c.add(p, "redirect to %q leads to no file", r.url)
			} else {
				c.add(p, "%s %s=%q leads to no file", r.tag, r.attr, r.url)
			}
			continue
		}
		if target != p && !redirect {
			c.linked[target] = true
		}
		if frag != "" && strings.HasSuffix(target, ".html") && !c.pageIDs(target)[frag] {
			c.add(p, "link %q: no element with id %q in %s", r.url, frag, target)
		}
	}
}

// resolve maps a URL in page p to the file it names. internal is false for
// other sites; target is "" for an internal URL with no file.
func (c *checker) resolve(p, raw string) (target, frag string, internal bool) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", "", true
	}
	if u.Scheme != "" || u.Host != "" {
		if c.base == nil || u.Host != c.base.Host || !strings.HasPrefix(u.Path, c.base.Path) {
			return "", "", false
		}
		u.Path = "/" + strings.TrimPrefix(u.Path, c.base.Path)
	}
	frag = u.Fragment
	if u.Path == "" {
		return p, frag, true
	}
	var name string
	if strings.HasPrefix(u.Path, "/") {
		name = strings.TrimPrefix(path.Clean(u.Path), "/")
	} else {
		name = path.Join(path.Dir(p), u.Path)
	}
	if name == "" || name == "." {
		name = "index.html"
	}
	if info, err := fs.Stat(c.fsys, name); err == nil {
		if !info.IsDir() {
			return name, frag, true
		}
		name = path.Join(name, "index.html")
		if _, err := fs.Stat(c.fsys, name); err == nil {
			return name, frag, true
		}
	}
	return "", frag, true
}

// refreshURL returns the URL of a meta refresh's content, "0; url=/x/",
// read as browsers read it; "" for a refresh that only reloads the page.
func refreshURL(content string) string {
	const space = " \t\n\f\r"
	s := strings.TrimLeft(content, space)
	s = strings.TrimLeft(s, "0123456789.") // the delay
	s = strings.TrimLeft(s, space)
	if s != "" && (s[0] == ';' || s[0] == ',') {
		s = strings.TrimLeft(s[1:], space)
	}
	if len(s) >= 3 && strings.EqualFold(s[:3], "url") {
		if rest := strings.TrimLeft(s[3:], space); strings.HasPrefix(rest, "=") {
			s = strings.TrimLeft(rest[1:], space)
		}
	}
	if s != "" && (s[0] == '"' || s[0] == '\'') {
		q := s[0]
		s = s[1:]
		if i := strings.IndexByte(s, q); i >= 0 {
			s = s[:i]
		}
	}
	return strings.TrimRight(s, space)
}

// listing checks that a feed or sitemap lists only pages that exist.
func (c *checker) listing(p string) {
	data, err := fs.ReadFile(c.fsys, p)
	if err != nil {
		c.add(p, "%v", err)
		return
	}
	var urls []string
	if strings.HasSuffix(p, ".json") {
		urls = jsonURLs(data)
	} else {
		urls = xmlURLs(data)
	}
	for _, u := range urls {
		if target, _, internal := c.resolve(p, u); internal && target == "" {
			c.add(p, "lists %s, which does not exist", u)
		}
	}
}

// xmlURLs returns the text of <loc> and <link> elements and the href of
// <link> elements in a feed or sitemap.
func xmlURLs(data []byte) []string {
	var urls []string
	d := xml.NewDecoder(bytes.NewReader(data))
	var inURL bool
	for {
		tok, err := d.Token()
		if err != nil {
			return urls
		}
		switch t := tok.(type) {
		case xml.StartElement:
			inURL = t.Name.Local == "loc" || t.Name.Local == "link" && t.Name.Space == ""
			for _, a := range t.Attr {
				if a.Name.Local == "href" && t.Name.Local == "link" {
					urls = append(urls, a.Value)
				}
			}
		case xml.CharData:
			if s := strings.TrimSpace(string(t)); inURL && s != "" {
				urls = append(urls, s)
			}
		case xml.EndElement:
			inURL = false
		}
	}
}

// jsonURLs returns the page URLs of a JSON Feed.
func jsonURLs(data []byte) []string {
	var f struct {
		HomePageURL string `json:"home_page_url"`
		FeedURL     string `json:"feed_url"`
		Items       []struct {
			URL string `json:"url"`
		} `json:"items"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return nil
	}
	urls := []string{f.HomePageURL, f.FeedURL}
	for _, it := range f.Items {
		urls = append(urls, it.URL)
	}
	return slices.DeleteFunc(urls, func(s string) bool { return s == "" })
}

// ErrProblems is returned by callers that found problems.
var ErrProblems = errors.New("the built site has problems")

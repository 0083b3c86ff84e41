package build

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"galley.dev/galley/cmd/galley/internal/config"
	"galley.dev/galley/cmd/galley/internal/content"
	"galley.dev/galley/cmd/galley/internal/diag"
	"galley.dev/galley/cmd/galley/internal/output"
	"galley.dev/galley/cmd/galley/internal/site"
)

// redirectsFile is the file of redirect rules that Netlify and
// Cloudflare Pages read at the root of a site.
const redirectsFile = "_redirects"

// An alias is an old path of a published story or page.
type alias struct {
	raw  string // as the front matter writes it
	from string // as a redirect is written from it, site.AliasPath
	file string // the file that serves it, site.AliasFile
	a    *site.Article
}

// addAliases adds to the tasks of a build those that make the aliases of
// its published stories and pages work: a redirect page at each alias,
// for any host, and a line in _redirects for the hosts that read it,
// which answer with a real 301. A _redirects of the site's static/
// among pages is replaced by one that holds its lines, then Galley's:
// those hosts apply the first rule that matches, so the owner's win. An
// alias whose file would replace, or be in the way of, another file of
// the build is an error at its line; all of them are reported together.
func addAliases(s *site.Site, pages, rest []task, siteFS, theme fs.FS, global string) ([]task, error) {
	aliases := aliasesOf(s)
	if len(aliases) == 0 {
		return pages, nil
	}
	if err := checkAliases(s, aliases, slices.Concat(pages, rest), siteFS, theme); err != nil {
		return nil, err
	}
	var own *task
	if i := slices.IndexFunc(pages, func(t task) bool { return t.id == redirectsFile }); i >= 0 {
		t := pages[i]
		own = &t
		pages = slices.Delete(slices.Clone(pages), i, i+1)
	}
	for _, al := range aliases {
		pages = append(pages, redirectTask(s.Config, al, global))
	}
	return append(pages, redirectsTask(aliases, own, siteFS, theme, global)), nil
}

// aliasesOf returns the aliases of the published stories and pages, by
// file.
func aliasesOf(s *site.Site) []alias {
	var list []alias
	for _, a := range slices.Concat(s.Articles, s.Pages) {
		for _, al := range a.Aliases {
			list = append(list, alias{raw: al, from: site.AliasPath(al), file: site.AliasFile(al), a: a})
		}
	}
	slices.SortFunc(list, func(x, y alias) int { return strings.Compare(x.file, y.file) })
	return list
}

// redirectTask makes the redirect page of one alias.
func redirectTask(cfg *config.Config, al alias, global string) task {
	// Escaped, so that the refresh and the links carry one ASCII URL.
	data := redirectData{Lang: cfg.Language, Title: al.a.Title, URL: cfg.Abs(redirectPath(al.a.URL()))}
	return task{id: al.file, key: key(global, "alias", al.from, data.URL, data.Title, data.Lang),
		run: func(out sink) ([]string, error) {
			return []string{al.file}, writePage(out, al.file, false, func(w io.Writer) error { return redirectPage.Execute(w, data) })
		}}
}

// redirectData is what a redirect page shows.
type redirectData struct {
	Lang, Title, URL string
}

// redirectPage sends a browser on at once, tells a search engine that
// the new URL is the page (and not to index this one), and shows a link
// to a reader whose browser does not refresh: as Hugo's alias.html.
var redirectPage = template.Must(template.New("alias").Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<link rel="canonical" href="{{.URL}}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={{.URL}}">
</head>
<body>
<p>This page has moved to <a href="{{.URL}}">{{.Title}}</a>.</p>
</body>
</html>
`))

// redirectsTask makes _redirects: the lines of own, the site's static
// _redirects, if there is one, then a 301 for each alias, in order.
func redirectsTask(aliases []alias, own *task, siteFS, theme fs.FS, global string) task {
	lines := make([]string, len(aliases))
	for i, al := range aliases {
		lines[i] = redirectPath(al.from) + " " + redirectPath(al.a.URL()) + " 301\n"
	}
	slices.Sort(lines)
	ownKey, src := "", fs.FS(nil)
	if own != nil {
		ownKey, src = own.key, theme
		if siteFS != nil {
			if _, err := fs.Stat(siteFS, "static/"+redirectsFile); err == nil {
				src = siteFS
			}
		}
	}
	return task{id: redirectsFile, key: key(global, "redirects", ownKey, strings.Join(lines, "")),
		run: func(out sink) ([]string, error) {
			var b bytes.Buffer
			if src != nil {
				data, err := fs.ReadFile(src, "static/"+redirectsFile)
				if err != nil {
					return nil, &diag.Error{Path: "static/" + redirectsFile, Err: unwrapPathError(err)}
				}
				b.Write(data)
				if len(data) > 0 && data[len(data)-1] != '\n' {
					b.WriteByte('\n')
				}
			}
			for _, l := range lines {
				b.WriteString(l)
			}
			return []string{redirectsFile}, out.WriteFile(redirectsFile, b.Bytes())
		}}
}

// redirectPath writes a site path for _redirects: a byte other than a
// letter, digit, "-", ".", "_", "~" or "/" is percent-encoded, as a
// browser sends it, so that no alias reads as a placeholder (":name"),
// a splat ("*") or a second field.
func redirectPath(p string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~/", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// checkAliases reports each alias whose file is a file of tasks, or of
// what the output carries over; a folder of theirs; or inside one.
func checkAliases(s *site.Site, aliases []alias, tasks []task, siteFS, theme fs.FS) error {
	files := map[string]bool{redirectsFile: true, output.Marker: true}
	for _, t := range tasks {
		if t.multi {
			continue // the sitemaps: see sitemapFile
		}
		for _, name := range t.outputs() {
			files[name] = true
		}
	}
	for _, c := range append(output.DefaultCarry(), s.Config.Keep...) {
		files[strings.TrimSuffix(c, "/")] = true
	}
	dirs := map[string]string{} // folder → a file in it
	addDirs := func(name string) {
		for d := path.Dir(name); d != "." && dirs[d] == ""; d = path.Dir(d) {
			dirs[d] = name
		}
	}
	for name := range files {
		addDirs(name)
	}
	o := &owners{s: s, siteFS: siteFS, theme: theme, aliases: map[string]alias{}}
	var errs []*diag.Error
	for _, al := range aliases {
		what := ""
		switch {
		case files[al.file] || sitemapFile(al.file):
			what = fmt.Sprintf("is also %s, %s", al.file, o.describe(al.file))
		case dirs[al.file] != "":
			what = fmt.Sprintf("is the file %s, but that is a folder of the build, holding %s, %s", al.file, dirs[al.file], o.describe(dirs[al.file]))
		default:
			for d := path.Dir(al.file); d != "."; d = path.Dir(d) {
				if files[d] || sitemapFile(d) {
					what = fmt.Sprintf("is written as %s, inside %s, %s", al.file, d, o.describe(d))
					break
				}
			}
		}
		if what != "" {
			errs = append(errs, diag.Errorf(al.a.Path, al.a.AliasesLine, "alias %s %s; remove the alias", al.raw, what))
			continue
		}
		// Aliases in the way of each other: "/a.html" and "/a.html/".
		files[al.file] = true
		addDirs(al.file)
		o.aliases[al.file] = al
	}
	return diag.Join(errs)
}

// sitemapFile reports whether name is one of the files of the sitemaps
// task (see sitemapTask), which a plan does not list: a part of a split
// sitemap is reserved even when the sitemap is not split, as it may be
// once the site grows.
func sitemapFile(name string) bool {
	switch name {
	case "sitemap.xml", "news-sitemap.xml", "robots.txt":
		return true
	}
	n, prefixed := strings.CutPrefix(name, "sitemap-")
	n, suffixed := strings.CutSuffix(n, ".xml")
	return prefixed && suffixed && n != "" && strings.Trim(n, "0123456789") == ""
}

// owners says, for a message, what a file of the build is, and which
// source file is behind it where there is one.
type owners struct {
	s             *site.Site
	siteFS, theme fs.FS
	aliases       map[string]alias // by file, those checked so far
	// sources maps the files made from a story's or page's source file
	// to what they are; made by the first message.
	sources map[string]string
}

// describe says what the file name of the build is, after its name.
func (o *owners) describe(name string) string {
	if al, ok := o.aliases[name]; ok {
		return fmt.Sprintf("the redirect of alias %s at %s", al.raw, position(al.a.Path, al.a.AliasesLine))
	}
	if o.sources == nil {
		o.sources = map[string]string{}
		for _, a := range slices.Concat(o.s.Articles, o.s.Pages) {
			o.sources[pageFile(a.URL())] = "the page of " + position(a.Path, a.SlugLine)
			for _, res := range a.Resources {
				o.sources[path.Join(strings.TrimPrefix(a.URL(), "/"), res)] = "copied from the page bundle's " + path.Join(a.Dir, res)
			}
		}
	}
	if what, ok := o.sources[name]; ok {
		return what
	}
	if o.siteFS != nil {
		if _, err := fs.Stat(o.siteFS, "static/"+name); err == nil {
			return "copied from static/" + name
		}
	}
	if o.theme != nil {
		if _, err := fs.Stat(o.theme, "static/"+name); err == nil {
			return "copied from the theme's static/" + name
		}
	}
	return o.generated(name)
}

// generated says what a file that the build makes from the site model,
// and not from one source file, is.
func (o *owners) generated(name string) string {
	for _, t := range slices.Concat(o.s.Topics, o.s.Authors, o.s.Sections) {
		if t.Kind == site.SectionKind && !sectionFile(t, name) {
			continue // the section's stories are under its path too
		}
		if strings.HasPrefix(name+"/", strings.TrimPrefix(t.URL(), "/")) {
			return fmt.Sprintf("a page or feed of %s %s (named at %s)", kindName(t.Kind), t.Name, termSource(t))
		}
	}
	if n, ok := strings.CutPrefix(name, "page/"); ok {
		return fmt.Sprintf("page %s of the front page", strings.TrimSuffix(n, "/index.html"))
	}
	switch {
	case name == "index.html":
		return "the front page"
	case name == redirectsFile:
		return "the _redirects file that the build writes"
	case name == output.Marker:
		return "the file that marks the folder as Galley's"
	case slices.Contains(o.s.Config.Keep, name), slices.Contains(o.s.Config.Keep, name+"/"):
		return "a path that keep: in site.yaml carries over"
	case slices.Contains(output.DefaultCarry(), name):
		return "a path that every build carries over for the deploy"
	case sitemapFile(name):
		return "a file of the sitemaps"
	}
	for _, f := range feedFormats {
		if name == f.name {
			return "the site's feed"
		}
	}
	return "a file the build writes"
}

// sectionFile reports whether name is a file of the section front t
// itself: its pages or feeds, not its stories.
func sectionFile(t *site.Term, name string) bool {
	rest, ok := strings.CutPrefix(name, t.Slug+"/")
	if !ok {
		return false
	}
	first, _, _ := strings.Cut(rest, "/")
	for _, f := range feedFormats {
		if rest == f.name {
			return true
		}
	}
	return rest == "index.html" || first == "page"
}

// kindName is a kind of term in a message.
func kindName(k site.Kind) string {
	switch k {
	case site.AuthorKind:
		return "author"
	case site.SectionKind:
		return "section"
	}
	return "topic"
}

// termSource returns where the newest story of a term names it, or a
// section front's intro.
func termSource(t *site.Term) string {
	if t.Kind == site.SectionKind {
		if t.Intro != nil {
			return t.Intro.Path
		}
		return path.Join(content.Dir, t.Slug)
	}
	a := t.Articles[0]
	if t.Kind == site.AuthorKind {
		return position(a.Path, a.AuthorsLine)
	}
	return position(a.Path, a.TopicsLine)
}

// position is path:line, or the path where the line is not known.
func position(path string, line int) string {
	if line > 0 {
		return fmt.Sprintf("%s:%d", path, line)
	}
	return path
}

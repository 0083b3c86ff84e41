package wordpress

import (
	"context"
	"net/url"
	"path"
	"strconv"
	"strings"

	"galley.dev/galley/cmd/galley/internal/importer"
	"galley.dev/galley/cmd/galley/internal/slug"
)

// newURL maps a URL of a body to the new site's, so that no link leads
// to an address that will answer nothing once the site has moved:
//   - a file of the old uploads, copied from --uploads, to its copy;
//   - an old post or page, by its URL or short link (?p=ID), to its new
//     URL, keeping the #fragment;
//   - a category, tag or author archive, or the feed, to the topic's,
//     author's or site's page;
//   - a file of the uploads not copied stays where it is (the report
//     says to pass --uploads when that is the site's own address);
//   - any other address of the old site (a post not in the export, an
//     attachment page, /wp-admin/) is "": the link is removed, its text
//     kept, and the body's notes say so.
//
// Addresses of other sites are left as they are.
func (r *run) newURL(ctx context.Context, u string) string {
	if local, ok := r.upload(ctx, u); ok {
		return local
	}
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || !r.onOldSite(p) || p.Path == "" && p.RawQuery == "" {
		return u // another site's, or a #fragment of the page itself
	}
	// In WordPress installed in a folder (/blog), only paths under it
	// are WordPress's; the rest of the host is another site's.
	rest, ok := strings.CutPrefix(p.Path, r.basePath)
	if !ok || rest != "" && !strings.HasPrefix(rest, "/") {
		return u
	}
	frag := ""
	if p.Fragment != "" {
		frag = "#" + p.EscapedFragment()
	}
	home := rest == "" || rest == "/" || rest == "/index.php"
	q := p.Query()
	for _, key := range []string{"p", "page_id"} {
		if id, err := strconv.Atoi(q.Get(key)); err == nil && home {
			if e, ok := r.entryOf(id); ok {
				return r.linkTo(e, frag)
			}
			return ""
		}
	}
	if _, _, ok := r.uploadOf(u); ok || isFile(rest) {
		// A file of the old site that was not copied (an upload, or a
		// file the host served beside WordPress): the link stays, and
		// the report says to bring the file over.
		r.remoteUploads++
		return u
	}
	if home {
		return "/" + frag
	}
	old := importer.CleanPath(p.Path)
	if e, ok := r.oldURLs[old]; ok {
		return r.linkTo(e, frag)
	}
	if e, ok := r.oldURLs[old+"/"]; ok && !strings.HasSuffix(old, "/") {
		return r.linkTo(e, frag)
	}
	return r.archiveOf(importer.CleanPath(rest))
}

// linkTo returns the new URL of the post or page e, for a link to it:
// "" when e is not published, now or when it is due (a draft, a private
// or binned post), since the link would lead nowhere.
func (r *run) linkTo(e *entry, frag string) string {
	if e.skip != "" || !e.published() {
		return ""
	}
	return e.placed.URL() + frag
}

// archiveOf returns the new page of the old archive or feed at the path
// old: /category/news/local/ → /topics/local-news/, /feed/ → /feed.xml;
// "" when old is none.
func (r *run) archiveOf(old string) string {
	old = strings.TrimSuffix(old, "/")
	feed := strings.HasSuffix(old, "/feed")
	if feed {
		old = strings.TrimSuffix(old, "/feed")
	}
	page := ""
	switch kind, rest, _ := strings.Cut(strings.TrimPrefix(old, "/"), "/"); kind {
	case "feed", "":
		if old == "" || old == "/feed" {
			return "/feed.xml"
		}
	case "category":
		for _, c := range r.ex.Categories {
			if r.categoryPath(c.Nicename) == rest || c.Nicename == rest {
				page = "/topics/" + slug.Make(c.Name) + "/"
			}
		}
	case "tag":
		for _, t := range r.ex.Tags {
			if t.Nicename == rest {
				page = "/topics/" + slug.Make(t.Name) + "/"
			}
		}
	case "author":
		for _, a := range r.ex.Authors {
			if name := r.userName(a.Login); strings.EqualFold(a.Login, rest) && name != "" {
				page = "/authors/" + slug.Make(name) + "/"
			}
		}
	}
	if page != "" && feed {
		return page + "feed.xml"
	}
	return page
}

// leftOnOldSite counts u when it is an upload left on the old site,
// for the report's warning.
func (r *run) leftOnOldSite(u string) {
	if _, _, ok := r.uploadOf(u); ok {
		r.remoteUploads++
	}
}

// warnRemoteUploads says, once, that pictures and files stay at the old
// site's address, where they will not be once it is the new site's.
func (r *run) warnRemoteUploads() {
	if r.remoteUploads == 0 {
		return
	}
	how := "import again with --uploads DIR, a copy of the old site's wp-content/uploads"
	if r.src.Uploads != "" {
		how = "they are not in " + r.src.Uploads + "; copy them there and import again"
	}
	r.w.Keep(r.from, 0, strconv.Itoa(r.remoteUploads)+" pictures and links still point at files of the old site ("+
		strings.TrimSuffix(r.ex.Link, "/")+uploadsDir+"…), which stop working when its address moves to the new site: "+how+
		"; files beside WordPress go under static/ at their paths")
}

// isFile reports whether the path p names a file (/docs/a.pdf,
// /video/x.ogv) rather than a page (/about/, /story.html, /index.php).
func isFile(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	return ext != "" && !strings.HasSuffix(p, "/") && ext != ".html" && ext != ".htm" && ext != ".php" && ext != ".asp" && ext != ".aspx"
}

// onOldSite reports whether the URL p points into the old site: a path,
// or a URL of its host.
func (r *run) onOldSite(p *url.URL) bool {
	if p.Scheme == "" && p.Host == "" {
		return p.Path == "" || strings.HasPrefix(p.Path, "/")
	}
	old, err := url.Parse(r.ex.Link)
	return err == nil && old.Host != "" && strings.EqualFold(strings.TrimPrefix(p.Host, "www."), strings.TrimPrefix(old.Host, "www."))
}

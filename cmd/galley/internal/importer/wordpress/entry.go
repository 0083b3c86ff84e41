package wordpress

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"galley.dev/galley/cmd/galley/internal/content"
	"galley.dev/galley/cmd/galley/internal/importer"
	"galley.dev/galley/cmd/galley/internal/slug"
)

// An entry is a post or page of the export on its way: what the first
// pass keeps of it (never its body), and its place in the Galley site.
type entry struct {
	id, parent int
	page       bool
	status     string
	name       string // wp:post_name, decoded
	title      string
	link       string // the old URL
	password   bool
	line       int
	skip       string // why it is not imported; "" when it is
	placed     importer.Placed
}

// published reports whether the post or page is published, now or when
// it is due.
func (e *entry) published() bool {
	return (e.status == "publish" || e.status == "future") && !e.password
}

// indexStory keeps what the first pass needs of a post or page.
func (r *run) indexStory(it *Item) {
	name, err := url.PathUnescape(it.Name)
	if err != nil {
		name = it.Name
	}
	e := &entry{id: it.ID, parent: it.Parent, page: it.Type == "page", status: it.Status, name: name,
		title: it.Title, link: it.Link, password: it.Password != "", line: it.Line}
	switch it.Status {
	case "publish", "future", "draft", "pending", "private":
	case "trash":
		e.skip = "in the trash in WordPress; not imported"
	case "auto-draft", "inherit":
		e.skip = "an automatic draft or revision, which WordPress does not publish; not imported"
	default:
		e.skip = fmt.Sprintf("status %q is not one Galley knows (publish, future, draft, pending, private); not imported", it.Status)
	}
	if _, dup := r.byID[it.ID]; dup && it.ID > 0 && e.skip == "" {
		e.skip = fmt.Sprintf("post ID %d is in the export twice; the first is imported", it.ID)
	}
	r.entries = append(r.entries, e)
	if _, dup := r.byID[it.ID]; it.ID > 0 && !dup {
		r.byID[it.ID] = e
	}
}

// place decides where every post and page goes, and records the moves
// of their old URLs, before any body is converted.
func (r *run) place(ctx context.Context) {
	section := r.w.Section
	if section == "" {
		section = defaultSection
	}
	// The slugs earlier imports gave each post: a post renamed in
	// WordPress since keeps its Galley URL, its new URL an alias.
	before := map[string]map[string]string{}
	for _, sec := range []string{section, ""} {
		slugs, err := importer.Imported(ctx, r.w.Site, sec)
		if err != nil {
			r.w.Fail(err)
		}
		before[sec] = slugs
	}
	for _, e := range r.entries {
		if ctx.Err() != nil {
			return
		}
		if e.skip != "" {
			r.w.Skip(r.note(e), e.skip)
			continue
		}
		sec := section
		if e.page {
			sec = ""
		}
		want := r.wantSlug(e)
		source := r.sourceOf(e)
		if had, ok := before[sec][source]; ok {
			want = had
		}
		got, why, err := r.w.Place(ctx, sec, want, source)
		if err != nil {
			r.w.Fail(fmt.Errorf("%s:%d: %w", r.from, e.line, err))
			e.skip = "not placed"
			continue
		}
		e.placed = importer.Placed{From: r.note(e), Section: sec, Slug: got, Why: why, Old: importer.CleanPath(e.link)}
		r.w.Moved(e.link, e.placed.URL())
		if old := importer.CleanPath(e.link); old != "" {
			r.oldURLs[old] = e
		}
	}
}

// note names an item of the export for the report: the export, and the
// item's ID and title.
func (r *run) note(e *entry) string {
	return fmt.Sprintf("%s:%d (%s %d %q)", r.from, e.line, kind(e), e.id, e.title)
}

func kind(e *entry) string {
	if e.page {
		return "page"
	}
	return "post"
}

// sourceOf is what a story records as its source: the post's short link
// on the old site, which stays the same from one export to the next.
func (r *run) sourceOf(e *entry) string {
	base := strings.TrimSuffix(r.exLink(), "/")
	if e.id <= 0 {
		// WordPress always writes an ID; without one, the old URL is
		// what tells the post from the others.
		return "wordpress:" + base + importer.CleanPath(e.link) + "#" + e.name
	}
	q := "p"
	if e.page {
		q = "page_id"
	}
	return "wordpress:" + base + "/?" + q + "=" + strconv.Itoa(e.id)
}

func (r *run) exLink() string {
	if r.ex == nil {
		return ""
	}
	return r.ex.Link
}

// wantSlug is the slug a post or page asks for: its wp:post_name, else
// one made of its title, else post-<ID>. A page asks for the last
// segment of its path: Galley's standalone pages sit at the top of the
// site, and the old path (/about/team/) stays as an alias.
func (r *run) wantSlug(e *entry) string {
	s := importer.Slug(e.name)
	if s == "" {
		s = importer.Slug(slug.Make(e.title))
	}
	if s == "" {
		s = kind(e) + "-" + strconv.Itoa(e.id)
	}
	if e.page && (slices.Contains(content.ReservedSections, s) || content.RootFile(s)) {
		s += "-page" // a page named "topics" or "404.html" would clash with Galley's own
	}
	return s
}

// wpLayout is how WordPress writes its dates, in the site's zone or UTC.
const wpLayout = "2006-01-02 15:04:05"

// parseWP reads a WordPress date; the zero time for none or
// "0000-00-00 00:00:00", which WordPress writes for a draft's GMT date.
func parseWP(s string) time.Time {
	t, err := time.Parse(wpLayout, strings.TrimSpace(s))
	if err != nil || t.Year() < 1 {
		return time.Time{}
	}
	return t
}

// storyDate writes a post's date for the front matter. WordPress stores
// the date twice, in the site's zone and in UTC: their difference is the
// zone's offset on that day, so the date is written with it, as the
// newsroom wrote it and at the right instant. With only the site-zone
// date (drafts), it is written without a zone, which galley build reads
// in site.yaml's time_zone.
func storyDate(local, gmt string) string {
	l, g := parseWP(local), parseWP(gmt)
	switch {
	case !l.IsZero() && !g.IsZero():
		off := l.Sub(g)
		if off%(15*time.Minute) == 0 && off <= 14*time.Hour && off >= -12*time.Hour {
			return g.In(time.FixedZone("", int(off/time.Second))).Format(time.RFC3339)
		}
		return g.Format(time.RFC3339)
	case !g.IsZero():
		return g.Format(time.RFC3339)
	case !l.IsZero():
		return l.Format("2006-01-02T15:04:05")
	}
	return ""
}

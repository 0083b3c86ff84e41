package wordpress

import (
	"context"
	"fmt"
	"strings"
	"time"

	"galley.dev/galley/cmd/galley/internal/content"
	"galley.dev/galley/cmd/galley/internal/importer"
	"galley.dev/galley/cmd/galley/internal/slug"
)

// convert is the second pass: it converts each post and page placed,
// one at a time, and writes it.
func (r *run) convert(ctx context.Context) error {
	i := 0
	_, err := r.read(ctx, "converting", func(it *Item) error {
		if it.Type != "post" && it.Type != "page" {
			return nil
		}
		if i >= len(r.entries) {
			return fmt.Errorf("line %d: the export changed during the import; import again", it.Line)
		}
		e := r.entries[i]
		i++
		if e.skip == "" {
			r.writeStory(ctx, e, it)
		}
		return ctx.Err()
	})
	return err
}

// writeStory maps one post or page to a Galley story and writes it.
func (r *run) writeStory(ctx context.Context, e *entry, it *Item) {
	a := &importer.Story{Title: it.Title, Source: r.sourceOf(e)}
	if a.Title == "" {
		a.Title = "Untitled"
	}
	r.dates(a, it)
	if a.Date == "" {
		r.w.Fail(fmt.Errorf("%s: no date WordPress wrote that Galley can read (wp:post_date %q, wp:post_modified %q); not imported: give it a date in WordPress and export again", e.placed.From, it.Date, it.Modified))
		e.skip = "no date"
		return
	}
	switch it.Status {
	case "draft", "pending", "private":
		a.Draft = true
	case "future":
		r.counts.future++
	}
	if e.password {
		a.Draft = true
		r.w.Keep(e.placed.From, 0, "password-protected in WordPress: kept as a draft, since a static site cannot ask for the password; publish it without one, or leave it a draft")
	}
	if a.Draft {
		r.counts.drafts++
	} else {
		r.counts.published++
	}
	a.Description = htmlText(it.Excerpt)
	a.Authors = r.authorsOf(e, it)
	if !e.page {
		a.Topics = r.topicsOf(it, !a.Draft)
		if len(a.Topics) > content.MaxTerms {
			// WordPress takes any number; Galley's build refuses a story
			// with more, so the import keeps the first and says so.
			r.w.Keep(e.placed.From, 0, fmt.Sprintf("%d categories and tags; the first %d kept as topics, the rest dropped: %s",
				len(a.Topics), content.MaxTerms, strings.Join(a.Topics[content.MaxTerms:], ", ")))
			a.Topics = a.Topics[:content.MaxTerms]
		}
		a.Featured = it.Sticky
		r.counts.posts++
	} else {
		r.counts.pages++
	}
	a.Hero = r.hero(ctx, it)
	a.AddAlias(e.link, e.placed.URL())
	if old := strings.TrimSpace(it.Meta["_wp_old_slug"]); old != "" && !strings.ContainsAny(old, "/\\") {
		// WordPress keeps a renamed post's old slug, and redirects its
		// old URL: the same URL with the old slug last.
		if p := strings.TrimSuffix(importer.CleanPath(e.link), "/"); p != "" {
			a.AddAlias(p[:strings.LastIndexByte(p, '/')+1]+old+"/", e.placed.URL())
		}
	}
	md, notes := ConvertBody(it.Content, BodyOptions{
		Attachment: func(id int) (Media, bool) { return r.mediaOf(ctx, id) },
		Children:   func() []Media { return r.childrenOf(ctx, it.ID) },
		URL:        func(u string) string { return r.newURL(ctx, u) },
		Unsafe:     r.unsafe,
	})
	for _, n := range notes {
		line := 0
		if it.ContentLine > 0 {
			line = it.ContentLine + n.Line - 1
		}
		r.w.Keep(r.from, line, fmt.Sprintf("%s %d: %s", kind(e), e.id, n.Why))
	}
	a.Body = []byte(md)
	r.w.Page(ctx, &e.placed, a, 0)
}

// dates sets a's date and, when the post was changed later, its
// updated date. A draft never dated in WordPress takes the date it was
// last changed, since a story needs one.
func (r *run) dates(a *importer.Story, it *Item) {
	a.Date = storyDate(it.Date, it.DateGMT)
	mod := storyDate(it.Modified, it.ModifiedGMT)
	if a.Date == "" {
		a.Date = mod
		return
	}
	d, err1 := time.Parse(time.RFC3339, a.Date)
	m, err2 := time.Parse(time.RFC3339, mod)
	// WordPress touches the modified date when it publishes: only a
	// change after that is an update.
	if err1 == nil && err2 == nil && m.Sub(d) > time.Minute {
		a.Updated = mod
	}
}

// authorsOf returns the byline of a post: its Co-Authors Plus authors,
// else a guest author's name from its post meta, else the name of its
// dc:creator. A login or an email is never a byline: a name the export
// does not give is left out, and listed.
func (r *run) authorsOf(e *entry, it *Item) []string {
	var names []string
	for _, c := range it.Categories {
		if c.Domain != "author" {
			continue
		}
		name := r.guests[c.Nicename]
		if name == "" {
			name = r.userName(c.Name)
		}
		if name == "" {
			name = r.userName(strings.TrimPrefix(c.Nicename, "cap-"))
		}
		if name == "" {
			r.w.Keep(e.placed.From, 0, fmt.Sprintf("Co-Authors Plus author %q is no author or guest author of the export: left out of the byline", c.Nicename))
			continue
		}
		names = appendUnique(names, name)
	}
	if len(names) == 0 {
		for _, k := range guestMetaKeys {
			if v := htmlText(it.Meta[k]); v != "" && !strings.Contains(v, "@") {
				names = appendUnique(names, v)
				break
			}
		}
	}
	if creator := clean(it.Creator); len(names) == 0 && creator != "" {
		if name := r.userName(creator); name != "" {
			names = append(names, name)
		} else {
			r.w.Keep(e.placed.From, 0, fmt.Sprintf("dc:creator %q is no author of the export with a name (wp:author_display_name): the story has no byline; add authors: to it", creator))
		}
	}
	for _, n := range names {
		r.bylined[n] = true
	}
	return names
}

// guestMetaKeys are the post metas in which guest-author plugins keep a
// byline that is no user of the site.
var guestMetaKeys = []string{"guest_author", "guest-author", "_guest_author_name", "guest_author_name", "byline"}

// userName returns the name the author of the export with login shows:
// the display name, else the first and last names; "" for a login the
// export has no author for, or whose only name is an email address.
func (r *run) userName(login string) string {
	for _, a := range r.ex.Authors {
		if a.Login != login {
			continue
		}
		for _, name := range []string{a.DisplayName, strings.TrimSpace(a.FirstName + " " + a.LastName)} {
			if name != "" && !strings.Contains(name, "@") {
				return name
			}
		}
	}
	return ""
}

// topicsOf returns a post's categories, without WordPress's default
// Uncategorized, then its tags, each once. For a published post, their
// old archive pages are recorded as leading to the topics' pages.
func (r *run) topicsOf(it *Item, published bool) []string {
	var topics []string
	for _, c := range it.Categories {
		if c.Domain == "category" && c.Nicename != "uncategorized" && !strings.EqualFold(c.Name, "Uncategorized") && c.Name != "" {
			topics = appendUnique(topics, c.Name)
			if published && c.Nicename != "" {
				r.archive(r.basePath+"/category/"+r.categoryPath(c.Nicename)+"/", "/topics/"+slug.Make(c.Name)+"/")
			}
		}
	}
	for _, t := range it.Tags {
		if t.Name != "" {
			topics = appendUnique(topics, t.Name)
			if published && t.Nicename != "" {
				r.archive(r.basePath+"/tag/"+t.Nicename+"/", "/topics/"+slug.Make(t.Name)+"/")
			}
		}
	}
	for _, t := range topics {
		r.counts.topicSet[strings.ToLower(t)] = true
	}
	return topics
}

// appendUnique appends s to list unless it is there, in any case.
func appendUnique(list []string, s string) []string {
	for _, have := range list {
		if strings.EqualFold(have, s) {
			return list
		}
	}
	return append(list, s)
}

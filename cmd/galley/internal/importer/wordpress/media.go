package wordpress

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"galley.dev/galley/cmd/galley/internal/importer"
	"galley.dev/galley/cmd/galley/internal/markdown"
)

// A media is an attachment of the export, as the first pass keeps it.
type media struct {
	id, order     int
	url           string // the old URL of the file
	alt           string
	caption       string // as text, the credit cut off
	credit        string
	width, height int
}

// newMedia keeps what the import needs of an attachment: its file, alt
// text, caption and credit, and its size.
func newMedia(it *Item) *media {
	m := &media{id: it.ID, order: it.MenuOrder, url: it.AttachmentURL, alt: htmlText(it.Meta["_wp_attachment_image_alt"])}
	// The caption is the attachment's excerpt, as WordPress shows it;
	// its description is for the attachment's own page (some sites keep
	// the prompt that made the picture there), and is not shown.
	m.caption, m.credit = splitCredit(htmlText(it.Excerpt))
	if meta, err := ParseAttachmentMeta(it.Meta["_wp_attachment_metadata"]); err == nil {
		m.width, m.height = meta.Width, meta.Height
		if m.credit == "" {
			m.credit = meta.Credit
		}
	}
	return m
}

// creditLabel finds the credit at the end of a caption, as newsrooms
// write it: "… Photo: Tom Berg/Gazette", "… (Credit: AP)".
var creditLabel = regexp.MustCompile(`(?i)[\s(\[]*\b(?:photo|photograph|picture|image|credit|photo credit|foto)s?\s*:\s*`)

// splitCredit cuts a caption into its text and its credit.
func splitCredit(caption string) (text, credit string) {
	locs := creditLabel.FindAllStringIndex(caption, -1)
	if len(locs) == 0 {
		return caption, ""
	}
	last := locs[len(locs)-1]
	credit = strings.TrimSpace(caption[last[1]:])
	credit = strings.TrimRight(strings.TrimSuffix(credit, ")"), " .")
	credit = strings.TrimSuffix(credit, "]")
	if credit == "" || len(credit) > 120 {
		return caption, "" // a label in the text, not a credit
	}
	return strings.TrimSpace(caption[:last[0]]), credit
}

// hero returns a post's featured image (_thumbnail_id) as its hero, nil
// without one.
func (r *run) hero(ctx context.Context, it *Item) *importer.Hero {
	id, err := strconv.Atoi(strings.TrimSpace(it.Meta["_thumbnail_id"]))
	if err != nil {
		return nil
	}
	m, ok := r.mediaOf(ctx, id)
	if !ok || m.URL == "" {
		return nil
	}
	if !markdown.SafeURL(m.URL) {
		r.w.Keep(r.from, it.Line, fmt.Sprintf("post %d: featured image %q is not a web address; left out", it.ID, m.URL))
		return nil
	}
	att := r.attachments[id]
	h := &importer.Hero{Src: m.URL, Alt: m.Alt, Caption: att.caption, Credit: att.credit}
	if !strings.HasPrefix(m.URL, "/") {
		h.Width, h.Height = m.Width, m.Height // a local file's size is read from it
	}
	return h
}

// mediaOf returns the attachment id as a body refers to it, its file
// copied from --uploads when it is there.
func (r *run) mediaOf(ctx context.Context, id int) (Media, bool) {
	m, ok := r.attachments[id]
	if !ok {
		return Media{}, false
	}
	r.counts.imageSet[id] = true
	u := m.url
	if local, ok := r.upload(ctx, u); ok {
		u = local
	} else {
		r.leftOnOldSite(u)
	}
	caption := m.caption
	if m.credit != "" {
		caption = strings.TrimSpace(caption + " Photo: " + m.credit)
	}
	return Media{ID: id, URL: u, Alt: m.alt, Caption: caption, Width: m.width, Height: m.height}, true
}

// childrenOf returns the attachments of the post id, in menu order.
func (r *run) childrenOf(ctx context.Context, id int) []Media {
	list := slices.Clone(r.children[id])
	slices.SortStableFunc(list, func(a, b *media) int { return a.order - b.order })
	var out []Media
	for _, m := range list {
		if md, ok := r.mediaOf(ctx, m.id); ok {
			out = append(out, md)
		}
	}
	return out
}

// blockTags are the elements whose text stands apart from the text
// around them.
var blockTags = map[string]bool{
	"p": true, "br": true, "div": true, "li": true, "ul": true, "ol": true, "blockquote": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "figure": true,
	"figcaption": true, "table": true, "tr": true, "td": true, "th": true, "hr": true, "pre": true,
}

// htmlText returns the text of an HTML fragment (an excerpt, a
// caption), its tags dropped, entities decoded and white space folded.
func htmlText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return clean(s)
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	for {
		switch z.Next() {
		case html.ErrorToken:
			return clean(b.String())
		case html.TextToken:
			b.Write(z.Text())
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			// Words of two blocks are apart; those of an inline
			// element (<em>last</em>.) run on.
			if name, _ := z.TagName(); blockTags[string(name)] {
				b.WriteByte(' ')
			}
		}
	}
}

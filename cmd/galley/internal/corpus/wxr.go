package corpus

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// WriteWXR writes a WordPress export (WXR 1.2) of opts.Articles posts to
// w, as WordPress 6 writes one: authors, categories and tags, then each
// post in blocks of 500–1,200 words with a featured image (an
// attachment item with caption, alt text and metadata), a few drafts and
// pending posts, and a revision and menu item now and then. The same
// options give the same bytes.
func WriteWXR(w io.Writer, opts Options) error {
	rng := opts.start()
	b := bufio.NewWriterSize(w, 1<<16)
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>Corpus Daily</title>
	<link>https://corpus.example.org</link>
	<description>A generated newsroom</description>
	<language>en-US</language>
	<wp:wxr_version>1.2</wp:wxr_version>
`)
	for i := 1; i <= opts.Authors; i++ {
		fmt.Fprintf(b, "\t<wp:author><wp:author_id>%d</wp:author_id><wp:author_login><![CDATA[author%d]]></wp:author_login><wp:author_email><![CDATA[author%d@corpus.example.org]]></wp:author_email><wp:author_display_name><![CDATA[Author %d]]></wp:author_display_name></wp:author>\n", i, i, i, i)
	}
	for i := 1; i <= opts.Topics; i++ {
		fmt.Fprintf(b, "\t<wp:category><wp:term_id>%d</wp:term_id><wp:category_nicename><![CDATA[topic-%d]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[Topic %d]]></wp:cat_name></wp:category>\n", i, i, i)
	}
	id := 1
	for i := range opts.Articles {
		date := opts.Start.Add(time.Duration(i) * time.Hour)
		post, att := id, id+1
		id += 2
		wxrPost(b, rng, i, post, att, date, opts)
		wxrAttachment(b, rng, i, att, post, date)
		if rng.IntN(20) == 0 {
			fmt.Fprintf(b, "\t<item><title><![CDATA[Revision]]></title><wp:post_id>%d</wp:post_id><wp:status><![CDATA[inherit]]></wp:status><wp:post_parent>%d</wp:post_parent><wp:post_type><![CDATA[revision]]></wp:post_type></item>\n", id, post)
			id++
		}
	}
	b.WriteString("</channel>\n</rss>\n")
	return b.Flush()
}

// wxrPost writes the item of post i, whose ID is post and featured
// image att.
func wxrPost(b *bufio.Writer, rng *rand.Rand, i, post, att int, date time.Time, opts Options) {
	title := strings.TrimSuffix(sentence(rng, 6+rng.IntN(6)), ".") + " " + strconv.Itoa(i+1)
	slug := "story-" + strconv.Itoa(i+1)
	status := "publish"
	switch rng.IntN(50) {
	case 0:
		status = "draft"
	case 1:
		status = "pending"
	}
	local := date.Add(-5 * time.Hour)
	fmt.Fprintf(b, "\t<item>\n\t\t<title><![CDATA[%s]]></title>\n\t\t<link>https://corpus.example.org/%s/%s/</link>\n", title, date.Format("2006/01/02"), slug)
	fmt.Fprintf(b, "\t\t<dc:creator><![CDATA[author%d]]></dc:creator>\n\t\t<guid isPermaLink=\"false\">https://corpus.example.org/?p=%d</guid>\n", 1+rng.IntN(opts.Authors), post)
	b.WriteString("\t\t<content:encoded><![CDATA[")
	wxrBody(b, rng, i, att)
	fmt.Fprintf(b, "]]></content:encoded>\n\t\t<excerpt:encoded><![CDATA[%s]]></excerpt:encoded>\n", sentence(rng, 20))
	fmt.Fprintf(b, "\t\t<wp:post_id>%d</wp:post_id>\n\t\t<wp:post_date><![CDATA[%s]]></wp:post_date>\n\t\t<wp:post_date_gmt><![CDATA[%s]]></wp:post_date_gmt>\n",
		post, local.Format("2006-01-02 15:04:05"), date.Format("2006-01-02 15:04:05"))
	fmt.Fprintf(b, "\t\t<wp:post_modified><![CDATA[%s]]></wp:post_modified>\n\t\t<wp:post_modified_gmt><![CDATA[%s]]></wp:post_modified_gmt>\n",
		local.Format("2006-01-02 15:04:05"), date.Format("2006-01-02 15:04:05"))
	fmt.Fprintf(b, "\t\t<wp:post_name><![CDATA[%s]]></wp:post_name>\n\t\t<wp:status><![CDATA[%s]]></wp:status>\n\t\t<wp:post_parent>0</wp:post_parent>\n\t\t<wp:post_type><![CDATA[post]]></wp:post_type>\n\t\t<wp:post_password><![CDATA[]]></wp:post_password>\n\t\t<wp:is_sticky>0</wp:is_sticky>\n", slug, status)
	for k := range 1 + rng.IntN(3) {
		t := 1 + rng.IntN(opts.Topics)
		domain := "category"
		if k > 0 {
			domain = "post_tag"
		}
		fmt.Fprintf(b, "\t\t<category domain=%q nicename=\"topic-%d\"><![CDATA[Topic %d]]></category>\n", domain, t, t)
	}
	fmt.Fprintf(b, "\t\t<wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA[%d]]></wp:meta_value></wp:postmeta>\n\t</item>\n", att)
}

// wxrBody writes a post's body in Gutenberg blocks: paragraphs, some
// subheadings, a list now and then, and the featured image in the text.
func wxrBody(b *bufio.Writer, rng *rand.Rand, i, att int) {
	for n, para := 500+rng.IntN(700), 0; n > 0; para++ {
		switch {
		case para == 2:
			fmt.Fprintf(b, "<!-- wp:image {\"id\":%d,\"sizeSlug\":\"large\"} -->\n<figure class=\"wp-block-image size-large\"><img src=\"https://corpus.example.org/wp-content/uploads/2026/01/photo-%d-1024x683.jpg\" alt=\"%s\" class=\"wp-image-%d\"/><figcaption>%s</figcaption></figure>\n<!-- /wp:image -->\n\n",
				att, i+1, strings.TrimSuffix(sentence(rng, 5), "."), att, sentence(rng, 10))
		case rng.IntN(6) == 0:
			fmt.Fprintf(b, "<!-- wp:heading -->\n<h2 class=\"wp-block-heading\">%s</h2>\n<!-- /wp:heading -->\n\n", strings.TrimSuffix(sentence(rng, 5), "."))
		case rng.IntN(10) == 0:
			b.WriteString("<!-- wp:list -->\n<ul>")
			for range 3 {
				fmt.Fprintf(b, "<li>%s</li>", sentence(rng, 6))
			}
			b.WriteString("</ul>\n<!-- /wp:list -->\n\n")
		}
		p := 40 + rng.IntN(60)
		b.WriteString("<!-- wp:paragraph -->\n<p>")
		for s := 0; s < p; {
			k := 8 + rng.IntN(14)
			b.WriteString(sentence(rng, k))
			if s == 0 && rng.IntN(4) == 0 {
				b.WriteString(" <strong>" + sentence(rng, 3) + "</strong>")
			}
			b.WriteByte(' ')
			s += k
		}
		b.WriteString("</p>\n<!-- /wp:paragraph -->\n\n")
		n -= p
	}
}

// wxrAttachment writes the attachment item att, the featured image of
// post.
func wxrAttachment(b *bufio.Writer, rng *rand.Rand, i, att, post int, date time.Time) {
	file := fmt.Sprintf("2026/01/photo-%d.jpg", i+1)
	meta := fmt.Sprintf(`a:3:{s:5:"width";i:2400;s:6:"height";i:1600;s:4:"file";s:%d:"%s";}`, len(file), file)
	fmt.Fprintf(b, "\t<item>\n\t\t<title><![CDATA[photo-%d]]></title>\n\t\t<excerpt:encoded><![CDATA[%s Photo: Staff/Agency]]></excerpt:encoded>\n", i+1, sentence(rng, 10))
	fmt.Fprintf(b, "\t\t<wp:post_id>%d</wp:post_id>\n\t\t<wp:post_date><![CDATA[%s]]></wp:post_date>\n\t\t<wp:post_name><![CDATA[photo-%d]]></wp:post_name>\n\t\t<wp:status><![CDATA[inherit]]></wp:status>\n\t\t<wp:post_parent>%d</wp:post_parent>\n\t\t<wp:post_type><![CDATA[attachment]]></wp:post_type>\n",
		att, date.Format("2006-01-02 15:04:05"), i+1, post)
	fmt.Fprintf(b, "\t\t<wp:attachment_url><![CDATA[https://corpus.example.org/wp-content/uploads/%s]]></wp:attachment_url>\n", file)
	fmt.Fprintf(b, "\t\t<wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_image_alt]]></wp:meta_key><wp:meta_value><![CDATA[%s]]></wp:meta_value></wp:postmeta>\n", strings.TrimSuffix(sentence(rng, 5), "."))
	fmt.Fprintf(b, "\t\t<wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_metadata]]></wp:meta_key><wp:meta_value><![CDATA[%s]]></wp:meta_value></wp:postmeta>\n\t</item>\n", meta)
}

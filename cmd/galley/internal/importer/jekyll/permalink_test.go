package jekyll

import (
	"path"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"galley.dev/galley/cmd/galley/internal/importer"
)

func TestOldURL(t *testing.T) {
	date := time.Date(2016, 7, 9, 10, 0, 0, 0, time.UTC)
	post := func(permalink string, cats ...string) *page {
		doc := &importer.Doc{}
		if permalink != "" {
			doc.Fields = importer.Fields{Keys: []string{"permalink"}, Vals: []*yaml.Node{{Kind: yaml.ScalarNode, Value: permalink}}}
		}
		m := &importer.Mapped{Time: date, Categories: cats}
		return &page{rel: "_posts/2016-07-09-my-Post.md", post: true, name: "my-Post", doc: doc, m: m}
	}
	pg := func(rel string) *page {
		return &page{rel: rel, name: strings.TrimSuffix(rel, ".md"), doc: &importer.Doc{}, m: &importer.Mapped{}}
	}
	for _, tt := range []struct {
		style string
		p     *page
		want  string
	}{
		{"", post(""), "/2016/07/09/my-Post.html"},
		{"date", post("", "Travel", "europe"), "/travel/europe/2016/07/09/my-Post.html"},
		{"pretty", post(""), "/2016/07/09/my-Post/"},
		{"ordinal", post(""), "/2016/191/my-Post.html"},
		{"none", post("", "a"), "/a/my-Post.html"},
		{"/blog/:year/:i_month/:i_day/:slug/", post(""), "/blog/2016/7/9/my-post/"},
		{"/:categories/:title/", post(""), "/my-Post/"},
		{"/:short_year/:title:output_ext", post(""), "/16/my-Post.html"},
		{"date", post("/custom/:title/"), "/custom/my-Post/"},
		{"date", post("/fixed.html"), "/fixed.html"},
		{"date", pg("about.md"), "/about.html"},
		{"pretty", pg("about.md"), "/about/"},
		{"pretty", pg("docs/index.md"), "/docs/"},
		{"/:year/:title/", pg("docs/setup.md"), "/docs/setup/"},
		{"/:year/:title", pg("docs/setup.md"), "/docs/setup"},
	} {
		r := &run{cfg: config{Permalink: tt.style}}
		if got := r.oldURL(tt.p); got != tt.want {
			t.Errorf("style %q, %s: oldURL = %q, want %q", tt.style, tt.p.rel, got, tt.want)
		}
	}
}

// TestCollectionURL checks the old URL of documents of collections:
// Jekyll's default /:collection/:path with the suffix the site's
// permalink style gives it, the collection's own permalink:, and the
// document's.
func TestCollectionURL(t *testing.T) {
	date := time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)
	doc := func(rel, permalink string, dated bool) *page {
		c := &collection{Label: "recipes", Output: true, Dir: "_recipes"}
		if strings.HasPrefix(rel, "coll/") {
			c.Dir = "coll/_recipes"
		}
		d := &importer.Doc{}
		if permalink != "" {
			d.Fields = importer.Fields{Keys: []string{"permalink"}, Vals: []*yaml.Node{{Kind: yaml.ScalarNode, Value: permalink}}}
		}
		m := &importer.Mapped{}
		if dated {
			m.Time = date
		}
		name := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
		if mm := postName.FindStringSubmatch(name); mm != nil {
			name = mm[4]
		}
		return &page{rel: rel, name: name, coll: c, doc: d, m: m}
	}
	for _, tt := range []struct {
		style, collPermalink string
		p                    *page
		want                 string
	}{
		{"", "", doc("_recipes/pie.md", "", false), "/recipes/pie.html"},
		{"date", "", doc("_recipes/sweet/pie.md", "", false), "/recipes/sweet/pie.html"},
		{"pretty", "", doc("_recipes/sweet/pie.md", "", false), "/recipes/sweet/pie/"},
		{"ordinal", "", doc("_recipes/pie.html", "", false), "/recipes/pie.html"},
		{"none", "", doc("_recipes/pie.md", "", false), "/recipes/pie.html"},
		// Jekyll's add_permalink_suffix: weekdate and a pattern that
		// ends in neither / nor :output_ext give no suffix at all.
		{"weekdate", "", doc("_recipes/pie.md", "", false), "/recipes/pie"},
		{"/:year/:title", "", doc("_recipes/pie.md", "", false), "/recipes/pie"},
		{"/:year/:title/", "", doc("_recipes/pie.md", "", false), "/recipes/pie/"},
		{"/:year/:title:output_ext", "", doc("_recipes/pie.md", "", false), "/recipes/pie.html"},
		// :path keeps the date of the file name; :title does not.
		{"", "", doc("_recipes/2020-01-02-pie.md", "", true), "/recipes/2020-01-02-pie.html"},
		{"", "/:collection/:name/", doc("_recipes/2020-01-02-Pie.md", "", true), "/recipes/2020-01-02-pie/"},
		{"", "/dishes/:year/:title/", doc("_recipes/2020-01-02-pie.md", "", true), "/dishes/2020/pie/"},
		{"pretty", "/dishes/:categories/:slug:output_ext", doc("_recipes/Big Pie.md", "", false), "/dishes/big-pie.html"},
		// Undated, the date came from the old build's clock: unknowable.
		{"", "/dishes/:year/:title/", doc("_recipes/pie.md", "", false), ""},
		{"pretty", "/dishes/:title/", doc("_recipes/pie.md", "/special/", false), "/special/"},
		{"", "", doc("coll/_recipes/pie.md", "", false), "/recipes/pie.html"},
	} {
		r := &run{cfg: config{Permalink: tt.style}}
		tt.p.coll.Permalink = tt.collPermalink
		if got := r.oldURL(tt.p); got != tt.want {
			t.Errorf("style %q, collection permalink %q, %s: oldURL = %q, want %q", tt.style, tt.collPermalink, tt.p.rel, got, tt.want)
		}
	}
}

// TestPostsCollectionPermalink checks that collections: posts:
// permalink: wins over the site's permalink style, as in Jekyll.
func TestPostsCollectionPermalink(t *testing.T) {
	m := &importer.Mapped{Time: time.Date(2016, 7, 9, 0, 0, 0, 0, time.UTC)}
	p := &page{rel: "_posts/2016-07-09-my-post.md", post: true, name: "my-post", doc: &importer.Doc{}, m: m}
	r := &run{cfg: config{Permalink: "pretty", posts: &collection{Label: "posts", Output: true, Permalink: "/news/:year/:title/"}}}
	if got, want := r.oldURL(p), "/news/2016/my-post/"; got != want {
		t.Errorf("oldURL = %q, want %q", got, want)
	}
}

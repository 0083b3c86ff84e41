package jekyll

import (
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
	} {
		r := &run{cfg: config{Permalink: tt.style}}
		if got := r.oldURL(tt.p); got != tt.want {
			t.Errorf("style %q, %s: oldURL = %q, want %q", tt.style, tt.p.rel, got, tt.want)
		}
	}
}

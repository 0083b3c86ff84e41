package content

import (
	"reflect"
	"testing"
)

// TestBodyImages checks which pictures of a story's text the images
// stage is given: its bundle's and static/'s that exist, once each; not
// remote ones, ones out of the bundle, missing ones, nor code.
func TestBodyImages(t *testing.T) {
	body := "![Map](map.jpg \"The map\")\n\nInline ![again](map.jpg) and ![logo](/images/logo.png).\n\n" +
		"![remote](https://cdn.example.org/a.jpg) ![up](../other/x.jpg) ![gone](gone.jpg) ![doc](notes.pdf)\n\n" +
		"```\n![in code](code.jpg)\n```\n"
	arts, err := load(t, map[string]string{
		"content/news/story/index.md":  "---\ntitle: A\ndate: 2026-01-01\n---\n" + body,
		"content/news/story/map.jpg":   "x",
		"content/news/story/code.jpg":  "x",
		"content/news/story/notes.pdf": "x",
		"content/news/other/x.jpg":     "x",
		"static/images/logo.png":       "x",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []BodyImage{{File: "content/news/story/map.jpg", SitePath: "/news/story/map.jpg"}, {File: "static/images/logo.png", SitePath: "/images/logo.png"}}
	if got := arts[0].BodyImages; !reflect.DeepEqual(got, want) {
		t.Errorf("body images = %+v\nwant %+v", got, want)
	}
}

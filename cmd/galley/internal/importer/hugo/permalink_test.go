package hugo

import (
	"testing"
	"time"
)

func TestOldURL(t *testing.T) {
	date := time.Date(2024, 3, 5, 9, 30, 0, 0, time.UTC)
	plain := &config{lower: true, permalinks: map[string]string{}}
	perm := &config{lower: true, permalinks: map[string]string{
		"posts": "/:year/:month/:day/:slug/", "news": "/:section/:title", "docs": "/:sections/:filename/",
		"b": "/:contentbasename/", "s": "/:slugorfilename/",
	}}
	ugly := &config{lower: true, ugly: true, permalinks: map[string]string{}}
	upper := &config{permalinks: map[string]string{}}
	sub := &config{lower: true, inSubdir: true, defaultLang: "en", permalinks: map[string]string{}}
	for _, tt := range []struct {
		cfg  *config
		p    pageInfo
		want string
	}{
		{plain, pageInfo{rel: "posts/hello.md"}, "/posts/hello/"},
		{plain, pageInfo{rel: "posts/hello.md", slug: "Other Slug"}, "/posts/other-slug/"},
		{plain, pageInfo{rel: "about.md"}, "/about/"},
		{plain, pageInfo{rel: "posts/2020/Deep Name.md"}, "/posts/2020/deep-name/"},
		{plain, pageInfo{rel: "posts/b/index.md", bundle: true}, "/posts/b/"},
		{plain, pageInfo{rel: "posts/x.md", url: "/custom/path/"}, "/custom/path/"},
		{plain, pageInfo{rel: "posts/x.md", url: "custom.html"}, "/custom.html"},
		{perm, pageInfo{rel: "posts/hello.md", title: "Hello, World!", date: date}, "/2024/03/05/hello-world/"},
		{perm, pageInfo{rel: "posts/hello.md", title: "Hello", slug: "hi", date: date}, "/2024/03/05/hi/"},
		{perm, pageInfo{rel: "news/a.md", title: "Big News", date: date}, "/news/big-news/"},
		{perm, pageInfo{rel: "docs/v2/setup/guide.md"}, "/docs/v2/setup/guide/"},
		{perm, pageInfo{rel: "b/bundle/index.md", bundle: true}, "/bundle/"},
		{perm, pageInfo{rel: "s/file.md"}, "/file/"},
		{perm, pageInfo{rel: "other/a.md"}, "/other/a/"},
		{ugly, pageInfo{rel: "posts/hello.md"}, "/posts/hello.html"},
		{upper, pageInfo{rel: "Posts/Hello.md"}, "/Posts/Hello/"},
		{sub, pageInfo{rel: "posts/hello.md"}, "/en/posts/hello/"},
		{plain, pageInfo{rel: "posts/hello.en.md", name: "hello"}, "/posts/hello/"},
	} {
		if got := tt.cfg.oldURL(tt.p); got != tt.want {
			t.Errorf("oldURL(%+v) = %q, want %q", tt.p, got, tt.want)
		}
	}
}

func TestResolveAlias(t *testing.T) {
	cfg := &config{lower: true}
	p := pageInfo{rel: "posts/2020/a.md"}
	for _, tt := range []struct{ alias, want string }{
		{"/old/", "/old/"},
		{"/old", "/old/"},
		{"/old.html", "/old.html"},
		{"old", "/posts/2020/old/"},
		{"../Up", "/posts/up/"},
	} {
		if got := cfg.resolveAlias(p, tt.alias); got != tt.want {
			t.Errorf("resolveAlias(%q) = %q, want %q", tt.alias, got, tt.want)
		}
	}
}

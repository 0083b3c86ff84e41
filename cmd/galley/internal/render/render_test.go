package render

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"galley.dev/galley/cmd/galley/internal/config"
	"galley.dev/galley/cmd/galley/internal/content"
	"galley.dev/galley/cmd/galley/internal/site"
)

func TestFormatTime(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	tests := []struct {
		t               time.Time
		loc             *time.Location
		datetime, shown string
	}{
		{time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC), ny, "2026-11-21T03:00:00-05:00", "21 November 2026, 03:00 EST"},
		{time.Date(2026, 7, 4, 16, 30, 0, 0, time.UTC), ny, "2026-07-04T12:30:00-04:00", "4 July 2026, 12:30 EDT"},
		{time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC), time.UTC, "2026-01-02T03:04:00Z", "2 January 2026, 03:04 UTC"},
	}
	for _, tt := range tests {
		got := formatTime(tt.t, tt.loc)
		if got.Datetime != tt.datetime || got.Display != tt.shown {
			t.Errorf("formatTime(%v) = %+v, want %s / %s", tt.t, got, tt.datetime, tt.shown)
		}
	}
}

func TestHero(t *testing.T) {
	r := &Renderer{cfg: config.Default()}
	tests := []struct {
		name string
		a    content.Article
		want *ImageView
	}{
		{"none", content.Article{}, nil},
		{"credit only", content.Article{Image: content.Image{Credit: "AP"}}, &ImageView{Credit: "AP"}},
		{"bundle image resolved", content.Article{Section: "news", Slug: "x", Dir: "content/news/x", Image: content.Image{Src: "a.jpg", Caption: "C"}},
			&ImageView{Src: "/news/x/a.jpg", Caption: "C"}},
		{"static image kept", content.Article{Section: "news", Slug: "x", Image: content.Image{Src: "/images/a.jpg"}}, &ImageView{Src: "/images/a.jpg"}},
	}
	for _, tt := range tests {
		got := r.hero(&site.Article{Article: &tt.a})
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: hero = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestAbsURL(t *testing.T) {
	cfg := config.Default()
	tests := []struct{ in, want string }{
		{"/images/a.jpg", "http://localhost:1313/images/a.jpg"},
		{"https://cdn.example.org/a.jpg", "https://cdn.example.org/a.jpg"},
		{"//cdn.example.org/a.jpg", "https://cdn.example.org/a.jpg"},
		{"javascript:alert(1)", ""},
		{"data:image/png;base64,AA", ""},
		{"a.jpg", ""},
	}
	for _, tt := range tests {
		if got := absURL(cfg, tt.in); got != tt.want {
			t.Errorf("absURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPager(t *testing.T) {
	r := &Renderer{cfg: config.Default()}
	names := func(p *Pager) string {
		var s []string
		for _, l := range p.Pages {
			n := l.Name
			if l.Current {
				n = "[" + n + "]"
			}
			s = append(s, n)
		}
		return strings.Join(s, " ")
	}
	tests := []struct {
		n, count         int
		want, prev, next string
	}{
		{1, 3, "[1] 2 3", "", "/t/page/2/"},
		{2, 3, "1 [2] 3", "/t/", "/t/page/3/"},
		{10, 20, "1 … 8 9 [10] 11 12 … 20", "/t/page/9/", "/t/page/11/"},
		{20, 20, "1 … 18 19 [20]", "/t/page/19/", ""},
	}
	for _, tt := range tests {
		p := r.pager("/t/", tt.n, tt.count)
		if got := names(p); got != tt.want || p.Prev != tt.prev || p.Next != tt.next {
			t.Errorf("pager(%d of %d) = %s prev %q next %q; want %s prev %q next %q", tt.n, tt.count, got, p.Prev, p.Next, tt.want, tt.prev, tt.next)
		}
	}
	if r.pager("/t/", 1, 1) != nil {
		t.Error("a single page has a pager")
	}
}

func TestPageCount(t *testing.T) {
	cfg := config.Default()
	cfg.PerPage = 10
	r := &Renderer{cfg: cfg}
	for n, want := range map[int]int{0: 1, 1: 1, 10: 1, 11: 2, 300: 30, 301: 31} {
		if got := r.PageCount(n); got != want {
			t.Errorf("PageCount(%d) = %d, want %d", n, got, want)
		}
	}
}

func TestAsset(t *testing.T) {
	r := &Renderer{cfg: config.Default(), Assets: map[string]string{"/css/galley.css": "/css/galley.0123456789abcdef.css"}}
	p := r.page("home", "", "", "/")
	tests := []struct{ in, want string }{
		{"/css/galley.css", "/css/galley.0123456789abcdef.css"},
		{"/css/other.css", "/css/other.css"},
		{"css/galley.css", "css/galley.css"}, // not a site path
		{"/css/galley.css?v=2", "/css/galley.css?v=2"},
	}
	for _, tt := range tests {
		if got := p.Asset(tt.in); got != tt.want {
			t.Errorf("Asset(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := (&Page{}).Asset("/css/galley.css"); got != "/css/galley.css" {
		t.Errorf("Asset without assets = %q", got)
	}
	// Every page links the stylesheet: its name is part of every page's key.
	before := r.ChromeKey()
	r.Assets = map[string]string{"/css/galley.css": "/css/galley.fedcba9876543210.css"}
	if r.ChromeKey() == before {
		t.Error("ChromeKey is the same for another stylesheet")
	}
}

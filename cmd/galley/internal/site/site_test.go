package site

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"galley.dev/galley/cmd/galley/internal/config"
	"galley.dev/galley/cmd/galley/internal/content"
	"galley.dev/galley/cmd/galley/internal/diag"
)

var now = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)

func article(path, slug string, day int, topics ...string) *content.Article {
	return &content.Article{
		Path: path, Section: "news", Slug: slug, Title: slug,
		Date: time.Date(2026, 11, day, 9, 0, 0, 0, time.UTC), Topics: topics, Authors: []string{"Ana Ruiz"},
	}
}

func TestPublished(t *testing.T) {
	draft := article("content/news/d.md", "d", 1)
	draft.Draft = true
	future := article("content/news/f.md", "f", 30)
	expired := article("content/news/e.md", "e", 2)
	expired.Expires = now.Add(-time.Hour)
	live := article("content/news/l.md", "l", 3)
	all := []*content.Article{draft, future, expired, live}
	tests := []struct {
		opts Options
		want string
	}{
		{Options{Now: now}, "l"},
		{Options{Now: now, Drafts: true}, "l,d"},
		{Options{Now: now, Future: true}, "f,l,e"},
		{Options{Now: now, Drafts: true, Future: true}, "f,l,e,d"},
	}
	for _, tt := range tests {
		s, err := New(config.Default(), all, Extra{}, tt.opts)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, a := range s.Articles {
			got = append(got, a.Slug)
		}
		if strings.Join(got, ",") != tt.want {
			t.Errorf("%+v: got %v, want %s", tt.opts, got, tt.want)
		}
	}
}

func TestDuplicateURL(t *testing.T) {
	a := article("content/news/a.md", "same", 1)
	b := article("content/news/b.md", "same", 2)
	b.SlugLine = 3
	_, err := New(config.Default(), []*content.Article{a, b}, Extra{}, Options{Now: now})
	if err == nil || !strings.Contains(err.Error(), "content/news/b.md:3: URL /news/same/ is also the URL of content/news/a.md; give one of them another slug") {
		t.Errorf("got %v", err)
	}
}

func TestTermSlugClash(t *testing.T) {
	a := article("content/news/a.md", "a", 1, "Bogotá")
	b := article("content/news/b.md", "b", 2, "Bogota")
	_, err := New(config.Default(), []*content.Article{a, b}, Extra{}, Options{Now: now})
	if err == nil || !strings.Contains(err.Error(), `"Bogotá" and "Bogota"`) && !strings.Contains(err.Error(), `"Bogota" and "Bogotá"`) {
		t.Errorf("got %v", err)
	}
	if err != nil && !(strings.Contains(err.Error(), "content/news/a.md") && strings.Contains(err.Error(), "content/news/b.md")) {
		t.Errorf("error does not name both files: %v", err)
	}
}

func TestTermsAndRelated(t *testing.T) {
	arts := []*content.Article{
		article("content/news/a.md", "a", 1, "Climate", "Europe"),
		article("content/news/b.md", "b", 2, "Climate"),
		article("content/news/c.md", "c", 3, "Climate", "Europe"),
		article("content/news/d.md", "d", 4, "Sport"),
		article("content/news/e.md", "e", 5),
		article("content/news/f.md", "f", 6, "Europe"),
	}
	s, err := New(config.Default(), arts, Extra{}, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	var topics []string
	for _, tp := range s.Topics {
		topics = append(topics, tp.Name+":"+tp.Slug+":"+itoa(len(tp.Articles)))
	}
	if got := strings.Join(topics, " "); got != "Climate:climate:3 Europe:europe:3 Sport:sport:1" {
		t.Errorf("topics = %s", got)
	}
	var a *Article
	for _, x := range s.Articles {
		if x.Slug == "a" {
			a = x
		}
	}
	var rel []string
	for _, r := range a.Related {
		rel = append(rel, r.Slug)
	}
	// c shares two topics; f and b one each (f newer); then the newest other.
	if got := strings.Join(rel, ","); got != "c,f,b,e" {
		t.Errorf("related(a) = %s, want c,f,b,e", got)
	}
	if len(s.Authors) != 1 || len(s.Authors[0].Articles) != 6 || s.Authors[0].URL() != "/authors/ana-ruiz/" {
		t.Errorf("authors = %+v", s.Authors)
	}
}

func itoa(n int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + string(rune('0'+n))) }

// TestRelatedMatchesDefinition checks the fast related stories against
// their definition, sorting every other story, on random sites.
func TestRelatedMatchesDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	topics := []string{"Climate", "Europe", "Sport", "Energy", "Courts", "Health"}
	for trial := range 20 {
		var arts []*content.Article
		for i := range 5 + rng.IntN(200) {
			var ts []string
			for _, tp := range topics {
				if rng.IntN(3) == 0 {
					ts = append(ts, tp)
				}
			}
			// Few distinct days, so that ties on the date are common.
			arts = append(arts, article(fmt.Sprintf("content/news/s%d.md", i), fmt.Sprintf("s%d", i), 1+rng.IntN(5), ts...))
		}
		s, err := New(config.Default(), arts, Extra{}, Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range s.Articles {
			shared := func(b *Article) int {
				n := 0
				for _, x := range a.Topics {
					if slices.Contains(b.Topics, x) {
						n++
					}
				}
				return n
			}
			var others []*Article
			for _, b := range s.Articles {
				if b != a {
					others = append(others, b)
				}
			}
			slices.SortStableFunc(others, func(x, y *Article) int {
				return cmp.Or(cmp.Compare(shared(y), shared(x)), newestFirst(x, y))
			})
			want := others[:min(relatedStories, len(others))]
			if !slices.Equal(a.Related, want) {
				t.Fatalf("trial %d: related(%s) = %v, want %v", trial, a.Slug, slugs(a.Related), slugs(want))
			}
		}
	}
}

func slugs(list []*Article) []string {
	var out []string
	for _, a := range list {
		out = append(out, a.Slug)
	}
	return out
}

// TestTermCase checks that names that differ only in letter case are one
// term, shown as most stories spell it (on a tie, as the first story in
// path order does), while names that differ otherwise and share a slug
// stay a problem (see TestClashLines).
func TestTermCase(t *testing.T) {
	tests := []struct {
		name     string
		articles []*content.Article
		want     string // the topics, as name:slug:stories
	}{
		{"most stories win",
			[]*content.Article{
				article("content/news/a.md", "a", 1, "economy"),
				article("content/news/b.md", "b", 2, "Economy"),
				article("content/news/c.md", "c", 3, "Economy"),
				article("content/news/d.md", "d", 4, "ECONOMY"),
			},
			"Economy:economy:4"},
		{"a tie goes to the first path",
			[]*content.Article{
				article("content/news/b.md", "b", 1, "Economy"),
				article("content/news/a.md", "a", 2, "economy"),
			},
			"economy:economy:2"},
		{"a tie goes to the first path, whatever the dates",
			[]*content.Article{
				article("content/news/b.md", "b", 2, "Economy"),
				article("content/news/a.md", "a", 1, "economy"),
			},
			"economy:economy:2"},
		{"accented letters in two cases",
			[]*content.Article{
				article("content/news/a.md", "a", 1, "Économie"),
				article("content/news/b.md", "b", 2, "économie"),
				article("content/news/c.md", "c", 3, "Économie"),
			},
			"Économie:economie:3"},
		{"both spellings in one story",
			[]*content.Article{
				article("content/news/a.md", "a", 1, "Climate", "climate"),
				article("content/news/b.md", "b", 2, "climate"),
			},
			"climate:climate:2"},
		{"both spellings in the only story",
			[]*content.Article{article("content/news/a.md", "a", 1, "climate", "Climate")},
			"Climate:climate:1"},
	}
	for _, tt := range tests {
		s, err := New(config.Default(), tt.articles, Extra{}, Options{Now: now})
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		var topics []string
		for _, tp := range s.Topics {
			topics = append(topics, fmt.Sprintf("%s:%s:%d", tp.Name, tp.Slug, len(tp.Articles)))
		}
		if got := strings.Join(topics, " "); got != tt.want {
			t.Errorf("%s: topics = %s, want %s", tt.name, got, tt.want)
		}
		for _, a := range s.Articles {
			if len(a.Topics) != 1 || a.Topics[0] != s.Topics[0] {
				t.Errorf("%s: %s has topics %v, want the one merged topic", tt.name, a.Path, a.Topics)
			}
		}
	}
}

// TestClashLines checks that two topics sharing a page, and an alias that
// is another page's URL or alias, are reported at the line of the key
// that set them, and name the other file with its line.
func TestClashLines(t *testing.T) {
	withLines := func(a *content.Article, topics, aliases int, al ...string) *content.Article {
		a.TopicsLine, a.AliasesLine, a.Aliases = topics, aliases, al
		return a
	}
	tests := []struct {
		name     string
		articles []*content.Article
		want     []string // the problems, in order
	}{
		{"topics C++ and C plus plus",
			[]*content.Article{
				withLines(article("content/news/a.md", "a", 1, "C++"), 4, 0),
				withLines(article("content/news/b.md", "b", 2, "C plus plus"), 3, 0),
			},
			[]string{`content/news/a.md:4: topic "C++" and "C plus plus" (in content/news/b.md:3) share the page /topics/c-plus-plus/; write them the same way`}},
		{"topics Économie and economie",
			[]*content.Article{
				withLines(article("content/news/a.md", "a", 2, "Économie"), 5, 0),
				withLines(article("content/news/b.md", "b", 1, "economie"), 6, 0),
			},
			[]string{`content/news/b.md:6: topic "economie" and "Économie" (in content/news/a.md:5) share the page /topics/economie/; write them the same way`}},
		{"topic with no slug",
			[]*content.Article{withLines(article("content/news/a.md", "a", 1, "★"), 7, 0)},
			[]string{`content/news/a.md:7: topic name "★" gives an empty slug; spell it with Latin letters or digits`}},
		{"slugs that differ only in case",
			[]*content.Article{
				withLines(article("content/news/a.md", "Report", 1), 0, 0),
				withLines(article("content/news/b.md", "report", 2), 0, 0),
			},
			[]string{`content/news/b.md: /news/report/ and /news/Report/ (of content/news/a.md) differ only in letter case, and are one file on macOS and Windows; spell them alike`}},
		{"alias that differs from a page only in case",
			[]*content.Article{
				withLines(article("content/news/a.md", "other", 1), 0, 0),
				withLines(article("content/news/b.md", "b", 2), 0, 9, "/News/Other/"),
			},
			[]string{`content/news/b.md:9: /News/Other/ and /news/other/ (of content/news/a.md) differ only in letter case, and are one file on macOS and Windows; spell them alike`}},
		{"alias is another page's URL",
			[]*content.Article{
				withLines(article("content/news/a.md", "a", 1), 0, 0),
				withLines(article("content/news/b.md", "b", 2), 0, 8, "/news/a/"),
			},
			[]string{`content/news/b.md:8: alias /news/a/ is also the URL of content/news/a.md; remove the alias, or give that page another slug`}},
		{"alias is another page's alias",
			[]*content.Article{
				withLines(article("content/news/a.md", "a", 1), 0, 6, "/old/"),
				withLines(article("content/news/b.md", "b", 2), 0, 9, "/old/"),
			},
			[]string{`content/news/b.md:9: alias /old/ is also an alias of content/news/a.md:6; remove one of them`}},
	}
	for _, tt := range tests {
		_, err := New(config.Default(), tt.articles, Extra{}, Options{Now: now})
		var got []string
		for _, e := range diag.Flatten(err) {
			got = append(got, e.Error())
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s:\ngot  %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

// TestRelatedPairScan checks the bound on the stories weighed for each
// pair of a story's topics: an old story sharing all three of its topics
// comes first while fewer than pairScan newer stories share each pair,
// and gives way to the newer ones past that.
func TestRelatedPairScan(t *testing.T) {
	for _, tt := range []struct {
		perPair int
		first   string
	}{
		{pairScan - 2, "old"}, // with a itself, the old story is within the newest pairScan
		{pairScan, "xy-0"},
	} {
		arts := []*content.Article{
			article("content/news/a.md", "a", 20, "X", "Y", "Z"),
			article("content/news/old.md", "old", 1, "X", "Y", "Z"),
		}
		for i := range tt.perPair {
			for _, pair := range [][]string{{"X", "Y"}, {"X", "Z"}, {"Y", "Z"}} {
				slug := fmt.Sprintf("%s%s-%d", strings.ToLower(pair[0]), strings.ToLower(pair[1]), i)
				arts = append(arts, article("content/news/"+slug+".md", slug, 10, pair...))
			}
		}
		s, err := New(config.Default(), arts, Extra{}, Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		a := s.Articles[0]
		if a.Slug != "a" || len(a.Related) == 0 || a.Related[0].Slug != tt.first {
			t.Errorf("%d stories per pair: related(%s) = %v, want %s first", tt.perPair, a.Slug, slugs(a.Related), tt.first)
		}
	}
}

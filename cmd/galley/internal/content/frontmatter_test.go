package content

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"galley.dev/galley/cmd/galley/internal/diag"
)

// loadOne loads a site of the one article content/news/x.md.
func loadOne(t *testing.T, file string) (*Article, error) {
	t.Helper()
	articles, err := load(t, map[string]string{
		"content/news/x.md":       file,
		"static/images/hero.jpg":  "",
		"static/images/other.jpg": "",
	})
	if len(articles) == 0 {
		return nil, err
	}
	return articles[0], err
}

// TestParams checks that params: holds anything, in YAML and in TOML,
// and reaches the article with keys lowercased, as Hugo's do.
func TestParams(t *testing.T) {
	want := map[string]any{
		"subtitle":  "A dek of its own",
		"rating":    4,
		"score":     2.5,
		"sponsored": false,
		"nothing":   nil,
		"credits":   []any{"Ana", "Tom"},
		"layout":    map[string]any{"wide": true, "columns": 2},
	}
	tests := []struct{ name, file string }{
		{"yaml", `---
title: A
date: 2026-01-01
params:
  subtitle: A dek of its own
  Rating: 4
  score: 2.5
  sponsored: false
  nothing:
  credits: [Ana, Tom]
  layout: {Wide: true, columns: 2}
---
`},
		{"toml", `+++
title = "A"
date = 2026-01-01
[params]
subtitle = "A dek of its own"
Rating = 4
score = 2.5
sponsored = false
credits = ["Ana", "Tom"]
[params.layout]
Wide = true
columns = 2
+++
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := loadOne(t, tt.file)
			if err != nil {
				t.Fatal(err)
			}
			w := want
			if tt.name == "toml" { // TOML has no null
				w = map[string]any{}
				for k, v := range want {
					if k != "nothing" {
						w[k] = v
					}
				}
			}
			if !reflect.DeepEqual(a.Params, w) {
				t.Errorf("Params = %#v\nwant     %#v", a.Params, w)
			}
		})
	}
}

// TestKeysAreCaseInsensitive checks that keys are read as Hugo reads
// them: Title is title.
func TestKeysAreCaseInsensitive(t *testing.T) {
	a, err := loadOne(t, `---
Title: A headline
Date: 2026-01-01
LastMod: 2026-01-02
Tags: [Politics]
Draft: false
---
`)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "A headline" || a.Date.Day() != 1 || a.Updated.Day() != 2 || strings.Join(a.Topics, ",") != "Politics" {
		t.Errorf("article = %+v", a)
	}
	if a.TopicsLine != 5 || a.TitleLine != 2 {
		t.Errorf("TopicsLine, TitleLine = %d, %d; want 5, 2", a.TopicsLine, a.TitleLine)
	}
}

// TestSynonyms checks the keys of Hugo and Jekyll that Galley reads
// itself, and those it keeps in params.
func TestSynonyms(t *testing.T) {
	at := func(s string) time.Time {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			panic(err)
		}
		return t
	}
	tests := []struct {
		name  string
		fm    string // front matter lines after the title
		check func(a *Article) bool
	}{
		{"publishDate as date", "publishDate: 2026-01-05T10:00:00Z\n",
			func(a *Article) bool { return a.Date.Equal(at("2026-01-05T10:00:00Z")) }},
		{"publishDate later than date", "date: 2026-01-01\npublishDate: 2026-01-05T10:00:00Z\n",
			func(a *Article) bool { return a.Date.Equal(at("2026-01-05T10:00:00Z")) }},
		{"publishDate earlier than date", "date: 2026-01-05T10:00:00Z\npublishdate: 2026-01-01\n",
			func(a *Article) bool { return a.Date.Equal(at("2026-01-05T10:00:00Z")) }},
		{"pubdate", "pubdate: 2026-01-05T10:00:00Z\n",
			func(a *Article) bool { return a.Date.Equal(at("2026-01-05T10:00:00Z")) }},
		{"expiryDate", "date: 2026-01-01\nexpiryDate: 2026-02-01T00:00:00Z\n",
			func(a *Article) bool { return a.Expires.Equal(at("2026-02-01T00:00:00Z")) }},
		{"unpublishdate", "date: 2026-01-01\nunpublishdate: 2026-02-01T00:00:00Z\n",
			func(a *Article) bool { return a.Expires.Equal(at("2026-02-01T00:00:00Z")) }},
		{"excerpt", "date: 2026-01-01\nexcerpt: The excerpt.\n",
			func(a *Article) bool { return a.Description == "The excerpt." }},
		{"description before excerpt", "date: 2026-01-01\nexcerpt: The excerpt.\ndescription: The dek.\n",
			func(a *Article) bool { return a.Description == "The dek." }},
		{"images", "date: 2026-01-01\nimages: [/images/hero.jpg, /images/other.jpg]\n",
			func(a *Article) bool {
				return a.Image.Src == "/images/hero.jpg" && reflect.DeepEqual(a.Params["images"], []any{"/images/hero.jpg", "/images/other.jpg"})
			}},
		{"image before images", "date: 2026-01-01\nimage: /images/other.jpg\nimages: [/images/hero.jpg]\n",
			func(a *Article) bool { return a.Image.Src == "/images/other.jpg" }},
		{"featured_image", "date: 2026-01-01\nfeatured_image: /images/hero.jpg\n",
			func(a *Article) bool { return a.Image.Src == "/images/hero.jpg" }},
		{"cover string", "date: 2026-01-01\ncover: /images/hero.jpg\n",
			func(a *Article) bool { return a.Image.Src == "/images/hero.jpg" }},
		{"cover mapping", "date: 2026-01-01\ncover:\n  image: /images/hero.jpg\n  alt: Boats\n  caption: The harbour.\n  relative: false\n",
			func(a *Article) bool {
				return reflect.DeepEqual(a.Image, Image{Src: "/images/hero.jpg", Alt: "Boats", Caption: "The harbour.", File: "static/images/hero.jpg"}) &&
					reflect.DeepEqual(a.Params["cover"], map[string]any{"image": "/images/hero.jpg", "alt": "Boats", "caption": "The harbour.", "relative": false})
			}},
		{"published false", "date: 2026-01-01\npublished: false\n",
			func(a *Article) bool { return a.Draft }},
		{"published true", "date: 2026-01-01\npublished: true\n",
			func(a *Article) bool { return !a.Draft }},
		{"draft wins over published", "date: 2026-01-01\npublished: true\ndraft: true\n",
			func(a *Article) bool { return a.Draft }},
		{"published as a date", "published: 2026-01-05T10:00:00Z\n",
			func(a *Article) bool { return a.Date.Equal(at("2026-01-05T10:00:00Z")) && !a.Draft }},
		{"kept in params", "date: 2026-01-01\nkeywords: [harbour, boats]\nlinkTitle: Harbour\nWeight: 10\nurl: /2019/old/\n",
			func(a *Article) bool {
				return reflect.DeepEqual(a.Params, map[string]any{
					"keywords": []any{"harbour", "boats"}, "linktitle": "Harbour", "weight": 10, "url": "/2019/old/",
				})
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := loadOne(t, "---\ntitle: A\n"+tt.fm+"---\n")
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(a) {
				t.Errorf("article = %+v", a)
			}
		})
	}
}

// TestSynonymsTOML checks the same keys in TOML, which reaches the same
// decoder as a tree of YAML nodes.
func TestSynonymsTOML(t *testing.T) {
	a, err := loadOne(t, `+++
Title = "A"
publishDate = 2026-01-05T10:00:00Z
expiryDate = 2026-02-01T00:00:00Z
linkTitle = "Short"
images = ["/images/hero.jpg"]
published = false
+++
`)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "A" || a.Date.Format(time.RFC3339) != "2026-01-05T10:00:00Z" || a.Expires.Format(time.RFC3339) != "2026-02-01T00:00:00Z" ||
		a.Image.Src != "/images/hero.jpg" || !a.Draft || a.Params["linktitle"] != "Short" {
		t.Errorf("article = %+v", a)
	}
}

// TestUnknownKeys checks that Galley stays strict where it protects
// editors: a typo of a known key says which was meant, another unknown
// key says where the site's own data goes, and a key set twice (in
// another case, or by a synonym) is reported.
func TestUnknownKeys(t *testing.T) {
	tests := []struct {
		name, fm string
		want     string // path:line: message
	}{
		{"tittle", "tittle: B\n", `content/news/x.md:4: unknown key "tittle"; did you mean "title"?`},
		{"drafts", "drafts: true\n", `content/news/x.md:4: unknown key "drafts"; did you mean "draft"?`},
		{"autor", "autor: Ana\n", `content/news/x.md:4: unknown key "autor"; did you mean "author"?`},
		{"topcis", "topcis: [A]\n", `content/news/x.md:4: unknown key "topcis"; did you mean "topics"?`},
		{"Tittle in capitals", "Tittle: B\n", `content/news/x.md:4: unknown key "Tittle"; did you mean "title"?`},
		{"publishdat", "publishdat: 2026-01-01\n", `content/news/x.md:4: unknown key "publishdat"; did you mean "publishDate"?`},
		{"dat", "dat: 2026-01-01\n", `content/news/x.md:4: unknown key "dat"; did you mean "date"?`},
		{"two edits to a short key", "sluggo: a\n", `content/news/x.md:4: unknown key "sluggo"; if it is the site's own data, put it under params:`},
		{"subtitle", "subtitle: More\n", `content/news/x.md:4: unknown key "subtitle"; if it is the site's own data, put it under params: (templates read it as .Article.Params.subtitle)`},
		{"Jekyll layout", "layout: post\n", `content/news/x.md:4: unknown key "layout"; if it is the site's own data, put it under params:`},
		{"same key in two cases", "Title: B\n", `content/news/x.md:4: key "Title" repeats "title" on line 2 (keys are case-insensitive); keep one`},
		{"synonyms", "expires: 2027-01-01\nexpiryDate: 2027-01-01\n", `content/news/x.md:5: key "expiryDate" sets expires again, already set on line 4; keep one`},
		{"params and top level", "weight: 2\nparams: {weight: 3}\n", `content/news/x.md:4: weight is set both here and under params; keep one`},
		{"params not a mapping", "params: [a]\n", `content/news/x.md:4: params: want a mapping of keys to values, got a list`},
		{"params key in two cases", "params:\n  a: 1\n  A: 2\n", `content/news/x.md:6: params: key "A" repeats "a" on line 5 (keys are case-insensitive); keep one`},
		{"params alias", "params:\n  a: &x [1]\n  b: *x\n", `content/news/x.md:5: params.a: YAML anchors and aliases are not allowed`},
		{"cover not a name", "cover: {image: [a]}\n", `content/news/x.md:4: cover: image: want a string, got a list`},
		{"images of mappings", "images: [{src: a}]\n", `content/news/x.md:4: images[0]: want a string, got a mapping`},
		{"published maybe", "published: maybe\n", `content/news/x.md:4: published: cannot read "maybe" as a date`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadOne(t, "---\ntitle: A\ndate: 2026-01-01\n"+tt.fm+"---\n")
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			found := false
			for _, e := range diag.Flatten(err) {
				found = found || strings.HasPrefix(e.Error(), tt.want)
			}
			if !found {
				t.Errorf("error:\n%v\nwant:\n%s", err, tt.want)
			}
		})
	}
}

func TestNearMiss(t *testing.T) {
	tests := []struct{ key, want string }{
		{"tittle", "title"}, {"TITEL", "title"}, {"drafts", "draft"}, {"autor", "author"},
		{"topcis", "topics"}, {"catgories", "categories"}, {"decsription", "description"},
		{"expirydat", "expiryDate"}, {"aliasses", "aliases"}, {"importhash", "import_hash"},
		{"dte", "date"}, {"tag", "tags"}, {"urls", "url"},
		{"subtitle", ""}, {"layout", ""}, {"sluggo", ""}, {"da", ""}, {"", ""},
		{"title", ""}, // known, not a miss
	}
	for _, tt := range tests {
		if got, _ := NearMiss(tt.key); got != tt.want {
			t.Errorf("NearMiss(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
}

func TestKnownKey(t *testing.T) {
	tests := []struct{ key, want string }{
		{"Title", "title"}, {"publishDate", "publishdate"}, {"PubDate", "publishdate"},
		{"expiryDate", "expires"}, {"LinkTitle", "linktitle"}, {"params", "params"},
		{"featured_image", "featured_image"}, {"layout", ""}, {"tittle", ""},
	}
	for _, tt := range tests {
		if got, _ := KnownKey(tt.key); got != tt.want {
			t.Errorf("KnownKey(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
}

// FuzzFrontMatter checks that front matter of any shape never panics,
// that every problem names the file and a line, and that params of an
// accepted article hold only the types templates are promised.
func FuzzFrontMatter(f *testing.F) {
	f.Add("---\ntitle: A\ndate: 2026-01-01\nparams: {a: [1, {b: 2.5}], C: null}\n---\n")
	f.Add("---\nTitle: A\nDate: 2026-01-01\ncover: {image: x.jpg}\nimages: [a]\npublished: false\n---\n")
	f.Add("---\ntitle: A\ntittle: B\ndate: 2026-01-01\nweight: 1\nparams: {weight: 2}\n---\n")
	f.Add("+++\ntitle = \"A\"\ndate = 2026-01-01\n[params]\nx = 1979-05-27T07:32:00Z\n+++\n")
	f.Fuzz(func(t *testing.T, data string) {
		fsys := fstest.MapFS{"content/news/x.md": {Data: []byte(data)}}
		articles, err := Load(context.Background(), fsys, Options{Location: time.UTC, MaxFileSize: 1 << 20})
		for _, e := range diag.Flatten(err) {
			if e.Path != "content/news/x.md" || e.Line < 0 {
				t.Fatalf("problem without the file's path or line: %v", e)
			}
		}
		if err == nil {
			checkParams(t, articles[0].Params)
		}
	})
}

func checkParams(t *testing.T, v any) {
	switch v := v.(type) {
	case nil, string, bool, int, float64:
	case map[string]any:
		for k, e := range v {
			if k != strings.ToLower(k) {
				t.Fatalf("params key %q not lowercased", k)
			}
			checkParams(t, e)
		}
	case []any:
		for _, e := range v {
			checkParams(t, e)
		}
	default:
		t.Fatalf("params value of type %T", v)
	}
}

func TestImageLineOfSynonyms(t *testing.T) {
	for _, fm := range []string{
		"title: A\ndate: 2026-01-01\nimages:\n  - missing.jpg\n",
		"title: A\ndate: 2026-01-01\nfeatured_image: missing.jpg\n",
		"title: A\ndate: 2026-01-01\ncover:\n  image: missing.jpg\n",
	} {
		site := fstest.MapFS{"content/news/x.md": {Data: []byte("---\n" + fm + "---\nBody.\n")}}
		_, err := Load(context.Background(), site, Options{Location: time.UTC})
		if err == nil || !strings.HasPrefix(err.Error(), "content/news/x.md:4: ") {
			t.Errorf("%q: %v; want the error at line 4, the image's key", fm, err)
		}
	}
}

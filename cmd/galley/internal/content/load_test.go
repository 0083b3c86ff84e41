package content

import (
	"context"
	"hash/crc32"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"galley.dev/galley/cmd/galley/internal/diag"
	"galley.dev/galley/cmd/galley/internal/markdown"
)

var berlin = mustLoc("Europe/Berlin")

func mustLoc(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func load(t *testing.T, files map[string]string) ([]*Article, error) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return Load(context.Background(), fsys, Options{Location: berlin, MaxFileSize: 1 << 20, Markdown: markdown.New(markdown.Options{})})
}

func TestLoadArticle(t *testing.T) {
	articles, err := load(t, map[string]string{
		"content/news/a.md": `---
title: "Élection à Paris"
date: 2026-11-24
updated: 2026-11-24T12:00:00+01:00
authors: [Ana Ruiz, " Tom  Berg "]
topics: Politics
tags: [France, Politics]
categories: [Europe]
image:
  src: https://cdn.example.org/x.jpg
  alt: Alt
  caption: Cap
  credit: Ana Ruiz/AP
---

The first paragraph is long enough to be a description, and it goes on and on for a while so that it must be cut at a word near one hundred and sixty characters in all.
`,
	})
	if err != nil {
		t.Fatal(err)
	}
	a := articles[0]
	checks := []struct{ name, got, want string }{
		{"slug from file name", a.Slug, "a"},
		{"section", a.Section, "news"},
		{"url", a.URL(), "/news/a/"},
		{"date in site zone", a.Date.Format(time.RFC3339), "2026-11-24T00:00:00+01:00"},
		{"updated", a.Updated.Format(time.RFC3339), "2026-11-24T12:00:00+01:00"},
		{"authors", strings.Join(a.Authors, "|"), "Ana Ruiz|Tom Berg"},
		{"topics merged", strings.Join(a.Topics, "|"), "Politics|France|Europe"},
		{"credit", a.Image.Credit, "Ana Ruiz/AP"},
		{"description cut at a word", a.Description, "The first paragraph is long enough to be a description, and it goes on and on for a while so that it must be cut at a word near one hundred and sixty characters…"},
		{"description derived", strconv.FormatBool(a.DescriptionDerived), "true"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
}

func TestLoadTOML(t *testing.T) {
	articles, err := load(t, map[string]string{
		"content/news/b.md": "+++\ntitle = \"Hugo story\"\ndate = 2026-11-20T10:00:00Z\ntags = [\"Go\"]\n[image]\ncaption = \"Cap\"\n+++\nBody.\n",
	})
	if err != nil {
		t.Fatal(err)
	}
	if a := articles[0]; a.Title != "Hugo story" || a.Topics[0] != "Go" || a.Image.Caption != "Cap" || !a.Date.Equal(time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("got %+v", a)
	}
}

// TestLoadErrors checks that each kind of bad input is reported at its
// line with a message that says what to do.
func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, file string
		want       string // path:line: message prefix
	}{
		{"no front matter", "Just text.\n", "content/news/x.md:1: no front matter"},
		{"unclosed front matter", "---\ntitle: A\ndate: 2026-01-01\n\nBody\n", "content/news/x.md:1: front matter opened with --- on line 1 is never closed"},
		{"missing title", "---\ndate: 2026-01-01\n---\n", "content/news/x.md:1: missing title"},
		{"missing date", "---\ntitle: A\n---\n", "content/news/x.md:1: missing date"},
		{"unreadable date", "---\ntitle: A\ndate: next tuesday\n---\n", `content/news/x.md:3: date: cannot read "next tuesday" as a date`},
		{"impossible date", "---\ntitle: A\ndate: 2026-13-45\n---\n", `content/news/x.md:3: date: cannot read "2026-13-45" as a date (month out of range)`},
		{"date list", "---\ntitle: A\ndate: [1]\n---\n", "content/news/x.md:3: date: want a single value, got a list"},
		{"topics number", "---\ntitle: A\ndate: 2026-01-01\ntopics: 5\n---\n", `content/news/x.md:4: topics: want a list of names, got "5"`},
		{"unknown key", "---\ntitle: A\ndate: 2026-01-01\nauthr: [X]\n---\n", `content/news/x.md:4: unknown key "authr"`},
		{"unknown image key", "---\ntitle: A\ndate: 2026-01-01\nimage:\n  captoin: X\n---\n", `content/news/x.md:5: image: unknown key "captoin"; known keys are src, alt, caption, credit, width, height, focus`},
		{"bad slug", "---\ntitle: A\ndate: 2026-01-01\nslug: ../etc\n---\n", `content/news/x.md:4: slug "../etc" has a slash`},
		{"absolute slug", "---\ntitle: A\ndate: 2026-01-01\nslug: /etc/passwd\n---\n", `content/news/x.md:4: slug "/etc/passwd"`},
		{"encoded dots slug", "---\ntitle: A\ndate: 2026-01-01\nslug: \"%2e%2e\"\n---\n", `content/news/x.md:4: slug "%2e%2e"`},
		{"yaml syntax", "---\ntitle: [A\ndate: 2026-01-01\n---\n", "content/news/x.md:"},
		{"yaml alias", "---\na: &a [x]\ntitle: *a\ndate: 2026-01-01\n---\n", "content/news/x.md:3: title: YAML anchors and aliases are not allowed"},
		{"bool type", "---\ntitle: A\ndate: 2026-01-01\ndraft: maybe\n---\n", `content/news/x.md:4: draft: want true or false, got "maybe"`},
		{"invalid utf8", "---\ntitle: A\ndate: 2026-01-01\n---\nok\n\xff\n", "content/news/x.md:6: text is not valid UTF-8"},
		{"toml syntax", "+++\ntitle = \n+++\n", "content/news/x.md:2: TOML syntax error"},
		{"missing local image", "---\ntitle: A\ndate: 2026-01-01\nimage:\n  src: /images/none.jpg\n---\n", `content/news/x.md:5: image.src "/images/none.jpg": no file static/images/none.jpg`},
		{"image width alone", "---\ntitle: A\ndate: 2026-01-01\nimage:\n  src: https://cdn.example.org/a.jpg\n  width: 800\n---\n", `content/news/x.md:5: image width 800 and height 0: give both, in pixels`},
		{"image focus out of the picture", "---\ntitle: A\ndate: 2026-01-01\nimage:\n  src: https://cdn.example.org/a.jpg\n  focus: [0.5, 1.5]\n---\n", `content/news/x.md:5: image focus [0.5, 1.5]: want [x, y], each from 0 (left, top) to 1 (right, bottom)`},
		{"repeated key", "---\ntitle: A\ntitle: B\ndate: 2026-01-01\n---\n", "content/news/x.md:3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := load(t, map[string]string{"content/news/x.md": tt.file})
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.HasPrefix(err.Error(), tt.want) && !strings.Contains(err.Error(), "\n"+tt.want) {
				t.Errorf("error:\n%v\nwant prefix:\n%s", err, tt.want)
			}
		})
	}
}

func TestLoadReportsAllProblems(t *testing.T) {
	_, err := load(t, map[string]string{
		"content/news/a.md": "---\ndate: 2026-01-01\n---\n",
		"content/news/b.md": "---\ntitle: B\ndate: soon\ntopics: 5\n---\n",
	})
	got := diag.Flatten(err)
	if len(got) != 3 {
		t.Fatalf("got %d problems, want 3:\n%v", len(got), err)
	}
	if got[0].Path != "content/news/a.md" || got[1].Path != "content/news/b.md" || got[1].Line != 3 || got[2].Line != 4 {
		t.Errorf("problems not sorted by path and line:\n%v", err)
	}
}

func TestLoadSizeLimit(t *testing.T) {
	fsys := fstest.MapFS{"content/news/big.md": {Data: []byte("---\ntitle: A\ndate: 2026-01-01\n---\n" + strings.Repeat("x", 200))}}
	_, err := Load(context.Background(), fsys, Options{Location: time.UTC, MaxFileSize: 100})
	if err == nil || !strings.Contains(err.Error(), "content/news/big.md: file is 234 bytes, over the limit of 100") {
		t.Errorf("got %v", err)
	}
}

func TestLoadBundle(t *testing.T) {
	fsys := fstest.MapFS{
		"content/news/story/index.md":  {Data: []byte("---\ntitle: Story\ndate: 2026-01-01\nimage:\n  src: photo.png\n---\nBody\n")},
		"content/news/story/photo.png": {Data: pngHeader(640, 480)},
		"content/news/story/data.csv":  {Data: []byte("a,b")},
	}
	articles, err := Load(context.Background(), fsys, Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	a := articles[0]
	if a.Slug != "story" || a.Dir != "content/news/story" || strings.Join(a.Resources, ",") != "data.csv,photo.png" {
		t.Errorf("bundle = %+v", a)
	}
	if a.Image.Width != 640 || a.Image.Height != 480 {
		t.Errorf("image size = %dx%d, want 640x480", a.Image.Width, a.Image.Height)
	}
}

// pngHeader returns the start of a PNG file of the given size: enough for
// image.DecodeConfig.
func pngHeader(w, h int) []byte {
	b := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR")
	b = append(b, byte(w>>24), byte(w>>16), byte(w>>8), byte(w), byte(h>>24), byte(h>>16), byte(h>>8), byte(h))
	b = append(b, 8, 6, 0, 0, 0)
	sum := crc32.ChecksumIEEE(b[12:])
	return append(b, byte(sum>>24), byte(sum>>16), byte(sum>>8), byte(sum))
}

func TestCut(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"one two three four", 10, "one two…"},
		{"averyveryverylongword", 5, "avery…"},
		{"Élection à Paris, demain", 17, "Élection à Paris…"},
		{"Élection à Paris demain", 14, "Élection à…"},
	}
	for _, tt := range tests {
		if got := Cut(tt.in, tt.n); got != tt.want {
			t.Errorf("Cut(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2026-11-24", "2026-11-24T00:00:00+01:00"},
		{"2026-11-24T09:30:00Z", "2026-11-24T09:30:00Z"},
		{"2026-11-24T09:30:00-05:00", "2026-11-24T09:30:00-05:00"},
		{"2026-11-24 09:30", "2026-11-24T09:30:00+01:00"},
		{"2026-07-01T09:30:00", "2026-07-01T09:30:00+02:00"},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in, berlin)
		if err != nil || got.Format(time.RFC3339) != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", tt.in, got.Format(time.RFC3339), err, tt.want)
		}
	}
}

func FuzzLoad(f *testing.F) {
	f.Add("---\ntitle: A\ndate: 2026-01-01\n---\nBody")
	f.Add("+++\ntitle = \"A\"\ndate = 2026-01-01\n+++\n")
	f.Add("---\na: &a [x, *a]\n---\n")
	f.Add("---\nimage: {src: \"javascript:alert(1)\"}\ntitle: x\ndate: 2026-01-01\n---\n")
	f.Fuzz(func(t *testing.T, data string) {
		fsys := fstest.MapFS{"content/news/x.md": {Data: []byte(data)}}
		articles, err := Load(context.Background(), fsys, Options{Location: time.UTC, MaxFileSize: 1 << 20})
		if err != nil {
			for _, e := range diag.Flatten(err) {
				if e.Path != "content/news/x.md" {
					t.Fatalf("problem without the file's path: %v", e)
				}
			}
			return
		}
		a := articles[0]
		if a.Title == "" || a.Date.IsZero() || a.Slug == "" {
			t.Fatalf("accepted an article without title, date or slug: %+v", a)
		}
		if a.Image.Src != "" && strings.Contains(strings.ToLower(a.Image.Src), "script:") {
			t.Fatalf("unsafe image src kept: %q", a.Image.Src)
		}
	})
}

func TestStandalone(t *testing.T) {
	for name, want := range map[string]bool{
		"content/news/story.md":       true,
		"content/about.md":            true,
		"content/news/story/index.md": false, // a page bundle's
		"content/news/a/b.md":         false,
		"content/authors/ana.md":      false, // a profile
		"content/news/_draft.md":      false,
		"content/.hidden/x.md":        false,
		"content/news/story.txt":      false,
		"templates/article.html":      false,
		"site.yaml":                   false,
	} {
		if got := Standalone(name); got != want {
			t.Errorf("Standalone(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestRereadMatchesLoad rereads every file Load read, bundles included,
// and expects the same article.
func TestRereadMatchesLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"content/news/story/index.md":  {Data: []byte("---\ntitle: Story\ndate: 2026-01-01\nimage:\n  src: photo.png\n---\nBody\n")},
		"content/news/story/photo.png": {Data: pngHeader(640, 480)},
		"content/news/plain.md":        {Data: []byte("---\ntitle: Plain\ndate: 2026-01-02\ntopics: [Climate]\n---\nFirst paragraph.\n")},
		"content/about.md":             {Data: []byte("---\ntitle: About\n---\nWho we are.\n")},
	}
	opts := Options{Location: time.UTC, Markdown: markdown.New(markdown.Options{})}
	articles, err := Load(context.Background(), fsys, opts)
	if err != nil || len(articles) != 3 {
		t.Fatalf("Load = %d articles, %v", len(articles), err)
	}
	for _, a := range articles {
		got, err := Reread(fsys, a.Path, a, opts)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, a) {
			t.Errorf("Reread(%s) = %+v, want %+v", a.Path, got, a)
		}
		if a.Dir == "" {
			if got, err := Reread(fsys, a.Path, nil, opts); err != nil || !reflect.DeepEqual(got, a) {
				t.Errorf("Reread(%s, nil) = %+v, %v; want %+v", a.Path, got, err, a)
			}
		}
	}
	if _, err := Reread(fsys, "content/news/story/index.md", nil, opts); err == nil {
		t.Error("Reread of a bundle with no previous article: no error")
	}
	fsys["content/news/plain.md"] = &fstest.MapFile{Data: []byte("---\ntitle: [broken\n---\n")}
	if _, err := Reread(fsys, "content/news/plain.md", articles[1], opts); err == nil || !strings.HasPrefix(err.Error(), "content/news/plain.md:") {
		t.Errorf("Reread of a broken file: %v, want path:line", err)
	}
}

// TestReadBody checks that Load keeps no body in memory, that ReadBody
// reads it again, and that it refuses a file changed since Load.
func TestReadBody(t *testing.T) {
	fsys := fstest.MapFS{"content/news/a.md": {Data: []byte("---\ntitle: A\ndate: 2026-01-01\n---\nThe *body*.\n")}}
	articles, err := Load(context.Background(), fsys, Options{Location: time.UTC, Markdown: markdown.New(markdown.Options{})})
	if err != nil {
		t.Fatal(err)
	}
	a := articles[0]
	if a.Body != nil {
		t.Errorf("Load kept the body in memory: %q", a.Body)
	}
	if body, err := a.ReadBody(); err != nil || string(body) != "The *body*.\n" {
		t.Errorf("ReadBody = %q, %v", body, err)
	}
	fsys["content/news/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A\ndate: 2026-01-01\n---\nAnother body.\n")}
	if _, err := a.ReadBody(); err == nil || !strings.Contains(err.Error(), "content/news/a.md: file changed during the build") {
		t.Errorf("ReadBody of a changed file: %v", err)
	}
}

// TestRemoteImageSize checks that a remote hero takes its size from the
// front matter, so that its page does not shift, and its focus point.
func TestRemoteImageSize(t *testing.T) {
	arts, err := load(t, map[string]string{"content/news/x.md": "---\ntitle: A\ndate: 2026-01-01\nimage:\n  src: https://cdn.example.org/a.jpg\n  width: 1600\n  height: 900\n  focus: [0.25, 0.5]\n---\n"})
	if err != nil {
		t.Fatal(err)
	}
	img := arts[0].Image
	if img.Width != 1600 || img.Height != 900 || !slices.Equal(img.Focus, []float64{0.25, 0.5}) || img.File != "" {
		t.Errorf("image = %+v", img)
	}
}

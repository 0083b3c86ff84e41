package jekyll

import (
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"galley.dev/galley/cmd/galley/internal/importer/importtest"
)

// TestGolden imports each testdata site and compares what it writes, and
// the report, with the archive's want/ files.
func TestGolden(t *testing.T) { importtest.Golden(t, Source{}) }

// TestLoadConfigCollections checks how collections: reads: a list of
// names, a mapping of names to settings, output as Jekyll (Ruby) reads
// it, collections_dir, and the posts collection kept apart.
func TestLoadConfigCollections(t *testing.T) {
	for _, tt := range []struct {
		name, yaml string
		want       []collection
		posts      *collection
		err        string
	}{
		{name: "none", yaml: "title: x\n"},
		{name: "list", yaml: "collections: [recipes, staff]\n", want: []collection{
			{Label: "recipes", Dir: "_recipes"}, {Label: "staff", Dir: "_staff"},
		}},
		{name: "mapping", yaml: "collections:\n  recipes:\n    output: true\n    permalink: /r/:path/\n  staff:\n    output: false\n  talks:\n  notes: {foo: bar}\n", want: []collection{
			{Label: "recipes", Output: true, Permalink: "/r/:path/", Dir: "_recipes"},
			{Label: "staff", Dir: "_staff"},
			{Label: "talks", Dir: "_talks"},
			{Label: "notes", Dir: "_notes"},
		}},
		// YAML 1.1 booleans, as Ruby reads them; anything else but null
		// is true to Ruby, quoted "no" too.
		{name: "output words", yaml: "collections:\n  a: {output: yes}\n  b: {output: \"no\"}\n  c: {output: 'off'}\n  d: {output: 1}\n  e: {output: null}\n  f: {output: no}\n  g: {output: Off}\n  h: {output: FALSE}\n", want: []collection{
			{Label: "a", Output: true, Dir: "_a"}, {Label: "b", Output: true, Dir: "_b"}, {Label: "c", Output: true, Dir: "_c"},
			{Label: "d", Output: true, Dir: "_d"}, {Label: "e", Dir: "_e"}, {Label: "f", Dir: "_f"}, {Label: "g", Dir: "_g"}, {Label: "h", Dir: "_h"},
		}},
		{name: "collections_dir", yaml: "collections_dir: my_collections/\ncollections: {recipes: {output: true}}\n", want: []collection{
			{Label: "recipes", Output: true, Dir: "my_collections/_recipes"},
		}},
		{name: "posts apart", yaml: "collections:\n  posts: {permalink: /news/:title/}\n  recipes: {}\n", want: []collection{
			{Label: "recipes", Dir: "_recipes"},
		}, posts: &collection{Label: "posts", Output: true, Permalink: "/news/:title/", Dir: "_posts"}},
		// Jekyll keeps [a-z0-9_.-] of a label and drops the rest.
		{name: "label sanitised", yaml: "collections: [\"my recipes!\", \"\", \"***\"]\n", want: []collection{
			{Label: "myrecipes", Dir: "_myrecipes"},
		}},
		{name: "scalar", yaml: "title: x\ncollections: recipes\n", err: "_config.yml:2: collections: want a list of names or a mapping of names to settings"},
		{name: "list of lists", yaml: "collections:\n  - [a]\n", err: "_config.yml:2: collections: want a name, got a list"},
		// Jekyll reads every folder of the configuration inside the site.
		{name: "outside", yaml: "collections_dir: ../elsewhere\ncollections: [a]\n", want: []collection{{Label: "a", Dir: "elsewhere/_a"}}},
		{name: "absolute", yaml: "collections_dir: /etc\ncollections: [a]\n", want: []collection{{Label: "a", Dir: "etc/_a"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := loadConfig([]byte(tt.yaml))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("loadConfig: error %v, want one with %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("loadConfig: %v", err)
			}
			var got []collection
			for _, c := range cfg.collections {
				got = append(got, *c)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("collections\n got %+v\nwant %+v", got, tt.want)
			}
			if !reflect.DeepEqual(cfg.posts, tt.posts) {
				t.Errorf("posts collection %+v, want %+v", cfg.posts, tt.posts)
			}
		})
	}
}

// TestCollectionsDir imports sites whose collections and posts live in
// a collections_dir: the folder is no category of the posts, and one
// named with _ publishes nothing but its collections and posts.
func TestCollectionsDir(t *testing.T) {
	for _, tt := range []struct {
		name, archive string
		want          []string // lines of the report
		files         map[string]string
	}{
		{name: "plain folder", archive: `
-- src/_config.yml --
collections_dir: my
collections: {guides: {output: true, permalink: "/guides/:title/"}}
-- src/my/_posts/2021-01-01-hello.md --
---
title: Hello
---
Hi.
-- src/my/_guides/setup.md --
---
title: Setup
---
Steps.
-- src/my/page.md --
---
title: A page
---
Jekyll publishes it at /my/page.html.
`, want: []string{
			"my/_guides/setup.md → content/setup.md: written; 1 aliases, 0 shortcodes converted",
			"my/_posts/2021-01-01-hello.md → content/posts/hello.md: written; 1 aliases, 0 shortcodes converted",
			"my/page.md → content/page.md: written; 1 aliases, 0 shortcodes converted",
		}, files: map[string]string{
			"content/posts/hello.md": "  - /2021/01/01/hello.html\n",
			"content/setup.md":       "  - /guides/setup/\n",
		}},
		{name: "folder named with _", archive: `
-- src/_config.yml --
collections_dir: _content
collections: [guides]
-- src/_content/_posts/2021-01-01-hello.md --
---
title: Hello
---
Hi.
-- src/_content/_guides/setup.md --
---
title: Setup
---
Not published: output is false.
-- src/_content/readme.md --
---
title: Readme
---
Not published.
-- src/_content/other/x.md --
---
title: X
---
Not published.
`, want: []string{
			"_content/_posts/2021-01-01-hello.md → content/posts/hello.md: written; 1 aliases, 0 shortcodes converted",
			"skipped _content/_guides/: collection guides has output: false: Jekyll does not publish it (1 file)",
			"skipped _content/other/: Jekyll does not publish it as it is (a collection not in _config.yml's collections:, a theme part or a setting); not imported (1 file)",
			"skipped _content/readme.md: Jekyll does not publish it as it is (a collection not in _config.yml's collections:, a theme part or a setting); not imported",
			"imported jekyll site src: 1 files converted (1 articles, 0 pages), 1 aliases written, 0 shortcodes converted, 0 kept as text, 0 static files, 3 skipped, 0 errors",
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			importtest.Extract(t, txtar.Parse([]byte(tt.archive)), "src/", "src")
			if !(Source{}).Detect("src") {
				t.Errorf("Detect = false, want true: _posts is in collections_dir")
			}
			report := importtest.Import(t, Source{}, "src", "site")
			for _, line := range tt.want {
				if !strings.Contains(report, line+"\n") {
					t.Errorf("report lacks %q:\n%s", line, report)
				}
			}
			for name, want := range tt.files {
				data, err := os.ReadFile(filepath.Join("site", name))
				if err != nil || !strings.Contains(string(data), want) {
					t.Errorf("%s: %v, want it to hold %q:\n%s", name, err, want, data)
				}
			}
		})
	}
}

// FuzzLoadConfig checks that no _config.yml makes loadConfig panic, and
// that every collection's folder it returns is a clean path in the site.
func FuzzLoadConfig(f *testing.F) {
	for _, s := range []string{
		"collections: [recipes, staff]\n",
		"collections:\n  recipes:\n    output: true\n    permalink: /r/:path/\n  staff:\n",
		"collections_dir: ../../x\ncollections: {a: {output: yes}}\n",
		"collections_dir: /\ncollections: [\"..\", \".\", \"a/b\"]\n",
		"base: &b {output: true}\ncollections: {a: *b, posts: *b}\n",
		"collections: recipes\n",
		"collections:\n  - [a]\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		cfg, _ := loadConfig([]byte(in))
		if cfg == nil {
			return
		}
		for _, c := range cfg.collections {
			if c.Dir != path.Clean(c.Dir) || strings.HasPrefix(c.Dir, "/") || slices.Contains(strings.Split(c.Dir, "/"), "..") || !strings.HasPrefix(path.Base(c.Dir), "_") {
				t.Fatalf("loadConfig(%q): collection %q in folder %q, not a clean folder of the site", in, c.Label, c.Dir)
			}
		}
	})
}

// TestConfigVars checks that every text setting of _config.yml is what
// {{ site.<key> }} gives, as in Jekyll (site.repository on its own site).
func TestConfigVars(t *testing.T) {
	c, err := loadConfig([]byte("title: Notes\nrepository: https://github.com/o/r\npaginate: 5\nnested: {a: b}\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"site.title": "Notes", "site.repository": "https://github.com/o/r"}
	if len(c.vars) != len(want) || c.vars["site.title"] != want["site.title"] || c.vars["site.repository"] != want["site.repository"] {
		t.Errorf("vars = %q, want %q", c.vars, want)
	}
	conv := &converter{site: c.vars}
	if got := conv.convert("See {{ site.repository }}/issues.", 1); got != "See https://github.com/o/r/issues." {
		t.Errorf("convert = %q", got)
	}
}

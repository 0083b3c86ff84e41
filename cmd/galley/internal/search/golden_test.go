package search

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/index from Build")

// goldenSite is the small site of the golden index: eight stories with
// every field a record can show.
func goldenSite() []Doc {
	docs := newsroom()[4:12]
	for i := range docs {
		docs[i].Byline = "By " + strings.Join(docs[i].Authors, " and ")
		if i%2 == 0 {
			docs[i].Image = "/_img/" + strings.Trim(docs[i].URL, "/") + "-400.webp"
		}
	}
	docs[0].Body += " " + strings.Repeat("Roads and schools get more money than last year, the council said. ", 6)
	return docs
}

// TestGolden checks every file of the golden site's index byte for
// byte against testdata/index (search/ stripped); -update rewrites them.
func TestGolden(t *testing.T) {
	files, err := Build(context.Background(), goldenSite(), Options{Language: "en-GB", Recency: DefaultRecency, HalfLife: DefaultHalfLife})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("testdata", "index")
	if *update {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		for name, b := range files {
			path := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(name, "search/")))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	want := map[string][]byte{}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		want["search/"+filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if w, ok := want[name]; !ok {
			t.Errorf("%s: new file (run go test -update if the change is meant)", name)
		} else if !bytes.Equal(files[name], w) {
			t.Errorf("%s differs (run go test -update if the change is meant):\ngot  %s\nwant %s", name, files[name], w)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(want)) {
		if _, ok := files[name]; !ok {
			t.Errorf("%s: no longer written", name)
		}
	}
}

// TestDeterministic: the same stories in any order give the same bytes.
func TestDeterministic(t *testing.T) {
	docs := generate(600, 150, 1)
	opts := Options{Language: "en", Recency: DefaultRecency, HalfLife: DefaultHalfLife}
	first, err := Build(context.Background(), docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 7))
	for run := range 3 {
		shuffled := slices.Clone(docs)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		files, err := Build(context.Background(), shuffled, opts)
		if err != nil {
			t.Fatal(err)
		}
		if !maps.EqualFunc(first, files, bytes.Equal) {
			t.Fatalf("run %d: files differ from the first run's", run)
		}
	}
}

// TestNames: root lists, through its shard tables, exactly the files
// Build writes; the facets, every table and every shard are named by the
// hash of their bytes, and every records file by that of its page.
func TestNames(t *testing.T) {
	for _, limit := range []int{maxShardBytes, 200} {
		files, err := build(context.Background(), generate(600, 40, 1), Options{Language: "en"}, limit)
		if err != nil {
			t.Fatal(err)
		}
		r, err := openReader(files)
		if err != nil {
			t.Fatal(err)
		}
		if limit == 200 && len(r.tables.keys) < 3 {
			t.Errorf("%d shard tables, want several", len(r.tables.keys))
		}
		shards, records, facets := indexNames(t, files)
		listed := []string{"search/root.json", "search/" + facets}
		for _, name := range r.tables.names {
			listed = append(listed, name)
		}
		for _, name := range shards {
			listed = append(listed, "search/"+name)
		}
		pages := map[string][][]byte{}
		for _, name := range records {
			listed = append(listed, "search/"+name)
			h := name[len(name)-len(".json")-hashLen : len(name)-len(".json")]
			pages[h] = append(pages[h], files["search/"+name])
		}
		slices.Sort(listed)
		listed = slices.Compact(listed)
		if got := slices.Sorted(maps.Keys(files)); !slices.Equal(got, listed) {
			t.Errorf("files %q, root lists %q", got, listed)
		}
		for name, b := range files {
			dir, base := filepath.Split(name)
			if name == "search/root.json" || dir == "search/r/" {
				continue
			}
			stem := base[:len(base)-len("-.json")-hashLen] // the hash may hold '-'

			if want := hashedName(dir, stem, b); want != name {
				t.Errorf("%s: want %s for its bytes", name, want)
			}
		}
		for h, page := range pages {
			if len(page) > recordsPerPage {
				t.Errorf("page %s: %d records files, want at most %d", h, len(page), recordsPerPage)
			}
			if want := hashOf(bytes.Join(page, []byte("\n"))); h != want {
				t.Errorf("records page named %s, want %s for its bytes", h, want)
			}
		}
		if len(pages) < 2 {
			t.Errorf("%d records pages, want several", len(pages))
		}
	}
}

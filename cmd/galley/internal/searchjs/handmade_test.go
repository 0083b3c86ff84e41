package searchjs

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"galley.dev/galley/cmd/galley/internal/search"
)

var update = flag.Bool("update", false, "rewrite testdata/site/search from testdata/handmade.json")

// handmade is testdata/handmade.json: the handmade index's content,
// shards with their postings as written by hand, without the names and
// tables of format v2, which handmadeIndex adds.
type handmade struct {
	N        int                        `json:"n"`
	Lang     string                     `json:"lang"`
	Recency  float64                    `json:"recency"`
	HalfLife int                        `json:"halflife"`
	Dates    []int                      `json:"dates"`
	Tables   []string                   `json:"tables"` // keys of the shard tables
	Size     int                        `json:"size"`   // records a file
	Page     int                        `json:"page"`   // records files a hash
	Shards   map[string]json.RawMessage `json:"shards"` // by key
	Records  []json.RawMessage          `json:"records"`
	Facets   json.RawMessage            `json:"facets"`
}

// handmadeIndex returns the files of testdata/handmade.json in format v2,
// keyed as search.Build keys them. It names them as the package doc of
// package search says, apart from the code that writes the real index,
// so that the script's tests check the script against the format.
func handmadeIndex(t *testing.T) map[string][]byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "handmade.json"))
	if err != nil {
		t.Fatal(err)
	}
	var h handmade
	if err := json.Unmarshal(src, &h); err != nil {
		t.Fatalf("testdata/handmade.json: %v", err)
	}
	files := map[string][]byte{}
	add := func(dir, key string, b []byte) string {
		name := dir + spell(key) + "-" + hash(b) + ".json"
		files["search/"+name] = b
		return hash(b)
	}
	shardKeys := slices.Sorted(maps.Keys(h.Shards))
	tables := map[string][]string{} // table key → entries
	for _, k := range shardKeys {
		tk := longest(h.Tables, k)
		tables[tk] = append(tables[tk], k+add("s/", k, compact(t, h.Shards[k])))
	}
	var root []string
	for _, tk := range h.Tables {
		es := tables[tk]
		if !slices.Contains(shardKeys, tk) { // the table also lists the shard of its key
			sk := longest(shardKeys, tk)
			i := slices.IndexFunc(shardKeys, func(k string) bool { return k == sk })
			es = append([]string{sk + hash(compact(t, h.Shards[shardKeys[i]]))}, es...)
		}
		root = append(root, tk+add("t/", tk, compact(t, map[string]string{"s": strings.Join(es, " ")})))
	}
	var hashes string
	for p := 0; p*h.Page*h.Size < len(h.Records); p++ {
		var page [][]byte
		for k := p * h.Page; k < (p+1)*h.Page && k*h.Size < len(h.Records); k++ {
			page = append(page, compact(t, h.Records[k*h.Size:min((k+1)*h.Size, len(h.Records))]))
		}
		ph := hash(bytes.Join(page, []byte("\n")))
		for i, b := range page {
			files["search/r/"+strconv.Itoa(p*h.Page+i)+"-"+ph+".json"] = b
		}
		hashes += ph
	}
	facets := compact(t, h.Facets)
	files["search/f-"+hash(facets)+".json"] = facets
	files["search/root.json"] = compact(t, map[string]any{
		"v": 2, "n": h.N, "lang": h.Lang, "recency": h.Recency, "halflife": h.HalfLife, "dates": h.Dates,
		"shards":  strings.Join(root, " "),
		"records": map[string]any{"size": h.Size, "files": map[string]any{"page": h.Page, "hashes": hashes}},
		"facets":  "f-" + hash(facets) + ".json",
	})
	return files
}

// hash is the first 6 base64url characters of the SHA-256 of b.
func hash(b []byte) string {
	sum := sha256.Sum256(b)
	return base64.RawURLEncoding.EncodeToString(sum[:])[:6]
}

// spell spells a key for a file name: ASCII letters and digits as they
// are, other bytes as _xx.
func spell(k string) string {
	var b strings.Builder
	for _, c := range []byte(k) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "_%02x", c)
		}
	}
	return b.String()
}

// longest returns the longest of keys that is a prefix of w.
func longest(keys []string, w string) string {
	best := ""
	for _, k := range keys {
		if strings.HasPrefix(w, k) && len(k) > len(best) {
			best = k
		}
	}
	return best
}

// compact returns v as JSON without spaces or HTML escapes.
func compact(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// TestHandmadeIndex checks testdata/site/search, which the script's tests
// read, against testdata/handmade.json (-update rewrites it), and that
// the Go reader, package search, finds in it what the script does.
func TestHandmadeIndex(t *testing.T) {
	files := handmadeIndex(t)
	dir := filepath.Join("testdata", "site")
	if *update {
		if err := os.RemoveAll(filepath.Join(dir, "search")); err != nil {
			t.Fatal(err)
		}
		for name, b := range files {
			path := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	onDisk := map[string][]byte{}
	err := filepath.WalkDir(filepath.Join(dir, "search"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		onDisk[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if !maps.EqualFunc(files, onDisk, bytes.Equal) {
		t.Errorf("testdata/site/search holds %q, testdata/handmade.json makes %q: run go test -run TestHandmadeIndex -update",
			slices.Sorted(maps.Keys(onDisk)), slices.Sorted(maps.Keys(files)))
	}
	if len(files) < 15 {
		t.Errorf("%d files, want tables, shards, records and more", len(files))
	}
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"covid ", []string{"/news/covid-cases/"}},
		{"cit", []string{"/world/bogota-mayor/"}}, // cities → citi, in the table "ci"
		{"city ", []string{"/world/bogota-mayor/"}},
		{"flood barrier ", []string{"/news/barrier-delayed/", "/news/barrier-vote/"}},
		{"briefing ", []string{"/news/briefing-13/", "/news/briefing-12/", "/news/briefing-11/", "/news/briefing-10/"}},
	} {
		res, err := search.Search(files, tt.q, 4)
		if err != nil {
			t.Fatalf("%q: %v", tt.q, err)
		}
		var got []string
		for _, r := range res {
			got = append(got, r.URL)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("search.Search(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

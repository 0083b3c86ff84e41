package sitemap

import (
	"bytes"
	"encoding/xml"
	"flag"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files")

var day = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)

// sampleURLs returns n URLs; every other one has an image with a caption
// that needs escaping.
func sampleURLs(n int) []URL {
	urls := make([]URL, n)
	for i := range urls {
		urls[i] = URL{Loc: "https://ex.org/news/story-" + strconv.Itoa(i) + "/?a=1&b=2", LastMod: day.Add(time.Duration(i) * time.Hour)}
		if i%2 == 0 {
			urls[i].Images = []Image{{Loc: "https://cdn.ex.org/" + strconv.Itoa(i) + ".jpg", Caption: "Boats & <harbour> “dawn”"}}
		}
	}
	return urls
}

func partURL(i int) string { return "https://ex.org/sitemap-" + strconv.Itoa(i) + ".xml" }

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden file:\n got %s\nwant %s", name, got, want)
	}
}

func TestSingle(t *testing.T) {
	parts, index, err := Build(sampleURLs(3), DefaultLimits, partURL)
	if err != nil || index != nil || len(parts) != 1 {
		t.Fatalf("Build = %d parts, index %v, %v", len(parts), index != nil, err)
	}
	golden(t, "sitemap.xml", parts[0])
	validate(t, parts[0], "sitemap-all.xsd")
}

// TestEmpty checks that no URLs still give well-formed XML. The schema
// wants one URL at least; a build always lists its front page.
func TestEmpty(t *testing.T) {
	parts, _, err := Build(nil, DefaultLimits, partURL)
	if err != nil || len(parts) != 1 {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(parts[0], new(struct{})); err != nil {
		t.Errorf("empty sitemap is not XML: %v", err)
	}
}

func TestIndexByCount(t *testing.T) {
	parts, index, err := Build(sampleURLs(5), Limits{MaxURLs: 2, MaxBytes: DefaultLimits.MaxBytes}, partURL)
	if err != nil || len(parts) != 3 || index == nil {
		t.Fatalf("Build = %d parts, index %v, %v; want 3 parts and an index", len(parts), index != nil, err)
	}
	golden(t, "index.xml", index)
	validate(t, index, "siteindex.xsd")
	for _, p := range parts {
		validate(t, p, "sitemap-all.xsd")
	}
	if !bytes.Contains(index, []byte("<loc>https://ex.org/sitemap-3.xml</loc><lastmod>2026-11-20T13:30:00Z</lastmod>")) {
		t.Errorf("the index does not give part 3 the newest lastmod of its URLs:\n%s", index)
	}
}

func TestIndexByBytes(t *testing.T) {
	urls := sampleURLs(10)
	one, _, _ := Build(urls[:1], DefaultLimits, partURL)
	limit := len(one[0]) + 400 // room for about two more entries
	parts, index, err := Build(urls, Limits{MaxURLs: 1000, MaxBytes: limit}, partURL)
	if err != nil || index == nil {
		t.Fatalf("Build: %v, index %v", err, index != nil)
	}
	for i, p := range parts {
		if len(p) > limit {
			t.Errorf("part %d is %d bytes, over the limit %d", i+1, len(p), limit)
		}
		validate(t, p, "sitemap-all.xsd")
	}
}

// TestSplitKeepsEveryURL checks, for random sizes and limits, that the
// parts hold every URL exactly once and respect the limits.
func TestSplitKeepsEveryURL(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 50 {
		n := rng.IntN(300)
		lim := Limits{MaxURLs: 1 + rng.IntN(50), MaxBytes: 2000 + rng.IntN(20000)}
		parts, _, err := Build(sampleURLs(n), lim, partURL)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		for _, p := range parts {
			var set struct {
				URLs []struct {
					Loc string `xml:"loc"`
				} `xml:"url"`
			}
			if err := xml.Unmarshal(p, &set); err != nil {
				t.Fatal(err)
			}
			if len(set.URLs) > lim.MaxURLs || len(p) > lim.MaxBytes {
				t.Fatalf("part of %d URLs and %d bytes breaks %+v", len(set.URLs), len(p), lim)
			}
			for _, u := range set.URLs {
				seen[u.Loc]++
			}
		}
		for _, u := range sampleURLs(n) {
			if seen[u.Loc] != 1 {
				t.Fatalf("%s appears %d times", u.Loc, seen[u.Loc])
			}
		}
	}
}

func TestNews(t *testing.T) {
	var b bytes.Buffer
	items := []NewsItem{
		{Loc: "https://ex.org/news/b/", Title: "Second & <last>", Published: day.Add(time.Hour)},
		{Loc: "https://ex.org/news/a/", Title: "Élection à Paris", Published: day},
	}
	if err := News(&b, Publication{Name: "The Test & Times", Language: "en-US"}, items); err != nil {
		t.Fatal(err)
	}
	golden(t, "news-sitemap.xml", b.Bytes())
	validate(t, b.Bytes(), "sitemap-all.xsd")
	if !bytes.Contains(b.Bytes(), []byte("<news:language>en</news:language>")) {
		t.Error("language not reduced to its ISO 639 code")
	}
}

// TestNewsEmpty checks the news sitemap of a site with no story of the
// last two days: an empty urlset, which Google accepts ("It will not
// cause any problems with Google Search if the file is empty"), rather
// than the front page without news:news, which Google News reports as
// an error. The sitemaps.org schema wants one url at least, so it is
// checked against that schema with that one rule relaxed.
func TestNewsEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := News(&b, Publication{Name: "X", Language: "en"}, nil); err != nil {
		t.Fatal(err)
	}
	want := xml.Header + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"></urlset>` + "\n"
	if b.String() != want {
		t.Errorf("empty news sitemap\n got %s\nwant %s", b.Bytes(), want)
	}
	validateEmpty(t, b.Bytes())
}

// validateEmpty validates data against sitemap-all.xsd with the
// sitemaps.org schema's urlset allowed no url, in copies of the schemas
// made for the test.
func validateEmpty(t *testing.T, data []byte) {
	t.Helper()
	dir := schemaDir()
	tmp := t.TempDir()
	for _, name := range []string{"sitemap-all.xsd", "sitemap.xsd", "sitemap-image.xsd", "sitemap-news.xsd", "sitemap-video.xsd"} {
		xsd, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			if os.Getenv("GALLEY_REQUIRE_TOOLS") != "" {
				t.Fatalf("cannot validate: %v", err)
			}
			t.Skip("../shared/schemas missing")
		}
		if name == "sitemap.xsd" {
			const rule = `<xsd:element name="url" type="tUrl" maxOccurs="unbounded"/>`
			if !bytes.Contains(xsd, []byte(rule)) {
				t.Fatalf("sitemap.xsd has no rule %s to relax", rule)
			}
			xsd = bytes.Replace(xsd, []byte(rule), []byte(`<xsd:element name="url" type="tUrl" minOccurs="0" maxOccurs="unbounded"/>`), 1)
		}
		if err := os.WriteFile(filepath.Join(tmp, name), xsd, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	validateIn(t, data, tmp, "sitemap-all.xsd")
}

func TestRobots(t *testing.T) {
	got := string(Robots("https://ex.org/sitemap.xml", "https://ex.org/news-sitemap.xml"))
	want := "User-agent: *\nAllow: /\n\nSitemap: https://ex.org/sitemap.xml\nSitemap: https://ex.org/news-sitemap.xml\n"
	if got != want {
		t.Errorf("Robots =\n%s\nwant\n%s", got, want)
	}
}

// validate checks data against a schema in shared/schemas with xmllint.
// It skips when xmllint or the schemas are missing, unless
// GALLEY_REQUIRE_TOOLS is set (make test sets it).
func validate(t *testing.T, data []byte, schema string) {
	t.Helper()
	validateIn(t, data, schemaDir(), schema)
}

// schemaDir is the folder of the schemas: $GALLEY_SCHEMAS, or
// ../shared/schemas beside the repository.
func schemaDir() string {
	dir := os.Getenv("GALLEY_SCHEMAS")
	if dir == "" {
		dir, _ = filepath.Abs("../../../../../shared/schemas")
	}
	return dir
}

// validateIn checks data against the schema in dir with xmllint.
func validateIn(t *testing.T, data []byte, dir, schema string) {
	t.Helper()
	xmllint, err := exec.LookPath("xmllint")
	_, serr := os.Stat(filepath.Join(dir, schema))
	if err != nil || serr != nil {
		if os.Getenv("GALLEY_REQUIRE_TOOLS") != "" {
			t.Fatalf("cannot validate: xmllint: %v; schemas: %v", err, serr)
		}
		t.Skip("xmllint or ../shared/schemas missing; make test installs xmllint")
	}
	f := filepath.Join(t.TempDir(), "sitemap.xml")
	os.WriteFile(f, data, 0o644)
	out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", filepath.Join(dir, schema), f).CombinedOutput()
	if err != nil {
		t.Errorf("%s does not validate: %v\n%s\n%s", schema, err, out, firstLines(data))
	}
}

func firstLines(b []byte) string {
	s := string(b)
	if len(s) > 600 {
		s = s[:600] + "…"
	}
	return strings.TrimSpace(s)
}

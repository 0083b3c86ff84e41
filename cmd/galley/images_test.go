package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// testPhotos returns the folder of real test photos in the module
// github.com/bep/imagemeta (the IPTC reference image, a phone photo),
// which go mod download fetches from the module proxy.
func testPhotos(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "mod", "download", "-json", "github.com/bep/imagemeta@v1.0.1").Output()
	if err != nil {
		t.Skipf("cannot download the test photos: %v", err)
	}
	var mod struct{ Dir string }
	if err := json.Unmarshal(out, &mod); err != nil || mod.Dir == "" {
		t.Fatalf("go mod download: %s", out)
	}
	return filepath.Join(mod.Dir, "testdata", "images")
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPhotoPipeline builds a story whose hero is the IPTC reference
// photo and checks what a newsroom needs of it: a <picture> of WebP and
// JPEG derivatives no wider than the photo, its upright size on the
// <img>, the photo's own caption and credit in the figure, its rights
// in the JSON-LD and the RSS feed, the metadata still inside a
// derivative (read back by exiftool), and a second build, and one after
// a text-only edit, that encode nothing.
func TestPhotoPipeline(t *testing.T) {
	photos := testPhotos(t)
	site := t.TempDir()
	copyFile(t, filepath.Join(photos, "IPTC-PhotometadataRef-Std2021.1.jpg"), filepath.Join(site, "content/news/ref/photo.jpg"))
	copyFile(t, filepath.Join(photos, "mushroom.jpg"), filepath.Join(site, "content/news/ref/detail.jpg"))
	story := filepath.Join(site, "content/news/ref/index.md")
	writeFile(t, story, "---\ntitle: The reference photo\ndate: 2026-11-30T09:00:00Z\nimage:\n  src: photo.jpg\n  alt: The reference scene\n---\nBody.\n\n![A mushroom](detail.jpg \"A detail of the scene.\")\n")
	writeFile(t, filepath.Join(site, "site.yaml"), "base_url: https://photos.example.org/\n")
	dest := filepath.Join(site, "public")
	if _, stderr, code := runGalley(t, nil, "build", "-s", site); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	page := readString(t, filepath.Join(dest, "news/ref/index.html"))
	figure := regexp.MustCompile(`<figure class="hero">.*?</figure>`).FindString(page)
	for _, want := range []string{
		`<picture><source type="image/webp" srcset="/_img/`,
		`-2000.webp 2000w"`, // the photo is 2,000 pixels wide: no wider derivative
		`sizes="(min-width: 42rem) 40rem, calc(100vw - 2rem)"`,
		`width="2000" height="1000"`,
		`fetchpriority="high"`,
		`The description aka caption (ref2021.1)`, // IPTC Caption-Abstract / dc:description
		`Credit: Credit Line (ref2021.1)`,         // IPTC Credit
	} {
		if !strings.Contains(figure, want) {
			t.Errorf("hero figure lacks %s:\n%s", want, figure)
		}
	}
	if strings.Contains(figure, "-2400.") {
		t.Errorf("a derivative wider than the photo:\n%s", figure)
	}
	for _, want := range []string{`"@type":"ImageObject"`, `"creditText":"Credit Line (ref2021.1)"`, `"copyrightNotice":"Copyright (Notice) 2021.1 IPTC - www.iptc.org  (ref2021.1)"`, `"creator":{"@type":"Person","name":"Creator1 (ref2021.1)`, `max-image-preview:large`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	// The whole picture, then the crops search engines ask for (16:9,
	// 4:3, 1:1) of the 2000×1000 photo, each with its credit.
	var ld struct {
		Image []struct {
			ContentURL    string  `json:"contentUrl"`
			Width, Height float64 // the minifier writes 1000 as 1e3
			CreditText    string  `json:"creditText"`
		} `json:"image"`
	}
	if m := ldRE.FindStringSubmatch(page); m == nil || json.Unmarshal([]byte(m[1]), &ld) != nil {
		t.Fatalf("no JSON-LD in %s", page)
	}
	var shapes []string
	for _, im := range ld.Image {
		shapes = append(shapes, fmt.Sprintf("%s %gx%g %s", filepath.Base(im.ContentURL), im.Width, im.Height, im.CreditText))
	}
	if want := []string{"photo-1280.jpg 1280x640 Credit Line (ref2021.1)", "photo-16x9-1200.jpg 1200x675 Credit Line (ref2021.1)",
		"photo-4x3-1200.jpg 1200x900 Credit Line (ref2021.1)", "photo-1x1-1000.jpg 1000x1000 Credit Line (ref2021.1)"}; !slices.Equal(shapes, want) {
		t.Errorf("JSON-LD images:\n%q\nwant\n%q", shapes, want)
	}
	// A picture of the text: a <picture> of its derivatives on the page;
	// in the feed, the <img> alone, absolute.
	body := regexp.MustCompile(`(?s)<div class="story-body">.*?</div>`).FindString(page)
	if !regexp.MustCompile(`<figure>\s*<picture><source type="image/webp" srcset="/_img/[0-9a-f]+/detail-320\.webp 320w, /_img/[0-9a-f]+/detail-400\.webp 400w" sizes="[^"]+"><img src="/_img/[0-9a-f]+/detail-400\.jpg" srcset="[^"]+" sizes="[^"]+" alt="A mushroom" width="400" height="533" loading="lazy" decoding="async"></picture>\s*<figcaption>A detail of the scene\.</figcaption>\s*</figure>`).MatchString(body) {
		t.Errorf("body picture:\n%s", body)
	}
	rss := readString(t, filepath.Join(dest, "feed.xml"))
	if !regexp.MustCompile(`<img src="https://photos\.example\.org/_img/[0-9a-f]+/detail-400\.jpg" alt="A mushroom" width="400" height="533"`).MatchString(rss) || strings.Contains(rss, "srcset") {
		t.Errorf("feed body picture: %s", rss)
	}
	for _, want := range []string{"<media:credit>Credit Line (ref2021.1)</media:credit>", "<media:copyright>Copyright (Notice) 2021.1 IPTC - www.iptc.org  (ref2021.1)</media:copyright>", `-1280.jpg" medium="image"`} {
		if !strings.Contains(rss, want) {
			t.Errorf("feed lacks %s", want)
		}
	}

	derivs, _ := filepath.Glob(filepath.Join(dest, "_img", "*", "photo-1280.jpg"))
	if len(derivs) != 1 {
		t.Fatalf("derivatives: %v", derivs)
	}
	if exiftool := requireTool(t, lookPath("exiftool"), "exiftool"); exiftool != "" {
		out, err := exec.Command(exiftool, "-j", "-n", "-Credit", "-By-line", "-Creator", "-Caption-Abstract", "-Description", "-ImageWidth", "-Orientation", derivs[0]).Output()
		if err != nil {
			t.Fatal(err)
		}
		var got []map[string]any
		if err := json.Unmarshal(out, &got); err != nil || len(got) != 1 {
			t.Fatalf("exiftool: %s", out)
		}
		for key, want := range map[string]any{"Credit": "Credit Line (ref2021.1)", "Caption-Abstract": "The description aka caption (ref2021.1)", "Description": "The description aka caption (ref2021.1)", "ImageWidth": 1280.0} {
			if got[0][key] != want {
				t.Errorf("exiftool reads %s = %v in the derivative, want %v", key, got[0][key], want)
			}
		}
	}

	// Nothing changed: nothing is encoded, nothing written.
	cached, _ := filepath.Glob(filepath.Join(site, ".galley-cache", "images", "*", "*", "1280.jpg"))
	if len(cached) != 1 {
		t.Fatalf("cached derivatives: %v", cached)
	}
	before := mtime(t, cached[0])
	time.Sleep(10 * time.Millisecond)
	if stdout, stderr, code := runGalley(t, nil, "build", "-s", site); code != 0 || !strings.Contains(stdout, "up to date") {
		t.Errorf("second build: exit %d, %s%s", code, stdout, stderr)
	}
	// A text-only edit rebuilds the page, not the photo.
	writeFile(t, story, "---\ntitle: The reference photo, edited\ndate: 2026-11-30T09:00:00Z\nimage:\n  src: photo.jpg\n  alt: The reference scene\n---\nA new body.\n\n![A mushroom](detail.jpg \"A detail of the scene.\")\n")
	if _, stderr, code := runGalley(t, nil, "build", "-s", site); code != 0 {
		t.Fatalf("build after an edit: exit %d\n%s", code, stderr)
	}
	if after := mtime(t, cached[0]); !after.Equal(before) {
		t.Errorf("a text-only edit encoded the photo again")
	}
	if page := readString(t, filepath.Join(dest, "news/ref/index.html")); !strings.Contains(page, "edited") || !strings.Contains(page, "<picture>") {
		t.Errorf("edited page: %.300s", page)
	}
}

// TestNarrowHeroWarns checks that a hero narrower than Google Discover
// takes is a warning at its line, once per photo however many stories
// show it, and the build still succeeds.
func TestNarrowHeroWarns(t *testing.T) {
	photos := testPhotos(t)
	site := t.TempDir()
	copyFile(t, filepath.Join(photos, "mushroom.jpg"), filepath.Join(site, "content/news/m/small.jpg"))
	writeFile(t, filepath.Join(site, "content/news/m/index.md"), "---\ntitle: Small\ndate: 2026-11-30\nimage:\n  src: small.jpg\n  alt: A mushroom\n---\nBody.\n")
	copyFile(t, filepath.Join(photos, "mushroom.jpg"), filepath.Join(site, "static/images/wire.jpg"))
	for _, name := range []string{"c", "a", "b"} {
		writeFile(t, filepath.Join(site, "content/news", name+".md"), "---\ntitle: Wire "+name+"\ndate: 2026-11-30\n\nimage:\n  src: /images/wire.jpg\n  alt: A mushroom\n---\nBody.\n")
	}
	_, stderr, code := runGalley(t, nil, "build", "-s", site)
	if code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	var warns []string
	for _, line := range strings.Split(stderr, "\n") {
		if strings.Contains(line, "Google Discover") {
			warns = append(warns, line)
		}
	}
	want := []*regexp.Regexp{
		regexp.MustCompile(`^content/news/a\.md:6: warning: hero image /images/wire\.jpg is \d+ pixels wide \(2 other stories show it too\); .* at least 1200 wide$`),
		regexp.MustCompile(`^content/news/m/index\.md:5: warning: hero image small\.jpg is \d+ pixels wide; .* at least 1200 wide$`),
	}
	if len(warns) != len(want) {
		t.Fatalf("got %d warnings of narrow heroes, want %d:\n%s", len(warns), len(want), stderr)
	}
	for i, re := range want {
		if !re.MatchString(warns[i]) {
			t.Errorf("warning %d: %s\nwant match of %s", i, warns[i], re)
		}
	}
}

func readString(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSpace(data))
}

func mtime(t *testing.T, name string) time.Time {
	t.Helper()
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	return info.ModTime()
}

// TestAuthorPhoto checks that an author's photo is offered through its
// derivatives, the narrowest as the src of its 96-pixel place.
func TestAuthorPhoto(t *testing.T) {
	photos := testPhotos(t)
	site := t.TempDir()
	copyFile(t, filepath.Join(photos, "mushroom.jpg"), filepath.Join(site, "static/images/ana.jpg"))
	writeFile(t, filepath.Join(site, "content/authors/ana-ruiz.md"), "---\nname: Ana Ruiz\nphoto: /images/ana.jpg\n---\nAna covers the coast.\n")
	writeFile(t, filepath.Join(site, "content/news/a.md"), "---\ntitle: A\ndate: 2026-11-30\nauthors: [Ana Ruiz]\n---\nBody.\n")
	if _, stderr, code := runGalley(t, nil, "build", "-s", site); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	page := readString(t, filepath.Join(site, "public/authors/ana-ruiz/index.html"))
	if !regexp.MustCompile(`<img class="profile-photo" src="/_img/[0-9a-f]+/ana-320\.jpg" srcset="/_img/[0-9a-f]+/ana-320\.jpg 320w, /_img/[0-9a-f]+/ana-400\.jpg 400w" sizes="96px" alt(="")? width="96" height="96">`).MatchString(page) { // the minifier writes alt="" as alt
		t.Errorf("author photo: %s", regexp.MustCompile(`<img class="profile-photo"[^>]*>`).FindString(page))
	}
}

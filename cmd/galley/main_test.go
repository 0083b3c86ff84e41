package main

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// galleyBin is the galley binary built once for the end-to-end tests.
var galleyBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "galley-e2e-")
	if err != nil {
		panic(err)
	}
	galleyBin = filepath.Join(dir, "galley")
	args := []string{"build", "-o", galleyBin}
	if raceEnabled {
		args = append(args, "-race")
	}
	out, err := exec.Command("go", append(args, ".")...).CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "build galley: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// galley runs the binary and returns its stdout, stderr and exit code.
func runGalley(t *testing.T, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(galleyBin, args...)
	cmd.Env = append(os.Environ(), env...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return o.String(), e.String(), code
}

// repoRoot is the bundled site: the repository's top folder.
const repoRoot = "../.."

const seedSlug = "trump-confirms-cia-covert-drone-strike-on-venezuelan-port-facility"

func buildBundled(t *testing.T) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	_, stderr, code := runGalley(t, nil, "build", "-s", repoRoot, "-d", dest)
	if code != 0 {
		t.Fatalf("galley build: exit %d\n%s", code, stderr)
	}
	return dest
}

// TestBundledSeedArticle checks the seed export's article on the bundled
// site, as the acceptance lists it.
func TestBundledSeedArticle(t *testing.T) {
	t.Parallel()
	dest := buildBundled(t)
	page, err := os.ReadFile(filepath.Join(dest, "news", seedSlug, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(page)
	pageURL := "https://meridian.example.org/news/" + seedSlug + "/"
	for _, want := range []string{
		`<h1 class="headline">Trump confirms CIA covert drone strike on Venezuelan port facility</h1>`,
		`<span class="caption">Trump bestätigt verdeckten CIA-Drohnenangriff auf Hafenanlage in Venezuela</span>`,
		`<span class="credit">Credit: John McDonnell/AP</span>`,
		`rel="author">Research Staff</a>`,
		`<form class="newsletter-form" action="https://newsletter.example.org/subscribe" method="post">`,
		`type="email" name="email" required autocomplete="email"`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("seed article lacks %s", want)
		}
	}
	shares := shareLinks(text)
	for network, param := range map[string]string{"facebook": "u", "x": "url", "linkedin": "url"} {
		href, ok := shares[network]
		if !ok {
			t.Errorf("no %s share link", network)
			continue
		}
		u, err := url.Parse(href)
		if err != nil {
			t.Fatal(err)
		}
		if got := u.Query().Get(param); got != pageURL {
			t.Errorf("%s share link carries %q, want %q", network, got, pageURL)
		}
		if !strings.Contains(href, url.QueryEscape(pageURL)) {
			t.Errorf("%s share link does not carry the encoded URL: %s", network, href)
		}
	}
}

var shareRE = regexp.MustCompile(`class="share-link share-(\w+)" href="([^"]+)"`)

// shareLinks maps network names to the (HTML-unescaped) share hrefs.
func shareLinks(page string) map[string]string {
	links := map[string]string{}
	for _, m := range shareRE.FindAllStringSubmatch(page, -1) {
		links[m[1]] = strings.ReplaceAll(m[2], "&amp;", "&")
	}
	return links
}

// TestBundledValidHTML runs the Nu HTML Checker over every page of the
// bundled site and checks the JSON-LD of every article.
func TestBundledValidHTML(t *testing.T) {
	t.Parallel()
	dest := buildBundled(t)
	var articles int
	_ = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, "index.html") {
			return err
		}
		page, _ := os.ReadFile(p)
		if !bytes.Contains(page, []byte(`class="page-article"`)) {
			return nil
		}
		articles++
		checkJSONLD(t, p, page)
		return nil
	})
	if articles < 7 {
		t.Errorf("found %d article pages, want at least 7", articles)
	}
	xmllint := requireTool(t, lookPath("xmllint"), "xmllint (make tools installs it)")
	schemas, _ := filepath.Abs(filepath.Join(repoRoot, "../shared/schemas"))
	for file, schema := range map[string]string{"sitemap.xml": "sitemap-all.xsd", "news-sitemap.xml": "sitemap-all.xsd"} {
		if data, _ := os.ReadFile(filepath.Join(dest, file)); file == "news-sitemap.xml" && !bytes.Contains(data, []byte("<url>")) {
			// No story of the last two days: an empty urlset, which
			// Google accepts and the schema's minOccurs of one does not.
			if !bytes.Contains(data, []byte(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"></urlset>`)) {
				t.Errorf("news-sitemap.xml without stories is not an empty urlset:\n%s", data)
			}
			continue
		}
		out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", filepath.Join(schemas, schema), filepath.Join(dest, file)).CombinedOutput()
		if err != nil {
			t.Errorf("%s does not validate against %s: %v\n%s", file, schema, err, out)
		}
	}
	vnu := requireTool(t, vnuJar(), "the Nu HTML Checker (make tools installs it)")
	java := requireTool(t, lookPath("java"), "java")
	out, err := exec.Command(java, "-jar", vnu, "--errors-only", "--skip-non-html", dest).CombinedOutput()
	if err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Errorf("Nu HTML Checker found errors (%v):\n%s", err, out)
	}
}

var ldRE = regexp.MustCompile(`(?s)<script type="?application/ld\+json"?>(.*?)</script>`)

func checkJSONLD(t *testing.T, path string, page []byte) {
	t.Helper()
	m := ldRE.FindSubmatch(page)
	if m == nil {
		t.Errorf("%s: no JSON-LD", path)
		return
	}
	var ld struct {
		Type          string            `json:"@type"`
		Headline      string            `json:"headline"`
		Image         []json.RawMessage `json:"image"` // URLs or ImageObjects
		DatePublished string            `json:"datePublished"`
		DateModified  string            `json:"dateModified"`
		Author        []struct{ Name, URL string }
		Publisher     struct {
			Name string
			Logo struct{ URL string }
		}
		MainEntityOfPage struct {
			ID string `json:"@id"`
		}
	}
	if err := json.Unmarshal(m[1], &ld); err != nil {
		t.Errorf("%s: JSON-LD does not parse: %v", path, err)
		return
	}
	// A story without a picture offers none: never the favicon.
	hasHero := bytes.Contains(page, []byte(`<figure class="hero"><picture>`)) || bytes.Contains(page, []byte(`<figure class="hero"><img`))
	_, body, _ := bytes.Cut(page, []byte(`<div class="story-body">`))
	body, _, _ = bytes.Cut(body, []byte(`<footer class="story-footer">`))
	hasPicture := hasHero || bytes.Contains(body, []byte("<img")) // the first body picture stands in for a hero
	for _, raw := range ld.Image {
		var u string
		var obj struct {
			Type       string `json:"@type"`
			ContentURL string `json:"contentUrl"`
		}
		if json.Unmarshal(raw, &u) != nil && (json.Unmarshal(raw, &obj) != nil || obj.Type != "ImageObject") {
			t.Errorf("%s: JSON-LD image %s is neither a URL nor an ImageObject", path, raw)
		}
		if u = cmp.Or(u, obj.ContentURL); !strings.HasPrefix(u, "https://") || strings.HasSuffix(u, ".svg") {
			t.Errorf("%s: JSON-LD image %q", path, u)
		}
	}
	switch {
	case ld.Type != "NewsArticle", ld.Headline == "", hasHero && len(ld.Image) == 0, !hasPicture && len(ld.Image) > 0, ld.DatePublished == "", ld.DateModified == "",
		len(ld.Author) == 0, ld.Author[0].URL == "", ld.Publisher.Name == "", ld.Publisher.Logo.URL == "",
		!strings.HasPrefix(ld.MainEntityOfPage.ID, "https://meridian.example.org/"):
		t.Errorf("%s: JSON-LD lacks a property: %s", path, m[1])
	}
}

// requireTool returns path, or skips the test when it is empty, unless
// GALLEY_REQUIRE_TOOLS is set (make test sets it), when it fails.
func requireTool(t *testing.T, path, what string) string {
	t.Helper()
	if path != "" {
		return path
	}
	if os.Getenv("GALLEY_REQUIRE_TOOLS") != "" {
		t.Fatalf("%s is not installed", what)
	}
	t.Skipf("%s is not installed; make test installs it", what)
	return ""
}

func lookPath(name string) string {
	p, _ := exec.LookPath(name)
	return p
}

func vnuJar() string {
	p, _ := filepath.Abs(filepath.Join(repoRoot, ".ci/tools/node_modules/vnu-jar/build/dist/vnu.jar"))
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

func TestContentOnlySite(t *testing.T) {
	t.Parallel()
	site := t.TempDir()
	writeFile(t, filepath.Join(site, "content/news/hello.md"), "---\ntitle: Hello\ndate: 2026-11-20\nauthors: [Ana Ruiz]\n---\nFirst story.\n")
	out := filepath.Join(t.TempDir(), "out")
	stdout, stderr, code := runGalley(t, nil, "build", "-s", site, "-d", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(stdout, "built 1 articles") {
		t.Errorf("summary = %q", stdout)
	}
	for _, f := range []string{"news/hello/index.html", "css/galley.css", "favicon.svg"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("content-only site: %v", err)
		}
	}
}

// TestFailedBuildLeavesDest checks that a build that fails on broken
// front matter reports path:line and leaves the old output byte for byte.
func TestFailedBuildLeavesDest(t *testing.T) {
	t.Parallel()
	site := t.TempDir()
	writeFile(t, filepath.Join(site, "content/news/good.md"), "---\ntitle: Good\ndate: 2026-11-20\n---\nBody.\n")
	out := filepath.Join(t.TempDir(), "out")
	if _, stderr, code := runGalley(t, nil, "build", "-s", site, "-d", out); code != 0 {
		t.Fatalf("first build: %s", stderr)
	}
	before := snapshot(t, out)
	writeFile(t, filepath.Join(site, "content/news/bad.md"), "---\ntitle: Bad\ndate: 2026-11-20\ntopics: 5\n---\nBody.\n")
	_, stderr, code := runGalley(t, nil, "build", "-s", site, "-d", out)
	if code == 0 {
		t.Fatal("build with broken front matter succeeded")
	}
	if want := "content/news/bad.md:4: topics:"; !strings.HasPrefix(stderr, want) {
		t.Errorf("stderr = %q, want it to start with %q", stderr, want)
	}
	if after := snapshot(t, out); !slices.Equal(before, after) {
		t.Errorf("output changed by a failed build:\nbefore %v\nafter  %v", before, after)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".galley-build-*"))
	if len(leftovers) > 0 {
		t.Errorf("failed build left %v", leftovers)
	}
}

// snapshot lists every file under dir with its hash, mode and time.
func snapshot(t *testing.T, dir string) []string {
	t.Helper()
	var list []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, _ := d.Info()
		entry := p + " " + info.Mode().String() + " " + info.ModTime().String()
		if !d.IsDir() {
			data, _ := os.ReadFile(p)
			sum := sha256.Sum256(data)
			entry += " " + hex.EncodeToString(sum[:])
		}
		list = append(list, entry)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// treeHashes lists the files under dir by path relative to dir, each
// with the hash of its bytes: two trees of the same bytes give one list.
func treeHashes(t *testing.T, dir string) []string {
	t.Helper()
	var l []string
	for _, e := range snapshot(t, dir) {
		f := strings.Fields(e)
		l = append(l, strings.TrimPrefix(f[0], dir)+" "+f[len(f)-1])
	}
	return l
}

// TestDeterministic builds the bundled site with one worker and with many
// and expects the same bytes.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, run := range []struct{ dest, procs string }{{a, "1"}, {b, "8"}} {
		if _, stderr, code := runGalley(t, []string{"GOMAXPROCS=" + run.procs}, "build", "-s", repoRoot, "-d", run.dest); code != 0 {
			t.Fatal(stderr)
		}
	}
	if ha, hb := treeHashes(t, a), treeHashes(t, b); !slices.Equal(ha, hb) {
		t.Errorf("builds differ:\n%v\n%v", ha, hb)
	}
}

func TestNew(t *testing.T) {
	t.Parallel()
	site := t.TempDir()
	stdout, stderr, code := runGalley(t, nil, "new", "-s", site, "Élection à Paris")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	path := filepath.Join(site, "content/news/election-a-paris.md")
	if strings.TrimSpace(stdout) != path {
		t.Errorf("stdout = %q, want %q", stdout, path)
	}
	data, _ := os.ReadFile(path)
	for _, key := range []string{"title:", "slug:", "date:", "updated:", "description:", "authors:", "topics:", "image:", "src:", "alt:", "caption:", "credit:", "draft:", "expires:", "aliases:"} {
		if !strings.Contains(string(data), key) {
			t.Errorf("new article lacks %s", key)
		}
	}
	if _, stderr, code := runGalley(t, nil, "new", "-s", site, "Élection à Paris"); code == 0 || !strings.Contains(stderr, "already exists") {
		t.Errorf("second new: exit %d, stderr %q; want a refusal", code, stderr)
	}
	if _, stderr, code := runGalley(t, nil, "build", "-s", site, "--drafts"); code != 0 {
		t.Errorf("the new article does not build: %s", stderr)
	}
}

func TestHelpAndVersion(t *testing.T) {
	t.Parallel()
	for _, cmd := range []string{"build", "new", "import", "serve", "version"} {
		_, stderr, code := runGalley(t, nil, cmd, "-h")
		if code != 0 || !strings.Contains(stderr, "usage: galley "+cmd) {
			t.Errorf("galley %s -h: exit %d, stderr %q", cmd, code, stderr)
		}
	}
	if stdout, _, code := runGalley(t, nil, "version"); code != 0 || !strings.HasPrefix(stdout, "galley ") {
		t.Errorf("version: %q, exit %d", stdout, code)
	}
	if _, _, code := runGalley(t, nil, "build", "--no-such-flag"); code == 0 {
		t.Error("a bad flag exits 0")
	}
	if _, _, code := runGalley(t, nil, "frobnicate"); code == 0 {
		t.Error("an unknown command exits 0")
	}
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBundledCheck runs galley check on the bundled site: every internal
// link, image and fragment resolves, and no page is orphaned.
func TestBundledCheck(t *testing.T) {
	t.Parallel()
	dest := buildBundled(t)
	stdout, stderr, code := runGalley(t, nil, "check", "-d", dest)
	if code != 0 || !strings.Contains(stdout, "no problems") {
		t.Errorf("galley check: exit %d\n%s%s", code, stdout, stderr)
	}
	// And it fails when a link breaks.
	os.Remove(filepath.Join(dest, "privacy", "index.html"))
	if _, stderr, code := runGalley(t, nil, "check", "-d", dest); code == 0 || !strings.Contains(stderr, "privacy") {
		t.Errorf("check of a broken site: exit %d, %s", code, stderr)
	}
}

package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"galley.dev/galley"
	"galley.dev/galley/cmd/galley/internal/output"
)

// fingerprintSite writes a site of two stories, one linked from the
// other's page as related, into a new folder.
func fingerprintSite(t *testing.T) string {
	t.Helper()
	site := t.TempDir()
	for _, name := range []string{"one", "two"} {
		writeFile(t, filepath.Join(site, "content/news/"+name+".md"),
			[]byte("---\ntitle: Story "+name+"\ndate: 2026-11-20\ntopics: [Harbour]\n---\nBody of "+name+".\n"))
	}
	return site
}

// fingerprintOf returns the fingerprinted name that the build in dest
// wrote the file name under, checking that it holds name's bytes and is
// named by their sum.
func fingerprintOf(t *testing.T, dest, name string) string {
	t.Helper()
	plain, err := os.ReadFile(filepath.Join(dest, name))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(plain)
	fp := output.Fingerprinted(name, sum[:])
	got, err := os.ReadFile(filepath.Join(dest, fp))
	if err != nil {
		t.Fatalf("%s has no fingerprinted copy %s: %v", name, fp, err)
	}
	if !bytes.Equal(got, plain) {
		t.Errorf("%s differs from %s", fp, name)
	}
	ext := filepath.Ext(name)
	copies, _ := filepath.Glob(filepath.Join(dest, strings.TrimSuffix(name, ext)+".*"+ext))
	if len(copies) != 1 {
		t.Errorf("copies of %s: %v, want only %s", name, copies, fp)
	}
	return fp
}

// links reports whether the page file of dest holds the attribute attr
// with the site path of name.
func links(t *testing.T, dest, page, attr, name string) bool {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dest, page))
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Contains(data, []byte(attr+`="/`+name+`"`))
}

// TestFingerprintedAssets checks that the theme's stylesheet and script
// are written under names made of the sums of their minified bytes too,
// that pages link those, and that an edit renames them.
func TestFingerprintedAssets(t *testing.T) {
	site := fingerprintSite(t)
	dest := filepath.Join(t.TempDir(), "public")
	opts := Options{Site: site, Dest: dest, Theme: galley.Theme(), Now: buildTime}
	if _, err := Run(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	css := fingerprintOf(t, dest, "css/galley.css")
	js := fingerprintOf(t, dest, "js/search.js")
	theme, _ := fs.ReadFile(galley.Theme(), "static/css/galley.css")
	if plain, _ := os.ReadFile(filepath.Join(dest, "css/galley.css")); len(plain) >= len(theme) {
		t.Errorf("css/galley.css is %d bytes, the theme's %d: not minified", len(plain), len(theme))
	}
	for _, page := range []string{"index.html", "news/one/index.html", "topics/harbour/index.html", "404.html", "search/index.html"} {
		if !links(t, dest, page, "href", css) {
			t.Errorf("%s does not link %s", page, css)
		}
	}
	if !links(t, dest, "search/index.html", "src", js) {
		t.Errorf("the search page does not load %s", js)
	}

	// The site's own stylesheet replaces the theme's, and renames it.
	writeFile(t, filepath.Join(site, "static/css/galley.css"), append(theme, "\n.story { color: #c00 }\n"...))
	if _, err := Run(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	edited := fingerprintOf(t, dest, "css/galley.css")
	if edited == css {
		t.Fatalf("the edited stylesheet kept the name %s", css)
	}
	for _, page := range []string{"index.html", "news/one/index.html", "news/two/index.html"} {
		if !links(t, dest, page, "href", edited) {
			t.Errorf("after the edit, %s does not link %s", page, edited)
		}
	}
	if got := fingerprintOf(t, dest, "js/search.js"); got != js {
		t.Errorf("the script was renamed %s, from %s, by an edit of the stylesheet", got, js)
	}
}

// TestFingerprintsWithoutMinify checks that a build that does not
// minify names the files by the sums of the bytes it writes: the
// source's.
func TestFingerprintsWithoutMinify(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Site: fingerprintSite(t), Dest: dest, Theme: galley.Theme(), Now: buildTime, NoMinify: true}); err != nil {
		t.Fatal(err)
	}
	theme, _ := fs.ReadFile(galley.Theme(), "static/css/galley.css")
	sum := sha256.Sum256(theme)
	if got, want := fingerprintOf(t, dest, "css/galley.css"), output.Fingerprinted("css/galley.css", sum[:]); got != want {
		t.Errorf("fingerprinted name %s, want %s", got, want)
	}
}

// TestFingerprintsOfSiteFiles checks the site's own stylesheets and
// scripts: each is fingerprinted, but not one named so already; and a
// site template that links the plain name still finds the file there.
func TestFingerprintsOfSiteFiles(t *testing.T) {
	site := fingerprintSite(t)
	writeFile(t, filepath.Join(site, "static/js/menu.js"), []byte("document.body.dataset.menu = 'on';\n"))
	writeFile(t, filepath.Join(site, "static/js/vendor.0123456789abcdef.js"), []byte("var vendor = 1;\n"))
	writeFile(t, filepath.Join(site, "static/notes.txt"), []byte("not linked\n"))
	head, err := fs.ReadFile(galley.Theme(), "templates/head.html")
	if err != nil {
		t.Fatal(err)
	}
	head = bytes.Replace(head, []byte(`{{.Asset "/css/galley.css"}}`), []byte(`/css/galley.css`), 1)
	writeFile(t, filepath.Join(site, "templates/head.html"), append(head, `<script src="{{.Asset "/js/menu.js"}}" defer></script>`+"\n"...))
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Site: site, Dest: dest, Theme: galley.Theme(), Now: buildTime}); err != nil {
		t.Fatal(err)
	}
	fingerprintOf(t, dest, "css/galley.css")
	menu := fingerprintOf(t, dest, "js/menu.js")
	if !links(t, dest, "index.html", "href", "css/galley.css") {
		t.Error("the site's head.html lost its link to /css/galley.css")
	}
	if !links(t, dest, "index.html", "src", menu) {
		t.Errorf("index.html does not load %s", menu)
	}
	if again, _ := filepath.Glob(filepath.Join(dest, "js/vendor.*.*.js")); len(again) > 0 {
		t.Errorf("a fingerprinted name fingerprinted again: %v", again)
	}
	if others, _ := filepath.Glob(filepath.Join(dest, "notes.*")); len(others) != 1 {
		t.Errorf("notes.txt: %v, want it alone", others)
	}
}

// TestFingerprintsDeterministic builds one site with one worker and with
// many: the names, and so every page, must be the same.
func TestFingerprintsDeterministic(t *testing.T) {
	site := fingerprintSite(t)
	var trees []map[string][]byte
	for _, workers := range []int{1, 8} {
		dest := filepath.Join(t.TempDir(), "public")
		if _, err := Run(context.Background(), Options{Site: site, Dest: dest, Theme: galley.Theme(), Now: buildTime, Workers: workers, NoCache: true}); err != nil {
			t.Fatal(err)
		}
		tree := serveAll(t, os.DirFS(dest))
		delete(tree, output.Marker)
		trees = append(trees, tree)
	}
	compareTrees(t, trees[1], trees[0])
}

// TestSessionRenamesStylesheet checks that galley serve's pages link
// the stylesheet by its new name after an edit, and serve it there.
func TestSessionRenamesStylesheet(t *testing.T) {
	site := fingerprintSite(t)
	sess, err := NewSession(Options{Site: site, Dest: filepath.Join(t.TempDir(), "public"), Theme: galley.Theme(), Preview: true, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	linked := func() (name string, data []byte) {
		t.Helper()
		page, err := fs.ReadFile(sess.FS(), "news/one/index.html")
		if err != nil {
			t.Fatal(err)
		}
		m := stylesheetRE.FindSubmatch(page)
		if m == nil {
			t.Fatal("the page links no fingerprinted stylesheet")
		}
		name = string(m[1])
		if data, err = fs.ReadFile(sess.FS(), name); err != nil {
			t.Fatalf("the page links %s, which is not served: %v", name, err)
		}
		if plain, _ := fs.ReadFile(sess.FS(), "css/galley.css"); !bytes.Equal(data, plain) {
			t.Errorf("%s differs from css/galley.css", name)
		}
		return name, data
	}
	if _, err := sess.Build(context.Background(), buildTime, nil); err != nil {
		t.Fatal(err)
	}
	before, _ := linked()
	writeFile(t, filepath.Join(site, "static/css/galley.css"), []byte(".story { color: #c00 }\n"))
	if _, err := sess.Build(context.Background(), buildTime, []string{"static/css/galley.css"}); err != nil {
		t.Fatal(err)
	}
	after, data := linked()
	if after == before || !bytes.Contains(data, []byte("#c00")) {
		t.Errorf("after the edit the page links %s (before %s), holding %q", after, before, data)
	}
}

var stylesheetRE = regexp.MustCompile(`<link rel="?stylesheet"? href="?/(css/galley\.[0-9a-f]{16}\.css)`)

// TestFingerprintsFromCache checks that a build takes the names of the
// stylesheets and scripts that the last build copied with the same keys
// from its manifest, instead of reading and minifying them again.
func TestFingerprintsFromCache(t *testing.T) {
	site := fingerprintSite(t)
	dest := filepath.Join(t.TempDir(), "public")
	opts := Options{Site: site, Dest: dest, Theme: galley.Theme(), Now: buildTime}
	if _, err := Run(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	files, err := listStatic(nil, galley.Theme(), "", 0)
	if err != nil {
		t.Fatal(err)
	}
	c := openCache(site, dest, false)
	for i := range files {
		files[i].fsys = unreadable{}
		files[i].key = c.old[files[i].name].Key // as the build made them
	}
	if err := fingerprintStatic(files, opts, c); err != nil {
		t.Fatalf("the names were not taken from the manifest: %v", err)
	}
	got := assetPaths(files)
	want := map[string]string{"/css/galley.css": "/" + fingerprintOf(t, dest, "css/galley.css"), "/js/search.js": "/" + fingerprintOf(t, dest, "js/search.js")}
	if !maps.Equal(got, want) {
		t.Errorf("names from the manifest %v, want %v", got, want)
	}

	// Without the cache, the files are read.
	for i := range files {
		files[i].fingerprinted = ""
	}
	if err := fingerprintStatic(files, opts, nil); err == nil || !strings.Contains(err.Error(), "static/css/galley.css") {
		t.Errorf("fingerprinting unreadable files without the cache: %v; want an error naming the file", err)
	}
}

// unreadable is a file system whose files cannot be opened.
type unreadable struct{}

func (unreadable) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
}

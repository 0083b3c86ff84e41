package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// goodArticle is a valid story every bad-input site starts from.
const goodArticle = "---\ntitle: Good\ndate: 2026-11-20\n---\nBody.\n"

// TestBadInput builds a good site, breaks it one way, and checks that the
// build fails with a message naming the file and line and leaves the
// previous output exactly as it was.
func TestBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		setup func(t *testing.T, site string)
		want  []string // each must appear in stderr
	}{
		{"unclosed front matter", file("content/news/bad.md", "---\ntitle: A\ndate: 2026-01-01\nBody\n"),
			[]string{"content/news/bad.md:1: front matter opened with --- on line 1 is never closed"}},
		{"YAML syntax error", file("content/news/bad.md", "---\ntitle: \"A\ndate: 2026-01-01\n---\n"),
			[]string{"content/news/bad.md:", "YAML syntax error"}},
		{"TOML syntax error", file("content/news/bad.md", "+++\ntitle = \"A\ndate = 2026-01-01\n+++\n"),
			[]string{"content/news/bad.md:2: TOML syntax error"}},
		{"YAML alias bomb", file("content/news/bad.md", aliasBomb()),
			[]string{"content/news/bad.md:", "anchors and aliases are not allowed"}},
		{"topics number", file("content/news/bad.md", "---\ntitle: A\ndate: 2026-01-01\ntopics: 5\n---\n"),
			[]string{`content/news/bad.md:4: topics: want a list of names, got "5"`}},
		{"date list", file("content/news/bad.md", "---\ntitle: A\ndate: [1]\n---\n"),
			[]string{"content/news/bad.md:3: date: want a single value"}},
		{"missing title and date", file("content/news/bad.md", "---\nauthors: [A]\n---\n"),
			[]string{"content/news/bad.md:1: missing title", "content/news/bad.md:1: missing date"}},
		{"next tuesday", file("content/news/bad.md", "---\ntitle: A\ndate: next tuesday\n---\n"),
			[]string{`content/news/bad.md:3: date: cannot read "next tuesday" as a date`}},
		{"month 13", file("content/news/bad.md", "---\ntitle: A\ndate: 2026-13-45\n---\n"),
			[]string{`content/news/bad.md:3: date: cannot read "2026-13-45" as a date`}},
		{"duplicate slug", file("content/news/twin.md", "---\ntitle: Twin\nslug: good\ndate: 2026-11-21\n---\n"),
			[]string{"content/news/twin.md:3: URL /news/good/ is also the URL of content/news/good.md"}},
		{"slug leaves dest", file("content/news/bad.md", "---\ntitle: A\ndate: 2026-01-01\nslug: ../../x\n---\n"),
			[]string{`content/news/bad.md:4: slug "../../x"`}},
		{"absolute slug", file("content/news/bad.md", "---\ntitle: A\ndate: 2026-01-01\nslug: /etc/passwd\n---\n"),
			[]string{`content/news/bad.md:4: slug "/etc/passwd"`}},
		{"encoded dots slug", file("content/news/bad.md", "---\ntitle: A\ndate: 2026-01-01\nslug: \"%2e%2e\"\n---\n"),
			[]string{`content/news/bad.md:4: slug "%2e%2e"`}},
		{"invalid UTF-8", file("content/news/bad.md", "---\ntitle: A\ndate: 2026-01-01\n---\n\xc3\x28\n"),
			[]string{"content/news/bad.md:5: text is not valid UTF-8"}},
		{"symlink outside site", symlink("content/news/evil.md", "/etc/passwd"),
			[]string{"content/news/evil.md: symbolic link leads outside the site"}},
		{"file over size limit", func(t *testing.T, site string) {
			writeFile(t, filepath.Join(site, "site.yaml"), "max_file_size: 1000\n")
			writeFile(t, filepath.Join(site, "content/news/big.md"), goodArticle+strings.Repeat("words ", 400))
		}, []string{"content/news/big.md: file is ", " bytes, over the limit of 1000"}},
		{"template parse error", file("templates/byline.html", "<p>\n{{range .Authors}}\n"),
			[]string{"templates/byline.html:3: unexpected EOF"}},
		{"template execute error", file("templates/figure.html", "<figure>\n{{.NoSuchField}}\n</figure>\n"),
			[]string{"templates/figure.html:2:", "NoSuchField"}},
		{"site.yaml wrong type", file("site.yaml", "title: X\nper_page: many\n"),
			[]string{`site.yaml:2: per_page: want a whole number, got "many"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			site := t.TempDir()
			writeFile(t, filepath.Join(site, "content/news/good.md"), goodArticle)
			writeFile(t, filepath.Join(site, "content/news/illustrated.md"), "---\ntitle: Illustrated\ndate: 2026-11-19\nimage:\n  caption: C\n  credit: AP\n---\nBody.\n")
			dest := filepath.Join(t.TempDir(), "public")
			if _, stderr, code := runGalley(t, nil, "build", "-s", site, "-d", dest); code != 0 {
				t.Fatalf("good site: %s", stderr)
			}
			before := snapshot(t, dest)
			tt.setup(t, site)
			start := time.Now()
			_, stderr, code := runGalley(t, nil, "build", "-s", site, "-d", dest)
			if code == 0 {
				t.Fatal("build succeeded")
			}
			if time.Since(start) > 20*time.Second {
				t.Errorf("build took %v to fail", time.Since(start))
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if after := snapshot(t, dest); !slices.Equal(before, after) {
				t.Error("the failed build changed the output")
			}
			if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".galley-build-*")); len(left) > 0 {
				t.Errorf("left behind: %v", left)
			}
		})
	}
}

func file(name, data string) func(*testing.T, string) {
	return func(t *testing.T, site string) { writeFile(t, filepath.Join(site, name), data) }
}

func symlink(name, target string) func(*testing.T, string) {
	return func(t *testing.T, site string) {
		if err := os.Symlink(target, filepath.Join(site, name)); err != nil {
			t.Fatal(err)
		}
	}
}

// aliasBomb is the "billion laughs" in YAML: nine levels of nine aliases.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString("---\na0: &a0 [\"lol\"]\n")
	for i := 1; i <= 9; i++ {
		b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [")
		for j := 0; j < 9; j++ {
			if j > 0 {
				b.WriteString(",")
			}
			b.WriteString("*a" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	b.WriteString("title: *a9\ndate: 2026-01-01\n---\n")
	return b.String()
}

// TestHostileContent builds articles full of attacks and parses every
// output file: no script, event handler or unsafe URL from content may
// come out live.
func TestHostileContent(t *testing.T) {
	t.Parallel()
	dest := hostileSite(t)
	var files int
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := os.ReadFile(p)
		files++
		switch filepath.Ext(p) {
		case ".html":
			checkHTMLSafe(t, p, data)
		case ".xml":
			checkXMLSafe(t, p, data)
		case ".json":
			checkJSONSafe(t, p, data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 5 {
		t.Errorf("only %d files written", files)
	}
}

// hostileSite builds a site whose content attacks in every way it can and
// returns the output folder.
func hostileSite(t *testing.T) string {
	t.Helper()
	site := t.TempDir()
	evil := `<script>alert(1)</script><img src=x onerror=alert(1)>`
	writeFile(t, filepath.Join(site, "site.yaml"), "base_url: https://news.example.org/\nnewsletter:\n  action: https://lists.example.org/s\n")
	writeFile(t, filepath.Join(site, "content/news/evil.md"), `---
title: "`+evil+` headline </script>"
date: 2026-11-20
description: "`+evil+` dek"
authors: ["<svg onload=alert(1)>", "Ana"]
topics: ["<b onmouseover=alert(1)>Topic</b>", "javascript:alert(1)"]
image:
  src: "javascript:alert(1)"
  alt: "\" onerror=\"alert(1)"
  caption: "`+evil+`"
  credit: "`+evil+`"
---
Raw <script>alert(1)</script> and <img src=x onerror=alert(1)>.

[js](javascript:alert(1)) [vb](vbscript:msgbox(1)) [data](data:text/html;base64,PHNjcmlwdD4=)
![img](javascript:alert(1)) <javascript:alert(1)> [ent](&#106;avascript:alert(1))

<iframe src="javascript:alert(1)"></iframe>
`)
	writeFile(t, filepath.Join(site, "content/news/evil2.md"), "---\ntitle: Data image\ndate: 2026-11-19\nimage:\n  src: \"data:image/svg+xml;base64,PHN2Zz4=\"\n---\nBody.\n")
	writeFile(t, filepath.Join(site, "content/authors/ana.md"), "---\nname: Ana\nphoto: \"javascript:alert(1)\"\nlinks:\n  - {name: X, url: \"javascript:alert(1)\"}\n  - {name: Y, url: \"vbscript:x\"}\n---\nBio <script>alert(1)</script>\n")
	dest := filepath.Join(t.TempDir(), "public")
	if _, stderr, code := runGalley(t, nil, "build", "-s", site, "-d", dest); code != 0 {
		t.Fatalf("hostile site did not build: %s", stderr)
	}
	return dest
}

// unsafeURL reports whether a URL value would run code or embed content.
func unsafeURL(v string) bool {
	v = strings.ToLower(strings.Join(strings.Fields(v), ""))
	return strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:")
}

// themeScript is the site path of the theme's search script, by its
// fingerprinted name.
var themeScript = regexp.MustCompile(`^/js/search\.[0-9a-f]{16}\.js$`)

var urlAttrs = []string{"href", "src", "action", "content", "srcset", "poster", "formaction"}

func checkHTMLSafe(t *testing.T, p string, data []byte) {
	t.Helper()
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "script":
			// Structured data, and the theme's own search script on the
			// search page, are the only scripts; none from content.
			themes := strings.HasSuffix(filepath.ToSlash(p), "/search/index.html") && slices.ContainsFunc(tok.Attr, func(a html.Attribute) bool {
				return a.Key == "src" && themeScript.MatchString(a.Val)
			})
			if !themes && !slices.Contains(tok.Attr, html.Attribute{Key: "type", Val: "application/ld+json"}) {
				t.Errorf("%s: live <script> element", p)
			}
		case "iframe", "object", "embed", "svg", "b", "base", "form":
			if tok.Data != "form" {
				t.Errorf("%s: <%s> element from content", p, tok.Data)
			}
		}
		for _, a := range tok.Attr {
			if strings.HasPrefix(a.Key, "on") {
				t.Errorf("%s: event handler %s=%q on <%s>", p, a.Key, a.Val, tok.Data)
			}
			if slices.Contains(urlAttrs, a.Key) && unsafeURL(a.Val) {
				t.Errorf("%s: unsafe URL %s=%q on <%s>", p, a.Key, a.Val, tok.Data)
			}
		}
	}
}

func checkXMLSafe(t *testing.T, p string, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	var inURL, inHTML bool
	for {
		tok, err := d.Token()
		if err != nil {
			return
		}
		switch el := tok.(type) {
		case xml.StartElement:
			inURL = el.Name.Local == "loc" || el.Name.Local == "link" || el.Name.Local == "guid" || el.Name.Local == "id"
			// Elements whose text readers render as HTML.
			inHTML = el.Name.Local == "description" || el.Name.Local == "encoded" || el.Name.Local == "content" || el.Name.Local == "summary" && attr(el, "type") == "html"
			for _, a := range el.Attr {
				if (a.Name.Local == "href" || a.Name.Local == "url") && unsafeURL(a.Value) {
					t.Errorf("%s: unsafe URL %s=%q", p, a.Name.Local, a.Value)
				}
			}
		case xml.CharData:
			if inURL && unsafeURL(string(el)) {
				t.Errorf("%s: unsafe URL %q", p, el)
			}
			if inHTML {
				checkHTMLSafe(t, p+" (embedded HTML)", el)
			}
		case xml.EndElement:
			inURL, inHTML = false, false
		}
	}
}

func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func checkJSONSafe(t *testing.T, p string, data []byte) {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Errorf("%s: %v", p, err)
		return
	}
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				walk(k, e)
			}
		case []any:
			for _, e := range v {
				walk(key, e)
			}
		case string:
			// The search index's records name a story's address u and
			// picture i.
			record := strings.Contains(filepath.ToSlash(p), "/search/r/") && (key == "u" || key == "i")
			if (record || key == "url" || key == "image" || key == "id" || strings.HasSuffix(key, "_url")) && unsafeURL(v) {
				t.Errorf("%s: unsafe URL %s=%q", p, key, v)
			}
			if strings.HasSuffix(key, "html") {
				checkHTMLSafe(t, p+" ("+key+")", []byte(v))
			}
		}
	}
	walk("", v)
}

// TestKillDuringBuild kills builds at random moments and checks that the
// output folder is always exactly the previous build or exactly the new
// one, and that the next build cleans what the killed one left.
func TestKillDuringBuild(t *testing.T) {
	t.Parallel()
	site := t.TempDir()
	for i := range 150 {
		writeFile(t, filepath.Join(site, "content/news", "story-"+itoa(i)+".md"),
			"---\ntitle: Story "+itoa(i)+"\ndate: 2026-11-20\ntopics: [T"+itoa(i%7)+"]\n---\n"+strings.Repeat("A sentence of the story. ", 200)+"\n")
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, stderr, code := runGalley(t, nil, "build", "-s", site, "-d", dest); code != 0 {
		t.Fatal(stderr)
	}
	old := contents(t, dest)
	pristine := filepath.Join(t.TempDir(), "old")
	copyTree(t, dest, pristine)
	writeFile(t, filepath.Join(site, "content/news/story-0.md"), "---\ntitle: Changed\ndate: 2026-11-21\n---\nNew body.\n")
	next := filepath.Join(t.TempDir(), "next")
	if _, stderr, code := runGalley(t, nil, "build", "-s", site, "-d", next); code != 0 {
		t.Fatal(stderr)
	}
	want := contents(t, next)
	// How long a build takes here bounds the moments to kill at.
	start := time.Now()
	runGalley(t, nil, "build", "-s", site, "-d", filepath.Join(t.TempDir(), "timing"))
	span := time.Since(start)
	rng := rand.New(rand.NewPCG(1, 2))
	const trials = 50
	var sawOld, sawNew int
	for i := range trials {
		cmd := exec.Command(galleyBin, "build", "-s", site, "-d", dest)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(span) + 1)))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		got := contents(t, dest)
		switch {
		case equalMaps(got, old):
			sawOld++
		case equalMaps(got, want):
			sawNew++
			// Start the next trial from the old build again.
			if err := os.RemoveAll(dest); err != nil {
				t.Fatal(err)
			}
			copyTree(t, pristine, dest)
		default:
			t.Fatalf("trial %d: output is neither the old nor the new build", i)
		}
	}
	t.Logf("%d kills: output was the old build %d times, the new one %d times", trials, sawOld, sawNew)
	if _, stderr, code := runGalley(t, nil, "build", "-s", site, "-d", dest); code != 0 {
		t.Fatal(stderr)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".galley-*-public-*")); len(left) > 0 {
		t.Errorf("a build after the kills left %v", left)
	}
}

// contents maps each file under dir to its bytes.
func contents(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			m[rel] = string(data)
		}
		return nil
	})
	return m
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
}

func itoa(i int) string {
	return strings.TrimSpace(strings.Replace(time.Duration(i).String(), "ns", "", 1))
}

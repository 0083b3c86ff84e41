package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"galley.dev/galley/cmd/galley/internal/corpus"
)

// The tests of this file try the build as a careless user and as an
// attacker would: a destination that overlaps the site or holds someone
// else's files, bundles with private or active files, special files,
// stories of thousands of topics. Each case must fail with a message
// that names the file, or build without losing or leaking anything.

// runGalleyIn runs the binary in dir with a deadline, so that a build
// that hangs fails the test instead of blocking it.
func runGalleyIn(t *testing.T, dir string, timeout time.Duration, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, galleyBin, args...)
	cmd.Dir = dir
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("galley %v did not finish in %v (hung?)\nstderr: %s", args, timeout, e.String())
	}
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return o.String(), e.String(), code
}

// smallSite writes a site of one story into a new folder "site" in a
// temporary folder, and returns it.
func smallSite(t *testing.T) string {
	t.Helper()
	site := filepath.Join(t.TempDir(), "site")
	writeFile(t, filepath.Join(site, "content/news/good.md"), goodArticle)
	writeFile(t, filepath.Join(site, "static/img/logo.txt"), "logo")
	writeFile(t, filepath.Join(site, "templates/.keep"), "")
	writeFile(t, filepath.Join(site, "seeds/export.txt"), "An export\n")
	writeFile(t, filepath.Join(site, "site.yaml"), "title: Small\n")
	return site
}

func TestDestOverlappingSiteRefused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		dir  string // where galley runs, relative to the site
		dest string // -d, relative to dir
		want string
	}{
		{"the site itself", ".", ".", "is the site folder itself"},
		{"the site by its path", "..", "site", "is the site folder itself"},
		{"the site through dots", ".", "content/..", "is the site folder itself"},
		{"content", ".", "content", "inside the site's content/ folder"},
		{"inside content", ".", "content/news", "inside the site's content/ folder"},
		{"inside static", ".", "static/out", "inside the site's static/ folder"},
		{"templates", ".", "templates", "inside the site's templates/ folder"},
		{"seeds", ".", "seeds", "inside the site's seeds/ folder"},
		{"the folder above", ".", "..", "holds the site folder"},
		{"the root", ".", "/", "holds the site folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			site := smallSite(t)
			before := snapshot(t, filepath.Dir(site))
			dir := filepath.Join(site, tt.dir)
			siteArg, _ := filepath.Rel(dir, site)
			_, stderr, code := runGalleyIn(t, dir, time.Minute, "build", "-s", siteArg, "-d", tt.dest)
			if code == 0 {
				t.Fatal("galley build into a folder of the site succeeded")
			}
			if !strings.Contains(stderr, tt.want) || !strings.Contains(stderr, "pass -d") {
				t.Errorf("stderr = %q; want it to say %q and what to pass instead", stderr, tt.want)
			}
			if after := snapshot(t, filepath.Dir(site)); !slices.Equal(before, after) {
				t.Errorf("a refused build changed the site:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
}

func TestSymlinkedDestRefusedFirst(t *testing.T) {
	t.Parallel()
	site := smallSite(t)
	// A story that fails to render would only be found after the load;
	// the destination's problem must come before any of it.
	writeFile(t, filepath.Join(site, "content/news/bad.md"), "---\ntitle: Bad\ndate: nonsense\n---\n")
	real := filepath.Join(t.TempDir(), "real")
	os.Mkdir(real, 0o755)
	link := filepath.Join(t.TempDir(), "public")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runGalleyIn(t, site, time.Minute, "build", "-d", link)
	if code == 0 || !strings.Contains(stderr, "is a symbolic link") || !strings.Contains(stderr, real) {
		t.Errorf("exit %d, stderr %q; want the link refused, naming %s", code, stderr, real)
	}
	if strings.Contains(stderr, "bad.md") {
		t.Errorf("the destination was refused only after loading the site: %q", stderr)
	}
}

func TestForeignDestKept(t *testing.T) {
	t.Parallel()
	site := smallSite(t)
	dest := filepath.Join(t.TempDir(), "Documents")
	writeFile(t, filepath.Join(dest, "thesis.odt"), "years of work")
	before := snapshot(t, dest)
	_, stderr, code := runGalleyIn(t, site, time.Minute, "build", "-d", dest)
	if code == 0 || !strings.Contains(stderr, `"thesis.odt"`) || !strings.Contains(stderr, "Galley did not write") {
		t.Errorf("exit %d, stderr %q; want a folder of someone else's files refused", code, stderr)
	}
	if after := snapshot(t, dest); !slices.Equal(before, after) {
		t.Error("a refused build changed the folder")
	}
}

func TestDeployWorktreeCarriedOver(t *testing.T) {
	t.Parallel()
	site := smallSite(t)
	writeFile(t, filepath.Join(site, "site.yaml"), "title: Small\nkeep: [downloads/, press-kit.zip]\n")
	dest := filepath.Join(site, "public")
	// public/ as a git worktree of a gh-pages branch, with a domain, and
	// files an earlier process put there.
	kept := map[string]string{
		".git":                 "gitdir: ../.git/worktrees/public\n",
		"CNAME":                "news.example.org\n",
		"downloads/report.pdf": "%PDF-1.7",
		"press-kit.zip":        "PK",
	}
	for name, data := range kept {
		writeFile(t, filepath.Join(dest, name), data)
	}
	for i := range 3 {
		if i == 2 {
			writeFile(t, filepath.Join(site, "content/news/second.md"), "---\ntitle: Second\ndate: 2026-11-21\n---\nMore.\n")
		}
		_, stderr, code := runGalleyIn(t, site, time.Minute, "build")
		if code != 0 {
			t.Fatalf("build %d: exit %d\n%s", i+1, code, stderr)
		}
		for name, data := range kept {
			if got, err := os.ReadFile(filepath.Join(dest, name)); err != nil || string(got) != data {
				t.Errorf("build %d: %s = %q, %v; want it carried over", i+1, name, got, err)
			}
		}
		if _, err := os.Stat(filepath.Join(dest, "news/good/index.html")); err != nil {
			t.Errorf("build %d: the site was not built: %v", i+1, err)
		}
	}
}

func TestLeftoversRemovedWhenUpToDate(t *testing.T) {
	t.Parallel()
	site := smallSite(t)
	if _, stderr, code := runGalleyIn(t, site, time.Minute, "build"); code != 0 {
		t.Fatal(stderr)
	}
	left := filepath.Join(site, ".galley-build-public-4242")
	writeFile(t, filepath.Join(left, "index.html"), "half of a killed build")
	stdout, stderr, code := runGalleyIn(t, site, time.Minute, "build")
	if code != 0 || !strings.Contains(stdout, "up to date") {
		t.Fatalf("second build: exit %d, %s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(left); err == nil {
		t.Error("a killed build's folder survived an up-to-date build")
	}
}

// bundleSite writes a site with one page bundle, content/news/story/.
func bundleSite(t *testing.T, files map[string]string) string {
	t.Helper()
	site := smallSite(t)
	writeFile(t, filepath.Join(site, "content/news/story/index.md"), "---\ntitle: Story\ndate: 2026-11-20\n---\n![Map](map.png)\n")
	writeFile(t, filepath.Join(site, "content/news/story/map.png"), "\x89PNG")
	for name, data := range files {
		writeFile(t, filepath.Join(site, "content/news/story", name), data)
	}
	return site
}

func TestBundlePublishesNothingPrivate(t *testing.T) {
	t.Parallel()
	site := bundleSite(t, map[string]string{
		".private/source.txt":  "the source's name",
		"_notes/interview.txt": "off the record",
		".git/config":          "[core]",
		"drafts/.hidden.pdf":   "%PDF",
		"notes.md":             "# my notes",
		"followup/index.md":    "---\ntitle: Follow-up\ndate: 2026-11-21\ndraft: true\n---\nNot yet.\n",
		"followup/photo.jpg":   "JPEG",
		"data/figures.csv":     "a,b\n",
	})
	dest := filepath.Join(t.TempDir(), "public")
	if _, stderr, code := runGalleyIn(t, site, time.Minute, "build", "-d", dest); code != 0 {
		t.Fatal(stderr)
	}
	published := contents(t, dest)
	for name := range published {
		for _, secret := range []string{"source.txt", "interview.txt", ".git", "hidden.pdf", "notes.md", "followup", "photo.jpg", "index.md"} {
			if strings.Contains(name, secret) {
				t.Errorf("published %s", name)
			}
		}
	}
	for _, want := range []string{"news/story/index.html", "news/story/map.png", "news/story/data/figures.csv"} {
		if _, ok := published[want]; !ok {
			t.Errorf("%s was not published", want)
		}
	}
	// With drafts, the nested bundle is an article of its own.
	if _, stderr, code := runGalleyIn(t, site, time.Minute, "build", "-d", dest, "--drafts"); code != 0 {
		t.Fatal(stderr)
	}
	published = contents(t, dest)
	for _, want := range []string{"news/followup/index.html", "news/followup/photo.jpg"} {
		if _, ok := published[want]; !ok {
			t.Errorf("with --drafts, %s was not published", want)
		}
	}
	if _, ok := published["news/story/followup/index.md"]; ok {
		t.Error("the nested bundle's markdown was published")
	}
}

func TestBundleActiveContentRefused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file, data string
		want       string // "" means it is published
	}{
		{"evil.html", "<script>alert(1)</script>", "a page bundle may not publish HTML (.html)"},
		{"evil.htm", "<p>hi", "HTML (.htm)"},
		{"evil.js", "alert(1)", "JavaScript (.js)"},
		{"evil.xml", `<x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>`, ".xml files"},
		{"evil", "<script>alert(1)</script>", "a file without an extension"},
		{"script.svg", `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`, "holds a <script>"},
		{"onload.svg", `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`, "has an event handler (onload)"},
		{"link.svg", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href=" javascript:alert(1)"><text>x</text></a></svg>`, "links to a script URL"},
		{"foreign.svg", `<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>`, "foreignObject"},
		{"entity.svg", `<!DOCTYPE svg [<!ENTITY x "javascript:alert(1)">]><svg xmlns="http://www.w3.org/2000/svg"><a href="&x;"/></svg>`, "links to a script URL"},
		{"nested-entity.svg", `<!DOCTYPE svg [<!ENTITY a "x"><!ENTITY b "&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg">&b;</svg>`, "more than plain-text entities"},
		{"animate.svg", `<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" to="javascript:alert(1)"/></a></svg>`, "animates a link"},
		{"attlist.svg", `<!DOCTYPE svg [<!ATTLIST svg onload CDATA "document.documentElement.setAttribute('class','PWNED')">]><svg xmlns="http://www.w3.org/2000/svg"><circle r="5"/></svg>`, "more than plain-text entities"},
		{"chart.svg", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><image href="data:image/png;base64,iVBOR"/><rect width="5" height="5"/></svg>`, ""},
		{"video.mp4", "....ftyp", ""},
		{"report.PDF", "%PDF", ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			site := bundleSite(t, map[string]string{tt.file: tt.data})
			dest := filepath.Join(t.TempDir(), "public")
			_, stderr, code := runGalleyIn(t, site, time.Minute, "build", "-d", dest)
			if tt.want == "" {
				if code != 0 {
					t.Fatalf("a passive %s was refused: %s", tt.file, stderr)
				}
				if _, err := os.Stat(filepath.Join(dest, "news/story", tt.file)); err != nil {
					t.Errorf("%s was not published: %v", tt.file, err)
				}
				return
			}
			if prefix := "content/news/story/" + tt.file + ": "; code == 0 || !strings.Contains(stderr, prefix) || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want %q after %q", code, stderr, tt.want, prefix)
			}
			if _, err := os.Stat(dest); err == nil {
				t.Error("a refused build published the site")
			}
			// A site that trusts its authors with raw HTML trusts them
			// with these too.
			writeFile(t, filepath.Join(site, "site.yaml"), "title: Small\nmarkdown:\n  unsafe: true\n")
			if _, stderr, code := runGalleyIn(t, site, time.Minute, "build", "-d", dest); code != 0 {
				t.Errorf("with markdown.unsafe, exit %d: %s", code, stderr)
			}
		})
	}
}

func TestSpecialFilesNeverOpened(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"content/news/pipe.md", "static/feed.fifo", "content/news/story/clip.mp4", "content/news/story/followup/index.md", "site.yaml", "templates/footer.html", "content/authors/ana.md"} {
		t.Run(strings.ReplaceAll(name, "/", "_"), func(t *testing.T) {
			t.Parallel()
			site := bundleSite(t, nil)
			os.Remove(filepath.Join(site, name))
			os.MkdirAll(filepath.Dir(filepath.Join(site, name)), 0o755)
			if err := syscall.Mkfifo(filepath.Join(site, name), 0o644); err != nil {
				t.Fatal(err)
			}
			_, stderr, code := runGalleyIn(t, site, 30*time.Second, "build", "-d", filepath.Join(t.TempDir(), "public"))
			if code == 0 || !strings.Contains(stderr, name+": ") || !strings.Contains(stderr, "FIFO") {
				t.Errorf("exit %d, stderr %q; want the FIFO %s named", code, stderr, name)
			}
		})
	}
}

func TestStaticCollisionNamed(t *testing.T) {
	t.Parallel()
	site := smallSite(t)
	writeFile(t, filepath.Join(site, "static/feed.xml"), "<rss/>")
	_, stderr, code := runGalleyIn(t, site, time.Minute, "build", "-d", filepath.Join(t.TempDir(), "public"))
	if want := "static/feed.xml: Galley writes feed.xml itself"; code == 0 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr %q; want %q", code, stderr, want)
	}
}

func TestSymlinkInsideSiteFollowed(t *testing.T) {
	t.Parallel()
	site := smallSite(t)
	abs, _ := filepath.Abs(filepath.Join(site, "static/img/logo.txt"))
	if err := os.Symlink(abs, filepath.Join(site, "static/logo.txt")); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, stderr, code := runGalleyIn(t, site, time.Minute, "build", "-d", dest); code != 0 {
		t.Fatalf("an absolute link to a file of the site was refused: %s", stderr)
	}
	if got, _ := os.ReadFile(filepath.Join(dest, "logo.txt")); string(got) != "logo" {
		t.Errorf("logo.txt = %q", got)
	}
}

func TestLimits(t *testing.T) {
	t.Parallel()
	topics := make([]string, 51)
	for i := range topics {
		topics[i] = "t" + itoa(i)
	}
	tests := []struct {
		name  string
		setup func(t *testing.T, site string)
		want  string
	}{
		{"51 topics", file("content/news/tags.md", "---\ntitle: Tags\ndate: 2026-11-20\ntags: ["+strings.Join(topics, ", ")+"]\n---\n"),
			"content/news/tags.md:4: 51 topics: a story may have at most 50"},
		{"static file over max_asset_size", func(t *testing.T, site string) {
			writeFile(t, filepath.Join(site, "site.yaml"), "title: Small\nmax_asset_size: 1000\n")
			writeFile(t, filepath.Join(site, "static/video.mp4"), strings.Repeat("x", 1001))
		}, "static/video.mp4: file is 1001 bytes, over the limit of 1000"},
		{"bundle file over max_asset_size", func(t *testing.T, site string) {
			writeFile(t, filepath.Join(site, "site.yaml"), "title: Small\nmax_asset_size: 1000\n")
			writeFile(t, filepath.Join(site, "content/news/story/index.md"), goodArticle)
			writeFile(t, filepath.Join(site, "content/news/story/video.mp4"), strings.Repeat("x", 1001))
		}, "content/news/story/video.mp4: file is 1001 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			site := smallSite(t)
			tt.setup(t, site)
			_, stderr, code := runGalleyIn(t, site, time.Minute, "build", "-d", filepath.Join(t.TempDir(), "public"))
			if code == 0 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want %q", code, stderr, tt.want)
			}
		})
	}
}

func TestEscapesInFileNames(t *testing.T) {
	t.Parallel()
	site := smallSite(t)
	name := "content/news/\x1b]0;pwned\x07\x1b[2J.md"
	writeFile(t, filepath.Join(site, name), "---\ntitle: X\ndate: someday\n---\n")
	_, stderr, code := runGalleyIn(t, site, time.Minute, "build", "-d", filepath.Join(t.TempDir(), "public"))
	if code == 0 {
		t.Fatal("a story with a broken date built")
	}
	if strings.ContainsAny(stderr, "\x1b\x07") {
		t.Errorf("stderr carries raw escape sequences: %q", stderr)
	}
	if !strings.Contains(stderr, `\x1b]0;pwned`) {
		t.Errorf("stderr = %q; want the name with its escapes shown", stderr)
	}
}

// TestInterruptedBuild presses Ctrl-C during a build: it stops at once,
// says so, and leaves the last build as it was; the next build removes
// what the interrupted one left.
func TestInterruptedBuild(t *testing.T) {
	t.Parallel()
	site := filepath.Join(t.TempDir(), "site")
	if err := corpus.Write(site, corpus.Options{Articles: 3000, Topics: 40, Authors: 20, Seed: 9}); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runGalleyIn(t, site, 5*time.Minute, "build"); code != 0 {
		t.Fatal(stderr)
	}
	before := snapshot(t, filepath.Join(site, "public"))
	cmd := exec.Command(galleyBin, "build", "-s", site, "--no-cache")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until it writes, then interrupt it.
	for start := time.Now(); time.Since(start) < time.Minute; time.Sleep(10 * time.Millisecond) {
		if left, _ := filepath.Glob(filepath.Join(site, ".galley-build-*", "news")); len(left) > 0 {
			break
		}
	}
	cmd.Process.Signal(interrupt)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(stderr.String(), "interrupted") {
			t.Errorf("interrupted build: %v, stderr %q; want a failure that says it was interrupted", err, stderr.String())
		}
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the build did not stop on Ctrl-C")
	}
	if after := snapshot(t, filepath.Join(site, "public")); !slices.Equal(before, after) {
		t.Error("an interrupted build changed the output")
	}
	if _, stderr, code := runGalleyIn(t, site, 5*time.Minute, "build"); code != 0 {
		t.Fatal(stderr)
	}
	if left, _ := filepath.Glob(filepath.Join(site, ".galley-build-*")); len(left) > 0 {
		t.Errorf("the next build left %v", left)
	}
}

// TestLinksToHiddenFilesRefused links files of a site to its secrets:
// a CI checkout keeps its token in .git/config, and git stores links, so
// one author's change could publish it.
func TestLinksToHiddenFilesRefused(t *testing.T) {
	t.Parallel()
	tests := []struct{ link, target, want string }{
		{"content/news/story/config.txt", "../../../.git/config", "leads to .git/config, outside content/"},
		{"content/news/story/env.txt", "ABS/.env", "leads to .env, outside"},
		{"content/news/story/draft.txt", "../../_drafts/x.txt", "leads to content/_drafts/x.txt, a hidden file"},
		{"content/news/leak.md", "../../seeds/export.txt", "leads to seeds/export.txt, outside"},
		{"static/config.txt", "../.git/config", "leads to .git/config, outside"},
		{"static/cache.json", "../.galley-cache/x.json", "outside content/, static/ and templates/"},
		{"templates/footer.html", "../.git/config", "leads to .git/config, outside"},
		{"content/authors/ana.md", "../../.env", "leads to .env, outside"},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.link, "/", "_"), func(t *testing.T) {
			t.Parallel()
			site := bundleSite(t, nil)
			writeFile(t, filepath.Join(site, ".git/config"), "[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n")
			writeFile(t, filepath.Join(site, ".env"), "SECRET=hunter2\n")
			writeFile(t, filepath.Join(site, "content/_drafts/x.txt"), "not yet")
			writeFile(t, filepath.Join(site, ".galley-cache/x.json"), "{}")
			target := strings.Replace(tt.target, "ABS", site, 1)
			os.MkdirAll(filepath.Dir(filepath.Join(site, tt.link)), 0o755)
			os.Remove(filepath.Join(site, tt.link))
			if err := os.Symlink(target, filepath.Join(site, tt.link)); err != nil {
				t.Fatal(err)
			}
			dest := filepath.Join(t.TempDir(), "public")
			_, stderr, code := runGalleyIn(t, site, time.Minute, "build", "-d", dest)
			if code == 0 || !strings.Contains(stderr, tt.link+": ") || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want %s refused: %q", code, stderr, tt.link, tt.want)
			}
			for name, data := range contents(t, dest) {
				if strings.Contains(data, "hunter2") || strings.Contains(data, "c2VjcmV0") {
					t.Errorf("published the secret in %s", name)
				}
			}
		})
	}
}

func TestStaticHiddenFolders(t *testing.T) {
	t.Parallel()
	site := smallSite(t)
	for name, data := range map[string]string{
		"static/.private/key.txt":           "secret",
		"static/.DS_Store":                  "x",
		"static/_redirects":                 "/old /new 301\n",
		"static/_headers":                   "/*\n  X-Frame-Options: DENY\n",
		"static/.well-known/security.txt":   "Contact: mailto:s@example.org\n",
		"static/img/.hidden/x.png":          "x",
		"static/_notes/published-as-is.txt": "static/ is the owner's",
	} {
		writeFile(t, filepath.Join(site, name), data)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, stderr, code := runGalleyIn(t, site, time.Minute, "build", "-d", dest); code != 0 {
		t.Fatal(stderr)
	}
	got := contents(t, dest)
	for _, name := range []string{".private/key.txt", ".DS_Store", "img/.hidden/x.png"} {
		if _, ok := got[name]; ok {
			t.Errorf("published %s", name)
		}
	}
	for _, name := range []string{"_redirects", "_headers", ".well-known/security.txt", "_notes/published-as-is.txt"} {
		if _, ok := got[name]; !ok {
			t.Errorf("%s was not published", name)
		}
	}
}

package build

import (
	"bytes"
	"cmp"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"galley.dev/galley"
	"galley.dev/galley/cmd/galley/internal/corpus"
)

// TestSessionMatchesWholeBuild edits a site step by step, as an editor
// does while galley serve runs, and after each step compares everything
// the session serves with a whole build of the same files, byte for byte.
func TestSessionMatchesWholeBuild(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Options{Articles: 120, Topics: 12, Authors: 5, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	story := findStory(t, dir, 60)
	newest := findStory(t, dir, 120)
	opts := Options{Site: dir, Dest: filepath.Join(t.TempDir(), "public"), Theme: galley.Theme(), Drafts: true, Future: true,
		Preview: true, BaseURL: "http://127.0.0.1:1313/", Version: "test"}
	sess, err := NewSession(opts)
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	if _, err := sess.Build(context.Background(), buildTime, nil); err != nil {
		t.Fatal(err)
	}
	terms, err := fs.ReadFile(galley.Theme(), "templates/terms.html")
	if err != nil {
		t.Fatal(err)
	}
	template := func(name, text string) func(t *testing.T) []string {
		return func(t *testing.T) []string {
			writeFile(t, filepath.Join(dir, "templates", name), []byte(text))
			return []string{"templates/" + name}
		}
	}
	edit := func(name, old, new string) func(t *testing.T) []string {
		return func(t *testing.T) []string {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil || !strings.Contains(string(data), old) {
				t.Fatalf("%s has no %q (%v)", name, old, err)
			}
			writeFile(t, filepath.Join(dir, name), []byte(strings.Replace(string(data), old, new, 1)))
			return []string{name}
		}
	}
	steps := []struct {
		name    string
		change  func(t *testing.T) []string
		partial bool   // built without a whole build
		fails   string // the file the build fails at, if it does
		limit   int    // of files made in memory, if not the default
	}{
		{"title", edit(story, "title: ", "title: \"Edited: \" + "), true, story, 0},
		{"fix title", edit(story, `title: "Edited: " + "`, `title: "Edited `), true, "", 0},
		{"body", edit(story, "\n\n", "\n\nA new first paragraph, with a [link](/news/).\n\n"), true, "", 0},
		{"newest story's title", edit(newest, "title: \"", "title: \"Breaking: "), true, "", 0},
		{"date", edit(story, "date: 20", "date: 2019-01-01T00:00:00Z\nupdated: 20"), true, "", 0},
		{"topics", edit(story, "topics: [", "topics: [Brand New Topic, "), true, "", 0},
		{"aliases", edit(story, "topics: [", "aliases: [/2019/old-story/, /old/story.html]\ntopics: ["), true, "", 0},
		{"alias moved", edit(story, "/old/story.html]", "/old/story-2.html]"), true, "", 0},
		{"alias on a feed", edit(story, "/old/story-2.html]", "/feed.xml]"), true, story, 0},
		{"alias fixed", edit(story, "/feed.xml]", "/old/story-3.html]"), true, "", 0},
		{"new story", func(t *testing.T) []string {
			name := "content/news/a-new-story.md"
			writeFile(t, filepath.Join(dir, name), []byte("---\ntitle: A new story\ndate: 2026-11-24T09:00:00Z\ntopics: [Topic 1]\nauthors: [Author 1]\n---\nIt happened today.\n"))
			return []string{name}
		}, true, "", 0},
		{"story gone", func(t *testing.T) []string {
			os.Remove(filepath.Join(dir, newest))
			return []string{newest}
		}, true, "", 0},
		{"template of two pages", template("terms.html", strings.Replace(string(terms), "<h1", "<h1 data-edited", 1)), true, "", 0},
		{"template that fails", template("terms.html", "{{template \"base.html\" .}}{{define \"main\"}}{{.NoSuchField}}{{end}}"), true, "templates/terms.html", 0},
		{"template fixed", template("terms.html", string(terms)), true, "", 0},
		{"template of every story", template("newsletter.html", `<aside class="newsletter"><p>Write to us.</p></aside>`), false, "", 100},
		{"after a whole build", edit(story, "title: \"Edited ", "title: \"Edited again "), true, "", 0},
		{"stylesheet", func(t *testing.T) []string {
			css, err := fs.ReadFile(galley.Theme(), "static/css/galley.css")
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(dir, "static/css/galley.css"), append(css, ".story{color:#c00}\n"...))
			return []string{"static/css/galley.css"}
		}, false, "", 0},
		{"after the stylesheet", edit(story, "title: \"Edited again ", "title: \"Edited once more "), true, "", 0},
	}
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			sess.maxInMemory = cmp.Or(step.limit, defaultMaxInMemory)
			before := serveAll(t, sess.FS())
			sum, err := sess.Build(context.Background(), buildTime, step.change(t))
			if step.fails != "" {
				if err == nil || !strings.HasPrefix(err.Error(), step.fails+":") {
					t.Fatalf("Build = %v, want an error at %s:line", err, step.fails)
				}
				if after := serveAll(t, sess.FS()); !maps2Equal(before, after) {
					t.Error("a failed build changed what is served")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if sum.Partial != step.partial {
				t.Errorf("partial = %v, want %v (%s)", sum.Partial, step.partial, sum)
			}
			// Read while the background still makes pages: those it has
			// not made yet are made on demand.
			got := serveAll(t, sess.FS())
			want := filepath.Join(t.TempDir(), "public")
			whole := opts
			whole.Dest, whole.NoCache, whole.Now = want, true, buildTime
			if _, err := Run(context.Background(), whole); err != nil {
				t.Fatal(err)
			}
			compareTrees(t, got, serveAll(t, os.DirFS(want)))
			if err := sess.Background()(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// findStory returns the file of story-n of a corpus.
func findStory(t *testing.T, dir string, n int) string {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join(dir, "content/*/story-"+itoa(n)+".md"))
	if len(matches) != 1 {
		t.Fatalf("story-%d: %v", n, matches)
	}
	rel, _ := filepath.Rel(dir, matches[0])
	return filepath.ToSlash(rel)
}

// serveAll reads every file of fsys, as the server would serve them.
func serveAll(t *testing.T, fsys fs.FS) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	names := map[string]bool{}
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names[p] = true
		}
		return nil
	})
	if v, ok := fsys.(*view); ok {
		for name := range v.files {
			names[name] = true // made in memory: not in the folder's listing
		}
	}
	for name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err == nil {
			files[name] = data
		} else if !isNotExist(err) {
			t.Fatalf("read %s: %v", name, err)
		}
	}
	return files
}

func isNotExist(err error) bool {
	return err != nil && strings.Contains(err.Error(), fs.ErrNotExist.Error())
}

func maps2Equal(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !bytes.Equal(v, w) {
			return false
		}
	}
	return true
}

// compareTrees reports every file that differs between got and want.
func compareTrees(t *testing.T, got, want map[string][]byte) {
	t.Helper()
	var diffs []string
	for name, w := range want {
		g, ok := got[name]
		switch {
		case !ok:
			diffs = append(diffs, "missing "+name)
		case !bytes.Equal(g, w):
			diffs = append(diffs, name+": "+firstDiff(g, w))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			diffs = append(diffs, "extra "+name)
		}
	}
	slices.Sort(diffs)
	if len(diffs) > 0 {
		t.Errorf("%d of %d files differ from a whole build:\n%s", len(diffs), len(want), strings.Join(diffs[:min(10, len(diffs))], "\n"))
	}
}

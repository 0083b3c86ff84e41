package importer

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"galley.dev/galley/cmd/galley/internal/slug"
)

// lib is the slug of the headline both test stories share.
const lib = "library-reopens-after-two-year-renovation"

// longTitle makes a slug of slug.MaxLen bytes, so a suffix must shorten it.
const longTitle = "Council approves the budget for schools roads hospitals parks libraries and the harbour"

// hand is the hand-written article that holds a slug before any import.
const hand = "---\ntitle: Library reopens after two-year renovation\ndate: 2026-11-01\n---\nWritten by hand.\n"

// collisionExports are the exports the collision tests import: a and b are
// different stories with the same headline, and so are l1 and l2.
func collisionExports(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	a, err := os.ReadFile("testdata/no-image.txt")
	if err != nil {
		t.Fatal(err)
	}
	b := bytes.Replace(a, []byte("Readers queued from early morning."), []byte("Nobody came on the first day."), 1)
	long := func(body string) []byte { return []byte(longTitle + "\n\n" + body + "\n") }
	for name, data := range map[string][]byte{
		"a.txt": a, "b.txt": b,
		"l1.txt": long("The first story."), "l2.txt": long("Another story."),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// A step is one run of galley import in a collision test.
type step struct {
	args          []string // export names under the exports folder; "." is the folder
	force, dryRun bool
	edit          string // a file under content/news to edit before the run
	wantErr       string // "" for none
	want          []string
	// files are the articles under content/news after the run, each with
	// the export it must come from ("hand" for the hand-written file,
	// byte for byte; "-" for the edited one).
	files map[string]string
	// same says that the run must change no file: not its bytes, not its
	// modification time.
	same bool
}

// TestImportSlugCollision checks that an import never replaces a
// different story that holds its slug: it takes the next free slug, and
// imports of the same exports again find and update their own articles.
func TestImportSlugCollision(t *testing.T) {
	l80 := slug.Make(longTitle)
	if len(l80) <= slug.MaxLen-2 {
		t.Fatalf("slug of the long title has %d bytes, want more than %d", len(l80), slug.MaxLen-2)
	}
	l80two := l80[:strings.LastIndexByte(l80[:slug.MaxLen-1], '-')] + "-2"
	tests := []struct {
		name  string
		setup map[string]string // files under the site before the first run
		fifo  string            // a named pipe under the site
		steps []step
	}{
		{name: "two stories one run", steps: []step{
			{args: []string{"a.txt", "b.txt"},
				want:  []string{"a.txt → content/news/" + lib + ".md: written", "b.txt → content/news/" + lib + "-2.md: written", "slug " + lib + "-2 (" + lib + " is taken: content/news/" + lib + ".md is another story, from "},
				files: map[string]string{lib + ".md": "a.txt", lib + "-2.md": "b.txt"}},
			{args: []string{"a.txt", "b.txt"}, same: true,
				want:  []string{"a.txt → content/news/" + lib + ".md: unchanged", "b.txt → content/news/" + lib + "-2.md: unchanged"},
				files: map[string]string{lib + ".md": "a.txt", lib + "-2.md": "b.txt"}},
			{args: []string{"b.txt", "a.txt"}, same: true,
				want: []string{"b.txt → content/news/" + lib + "-2.md: unchanged", "a.txt → content/news/" + lib + ".md: unchanged"}},
			{args: []string{"b.txt"}, same: true, force: true,
				want: []string{"b.txt → content/news/" + lib + "-2.md: unchanged"}},
			{args: []string{"./b.txt"}, same: true,
				want: []string{"b.txt → content/news/" + lib + "-2.md: unchanged"}},
		}},
		{name: "two stories two runs", steps: []step{
			{args: []string{"b.txt"}, files: map[string]string{lib + ".md": "b.txt"}},
			{args: []string{"a.txt"}, files: map[string]string{lib + ".md": "b.txt", lib + "-2.md": "a.txt"}},
			{args: []string{"a.txt", "b.txt"}, same: true,
				want: []string{"a.txt → content/news/" + lib + "-2.md: unchanged", "b.txt → content/news/" + lib + ".md: unchanged"}},
		}},
		{name: "folder in sorted order", steps: []step{
			{args: []string{"."}, files: map[string]string{lib + ".md": "a.txt", lib + "-2.md": "b.txt", l80 + ".md": "l1.txt", l80two + ".md": "l2.txt"}},
			{args: []string{"."}, same: true},
		}},
		{name: "dry run", steps: []step{
			{args: []string{"a.txt", "b.txt"}, dryRun: true, files: map[string]string{},
				want: []string{"slug: " + lib + "\n", "slug: " + lib + "-2\n"}},
		}},
		{name: "hand-written", setup: map[string]string{"content/news/" + lib + ".md": hand}, steps: []step{
			{args: []string{"a.txt"}, want: []string{"content/news/" + lib + "-2.md: written", "content/news/" + lib + ".md is another story, not imported"},
				files: map[string]string{lib + ".md": "hand", lib + "-2.md": "a.txt"}},
			{args: []string{"a.txt"}, same: true},
		}},
		{name: "hand-written with --force", setup: map[string]string{"content/news/" + lib + ".md": hand}, steps: []step{
			{args: []string{"a.txt", "b.txt"}, force: true,
				files: map[string]string{lib + ".md": "hand", lib + "-2.md": "a.txt", lib + "-3.md": "b.txt"}},
			{args: []string{"a.txt", "b.txt"}, force: true, same: true},
		}},
		{name: "hand-written hole", setup: map[string]string{"content/news/" + lib + "-2.md": hand}, steps: []step{
			{args: []string{"a.txt", "b.txt"},
				files: map[string]string{lib + ".md": "a.txt", lib + "-2.md": "hand", lib + "-3.md": "b.txt"}},
		}},
		{name: "page bundle", setup: map[string]string{"content/news/" + lib + "/index.md": hand}, steps: []step{
			{args: []string{"a.txt"}, want: []string{"content/news/" + lib + "/ is a page bundle"},
				files: map[string]string{lib + "-2.md": "a.txt"}},
		}},
		{name: "file in another case", setup: map[string]string{"content/news/Library-Reopens-After-Two-Year-Renovation.md": hand}, steps: []step{
			{args: []string{"a.txt"}, files: map[string]string{"Library-Reopens-After-Two-Year-Renovation.md": "hand", lib + "-2.md": "a.txt"}},
		}},
		{name: "named pipe", fifo: "content/news/" + lib + ".md", steps: []step{
			{args: []string{"a.txt"}, want: []string{"content/news/" + lib + ".md is not a regular file"},
				files: map[string]string{lib + "-2.md": "a.txt"}},
		}},
		{name: "same source edited", steps: []step{
			{args: []string{"a.txt"}, files: map[string]string{lib + ".md": "a.txt"}},
			{args: []string{"a.txt", "b.txt"}, edit: lib + ".md", wantErr: "edited since it was imported",
				files: map[string]string{lib + ".md": "-", lib + "-2.md": "b.txt"}},
			{args: []string{"a.txt"}, force: true, want: []string{"content/news/" + lib + ".md: updated"},
				files: map[string]string{lib + ".md": "a.txt", lib + "-2.md": "b.txt"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site, exports := t.TempDir(), collisionExports(t)
			for name, data := range tt.setup {
				writeTestFile(t, filepath.Join(site, name), data)
			}
			if tt.fifo != "" {
				mkfifo(t, filepath.Join(site, tt.fifo))
			}
			for i, s := range tt.steps {
				if s.edit != "" {
					p := filepath.Join(site, "content/news", s.edit)
					data, _ := os.ReadFile(p)
					writeTestFile(t, p, string(data)+"\nAdded by an editor.\n")
				}
				before := snapshot(t, site)
				var args []string
				for _, a := range s.args {
					args = append(args, exports+"/"+a)
				}
				opts := Options{Site: site, Section: "news", Date: testDate, Force: s.force, DryRun: s.dryRun}
				out, err := importWithin(t, args, opts)
				switch {
				case s.wantErr == "" && err != nil:
					t.Errorf("step %d: %v", i+1, err)
				case s.wantErr != "" && (err == nil || !strings.Contains(err.Error(), s.wantErr)):
					t.Errorf("step %d: error %v, want %q", i+1, err, s.wantErr)
				}
				for _, w := range s.want {
					if !strings.Contains(out, w) {
						t.Errorf("step %d: report lacks %q:\n%s", i+1, w, out)
					}
				}
				after := snapshot(t, site)
				if changed := changedFiles(before, after); s.same && len(changed) > 0 {
					t.Errorf("step %d changed %v:\n%s", i+1, changed, out)
				}
				if s.files != nil {
					checkArticles(t, i+1, site, exports, tt.setup, s.files)
				}
			}
		})
	}
}

// checkArticles checks the articles under content/news against want.
func checkArticles(t *testing.T, step int, site, exports string, setup, want map[string]string) {
	t.Helper()
	dir := filepath.Join(site, "content/news")
	got, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	var names []string
	for _, g := range got {
		if info, err := os.Lstat(g); err == nil && info.Mode().IsRegular() {
			names = append(names, filepath.Base(g))
		}
	}
	if len(names) != len(want) {
		t.Errorf("step %d: articles %v, want %d: %v", step, names, len(want), want)
	}
	for name, from := range want {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("step %d: %v", step, err)
			continue
		}
		switch from {
		case "hand":
			if string(data) != setup["content/news/"+name] {
				t.Errorf("step %d: hand-written %s changed:\n%s", step, name, data)
			}
		case "-":
			if !strings.Contains(string(data), "Added by an editor.") {
				t.Errorf("step %d: the edit of %s is lost", step, name)
			}
		default:
			fm := string(data)
			if !strings.Contains(fm, "\nsource: "+filepath.ToSlash(filepath.Join(exports, from))+"\n") || Edited(data) {
				t.Errorf("step %d: %s is not the import of %s:\n%s", step, name, from, fm)
			}
			s := strings.TrimSuffix(name, ".md")
			if !strings.Contains(fm, "\nslug: "+s+"\n") || !slug.Valid(s) {
				t.Errorf("step %d: %s does not have the slug %s", step, name, s)
			}
		}
	}
}

// importWithin runs Import and fails the test if it takes more than ten
// seconds: a named pipe opened for reading blocks until a writer comes.
func importWithin(t *testing.T, args []string, opts Options) (string, error) {
	t.Helper()
	type result struct {
		out string
		err error
	}
	done := make(chan result, 1)
	go func() {
		var out, errs bytes.Buffer
		err := Import(context.Background(), args, opts, &out, &errs)
		done <- result{out.String() + errs.String(), err}
	}()
	select {
	case r := <-done:
		return r.out, r.err
	case <-time.After(10 * time.Second):
		t.Fatalf("import %v hangs", args)
		return "", nil
	}
}

// A fileState is what a snapshot records of one file.
type fileState struct {
	data    string
	modTime time.Time
}

// snapshot records every regular file under dir.
func snapshot(t *testing.T, dir string) map[string]fileState {
	t.Helper()
	files := map[string]fileState{}
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || !info.Mode().IsRegular() {
			return nil
		}
		data, _ := os.ReadFile(p)
		files[p] = fileState{string(data), info.ModTime()}
		return nil
	})
	return files
}

// changedFiles lists the files that are not the same in a and b.
func changedFiles(a, b map[string]fileState) []string {
	var changed []string
	for p, s := range a {
		if t, ok := b[p]; !ok || t.data != s.data || !t.modTime.Equal(s.modTime) {
			changed = append(changed, p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			changed = append(changed, p)
		}
	}
	return changed
}

func writeTestFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, to, link string) {
	t.Helper()
	if err := os.Symlink(to, link); err != nil {
		t.Skipf("cannot make a symbolic link here: %v", err)
	}
}

// TestImportNotRegular checks that an export that is a named pipe, or a
// link to one, is reported and never opened, and that the other exports
// are still imported.
func TestImportNotRegular(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) (args []string, bad string)
	}{
		{"argument", func(t *testing.T, dir string) ([]string, string) {
			mkfifo(t, filepath.Join(dir, "pipe.txt"))
			return []string{dir + "/pipe.txt", dir + "/good.txt"}, dir + "/pipe.txt"
		}},
		{"link argument", func(t *testing.T, dir string) ([]string, string) {
			mkfifo(t, filepath.Join(dir, "pipe"))
			symlink(t, "pipe", filepath.Join(dir, "link.txt"))
			return []string{dir + "/link.txt", dir + "/good.txt"}, dir + "/link.txt"
		}},
		{"in a folder", func(t *testing.T, dir string) ([]string, string) {
			mkfifo(t, filepath.Join(dir, "a-pipe.txt"))
			return []string{dir}, filepath.Join(dir, "a-pipe.txt")
		}},
		{"link to a device in a folder", func(t *testing.T, dir string) ([]string, string) {
			symlink(t, "/dev/null", filepath.Join(dir, "a-null.txt"))
			return []string{dir}, filepath.Join(dir, "a-null.txt")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site, dir := t.TempDir(), t.TempDir()
			seed, _ := os.ReadFile("testdata/no-image.txt")
			writeTestFile(t, filepath.Join(dir, "good.txt"), string(seed))
			args, bad := tt.setup(t, dir)
			out, err := importWithin(t, args, Options{Site: site, Section: "news", Date: testDate})
			if err == nil || !strings.Contains(err.Error(), bad+": not a regular file; skipped") {
				t.Errorf("error = %v, want %s: not a regular file; skipped", err, bad)
			}
			if !strings.Contains(out, "good.txt → content/news/"+lib+".md: written") {
				t.Errorf("the good export was not imported: %s", out)
			}
		})
	}
}

// TestImportCancelled checks that an import stops at a cancelled context
// and says so.
func TestImportCancelled(t *testing.T) {
	site, exports := t.TempDir(), collisionExports(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errs bytes.Buffer
	err := Import(ctx, []string{exports}, Options{Site: site, Section: "news", Date: testDate}, &out, &errs)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want context.Canceled", err)
	}
	if files, _ := filepath.Glob(filepath.Join(site, "content/news/*")); len(files) > 0 {
		t.Errorf("a cancelled import wrote %v", files)
	}
}

// FuzzSourceOf checks that the source an import records is the source
// read back, for any export path, and that reading never panics.
func FuzzSourceOf(f *testing.F) {
	f.Add("seeds/a.txt", []byte(hand))
	f.Add("./seeds/../a: b.txt", []byte("---\r\nsource: x\r\n---\r\n"))
	f.Add("a\nb\"#.txt", []byte("---\nsource: [1]\n---\n"))
	f.Fuzz(func(t *testing.T, source string, file []byte) {
		sourceOf(file)
		a, err := Parse("fuzz", []byte("Title\n\nA paragraph.\n"))
		if err != nil {
			t.Fatal(err)
		}
		md := a.Markdown(Meta{Slug: "title", Date: testDate, Source: normalSource(source)})
		if got := sourceOf(md); got != normalSource(source) && !strings.ContainsRune(source, 0xfffd) {
			t.Errorf("source %q reads back as %q", normalSource(source), got)
		}
	})
}

// FuzzCandidate checks that the candidates for a slug are valid slugs,
// and that the suffixed ones are all different. (A cut slug may end in
// "-2" itself and be its own second candidate: place then just finds the
// same holder twice.)
func FuzzCandidate(f *testing.F) {
	f.Add("Library reopens after two-year renovation", 3)
	f.Add(longTitle, 99)
	f.Add(strings.Repeat("a", 200), 12345)
	f.Fuzz(func(t *testing.T, title string, n int) {
		base := slug.Make(title)
		if base == "" || n < 1 || n > maxSuffix {
			return
		}
		if !slug.Valid(candidate(base, 1)) {
			t.Errorf("candidate(%q, 1) is not a slug", base)
		}
		seen := map[string]int{}
		for _, i := range []int{2, n + 1, n + 2} {
			c := candidate(base, i)
			if !slug.Valid(c) {
				t.Errorf("candidate(%q, %d) = %q, not a slug", base, i, c)
			}
			if j, ok := seen[c]; ok && j != i {
				t.Errorf("candidates %d and %d of %q are both %q", j, i, base, c)
			}
			seen[c] = i
		}
	})
}

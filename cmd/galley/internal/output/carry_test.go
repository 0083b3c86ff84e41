package output

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// tree returns the files of dir with their contents, and its folders
// with a trailing slash.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case e.IsDir():
			got[rel+"/"] = ""
		case e.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			got[rel] = "-> " + target
		default:
			data, _ := os.ReadFile(p)
			got[rel] = string(data)
		}
		return nil
	})
	return got
}

func put(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestForeignDestRefused(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		wrote []string // what the last build's manifest lists
		ok    bool
	}{
		{"missing", nil, nil, true},
		{"empty", map[string]string{}, nil, true},
		{"someone's documents", map[string]string{"thesis.odt": "years of work", "notes/a.txt": "a"}, nil, false},
		{"a gh-pages worktree, fresh", map[string]string{".git": "gitdir: ../.git/worktrees/public\n", "CNAME": "news.example.org\n"}, nil, true},
		{"a gh-pages worktree with an old build", map[string]string{".git": "gitdir: x\n", "index.html": "old", Marker: ""}, nil, true},
		{"a marker that is a folder", map[string]string{Marker + "/x": "", "thesis.odt": "work"}, nil, false},
		{"an older build known to the cache", map[string]string{"index.html": "old", "news/a/index.html": "a"}, []string{"index.html", "news/a/index.html"}, true},
		{"documents where an older build was", map[string]string{"thesis.odt": "work"}, []string{"index.html"}, false},
		{"documents in an older build", map[string]string{"index.html": "old", "news/a/index.html": "a", "news/thesis.odt": "work"}, []string{"index.html", "news/a/index.html"}, false},
		{"a folder of which one file is kept", map[string]string{"docs/report.pdf": "kept", "docs/thesis.doc": "work"}, nil, false},
		{"a kept file in a folder", map[string]string{"docs/report.pdf": "kept"}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			if tt.files != nil {
				os.Mkdir(dest, 0o755)
				put(t, dest, tt.files)
			}
			before := tree(t, filepath.Dir(dest))
			d, err := Create(dest, Options{Carry: []string{"docs/report.pdf"}, Wrote: func(name string) bool { return slices.Contains(tt.wrote, name) }})
			if !tt.ok {
				if err == nil {
					d.Abort()
					t.Fatal("Create accepted a folder of files Galley did not write")
				}
				if !strings.Contains(err.Error(), "Galley did not write") || !strings.Contains(err.Error(), "keep:") {
					t.Errorf("error = %v; want it to say why and what to do", err)
				}
				// Nothing changed beside it either: no lock file, no temp folder.
				if after := tree(t, filepath.Dir(dest)); len(after) != len(before) {
					t.Errorf("a refused build left %v, had %v", after, before)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := d.WriteFile("index.html", []byte("new")); err != nil {
				t.Fatal(err)
			}
			if err := d.Commit(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestCarryOver(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	os.Mkdir(dest, 0o755)
	foreign := map[string]string{
		".git/HEAD":              "ref: refs/heads/gh-pages\n",
		".git/objects/ab/cdef":   "blob",
		"CNAME":                  "news.example.org\n",
		".nojekyll":              "",
		"downloads/report.pdf":   "%PDF",
		"downloads/other.pdf":    "not kept",
		"stale/index.html":       "an old page",
		"robots.txt":             "the old one",
		"downloads/sub/deep.txt": "deep",
	}
	put(t, dest, foreign)
	os.Symlink("report.pdf", filepath.Join(dest, "downloads/latest.pdf"))
	os.WriteFile(filepath.Join(dest, Marker), nil, 0o644)
	opts := Options{Carry: []string{"downloads/report.pdf", "downloads/latest.pdf", "downloads/sub", "robots.txt", "missing.txt"}}
	want := map[string]string{
		"./": "", Marker: markerText,
		".git/": "", ".git/HEAD": foreign[".git/HEAD"], ".git/objects/": "", ".git/objects/ab/": "", ".git/objects/ab/cdef": "blob",
		"CNAME": foreign["CNAME"], ".nojekyll": "",
		"downloads/": "", "downloads/report.pdf": "%PDF", "downloads/latest.pdf": "-> report.pdf",
		"downloads/sub/": "", "downloads/sub/deep.txt": "deep",
		"index.html": "page", "robots.txt": "the build's",
	}
	// Twice: the second build starts from the first one's spare tree,
	// which holds the carried files too.
	for i := range 3 {
		d, err := Create(dest, opts)
		if err != nil {
			t.Fatal(err)
		}
		if err := d.WriteFile("index.html", []byte("page")); err != nil {
			t.Fatal(err)
		}
		if err := d.WriteFile("robots.txt", []byte("the build's")); err != nil {
			t.Fatal(err)
		}
		if i == 2 {
			// A failed build carries nothing away.
			d.Abort()
			break
		}
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
		got := tree(t, dest)
		for name, w := range want {
			if got[name] != w {
				t.Errorf("build %d: %s = %q, want %q", i+1, name, got[name], w)
			}
		}
		for name := range got {
			if _, ok := want[name]; !ok {
				t.Errorf("build %d: %s should be gone", i+1, name)
			}
		}
	}
	if got := tree(t, dest); got[".git/HEAD"] != foreign[".git/HEAD"] || got["CNAME"] != foreign["CNAME"] {
		t.Errorf("after a failed build the destination lost its carried files: %v", got)
	}
}

func TestFailedLinkFreesName(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	d, err := Create(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	// A link refused (another file system, protected hard links, the
	// file gone) leaves the name to the file written instead.
	if err := d.Link(filepath.Join(dest, "gone.html"), "a.html"); err == nil {
		t.Fatal("linked a missing file")
	}
	if err := d.WriteFile("a.html", []byte("a")); err != nil {
		t.Fatalf("write after a failed link: %v", err)
	}
	// A linked file taken back may be written anew.
	put(t, filepath.Dir(dest), map[string]string{"old.html": "old"})
	if err := d.Link(filepath.Join(filepath.Dir(dest), "old.html"), "b.html"); err != nil {
		t.Fatal(err)
	}
	if err := d.Unlink("b.html"); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("b.html", []byte("b")); err != nil {
		t.Fatalf("write after Unlink: %v", err)
	}
	if d.Files() != 2 {
		t.Errorf("Files() = %d, want 2", d.Files())
	}
}

func TestDuplicateNamesTheSource(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	d, err := Create(dest, Options{NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	src := fstest.MapFS{"static/feed.xml": {Data: []byte("<rss/>")}, "content/news/x/feed.xml": {Data: []byte("<rss/>")}}
	if err := d.CopyFile(src, "static/feed.xml", "feed.xml"); err != nil {
		t.Fatal(err)
	}
	err = d.WriteFile("feed.xml", []byte("<rss/>"))
	if err == nil || !strings.HasPrefix(err.Error(), "static/feed.xml: Galley writes feed.xml itself") {
		t.Errorf("err = %v; want it to name static/feed.xml", err)
	}
	err = d.CopyFile(src, "content/news/x/feed.xml", "feed.xml")
	if err == nil || !strings.Contains(err.Error(), "content/news/x/feed.xml: static/feed.xml also writes feed.xml") {
		t.Errorf("err = %v; want it to name both files", err)
	}
}

func TestCopyFileRefusesSpecialFiles(t *testing.T) {
	src := fstest.MapFS{"static/pipe": {Mode: fs.ModeNamedPipe}}
	dest := filepath.Join(t.TempDir(), "public")
	d, err := Create(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	if err := d.CopyFile(src, "static/pipe", "pipe"); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("CopyFile(pipe) = %v", err)
	}
	if err := NewMemory(Options{}).CopyFile(src, "static/pipe", "pipe"); err == nil {
		t.Error("Memory copied a FIFO")
	}
}

// endless is a file system of one big file that it makes as it is read.
type endless struct{ size int64 }

func (e endless) Open(name string) (fs.File, error) {
	return &endlessFile{left: e.size, size: e.size}, nil
}

type endlessFile struct{ left, size int64 }

func (f *endlessFile) Stat() (fs.FileInfo, error) { return f, nil }
func (f *endlessFile) Close() error               { return nil }
func (f *endlessFile) Read(p []byte) (int, error) {
	if f.left == 0 {
		return 0, io.EOF
	}
	n := int(min(int64(len(p)), f.left))
	clear(p[:n])
	f.left -= int64(n)
	return n, nil
}
func (f *endlessFile) Name() string       { return "video.mp4" }
func (f *endlessFile) Size() int64        { return f.size }
func (f *endlessFile) Mode() fs.FileMode  { return 0o644 }
func (f *endlessFile) ModTime() time.Time { return time.Time{} }
func (f *endlessFile) IsDir() bool        { return false }
func (f *endlessFile) Sys() any           { return nil }

func TestCopyFileStreams(t *testing.T) {
	const size = 256 << 20
	dest := filepath.Join(t.TempDir(), "public")
	d, err := Create(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if err := d.CopyFile(endless{size}, "video.mp4", "video.mp4"); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 8<<20 {
		t.Errorf("copying %d MB allocated %d MB; want it streamed", size>>20, grew>>20)
	}
	if info, err := os.Stat(d.Path("video.mp4")); err != nil || info.Size() != size {
		t.Errorf("copy = %v, %v", info, err)
	}
}

func TestRemoveLeftoversWithoutBuild(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	left := filepath.Join(parent, tempPrefix+"public-123")
	put(t, left, map[string]string{"index.html": "half a build"})
	RemoveLeftovers(dest)
	if _, err := os.Stat(left); err == nil {
		t.Error("a killed build's folder survived")
	}
}

func TestLeftoverNames(t *testing.T) {
	for n, want := range map[string]bool{
		".galley-build-public-123":                                  true,
		".galley-old-public-.galley-build-public-123":               true,
		".galley-build-public-staging-123":                          false,
		".galley-old-public-staging-.galley-build-public-staging-9": false,
		".galley-build-public-":                                     false,
		".galley-build-public":                                      false,
		"public":                                                    false,
	} {
		if got := leftover(n, "public"); got != want {
			t.Errorf("leftover(%q, public) = %v, want %v", n, got, want)
		}
	}
}

// TestCarryNestedFromSpare carries a file of a folder of its own while
// the build recycles the spare tree, whose copy of that folder the sweep
// empties and removes.
func TestCarryNestedFromSpare(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	put(t, dest, map[string]string{Marker: "", ".well-known/security.txt": "Contact: mailto:security@example.org\n"})
	opts := Options{Carry: []string{".well-known/security.txt"}}
	for i := range 4 {
		opts.Keep = func(name string) fs.FileInfo {
			info, err := os.Lstat(filepath.Join(dest, name))
			if err != nil || name != "a.html" {
				return nil
			}
			return info
		}
		d, err := Create(dest, opts)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			err = d.WriteFile("a.html", []byte("a"))
		} else {
			err = d.Link(filepath.Join(dest, "a.html"), "a.html")
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := d.Commit(); err != nil {
			t.Fatalf("build %d: %v", i+1, err)
		}
		if got, err := os.ReadFile(filepath.Join(dest, ".well-known/security.txt")); err != nil || !strings.HasPrefix(string(got), "Contact:") {
			t.Fatalf("build %d: security.txt = %q, %v", i+1, got, err)
		}
	}
}

// BenchmarkWriteLongParagraph writes a page that is one paragraph of
// entities the minifier shortens one by one (&gt; to >), its worst case:
// past maxMinify the page is written as it is, so 4 MB take about four
// times what 1 MB do, and 500 KB, minified, bound what a page can cost.
func BenchmarkWriteLongParagraph(b *testing.B) {
	for _, n := range []int{1 << 20, 4 << 20, 500 << 10} {
		b.Run(strconv.Itoa(n>>10)+"KB", func(b *testing.B) {
			page := []byte("<!doctype html><p>" + strings.Repeat("a &gt; b ", n/9) + "</p>")
			dest := filepath.Join(b.TempDir(), "public")
			d, err := Create(dest, Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer d.Abort()
			b.SetBytes(int64(len(page)))
			i := 0
			for b.Loop() {
				i++
				if err := d.WriteFile("p"+strconv.Itoa(i)+".html", page); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

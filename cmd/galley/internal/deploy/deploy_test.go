package deploy

import (
	"bytes"
	"context"
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"galley.dev/galley/cmd/galley/internal/output"
)

func TestHeaders(t *testing.T) {
	tests := []struct{ key, typ, cache string }{
		{"index.html", "text/html; charset=utf-8", Revalidate},
		{"news/barrier/index.html", "text/html; charset=utf-8", Revalidate},
		{"feed.xml", "application/rss+xml", Revalidate},
		{"topics/climate/atom.xml", "application/atom+xml", Revalidate},
		{"feed.json", "application/feed+json", Revalidate},
		{"sitemap.xml", "application/xml", Revalidate},
		{"news-sitemap.xml", "application/xml", Revalidate},
		{"robots.txt", "text/plain; charset=utf-8", Revalidate},
		{"_redirects", "text/plain; charset=utf-8", Revalidate},
		{"css/galley.css", "text/css; charset=utf-8", Short},
		{"js/search.js", "text/javascript; charset=utf-8", Short},
		{"css/galley.0123456789abcdef.css", "text/css; charset=utf-8", Immutable},
		{"js/search.0123456789abcdef.js", "text/javascript; charset=utf-8", Immutable},
		{"js/vendor.0123456789abcde.js", "text/javascript; charset=utf-8", Short},
		{"favicon.svg", "image/svg+xml", Short},
		{"images/glacier.jpg", "image/jpeg", Short},
		{"_img/1390098af97a0d80/harbour-640.webp", "image/webp", Immutable},
		{"search/root.json", "application/json", Revalidate},
		{"search/s/coun-2nfONY.json", "application/json", Immutable},
		{"search/t/-AyAGZj.json", "application/json", Immutable},
		{"search/r/12-XxzFxv.json", "application/json", Immutable},
		{"search/f-CsFQVO.json", "application/json", Immutable},
		{"files/report.unknownext", "application/octet-stream", Short},
	}
	for _, tt := range tests {
		if h := Headers(tt.key); h.ContentType != tt.typ || h.CacheControl != tt.cache {
			t.Errorf("Headers(%q) = %+v, want %q, %q", tt.key, h, tt.typ, tt.cache)
		}
	}
}

// site writes a built site of files into a new folder, with the build's
// marker.
func site(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files = maps.Clone(files)
	files[output.Marker] = "written by galley build\n"
	for k, v := range files {
		p := filepath.Join(dir, filepath.FromSlash(k))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(v), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var siteFiles = map[string]string{
	"index.html":               "<h1>Front</h1>",
	"news/barrier/index.html":  "<h1>Barrier</h1>",
	"news/index.html":          "<h1>News</h1>",
	"css/galley.css":           "body{}",
	"_img/abc/barrier-640.jpg": "jpeg",
	"feed.xml":                 "<rss/>",
	"sitemap.xml":              "<urlset/>",
	"search/root.json":         `{"v":2}`,
	"search/s/-abcdef.json":    `{"w":{}}`,
}

// deploy deploys dir to the bucket in bucketDir.
func deploy(t *testing.T, dir, bucketDir string, opts Options) (Summary, error) {
	s, _, err := deployOrder(t, dir, bucketDir, opts)
	return s, err
}

// deployOrder is deploy that also returns the keys in the order their
// objects were written or deleted.
func deployOrder(t *testing.T, dir, bucketDir string, opts Options) (Summary, []string, error) {
	return deployTo(t, dir, openBucket(t, bucketDir), &Target{}, opts)
}

// deployTo deploys dir to b as tg says, returning the keys in the order
// their objects were written or deleted.
func deployTo(t *testing.T, dir string, b *Bucket, tg *Target, opts Options) (Summary, []string, error) {
	t.Helper()
	ctx := context.Background()
	local, err := LocalFiles(ctx, dir, tg)
	if err != nil {
		t.Fatal(err)
	}
	remote, err := ReadRemote(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	p, err := MakePlan(ctx, b, local, remote, tg, opts)
	if err != nil {
		return Summary{}, nil, err
	}
	var log bytes.Buffer
	var order []string
	s, err := Run(ctx, b, p, &log, func(key string) { order = append(order, key) })
	return s, order, err
}

func openBucket(t *testing.T, dir string) *Bucket {
	t.Helper()
	b, err := Open(context.Background(), "file://"+filepath.ToSlash(dir))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

// TestDeploy: a first deploy uploads every file with its headers, in
// stages; a second with nothing changed writes nothing; an edit uploads
// just the file it changed; a file gone is deleted, but never an object
// Galley did not write.
func TestDeploy(t *testing.T) {
	bucketDir := t.TempDir()
	dir := site(t, maps.Clone(siteFiles))
	s, order, err := deployOrder(t, dir, bucketDir, Options{MaxDeletes: -1})
	if err != nil {
		t.Fatal(err)
	}
	if s.Uploaded != len(siteFiles) || s.Unchanged != 0 || s.Deleted != 0 || len(s.Changed) != 0 {
		t.Errorf("first deploy: %+v, want %d uploaded, none to purge", s, len(siteFiles))
	}
	if !slices.IsSortedFunc(order, func(a, b string) int { return stage(a) - stage(b) }) || order[len(order)-1] != "index.html" {
		t.Errorf("uploaded in the order %v: want assets, pages, feeds and roots, then the front page", order)
	}
	b := openBucket(t, bucketDir)
	for _, key := range []string{"feed.xml", "_img/abc/barrier-640.jpg", "news/index.html"} {
		a, err := b.Attributes(context.Background(), key)
		if err != nil {
			t.Fatal(err)
		}
		if want := Headers(key); a.ContentType != want.ContentType || a.CacheControl != want.CacheControl {
			t.Errorf("%s: served as %q, %q; want %+v", key, a.ContentType, a.CacheControl, want)
		}
	}
	// Someone else's object, which no deploy may delete.
	if err := b.WriteAll(context.Background(), "theirs/notes.txt", []byte("mine"), nil); err != nil {
		t.Fatal(err)
	}

	before := modTimes(t, bucketDir)
	s, err = deploy(t, dir, bucketDir, Options{MaxDeletes: -1})
	if err != nil {
		t.Fatal(err)
	}
	if s.Uploaded != 0 || s.Unchanged != len(siteFiles) || len(s.Changed) != 0 {
		t.Errorf("second deploy, nothing changed: %+v", s)
	}
	if after := modTimes(t, bucketDir); !maps.EqualFunc(before, after, time.Time.Equal) {
		t.Errorf("a deploy with nothing changed rewrote objects")
	}

	edited := maps.Clone(siteFiles)
	edited["news/barrier/index.html"] = "<h1>Barrier, updated</h1>"
	delete(edited, "news/index.html")
	dir = site(t, edited)
	s, err = deploy(t, dir, bucketDir, Options{MaxDeletes: -1})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"news/barrier/index.html", "news/index.html"}; !slices.Equal(s.Changed, want) || s.Uploaded != 1 || s.Deleted != 1 {
		t.Errorf("deploy of an edit and a removal: %+v, want %v changed", s, want)
	}
	keys := bucketKeys(t, b)
	if slices.Contains(keys, "news/index.html") || !slices.Contains(keys, "theirs/notes.txt") {
		t.Errorf("bucket after the removal: %v", keys)
	}
}

// TestTooManyDeletes: a site that lost most of its files (a wrong -d, a
// broken build) deletes nothing unless forced.
func TestTooManyDeletes(t *testing.T) {
	bucketDir := t.TempDir()
	many := maps.Clone(siteFiles)
	for i := range 40 {
		many["news/story-"+string(rune('a'+i%26))+string(rune('a'+i/26))+"/index.html"] = "story"
	}
	if _, err := deploy(t, site(t, many), bucketDir, Options{MaxDeletes: -1}); err != nil {
		t.Fatal(err)
	}
	nearlyEmpty := site(t, map[string]string{"index.html": "<h1>Front</h1>"})
	_, err := deploy(t, nearlyEmpty, bucketDir, Options{MaxDeletes: -1})
	if !errors.Is(err, ErrTooManyDeletes) {
		t.Fatalf("deploy of a nearly empty site: %v, want %v", err, ErrTooManyDeletes)
	}
	b := openBucket(t, bucketDir)
	if n := len(bucketKeys(t, b)); n != len(many) {
		t.Errorf("refused deploy left %d objects, want %d", n, len(many))
	}
	s, err := deploy(t, nearlyEmpty, bucketDir, Options{MaxDeletes: -1, Force: true})
	if err != nil || s.Deleted != len(many)-1 {
		t.Errorf("forced deploy: %+v, %v; want %d deleted", s, err, len(many)-1)
	}
}

// TestListing: a site of more files than a page of a listing, with a
// folder and a file of the same start (news/, news-sitemap.xml), is
// listed whole: a second deploy uploads nothing.
func TestListing(t *testing.T) {
	files := maps.Clone(siteFiles)
	files["news-sitemap.xml"] = "<urlset/>"
	for i := range 1100 {
		files["news/story-"+strconv.Itoa(i)+"/index.html"] = "story"
	}
	dir, bucketDir := site(t, files), t.TempDir()
	if _, err := deploy(t, dir, bucketDir, Options{MaxDeletes: -1}); err != nil {
		t.Fatal(err)
	}
	s, err := deploy(t, dir, bucketDir, Options{MaxDeletes: -1})
	if err != nil || s.Uploaded != 0 {
		t.Errorf("second deploy of %d files: %+v, %v; want none uploaded", len(files), s, err)
	}
}

// TestNotBuilt: a folder galley build did not write is refused.
func TestNotBuilt(t *testing.T) {
	if _, err := LocalFiles(context.Background(), t.TempDir(), &Target{}); err == nil {
		t.Error("LocalFiles of an empty folder: no error")
	}
}

func modTimes(t *testing.T, bucketDir string) map[string]time.Time {
	t.Helper()
	m := map[string]time.Time{}
	filepath.WalkDir(bucketDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			info, _ := d.Info()
			rel, _ := filepath.Rel(bucketDir, p)
			m[filepath.ToSlash(rel)] = info.ModTime()
		}
		return nil
	})
	return m
}

func bucketKeys(t *testing.T, b *Bucket) []string {
	t.Helper()
	var keys []string
	it := b.List(nil)
	for {
		o, err := it.Next(context.Background())
		if err != nil {
			break
		}
		if o.Key != ManifestKey {
			keys = append(keys, o.Key)
		}
	}
	return keys
}

// TestInterrupted: a deploy stopped halfway (Ctrl-C) leaves the front
// page unwritten and deletes nothing; the next deploy finishes the job,
// uploading only what the first did not, compressed files included,
// which the manifest does not list yet.
func TestInterrupted(t *testing.T) {
	for _, enc := range []string{"", "gzip"} {
		t.Run("compress="+enc, func(t *testing.T) {
			tg := &Target{Encoding: enc}
			bucketDir := t.TempDir()
			dir := site(t, siteFiles)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			b := openBucket(t, bucketDir)
			local, err := LocalFiles(ctx, dir, tg)
			if err != nil {
				t.Fatal(err)
			}
			p, err := MakePlan(ctx, b, local, Remote{}, tg, Options{MaxDeletes: -1})
			if err != nil {
				t.Fatal(err)
			}
			uploaded := 0
			_, err = Run(ctx, b, p, io.Discard, func(string) {
				if uploaded++; uploaded == 3 {
					cancel()
				}
			})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("interrupted deploy: %v, want %v", err, context.Canceled)
			}
			keys := bucketKeys(t, b)
			if slices.Contains(keys, "index.html") {
				t.Errorf("an interrupted deploy wrote the front page: %v", keys)
			}
			s, _, err := deployTo(t, dir, b, &Target{Encoding: enc}, Options{MaxDeletes: -1})
			if err != nil {
				t.Fatal(err)
			}
			if s.Uploaded+s.Unchanged != len(siteFiles) || s.Unchanged < 3 || len(s.Changed) != 0 {
				t.Errorf("deploy after the interruption: %+v, want the rest of %d files uploaded", s, len(siteFiles))
			}
		})
	}
}

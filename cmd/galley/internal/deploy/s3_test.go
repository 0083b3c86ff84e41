package deploy

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"galley.dev/galley/cmd/galley/internal/s3test"
)

// The tests against a real S3 server share one SeaweedFS, started by
// the first that needs it and stopped by TestMain.
var s3 struct {
	once sync.Once
	srv  *s3test.Server
	dir  string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if s3.srv != nil {
		s3.srv.Close()
		os.RemoveAll(s3.dir)
	}
	os.Exit(code)
}

// s3Bucket creates the bucket name on the shared server and opens it.
func s3Bucket(t *testing.T, name string) (*s3test.Server, *Bucket) {
	t.Helper()
	if testing.Short() {
		t.Skip("starts SeaweedFS")
	}
	s3.once.Do(func() {
		if s3.dir, s3.err = os.MkdirTemp("", "galley-s3-"); s3.err != nil {
			return
		}
		s3.srv, s3.err = s3test.Start(context.Background(), s3.dir)
		if s3.err == nil {
			// gocloud.dev's s3blob takes its credentials from these.
			for _, kv := range s3.srv.Env(s3.dir) {
				k, v, _ := strings.Cut(kv, "=")
				os.Setenv(k, v)
			}
		}
	})
	if s3.err != nil {
		t.Fatal(s3.err)
	}
	if err := s3.srv.CreateBucket(context.Background(), name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("seaweedfs's log ends:\n%s", s3.srv.LogTail())
		}
	})
	b, err := Open(context.Background(), s3.srv.URL(name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return s3.srv, b
}

// An object as awscli's list-objects-v2 and head-object give it.
type s3Object struct {
	Key, ETag, LastModified                    string
	ContentType, CacheControl, ContentEncoding string
	Metadata                                   map[string]string
}

func listObjects(t *testing.T, srv *s3test.Server, bucket string) map[string]s3Object {
	t.Helper()
	var out struct{ Contents []s3Object }
	data := srv.AWS(t, "s3api", "list-objects-v2", "--bucket", bucket)
	if len(data) > 0 {
		if err := json.Unmarshal(data, &out); err != nil {
			t.Fatalf("list-objects-v2: %v\n%s", err, data)
		}
	}
	objs := map[string]s3Object{}
	for _, o := range out.Contents {
		objs[o.Key] = o
	}
	return objs
}

func headObject(t *testing.T, srv *s3test.Server, bucket, key string) s3Object {
	t.Helper()
	var o s3Object
	if err := json.Unmarshal(srv.AWS(t, "s3api", "head-object", "--bucket", bucket, "--key", key), &o); err != nil {
		t.Fatal(err)
	}
	return o
}

// TestS3 deploys to SeaweedFS and reads the bucket back with awscli:
// every file with its headers and its MD5, a large file by multipart
// upload; a second deploy rewrites nothing; an edit uploads one object
// and a removal deletes one, never an object Galley did not write; a
// near-empty site deletes nothing.
func TestS3(t *testing.T) {
	srv, b := s3Bucket(t, "news")
	files := maps.Clone(siteFiles)
	// Over the SDK's threshold of 16 MiB: a multipart upload, whose ETag
	// is no MD5.
	files["files/report.pdf"] = strings.Repeat("%PDF-1.7 galley ", 20<<20/16)
	dir := site(t, files)
	s, _, err := deployTo(t, dir, b, &Target{}, Options{MaxDeletes: -1})
	if err != nil || s.Uploaded != len(files) {
		t.Fatalf("first deploy: %+v, %v", s, err)
	}
	objs := listObjects(t, srv, "news")
	want := append(slices.Collect(maps.Keys(files)), ManifestKey)
	if got := slices.Collect(maps.Keys(objs)); !sameSet(got, want) {
		t.Errorf("bucket holds %q, want %q", slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want)))
	}
	for _, key := range []string{"feed.xml", "news/barrier/index.html", "_img/abc/barrier-640.jpg", "search/root.json", "files/report.pdf"} {
		o := headObject(t, srv, "news", key)
		sum := md5.Sum([]byte(files[key]))
		h := Headers(key)
		if o.ContentType != h.ContentType || o.CacheControl != h.CacheControl || o.Metadata[md5Meta] != hex.EncodeToString(sum[:]) {
			t.Errorf("%s: served as %q, %q, metadata %v; want %+v, MD5 %x", key, o.ContentType, o.CacheControl, o.Metadata, h, sum)
		}
		if multipart := strings.Contains(o.ETag, "-"); multipart != (key == "files/report.pdf") {
			t.Errorf("%s: ETag %s", key, o.ETag)
		} else if !multipart && o.ETag != `"`+hex.EncodeToString(sum[:])+`"` {
			t.Errorf("%s: ETag %s, want the MD5 %x", key, o.ETag, sum)
		}
	}

	time.Sleep(1100 * time.Millisecond) // S3 times have seconds
	if s, _, err := deployTo(t, dir, b, &Target{}, Options{MaxDeletes: -1}); err != nil || s.Uploaded != 0 || s.Unchanged != len(files) {
		t.Errorf("second deploy: %+v, %v; want nothing uploaded", s, err)
	}
	if again := listObjects(t, srv, "news"); !maps.EqualFunc(again, objs, func(a, b s3Object) bool { return a.ETag == b.ETag && a.LastModified == b.LastModified }) {
		t.Errorf("a deploy with nothing changed rewrote objects")
	}

	srv.AWS(t, "s3api", "put-object", "--bucket", "news", "--key", "theirs/notes.txt", "--body", filepath.Join(dir, "feed.xml"))
	files["news/barrier/index.html"] = "<h1>Barrier, updated</h1>"
	delete(files, "news/index.html")
	s, order, err := deployTo(t, site(t, files), b, &Target{}, Options{MaxDeletes: -1})
	if err != nil || !slices.Equal(order, []string{"news/barrier/index.html", "news/index.html"}) || s.Deleted != 1 {
		t.Errorf("deploy of an edit and a removal: %+v, %v, order %v", s, err, order)
	}
	objs = listObjects(t, srv, "news")
	if _, ok := objs["news/index.html"]; ok {
		t.Error("removed page still in the bucket")
	}
	if _, ok := objs["theirs/notes.txt"]; !ok {
		t.Error("deploy deleted an object it did not write")
	}
	got, err := srv.AWSErr(t, "s3api", "get-object", "--bucket", "news", "--key", "news/barrier/index.html", filepath.Join(t.TempDir(), "page"))
	if err != nil || !strings.Contains(string(got), `"ContentLength": 25`) {
		t.Errorf("get-object of the edited page: %v\n%s", err, got)
	}

	nearlyEmpty := site(t, map[string]string{"index.html": "<h1>Front</h1>"})
	for range 30 {
		files["news/story-"+strings.Repeat("x", len(files))+"/index.html"] = "story"
	}
	if _, _, err := deployTo(t, site(t, files), b, &Target{}, Options{MaxDeletes: -1}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := deployTo(t, nearlyEmpty, b, &Target{}, Options{MaxDeletes: -1}); !errors.Is(err, ErrTooManyDeletes) {
		t.Errorf("deploy of a nearly empty site: %v, want %v", err, ErrTooManyDeletes)
	}
	if n := len(listObjects(t, srv, "news")); n != len(files)+2 {
		t.Errorf("after the refused deploy the bucket holds %d objects, want %d", n, len(files)+2)
	}
}

// TestS3Compressed: a gzip target's pages are stored compressed with
// their Content-Encoding, as awscli reads them; pictures are not.
func TestS3Compressed(t *testing.T) {
	srv, b := s3Bucket(t, "news-gzip")
	files := maps.Clone(siteFiles)
	files["news/barrier/index.html"] = strings.Repeat("<p>The barrier held. ", 200)
	tg := &Target{Encoding: "gzip"}
	if _, _, err := deployTo(t, site(t, files), b, tg, Options{MaxDeletes: -1}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "page.gz")
	var got s3Object
	if err := json.Unmarshal(srv.AWS(t, "s3api", "get-object", "--bucket", "news-gzip", "--key", "news/barrier/index.html", out), &got); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if got.ContentEncoding != "gzip" || decompress(t, data, "gzip") != files["news/barrier/index.html"] {
		t.Errorf("page: Content-Encoding %q, %d bytes that do not gunzip to the page", got.ContentEncoding, len(data))
	}
	if o := headObject(t, srv, "news-gzip", "_img/abc/barrier-640.jpg"); o.ContentEncoding != "" {
		t.Errorf("picture stored with Content-Encoding %q", o.ContentEncoding)
	}
	if s, _, err := deployTo(t, site(t, files), b, tg, Options{MaxDeletes: -1}); err != nil || s.Uploaded != 0 {
		t.Errorf("second deploy: %+v, %v; want nothing uploaded", s, err)
	}
}

// TestS3Interrupted: a deploy to S3 stopped halfway leaves the front
// page unwritten; the next finishes the job.
func TestS3Interrupted(t *testing.T) {
	srv, b := s3Bucket(t, "news-stopped")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dir := site(t, siteFiles)
	local, err := LocalFiles(ctx, dir, &Target{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := MakePlan(ctx, b, local, Remote{}, &Target{}, Options{MaxDeletes: -1})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	if _, err := Run(ctx, b, p, io.Discard, func(string) {
		if n++; n == 3 {
			cancel()
		}
	}); !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted deploy: %v", err)
	}
	if _, ok := listObjects(t, srv, "news-stopped")["index.html"]; ok {
		t.Error("an interrupted deploy wrote the front page")
	}
	s, _, err := deployTo(t, dir, b, &Target{}, Options{MaxDeletes: -1})
	if err != nil || s.Uploaded+s.Unchanged != len(siteFiles) || s.Unchanged < 3 {
		t.Errorf("deploy after the interruption: %+v, %v", s, err)
	}
	if n := len(listObjects(t, srv, "news-stopped")); n != len(siteFiles)+1 {
		t.Errorf("bucket holds %d objects, want %d and the manifest", n, len(siteFiles))
	}
}

func sameSet(a, b []string) bool {
	return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"galley.dev/galley/cmd/galley/internal/s3test"
)

// TestDeployFolder deploys the bundled site to a file:// bucket: a dry
// run touches nothing; a deploy uploads every file; a second uploads
// none; a deploy of an edit uploads what the edit changed and lists its
// paths for a CDN; a folder galley build did not write is refused.
func TestDeployFolder(t *testing.T) {
	dest := buildBundled(t)
	bucket := t.TempDir()
	to := "file://" + filepath.ToSlash(bucket)

	stdout, stderr, code := runGalley(t, nil, "deploy", "-d", dest, "--to", to, "--dry-run")
	if code != 0 || !strings.Contains(stdout, "dry run: would upload") {
		t.Fatalf("dry run: exit %d\n%s%s", code, stdout, stderr)
	}
	if entries, _ := os.ReadDir(bucket); len(entries) > 0 {
		t.Errorf("a dry run wrote %d entries into the bucket", len(entries))
	}

	stdout, stderr, code = runGalley(t, nil, "deploy", "-d", dest, "--to", to)
	if code != 0 || !strings.Contains(stdout, "0 unchanged, deleted 0") {
		t.Fatalf("first deploy: exit %d\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(bucket, "index.html")); err != nil {
		t.Errorf("no front page in the bucket: %v", err)
	}
	stdout, _, code = runGalley(t, nil, "deploy", "-d", dest, "--to", to)
	if code != 0 || !strings.Contains(stdout, "uploaded 0 files") {
		t.Errorf("second deploy, nothing changed: exit %d\n%s", code, stdout)
	}

	// An edit: a page's bytes change; its path goes to the purge list.
	editPage(t, filepath.Join(dest, "privacy", "index.html"))
	purge := filepath.Join(t.TempDir(), "purge.txt")
	stdout, stderr, code = runGalley(t, nil, "deploy", "-d", dest, "--to", to, "--purge-list", purge)
	if code != 0 || !strings.Contains(stdout, "uploaded 1 files") {
		t.Errorf("deploy of an edit: exit %d\n%s%s", code, stdout, stderr)
	}
	if list, _ := os.ReadFile(purge); string(list) != "/privacy/\n/privacy/index.html\n" {
		t.Errorf("purge list = %q, want /privacy/ and /privacy/index.html", list)
	}

	_, stderr, code = runGalley(t, nil, "deploy", "-d", t.TempDir(), "--to", to)
	if code == 0 || !strings.Contains(stderr, "not a site galley build wrote") {
		t.Errorf("deploy of an empty folder: exit %d\n%s", code, stderr)
	}
	_, stderr, code = runGalley(t, nil, "deploy", "-d", dest)
	if code == 0 || !strings.Contains(stderr, "no bucket") {
		t.Errorf("deploy without a bucket: exit %d\n%s", code, stderr)
	}
}

// TestDeployS3 deploys the bundled site with the binary to SeaweedFS,
// through a site.yaml target that compresses and names a CloudFront
// distribution (a fake of its API), and reads the bucket back with
// awscli: a dry run writes nothing; a deploy writes every file with its
// headers; a second writes none; an edit uploads one page and
// invalidates its paths; Ctrl-C stops a deploy within a second, and the
// next one finishes it.
func TestDeployS3(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("starts SeaweedFS")
	}
	srv, err := s3test.Start(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if err := srv.CreateBucket(context.Background(), "meridian"); err != nil {
		t.Fatal(err)
	}
	var invalidated []string
	var mu sync.Mutex
	cf := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		invalidated = append(invalidated, r.URL.Path+" "+string(body))
		mu.Unlock()
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `<?xml version="1.0"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I2J0I21PCUYOIK</Id><Status>InProgress</Status></Invalidation>`)
	}))
	defer cf.Close()
	home := t.TempDir()
	env := append(srv.Env(home), "HOME="+home, "AWS_ENDPOINT_URL_CLOUDFRONT="+cf.URL)

	dest := buildBundled(t)
	site := t.TempDir()
	yaml := "base_url: https://meridian.example.org/\ndeploy:\n  targets:\n    - name: live\n      url: " + srv.URL("meridian") +
		"\n      compress: gzip\n      cloudfront: E2QWRUHAPOMQZL\n      exclude: [\"*.map\"]\n  headers:\n    - {match: \"/privacy/index.html\", cache_control: \"public, max-age=3600\"}\n"
	if err := os.WriteFile(filepath.Join(site, "site.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	deploy := func(extra ...string) (string, string, int) {
		return runGalley(t, env, append([]string{"deploy", "-s", site, "-d", dest, "--target", "live"}, extra...)...)
	}
	count := func() int {
		var out struct{ Contents []struct{ Key string } }
		json.Unmarshal(srv.AWS(t, "s3api", "list-objects-v2", "--bucket", "meridian"), &out)
		return len(out.Contents)
	}

	if stdout, stderr, code := deploy("--dry-run"); code != 0 || !strings.Contains(stdout, "dry run: would upload") {
		t.Fatalf("dry run: exit %d\n%s%s", code, stdout, stderr)
	}
	if n := count(); n != 0 {
		t.Errorf("a dry run wrote %d objects", n)
	}
	stdout, stderr, code := deploy()
	if code != 0 || !strings.Contains(stdout, "0 unchanged, deleted 0") {
		t.Fatalf("first deploy: exit %d\n%s%s", code, stdout, stderr)
	}
	files := 0
	filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != ".galley-output" {
			files++
		}
		return nil
	})
	if n := count(); n != files+1 {
		t.Errorf("bucket holds %d objects, want the site's %d files and the manifest", n, files)
	}
	var head struct{ ContentType, CacheControl, ContentEncoding string }
	for _, tt := range []struct{ key, typ, cache, enc string }{
		{"feed.xml", "application/rss+xml", "public, max-age=0, must-revalidate", "gzip"},
		{"news/" + seedSlug + "/index.html", "text/html; charset=utf-8", "public, max-age=0, must-revalidate", "gzip"},
		{"privacy/index.html", "text/html; charset=utf-8", "public, max-age=3600", "gzip"},
		{"favicon.svg", "image/svg+xml", "public, max-age=300", "gzip"},
	} {
		head = struct{ ContentType, CacheControl, ContentEncoding string }{}
		json.Unmarshal(srv.AWS(t, "s3api", "head-object", "--bucket", "meridian", "--key", tt.key), &head)
		if head.ContentType != tt.typ || head.CacheControl != tt.cache || head.ContentEncoding != tt.enc {
			t.Errorf("%s: %+v, want %q, %q, %q", tt.key, head, tt.typ, tt.cache, tt.enc)
		}
	}
	css, _ := filepath.Glob(filepath.Join(dest, "css", "galley.*.css"))
	if len(css) != 1 {
		t.Fatalf("fingerprinted stylesheets: %v, want one", css)
	}
	head = struct{ ContentType, CacheControl, ContentEncoding string }{}
	json.Unmarshal(srv.AWS(t, "s3api", "head-object", "--bucket", "meridian", "--key", "css/"+filepath.Base(css[0])), &head)
	if head.CacheControl != "public, max-age=31536000, immutable" || head.ContentEncoding != "gzip" {
		t.Errorf("%s: %+v, want immutable and gzip", css[0], head)
	}
	if stdout, _, code := deploy(); code != 0 || !strings.Contains(stdout, "uploaded 0 files") {
		t.Errorf("second deploy: exit %d\n%s", code, stdout)
	}
	mu.Lock()
	if len(invalidated) != 0 {
		t.Errorf("deploys that replaced nothing invalidated %q", invalidated)
	}
	mu.Unlock()

	editPage(t, filepath.Join(dest, "privacy", "index.html"))
	if stdout, stderr, code := deploy(); code != 0 || !strings.Contains(stdout, "uploaded 1 files") || !strings.Contains(stdout, "cloudfront E2QWRUHAPOMQZL: invalidation I2J0I21PCUYOIK of 2 paths") {
		t.Errorf("deploy of an edit: exit %d\n%s%s", code, stdout, stderr)
	}
	mu.Lock()
	if len(invalidated) != 1 || !strings.Contains(invalidated[0], "/2020-05-31/distribution/E2QWRUHAPOMQZL/invalidation") ||
		!strings.Contains(invalidated[0], "<Path>/privacy/</Path><Path>/privacy/index.html</Path>") {
		t.Errorf("CloudFront got %q, want /privacy/ and /privacy/index.html", invalidated)
	}
	mu.Unlock()

	// Ctrl-C: 3,000 new files; stop the deploy once it uploads.
	for i := range 3000 {
		p := filepath.Join(dest, "bulk", strconv.Itoa(i%30), strconv.Itoa(i)+".txt")
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(strings.Repeat("bulk ", i%50)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(galleyBin, "deploy", "-s", site, "-d", dest, "--target", "live")
	cmd.Env = append(os.Environ(), env...)
	var errOut syncBuffer
	cmd.Stderr = &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for start := time.Now(); time.Since(start) < time.Minute && !strings.Contains(errOut.String(), "files done"); {
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Signal(interrupt)
	stopped := time.Now()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if took := time.Since(stopped); err == nil || took > 2*time.Second || !strings.Contains(errOut.String(), "interrupted after") {
			t.Errorf("interrupted deploy: %v after %v, stderr %q", err, took, errOut.String())
		}
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the deploy did not stop on Ctrl-C")
	}
	if n := count(); n <= files+1 || n >= files+3001 {
		t.Errorf("after Ctrl-C the bucket holds %d objects, want some of the new files", n)
	}
	if stdout, stderr, code := deploy(); code != 0 || strings.Contains(stdout, "uploaded 3000 files") || strings.Contains(stdout, "cloudfront") {
		t.Errorf("deploy after Ctrl-C: exit %d\n%s%s", code, stdout, stderr)
	}
	if n := count(); n != files+3001 {
		t.Errorf("bucket holds %d objects, want %d", n, files+3001)
	}
}

// A syncBuffer is a bytes.Buffer that a process writes while the test
// reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// editPage changes the bytes of the built page at name.
func editPage(t *testing.T, name string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, append(data, "<!-- edited -->"...), 0o644); err != nil {
		t.Fatal(err)
	}
}

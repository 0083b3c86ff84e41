package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	page := filepath.Join(dest, "privacy", "index.html")
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, append(data, "<!-- edited -->"...), 0o644); err != nil {
		t.Fatal(err)
	}
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

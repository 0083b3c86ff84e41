package wordpress

import (
	"context"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// uploadsDir is where WordPress keeps uploads, and where the import
// copies them, so that old links to the files keep working.
const uploadsDir = "/wp-content/uploads/"

// filesDir is where a WordPress network (multisite, WordPress MU)
// serves a site's uploads.
const filesDir = "/files/"

// uploadOf returns where the old URL u is in the uploads folder (rel,
// as 2026/11/quay.jpg) and the site path its copy takes (the URL's own
// path, so that old links to it keep working); ok is false for a URL
// that is no upload of the old site. Uploads are under /wp-content/
// uploads/ or, in a network, /files/ on the site's host, or on the
// files host of a WordPress.com site (x.wordpress.com's are on
// x.files.wordpress.com/2026/11/…).
func (r *run) uploadOf(u string) (rel, sitePath string, ok bool) {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || p.Scheme != "" && p.Scheme != "http" && p.Scheme != "https" {
		return "", "", false
	}
	old, err := url.Parse(r.ex.Link)
	if err != nil {
		return "", "", false
	}
	clean := path.Clean("/" + p.Path)
	switch {
	case r.onOldSite(p):
		rest, ok := strings.CutPrefix(clean, r.basePath)
		if !ok {
			return "", "", false
		}
		for _, dir := range []string{uploadsDir, filesDir} {
			if rel, ok := strings.CutPrefix(rest, dir); ok {
				return checkRel(rel, clean)
			}
		}
	case strings.HasSuffix(old.Host, ".wordpress.com") && strings.EqualFold(p.Host, strings.TrimSuffix(old.Host, ".wordpress.com")+".files.wordpress.com"):
		return checkRel(strings.TrimPrefix(clean, "/"), uploadsDir+strings.TrimPrefix(clean, "/"))
	}
	return "", "", false
}

// checkRel returns rel and sitePath when rel is a file's path that stays
// inside the uploads folder.
func checkRel(rel, sitePath string) (string, string, bool) {
	if rel == "" || strings.HasSuffix(rel, "/") || strings.HasPrefix(rel, "../") || rel == ".." || strings.ContainsAny(rel, "\\\x00") {
		return "", "", false
	}
	return rel, sitePath, true
}

// sizeSuffix is the size WordPress adds to the names of the smaller
// copies it makes: photo-300x200.jpg.
var sizeSuffix = regexp.MustCompile(`-\d+x\d+$`)

// upload copies the file of the old URL u from --uploads into static/,
// and returns its new site path; false when u is no upload, its file is
// not in --uploads, or it could not be copied. A smaller copy that is
// missing is replaced by its original, which the image pipeline resizes.
func (r *run) upload(ctx context.Context, u string) (string, bool) {
	if r.src.Uploads == "" {
		return "", false
	}
	rel, sitePath, ok := r.uploadOf(u)
	if !ok {
		return "", false
	}
	if !isRegular(filepath.Join(r.src.Uploads, filepath.FromSlash(rel))) {
		ext := path.Ext(rel)
		orig := sizeSuffix.ReplaceAllString(strings.TrimSuffix(rel, ext), "") + ext
		if orig == rel || !isRegular(filepath.Join(r.src.Uploads, filepath.FromSlash(orig))) {
			return "", false
		}
		sitePath = strings.TrimSuffix(sitePath, rel) + orig
		rel = orig
	}
	target := "static" + sitePath
	ok, seen := r.copied[target]
	if !seen {
		// A link that leads out of --uploads is not copied, and the
		// picture stays where it was.
		ok = r.w.Copy(ctx, filepath.Join(r.src.Uploads, filepath.FromSlash(rel)), target)
		r.copied[target] = ok
		if ok {
			r.counts.localImages++
		}
	}
	return sitePath, ok
}

func isRegular(name string) bool {
	info, err := os.Stat(name)
	return err == nil && info.Mode().IsRegular()
}

package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// siteSources are the folders of a site that hold what an editor wrote:
// a build never writes into them.
var siteSources = []string{"content", "static", "templates", "seeds", CacheDir}

// checkDest refuses, before any work, a destination that a build would
// destroy the site with: the site folder itself, a folder above it, or
// one inside the folders that hold its sources. A build replaces its
// destination whole, so any of these would delete articles or copy the
// output into itself. A destination that is a symbolic link is refused
// too: the swap would replace the link, not the folder it names.
func checkDest(site, dest string) error {
	siteAbs, err := realPath(site)
	if err != nil {
		return fmt.Errorf("site folder %s: %w", site, err)
	}
	if info, err := os.Lstat(dest); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		advice := "pass a folder outside the site's sources"
		if target, err := filepath.EvalSymlinks(dest); err == nil && placeOf(siteAbs, target) == "" {
			advice = fmt.Sprintf("pass the folder it leads to (-d %s)", target)
		}
		return fmt.Errorf("-d %s is a symbolic link: a build replaces the folder at that name, so %s", dest, advice)
	}
	destAbs, err := realPath(dest)
	if err != nil {
		return fmt.Errorf("output folder %s: %w", dest, err)
	}
	suggest := filepath.Join(site, "public")
	switch place := placeOf(siteAbs, destAbs); place {
	case "":
		return nil
	case ".":
		return fmt.Errorf("-d %s is the site folder itself: a build replaces its output folder whole, which would delete content/, static/ and site.yaml; pass -d %s or a folder outside the site", dest, suggest)
	case "..":
		return fmt.Errorf("-d %s holds the site folder %s: a build replaces its output folder whole, which would delete the site; pass -d %s or another folder beside the site", dest, site, suggest)
	default:
		return fmt.Errorf("-d %s is inside the site's %s/ folder, which holds what Galley builds from: a build there would replace or copy itself into the sources; pass -d %s or a folder outside %s/", dest, place, suggest, place)
	}
}

// placeOf says where the folder dest, an absolute path with its links
// resolved, lies for the site at siteAbs: "." for the site itself, ".."
// for a folder above it, the name of one of siteSources for a folder in
// it, or "" for a place where a build may write. It compares names and
// also the folders themselves, so that a name that differs only in case
// on a file system that ignores case, or a bind mount, is caught too.
func placeOf(siteAbs, dest string) string {
	same := func(a, b string) bool {
		if a == b {
			return true
		}
		ai, err1 := os.Stat(a)
		bi, err2 := os.Stat(b)
		return err1 == nil && err2 == nil && os.SameFile(ai, bi)
	}
	// dest and the parents of it that exist, nearest first.
	var chain []string
	for p := dest; ; p = filepath.Dir(p) {
		chain = append(chain, p)
		if p == filepath.Dir(p) {
			break
		}
	}
	if same(dest, siteAbs) {
		return "."
	}
	if within(siteAbs, dest) {
		return ".."
	}
	for p := filepath.Dir(siteAbs); ; p = filepath.Dir(p) {
		if same(dest, p) {
			return ".."
		}
		if p == filepath.Dir(p) {
			break
		}
	}
	for _, src := range siteSources {
		dir := filepath.Join(siteAbs, src)
		for _, p := range chain {
			if same(p, dir) {
				return src
			}
		}
	}
	return ""
}

// realPath returns the absolute path of p with every symbolic link
// resolved, for as much of it as exists: a destination may not exist yet.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var missing []string
	for {
		real, err := filepath.EvalSymlinks(abs)
		if err == nil {
			return filepath.Join(append([]string{real}, missing...)...), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return "", err
		}
		missing = append([]string{filepath.Base(abs)}, missing...)
		abs = parent
	}
}

// within reports whether path is inside the folder dir (not dir itself).
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

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
		target, _ := filepath.EvalSymlinks(dest)
		return fmt.Errorf("-d %s is a symbolic link: a build replaces the folder at that name, so pass the folder it leads to (-d %s)", dest, target)
	}
	destAbs, err := realPath(dest)
	if err != nil {
		return fmt.Errorf("output folder %s: %w", dest, err)
	}
	suggest := filepath.Join(site, "public")
	switch {
	case destAbs == siteAbs:
		return fmt.Errorf("-d %s is the site folder itself: a build replaces its output folder whole, which would delete content/, static/ and site.yaml; pass -d %s or a folder outside the site", dest, suggest)
	case within(siteAbs, destAbs):
		return fmt.Errorf("-d %s holds the site folder %s: a build replaces its output folder whole, which would delete the site; pass -d %s or another folder beside the site", dest, site, suggest)
	}
	for _, src := range siteSources {
		dir := filepath.Join(siteAbs, src)
		if destAbs == dir || within(destAbs, dir) {
			return fmt.Errorf("-d %s is inside the site's %s/ folder, which holds what Galley builds from: a build there would replace or copy itself into the sources; pass -d %s or a folder outside %s/", dest, src, suggest, src)
		}
	}
	return nil
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

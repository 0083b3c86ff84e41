package content

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
)

// A LinkFS is a site's file system that can say where a symbolic link
// leads.
type LinkFS interface {
	fs.FS
	// LinkTarget returns the slash path, from the site folder, of the
	// file that name leads to with every link on the way followed; ok is
	// false when it leads outside the site or nowhere.
	LinkTarget(name string) (target string, ok bool)
}

// linkedFolders are the folders of a site a symbolic link may lead into:
// those of the files Galley reads to build. A link to .git/config, .env,
// seeds/ or the cache would publish what no one meant to publish.
var linkedFolders = []string{Dir, "static", "templates"}

// CheckLink says why Galley may not follow the symbolic link at name in
// site, or returns nil. A link may lead to a file in content/, static/
// or templates/ whose path has no hidden part (a name starting with "."
// or, but in static/, "_"; static/.well-known/ is not hidden). A site
// that cannot say where its links lead follows none.
func CheckLink(site fs.FS, name string) error {
	lfs, ok := site.(LinkFS)
	if !ok {
		return errors.New("symbolic link is not followed here; replace it with the file itself")
	}
	target, ok := lfs.LinkTarget(name)
	if !ok {
		return errors.New("symbolic link leads outside the site or nowhere; replace it with the file itself")
	}
	parts := strings.Split(target, "/")
	if !slices.Contains(linkedFolders, parts[0]) {
		return fmt.Errorf("symbolic link leads to %s, outside content/, static/ and templates/; replace it with the file itself", target)
	}
	for _, p := range parts[1:] {
		if hiddenIn(parts[0], p) {
			return fmt.Errorf("symbolic link leads to %s, a hidden file; replace it with the file itself", target)
		}
	}
	return nil
}

// hiddenIn reports whether Galley ignores a file or folder named name in
// the folder top of a site. static/ is published as it is, so there only
// names starting with "." are hidden (Netlify's _redirects is not), and
// .well-known/ is not.
func hiddenIn(top, name string) bool {
	if top == "static" {
		return strings.HasPrefix(name, ".") && name != ".well-known"
	}
	return hidden(name)
}

// HiddenStatic reports whether the file or folder name of static/ is
// one a build leaves out.
func HiddenStatic(name string) bool { return hiddenIn("static", name) }

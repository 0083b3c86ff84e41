package content

import (
	"bytes"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"galley.dev/galley/cmd/galley/internal/markdown"
)

// A BodyImage is a local picture that a story's text shows: the images
// stage makes its derivatives, as it does the hero's.
type BodyImage struct {
	// File is the site file: "content/news/story/map.jpg".
	File string
	// SitePath is its URL path, as the text's link resolves:
	// "/news/story/map.jpg".
	SitePath string
}

// bodyImageRE matches a markdown image's destination: ![alt](dest …).
var bodyImageRE = regexp.MustCompile(`!\[[^\]\n]*\]\(\s*<?([^\s)>]+)`)

// pictureExts are the formats the images stage makes derivatives of.
var pictureExts = []string{".jpg", ".jpeg", ".png", ".webp", ".gif"}

// bodyImages lists the local pictures of body, the markdown of a, once
// each: beside it in its bundle, or under static/ by a site path. Remote
// pictures, and code, are left out.
func bodyImages(site fs.FS, a *Article, body []byte) []BodyImage {
	if !bytes.Contains(body, []byte("![")) {
		return nil // most stories: no scan
	}
	var out []BodyImage
	fences := markdown.Fences(string(body))
	for _, m := range bodyImageRE.FindAllSubmatchIndex(body, -1) {
		if markdown.InFence(fences, m[0]) >= 0 {
			continue // code shows an image's markdown, not the image
		}
		dest := string(body[m[2]:m[3]])
		if !slices.Contains(pictureExts, strings.ToLower(path.Ext(dest))) || strings.Contains(dest, "://") || strings.HasPrefix(dest, "//") || !markdown.SafeURL(dest) {
			continue
		}
		var file string
		switch {
		case strings.HasPrefix(dest, "/"):
			file = path.Join("static", dest)
		case a.Dir != "":
			file = path.Join(a.Dir, dest)
			if !strings.HasPrefix(file, a.Dir+"/") {
				continue // ../ out of the bundle: not the bundle's picture
			}
		default:
			continue
		}
		if !fs.ValidPath(file) || slices.ContainsFunc(out, func(b BodyImage) bool { return b.File == file }) {
			continue
		}
		if info, err := fs.Stat(site, file); err != nil || !info.Mode().IsRegular() {
			continue
		}
		out = append(out, BodyImage{File: file, SitePath: markdown.Resolve(dest, a.URL())})
	}
	return out
}

package deploy

import (
	"mime"
	"path"
	"strings"

	"galley.dev/galley/cmd/galley/internal/output"
)

// Header is what an object is served with.
type Header struct {
	ContentType     string
	CacheControl    string
	ContentEncoding string // "" for none
}

// Cache-Control values.
const (
	// Revalidate is for what changes under one name: pages, feeds,
	// sitemaps, the search index's root.
	Revalidate = "public, max-age=0, must-revalidate"
	// Immutable is for files named by their content.
	Immutable = "public, max-age=31536000, immutable"
	// Short is for the rest: the theme's styles and scripts, pictures
	// of static/, which keep their names when they change.
	Short = "public, max-age=300"
)

// contentTypes are the types of the files Galley writes, by extension;
// feeds are told apart by name (feedType).
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".json":  "application/json",
	".xml":   "application/xml",
	".txt":   "text/plain; charset=utf-8",
	".svg":   "image/svg+xml",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".png":   "image/png",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".avif":  "image/avif",
	".ico":   "image/x-icon",
	".woff2": "font/woff2",
	".woff":  "font/woff",
	".pdf":   "application/pdf",
	".mp3":   "audio/mpeg",
	".mp4":   "video/mp4",
}

// Headers returns the header of the object at key, a path of the built
// site without its leading slash ("news/barrier/index.html").
func Headers(key string) Header {
	return Header{ContentType: contentType(key), CacheControl: cacheControl(key)}
}

func contentType(key string) string {
	base := path.Base(key)
	switch base {
	case "feed.xml":
		return "application/rss+xml"
	case "atom.xml":
		return "application/atom+xml"
	case "feed.json":
		return "application/feed+json"
	case "_redirects", "_headers":
		return "text/plain; charset=utf-8"
	}
	ext := strings.ToLower(path.Ext(base))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

func cacheControl(key string) string {
	switch {
	case fingerprinted(key):
		return Immutable
	case strings.HasSuffix(key, ".html"), strings.HasSuffix(key, ".xml"), strings.HasSuffix(key, ".json"),
		strings.HasSuffix(key, ".txt"), path.Base(key) == "_redirects":
		return Revalidate
	}
	return Short
}

// fingerprinted reports whether the file at key is named by its
// content, so that new content always comes under a new name: the
// styles and scripts under their fingerprinted names
// (css/galley.<hash>.css), the picture derivatives under _img/<hash>/
// and the search index's parts (search/s/, search/t/, search/r/ and
// search/f-<hash>.json; not its root, which names them).
func fingerprinted(key string) bool {
	switch {
	case output.IsFingerprinted(key), strings.HasPrefix(key, "_img/"):
		return true
	case strings.HasPrefix(key, "search/s/"), strings.HasPrefix(key, "search/t/"), strings.HasPrefix(key, "search/r/"):
		return strings.HasSuffix(key, ".json")
	case strings.HasPrefix(key, "search/f-"):
		return strings.HasSuffix(key, ".json")
	}
	return false
}

// stage returns the step of a deploy in which the file at key goes up:
// 0 assets, 1 pages, 2 what lists pages, 3 the front page.
func stage(key string) int {
	switch {
	case key == "index.html":
		return 3
	case key == "search/root.json", key == "robots.txt", path.Base(key) == "_redirects",
		strings.HasSuffix(key, ".xml"), path.Base(key) == "feed.json":
		return 2
	case strings.HasSuffix(key, ".html"):
		return 1
	}
	return 0
}

package content

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"galley.dev/galley/cmd/galley/internal/diag"
)

// A page bundle is an author's folder: what it may publish beside its
// page is narrower than static/, the site owner's. Unless the site lets
// raw HTML through (markdown.unsafe), a bundle publishes only passive
// files: pictures, sound, video, documents and data, which a browser
// shows but never runs. HTML, scripts, XML (which can carry XHTML
// script) and anything unknown are refused with the reason, and an SVG
// only passes when it holds no script, event handler, foreign content
// or script URL.
var passiveTypes = []string{
	// pictures
	".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".bmp", ".tif", ".tiff", ".ico", ".heic", ".heif", ".jxl", ".svg",
	// sound and video, and their captions
	".mp3", ".m4a", ".aac", ".oga", ".ogg", ".opus", ".wav", ".flac", ".mp4", ".m4v", ".mov", ".webm", ".ogv", ".vtt", ".srt",
	// documents and data
	".pdf", ".txt", ".csv", ".tsv", ".json", ".geojson", ".zip", ".gz", ".epub",
	// fonts
	".woff", ".woff2", ".ttf", ".otf",
}

// bundle lists the page bundle in the folder dir: its index.md, the
// files beside it that it publishes, and the bundles nested in it, each
// an article of its own. Names starting with "." or "_" are ignored at
// every depth, and markdown files other than index.md are sources, not
// files to publish.
func bundle(site fs.FS, dir string, opts Options) ([]file, []*diag.Error) {
	f := file{path: dir + "/index.md", bundle: true}
	files := []file{f}
	var errs []*diag.Error
	_ = fs.WalkDir(site, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, &diag.Error{Path: p, Err: unwrapPath(err)})
			return nil
		}
		if p == dir {
			return nil
		}
		if hidden(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if _, err := fs.Stat(site, p+"/index.md"); err == nil {
				nested, nestedErrs := bundle(site, p, opts)
				files = append(files, nested...)
				errs = append(errs, nestedErrs...)
				return fs.SkipDir
			}
			return nil
		}
		if mode := d.Type(); !mode.IsRegular() && !mode.IsDir() && mode&fs.ModeSymlink == 0 {
			errs = append(errs, diag.Errorf(p, 0, "not a regular file but a %s; remove it", KindOf(mode)))
			return nil
		}
		if p == f.path || strings.HasSuffix(d.Name(), ".md") {
			return nil
		}
		if e := checkResource(site, p, d, opts); e != nil {
			errs = append(errs, e)
			return nil
		}
		files[0].resources = append(files[0].resources, strings.TrimPrefix(p, dir+"/"))
		return nil
	})
	return files, errs
}

// Passive reports whether a page bundle may publish the file name by its
// type, with markdown.unsafe off. (An SVG is also scanned for script.)
func Passive(name string) bool {
	return slices.Contains(passiveTypes, strings.ToLower(path.Ext(name)))
}

// hidden reports whether a file or folder name is one Galley ignores.
func hidden(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")
}

// checkResource says why the bundle file at p may not be published, or
// nil if it may.
func checkResource(site fs.FS, p string, d fs.DirEntry, opts Options) *diag.Error {
	if mode := d.Type(); !mode.IsRegular() && mode&fs.ModeSymlink == 0 {
		// Opening a FIFO would wait for a writer forever.
		return diag.Errorf(p, 0, "not a regular file but a %s; remove it", KindOf(mode))
	}
	if d.Type()&fs.ModeSymlink != 0 {
		if err := CheckLink(site, p); err != nil {
			return &diag.Error{Path: p, Err: err}
		}
	}
	info, err := fs.Stat(site, p) // the file a link leads to
	if err != nil {
		return diag.Errorf(p, 0, "symbolic link leads outside the site or nowhere: %v; replace it with the file itself", unwrapPath(err))
	}
	mode := info.Mode().Type()
	if mode.IsDir() {
		return diag.Errorf(p, 0, "symbolic link to a folder is not followed; move the folder here")
	}
	if !mode.IsRegular() {
		return diag.Errorf(p, 0, "not a regular file but a %s; remove it", KindOf(mode))
	}
	if opts.MaxAssetSize > 0 && info.Size() > opts.MaxAssetSize {
		return diag.Errorf(p, 0, "file is %d bytes, over the limit of %d (max_asset_size in site.yaml); raise the limit or serve the file from elsewhere", info.Size(), opts.MaxAssetSize)
	}
	if opts.Unsafe {
		return nil
	}
	ext := strings.ToLower(path.Ext(p))
	if !Passive(p) {
		return diag.Errorf(p, 0, "a page bundle may not publish %s: with markdown.unsafe off it publishes only pictures, sound, video, PDFs and data files, which cannot run script; "+
			"put a file the site owner trusts under static/", describeType(ext))
	}
	if ext == ".svg" {
		if why := activeSVG(site, p); why != "" {
			return diag.Errorf(p, 0, "SVG %s, which would run as script on the site's origin; remove it from the drawing or put the file under static/ if the site owner trusts it", why)
		}
	}
	return nil
}

func describeType(ext string) string {
	switch ext {
	case "":
		return "a file without an extension"
	case ".html", ".htm", ".xhtml", ".xht", ".shtml":
		return "HTML (" + ext + ")"
	case ".js", ".mjs", ".cjs":
		return "JavaScript (" + ext + ")"
	}
	return ext + " files"
}

// KindOf names the kind of file that is neither a regular file nor a
// folder, for messages.
func KindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return "special file"
}

// activeSVG returns what in the SVG file p could run script, or "".
func activeSVG(site fs.FS, p string) string {
	f, err := site.Open(p)
	if err != nil {
		return fmt.Sprintf("cannot be read (%v)", unwrapPath(err))
	}
	defer f.Close()
	return scanSVG(f)
}

// scanSVG reads an SVG and returns what in it could run script, or "".
// It reads strictly, with the SVG's own entities expanded as a browser
// expands them: an entity could spell a script URL that no scan of the
// text would see.
func scanSVG(r io.Reader) string {
	dec := xml.NewDecoder(r)
	dec.Strict = true
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return ""
		}
		if err != nil {
			return fmt.Sprintf("cannot be read as XML (%v)", err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			entities, ok := plainEntities(string(t))
			if !ok {
				return "has a DOCTYPE that declares more than plain-text entities (attribute defaults, external or nested entities)"
			}
			// Illustrator declares its namespaces so; expanded, they are
			// checked as any attribute is.
			dec.Entity = entities
		case xml.ProcInst:
			if t.Target == "xml-stylesheet" {
				return "loads a style sheet (<?xml-stylesheet?>)"
			}
		case xml.StartElement:
			if why := activeElement(t); why != "" {
				return why
			}
		}
	}
}

// xhtmlNamespace is HTML's namespace in XML: elements in it are HTML,
// with HTML's scripts, frames, refreshes and base URLs.
const xhtmlNamespace = "http://www.w3.org/1999/xhtml"

// activeElement returns what in one SVG element could run script, or "".
func activeElement(t xml.StartElement) string {
	switch strings.ToLower(t.Name.Local) {
	case "script":
		return "holds a <script>"
	case "foreignobject":
		return "holds a <foreignObject>, which can carry HTML"
	case "iframe", "embed", "object":
		return "holds an <" + t.Name.Local + ">"
	case "handler", "listener":
		return "holds a <" + t.Name.Local + ">, an event handler"
	case "set", "animate", "animatemotion", "animatetransform":
		for _, a := range t.Attr {
			v := strings.ToLower(strings.TrimSpace(a.Value))
			if strings.EqualFold(a.Name.Local, "attributeName") && (strings.Contains(v, "href") || strings.HasPrefix(v, "on")) {
				return "animates a link or handler (<" + t.Name.Local + " attributeName=" + a.Value + ">)"
			}
		}
	}
	if t.Name.Space == xhtmlNamespace {
		return "holds HTML (<" + t.Name.Local + "> in the XHTML namespace)"
	}
	for _, a := range t.Attr {
		name := strings.ToLower(a.Name.Local)
		if strings.HasPrefix(name, "on") {
			return "has an event handler (" + a.Name.Local + ")"
		}
		if scriptURL(a.Value) {
			return "links to a script URL (" + a.Name.Local + ")"
		}
	}
	return ""
}

// scriptURL reports whether v, an attribute value, is a URL that runs
// script or carries a document: javascript:, vbscript:, or data: other
// than a raster picture (drawing programs embed those). Browsers ignore
// spaces and control characters in the scheme.
func scriptURL(v string) bool {
	var b strings.Builder
	for _, r := range v {
		if r > ' ' {
			b.WriteRune(r)
		}
		if b.Len() > 20 {
			break
		}
	}
	s := strings.ToLower(b.String())
	if rest, ok := strings.CutPrefix(s, "data:"); ok {
		for _, picture := range []string{"image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"} {
			if strings.HasPrefix(rest, picture+";") || strings.HasPrefix(rest, picture+",") {
				return false
			}
		}
		return true
	}
	return strings.HasPrefix(s, "javascript:") || strings.HasPrefix(s, "vbscript:")
}

// entityDecl matches one general entity declared with a quoted value.
var entityDecl = regexp.MustCompile(`<!ENTITY\s+([A-Za-z_][-A-Za-z0-9_.]*)\s+(?:"([^"<&%]*)"|'([^'<&%]*)')\s*>`)

// plainEntities returns the entities a DOCTYPE declares, if its
// internal subset holds nothing but general entities of plain text: no
// parameter or external entities, no entity made of others (which could
// grow without bound or hide markup), and no attribute defaults, which
// can add an onload= to every element.
func plainEntities(directive string) (map[string]string, bool) {
	open := strings.IndexByte(directive, '[')
	if open < 0 {
		return nil, !strings.Contains(strings.ToUpper(directive), "ENTITY") && !strings.Contains(directive, "<!")
	}
	close := strings.LastIndexByte(directive, ']')
	if close < open {
		return nil, false
	}
	subset := directive[open+1 : close]
	entities := map[string]string{}
	for _, m := range entityDecl.FindAllStringSubmatch(subset, -1) {
		entities[m[1]] = m[2] + m[3]
	}
	rest := entityDecl.ReplaceAllString(subset, "")
	if strings.TrimSpace(rest) != "" || strings.ContainsAny(directive[close+1:], "<>[]") {
		return nil, false
	}
	return entities, true
}

// Package server previews a site: it serves the latest good build over
// HTTP, rebuilds when the site's files change, and reloads open tabs
// through Server-Sent Events. A build that fails leaves the last good one
// in place and shows its problems in the browser until a save fixes them.
//
// A preview shows drafts and scheduled stories, so nothing it serves may
// be indexed: every answer carries X-Robots-Tag, pages a robots meta tag,
// and robots.txt shuts every crawler out, whatever the built site's says.
package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
)

// Paths served by Galley itself rather than the site.
const (
	eventsPath = "/_galley/events"
	scriptPath = "/_galley/reload.js"
	robotsPath = "/robots.txt"
)

// noIndex asks search engines neither to index a preview nor to follow
// its links, which lead to more drafts.
const noIndex = "noindex, nofollow"

// previewRobots is the preview's robots.txt. The built one lets crawlers
// in, as the published site must; the preview answers this one instead,
// so that the build stays the same as the one that gets published.
const previewRobots = "User-agent: *\nDisallow: /\n"

// A Server serves the latest build.
type Server struct {
	quit     chan struct{} // closed by Close
	quitOnce sync.Once

	mu      sync.Mutex
	files   fs.FS         // the last good build, or nil
	problem string        // the last build's error, or ""
	version int           // counts builds, for the reload events
	changed chan struct{} // closed and replaced after each build
}

// New returns a Server with nothing to serve until Built is called.
func New() *Server {
	return &Server{changed: make(chan struct{}), quit: make(chan struct{})}
}

// Close ends the event streams, which would otherwise keep a graceful
// shutdown waiting; register it with http.Server.RegisterOnShutdown.
func (s *Server) Close() { s.quitOnce.Do(func() { close(s.quit) }) }

// Built records the outcome of a build and tells open tabs to reload.
// files is what to serve from now on: the new build, or the last good one
// if this one failed with err. It must keep every open inside itself,
// whatever dots or symbolic links a path holds, as (*os.Root).FS does.
func (s *Server) Built(files fs.FS, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files = files
	s.problem = ""
	if err != nil {
		s.problem = err.Error()
	}
	s.version++
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) state() (files fs.FS, problem string, version int, changed <-chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.files, s.problem, s.version, s.changed
}

// ServeHTTP serves the site, the reload script and the event stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Robots-Tag", noIndex)
	switch {
	case r.Method != http.MethodGet && r.Method != http.MethodHead:
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	case r.URL.Path == eventsPath:
		s.events(w, r)
	case r.URL.Path == scriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		io.WriteString(w, reloadScript)
	case r.URL.Path == robotsPath:
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		io.WriteString(w, previewRobots)
	default:
		s.file(w, r)
	}
}

// reloadScript reloads the page when a build other than the one it was
// served from is done. The page says its build on the script's tag, so
// that a build that ends while the page loads is not missed. EventSource
// reconnects by itself, so a restarted server picks up open tabs too.
const reloadScript = `(function(){var s=document.currentScript,v=s&&s.dataset.build||null;var es=new EventSource("` + eventsPath + `");es.onmessage=function(e){if(v!==null&&e.data!==v){location.reload()}v=e.data}})();`

// events streams one message per build, carrying the build's number.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	for {
		_, _, version, changed := s.state()
		if _, err := fmt.Fprintf(w, "data: %d\n\n", version); err != nil {
			return
		}
		if err := rc.Flush(); err != nil {
			return
		}
		select {
		case <-changed:
		case <-r.Context().Done():
			return
		case <-s.quit:
			return
		}
	}
}

// file serves a file of the build. The build's file system confines
// every open to the build, whatever dots, encoded dots or symbolic links
// the path holds; folders serve their index.html and are never listed.
func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	files, problem, version, _ := s.state()
	if files == nil {
		s.problemPage(w, "no build yet: "+problem, version)
		return
	}
	name := path.Clean("/" + r.URL.Path)
	if strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	name = strings.TrimPrefix(name, "/")
	if name == "" {
		name = "index.html"
	}
	data, info, err := readFile(files, name)
	switch {
	case info != nil && info.IsDir():
		http.Redirect(w, r, folderURL(r.URL.Path, r.URL.RawQuery), http.StatusMovedPermanently)
		return
	case err != nil && !isPathError(err):
		// A page made on demand failed: show why, as a failed build does.
		s.problemPage(w, err.Error(), version)
		return
	case err != nil:
		// Missing, or refused: outside the build, a folder.
		s.notFound(w, files, version)
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	if strings.HasPrefix(ctype, "text/html") {
		if problem != "" {
			s.problemPage(w, problem, version)
			return
		}
		data = inject(data, version)
	}
	sum := sha256.Sum256(data)
	w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:8])+`"`)
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, name, info.ModTime(), bytes.NewReader(data))
}

// folderURL returns where a folder asked for without its final slash
// redirects: the cleaned path with a slash, escaped, and the query. The
// path as asked cannot be sent back as it is: "//evil.example/..//news"
// is the folder /news/, but as a Location it names another host, and a
// browser reads "/\evil.example" as "//evil.example" too. Cleaning
// leaves a single leading slash, and escaping turns any backslash into
// %5C, so the Location is always a path on the preview's own origin. The
// query stays, but for a "#" a request line may carry in it, which would
// start a fragment here.
func folderURL(p, rawQuery string) string {
	loc := (&url.URL{Path: strings.TrimSuffix(path.Clean("/"+p), "/") + "/"}).EscapedPath()
	if rawQuery != "" {
		loc += "?" + strings.ReplaceAll(rawQuery, "#", "%23")
	}
	return loc
}

// isPathError reports whether err is the file system's: a file that is
// not there or not allowed, rather than a page that failed to be made.
func isPathError(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe) || errors.Is(err, fs.ErrNotExist)
}

// readFile reads the file at name; for a folder, it returns its info and
// fs.ErrNotExist.
func readFile(files fs.FS, name string) ([]byte, fs.FileInfo, error) {
	f, err := files.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if info.IsDir() {
		return nil, info, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
	}
	data, err := io.ReadAll(f)
	return data, info, err
}

// notFound serves the site's 404.html with status 404.
func (s *Server) notFound(w http.ResponseWriter, files fs.FS, version int) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusNotFound)
	if page, err := fs.ReadFile(files, "404.html"); err == nil {
		w.Write(inject(page, version))
		return
	}
	io.WriteString(w, "<!doctype html><title>Not found</title><h1>Not found</h1>")
}

// scriptTag loads the reload script into a page of the given build.
func scriptTag(version int) []byte {
	return []byte(`<script src="` + scriptPath + `" data-build="` + strconv.Itoa(version) + `" defer></script>`)
}

// robotsMeta keeps a page out of search engines that see the page but
// not the header it came with, as when it is saved and put elsewhere.
const robotsMeta = `<meta name="robots" content="` + noIndex + `">`

// inject adds the robots meta tag to a page, before </head> if it has
// one (the header says the same, so a page without is still covered),
// and the reload script, before </body> if it has one.
func inject(page []byte, version int) []byte {
	if i := bytes.Index(page, []byte("</head>")); i >= 0 {
		page = bytes.Join([][]byte{page[:i], []byte(robotsMeta), page[i:]}, nil)
	}
	tag := scriptTag(version)
	if i := bytes.LastIndex(page, []byte("</body>")); i >= 0 {
		return bytes.Join([][]byte{page[:i], tag, page[i:]}, nil)
	}
	return append(page, tag...)
}

var problemTemplate = template.Must(template.New("problem").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8">{{.Robots}}<title>Build failed · Galley</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1a1a1a;background:#fff}
h1{color:#a3161a}pre{background:#f6f1f1;border-left:4px solid #a3161a;padding:1rem;white-space:pre-wrap;font-size:14px}</style></head>
<body><h1>The build failed</h1><p>Fix these problems and save; this page reloads by itself. The last good build is still being served to nobody else.</p>
<pre>{{.Problem}}</pre>{{.Script}}</body></html>`))

// problemPage shows the last build's problems in place of a page.
func (s *Server) problemPage(w http.ResponseWriter, problem string, version int) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusInternalServerError)
	problemTemplate.Execute(w, struct {
		Problem        string
		Robots, Script template.HTML
	}{problem, robotsMeta, template.HTML(scriptTag(version))})
}

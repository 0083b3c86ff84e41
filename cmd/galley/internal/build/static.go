package build

import (
	"crypto/sha256"
	"io/fs"
	"path"
	"runtime"

	"golang.org/x/sync/errgroup"

	"galley.dev/galley/cmd/galley/internal/diag"
	"galley.dev/galley/cmd/galley/internal/output"
)

// A staticFile is a file of static/, the theme's or the site's, that the
// build copies to the output.
type staticFile struct {
	fsys   fs.FS
	src    string // its path in fsys: "static/css/galley.css"
	name   string // its output file: "css/galley.css"
	origin string // "theme" or "site"
	key    string // the key of its task
	// fingerprinted is the second name that a stylesheet or script is
	// written under, output.Fingerprinted of the sum of its bytes as
	// written; "" for any other file, and before fingerprintStatic.
	fingerprinted string
}

// listStatic lists the files of static/ of the theme and of the site,
// the theme's first; a site file replaces the theme's file of the same
// name.
func listStatic(siteFS, theme fs.FS, global string, maxSize int64) ([]staticFile, error) {
	siteFiles, err := staticFiles(siteFS, maxSize)
	if err != nil {
		return nil, err
	}
	themeFiles, err := staticFiles(theme, 0)
	if err != nil {
		return nil, err
	}
	var files []staticFile
	add := func(fsys fs.FS, name, origin string) {
		src := "static/" + name
		// With global: a theme file is minified by this binary.
		files = append(files, staticFile{fsys: fsys, src: src, name: name, origin: origin, key: key(global, copyKey(fsys, src, origin))})
	}
	for _, name := range themeFiles {
		if !contains(siteFiles, name) {
			add(theme, name, "theme")
		}
	}
	for _, name := range siteFiles {
		add(siteFS, name, "site")
	}
	return files, nil
}

// fingerprints reports whether the build writes the static file name
// under a fingerprinted name too: stylesheets and scripts, which pages
// link and a browser may keep, but not one named so already.
func fingerprints(name string) bool {
	ext := path.Ext(name)
	return (ext == ".css" || ext == ".js") && !output.IsFingerprinted(name)
}

// fingerprintStatic names the stylesheets and scripts of files by the
// sums of their bytes as the build writes them, before any page that
// links them is rendered. A file whose copy the last build made with the
// same key keeps the name it had then, unread: a build that changed
// nothing minifies nothing. c may be nil.
func fingerprintStatic(files []staticFile, opts Options, c *cache) error {
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	errs := make([]error, len(files))
	for i := range files {
		f := &files[i]
		if !fingerprints(f.name) {
			continue
		}
		if f.fingerprinted = c.fingerprinted(*f); f.fingerprinted != "" {
			continue
		}
		g.Go(func() error {
			_, f.fingerprinted, errs[i] = f.written(opts)
			return nil
		})
	}
	g.Wait()
	return joinProblems(errs...)
}

// fingerprinted returns the fingerprinted name that the last build wrote
// f under, if it made f's files with f's key and they are intact: then
// they are the same bytes. It returns "" for any other file, and when c
// is nil.
func (c *cache) fingerprinted(f staticFile) string {
	if c == nil || !c.intact(task{id: f.name, key: f.key}) {
		return ""
	}
	for _, name := range c.oldTasks[f.name] {
		if name != f.name && output.IsFingerprinted(name) {
			return name
		}
	}
	return ""
}

// written returns the bytes of f as the build writes them, and its
// fingerprinted name, which is made of their sum.
func (f *staticFile) written(opts Options) (data []byte, fingerprinted string, err error) {
	data, err = fs.ReadFile(f.fsys, f.src)
	if err == nil {
		data, err = output.Minify(f.name, data, output.Options{NoMinify: opts.NoMinify})
	}
	if err != nil {
		return nil, "", &diag.Error{Path: f.src, Err: unwrapPathError(err)}
	}
	sum := sha256.Sum256(data)
	return data, output.Fingerprinted(f.name, sum[:]), nil
}

// fingerprintTask writes the stylesheet or script f under its plain name,
// for pages and templates that link that, and under its fingerprinted
// one, the same bytes.
func fingerprintTask(f staticFile, opts Options) task {
	return task{id: f.name, key: f.key, extra: []string{f.fingerprinted}, run: func(out sink) ([]string, error) {
		data, fingerprinted, err := f.written(opts)
		if err != nil {
			return nil, err
		}
		if fingerprinted != f.fingerprinted {
			// The pages link the name it had when the build began.
			return nil, diag.Errorf(f.src, 0, "changed during the build; build again")
		}
		names := []string{f.name, f.fingerprinted}
		for _, name := range names {
			if err := out.WriteRaw(name, data); err != nil { // minified already
				return nil, err
			}
		}
		return names, nil
	}}
}

// assetPaths returns what Renderer.Assets holds: the site paths of the
// fingerprinted files by the site paths of their plain ones.
func assetPaths(files []staticFile) map[string]string {
	paths := map[string]string{}
	for _, f := range files {
		if f.fingerprinted != "" {
			paths["/"+f.name] = "/" + f.fingerprinted
		}
	}
	return paths
}

package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sync/atomic"
	"time"

	"galley.dev/galley/cmd/galley/internal/content"
	"galley.dev/galley/cmd/galley/internal/output"
	"galley.dev/galley/cmd/galley/internal/render"
	"galley.dev/galley/cmd/galley/internal/site"
)

// A Session builds one site over and over, for galley serve, and serves
// the latest good build as a file system.
//
// The first build, and any after a change to site.yaml, static/, or any
// file but a story's own or a template, is a whole build into
// Options.Dest through the cache. After a save of stories or templates,
// the session reads only the saved files, reuses the site model if every
// story kept its place, and plans the build again; the tasks whose keys
// changed run in memory, the saved stories' own pages at once and the
// others when first asked for or in the background, and are served over
// the last whole build. (If they are many, a whole build costs less
// memory, and little more time.) So one saved story shows in milliseconds on a site of
// thousands, and what is served is byte for byte what a whole build of
// the same files writes.
//
// Build and Background must be called from one goroutine; FS from any.
type Session struct {
	opts Options
	root *os.Root // the site
	// site reads the site through root: only regular files and folders.
	site *siteFS
	exe  string // executableSum, once

	st      *state // the last good build; nil before the first
	view    atomic.Pointer[view]
	pending map[string]bool // files changed since the last good build
	whole   bool            // the next build must be whole
	bg      *background     // the current view's work in the background
	// maxInMemory is how many files an update may make in memory; past
	// it, a whole build on disk costs less memory and little more time.
	maxInMemory int
}

// defaultMaxInMemory lets a template used by every topic page, but not
// one used by every story, be updated in memory on a site of 10,000.
const defaultMaxInMemory = 2000

// A state is what a build knew, for the next build of a Session.
type state struct {
	*loaded
	global string
	byPath map[string]*content.Article
	bodies *bodies
	// done says what each task made, by task id.
	done map[string]done
}

// state returns what a build of l knew.
func (l *loaded) state(global string, b *bodies, done map[string]done) *state {
	st := &state{loaded: l, global: global, bodies: b, done: done, byPath: make(map[string]*content.Article, len(l.articles))}
	for _, a := range l.articles {
		st.byPath[a.Path] = a
	}
	return st
}

// NewSession opens a session on opts.Site; Close ends it.
func NewSession(opts Options) (*Session, error) {
	if opts.Dest == "" {
		opts.Dest = filepath.Join(opts.Site, "public")
	}
	if err := checkDest(opts.Site, opts.Dest); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(opts.Site)
	if err != nil {
		return nil, fmt.Errorf("open site: %w", err)
	}
	return &Session{opts: opts, root: root, site: newLiveSiteFS(root), exe: executableSum(), pending: map[string]bool{}, whole: true, maxInMemory: defaultMaxInMemory}, nil
}

// Close stops the work in the background and closes the site.
func (s *Session) Close() error {
	s.bg.stop()
	return s.root.Close()
}

// FS returns the latest good build, or nil before the first. Its files
// are read from the destination, or made in memory by the builds since
// the last whole one; a page made on demand that fails returns its
// error, which is not an *fs.PathError.
func (s *Session) FS() fs.FS {
	if v := s.view.Load(); v != nil {
		return v
	}
	return nil
}

// Build brings the build up to date after the given files changed
// (slash paths relative to the site; nil means anything may have),
// with now as the build time. On error the last good build stays, and
// the next Build tries the changes again.
func (s *Session) Build(ctx context.Context, now time.Time, changed []string) (Summary, error) {
	start := time.Now()
	s.bg.stop()
	if changed == nil {
		s.whole = true
	}
	for _, p := range changed {
		s.pending[p] = true
	}
	s.opts.Now = now
	var sum Summary
	var err error
	if s.whole || s.st == nil || !s.updatable() {
		sum, err = s.buildWhole(ctx)
	} else {
		sum, err = s.update(ctx)
	}
	sum.Elapsed = time.Since(start)
	if err != nil {
		return sum, err
	}
	clear(s.pending)
	s.whole = false
	s.bg = startBackground(s.view.Load(), workers(s.opts))
	return sum, nil
}

// Background returns a function that waits for the pages of the latest
// build that are made in the background, and returns the first error
// among them, or nil if a later Build stopped them. The function may be
// called from any goroutine.
func (s *Session) Background() (wait func() error) { return s.bg.wait }

// updatable reports whether every pending change is to a story's own
// file, which update can read again alone, or to a template.
func (s *Session) updatable() bool {
	for p := range s.pending {
		if s.st.byPath[p] == nil && !content.Standalone(p) && !isTemplate(p) {
			return false
		}
	}
	return true
}

// isTemplate reports whether the site file name is a template.
func isTemplate(name string) bool {
	dir, file := path.Split(name)
	return dir == render.TemplateDir+"/" && path.Ext(file) == ".html"
}

// buildWhole builds the whole site into the destination.
func (s *Session) buildWhole(ctx context.Context) (Summary, error) {
	siteFS := s.site
	l, err := load(ctx, siteFS, s.opts)
	if err != nil {
		return Summary{}, err
	}
	if s.st != nil {
		l.images = s.st.images // the photos need not be read again
	}
	sum, st, err := l.write(ctx, siteFS, s.opts, l.global(s.opts, s.exe))
	if err != nil {
		return sum, err
	}
	s.st = st
	s.view.Store(&view{dir: s.opts.Dest, files: map[string]*made{}, at: time.Now()})
	return sum, nil
}

// update builds the site after changes to stories' own files and
// templates only; if that changes more files than it may make in
// memory, it builds the whole site instead.
func (s *Session) update(ctx context.Context) (Summary, error) {
	old := s.st
	l, changed, moved, err := s.reread()
	if err != nil {
		return Summary{}, err
	}
	templates := slices.ContainsFunc(slices.Collect(maps.Keys(s.pending)), isTemplate)
	if templates {
		if l.tmpl, err = render.LoadTemplates(s.site, s.opts.Theme, !s.opts.NoMinify); err != nil {
			return Summary{}, err
		}
	}
	siteOpts := siteOptions(s.opts)
	ok := false
	if !moved {
		l.model, ok = old.model.Replace(l.articles, changed, siteOpts)
	}
	if !ok {
		if l.model, err = site.New(l.cfg, l.articles, l.extra, siteOpts); err != nil {
			return Summary{}, err
		}
	}
	l.images = old.images
	if l.images == nil {
		l.images = openImageIndex(s.opts.Site)
	}
	if l.pics, err = makePictures(ctx, s.site, l.images, l.model, nil); err != nil {
		return Summary{}, err
	}
	r := l.renderer(s.opts)
	b := newBodies(l.model, r, filepath.Join(s.opts.Site, CacheDir))
	b.inherit(old.bodies)
	// l.static is the last whole build's: static/ has not changed since.
	pages, rest, err := plan(ctx, l.model, r, b, s.site, s.opts, old.global, l.pics, l.static)
	if err != nil {
		return Summary{}, err
	}

	// Of every task, run those whose key changed: the saved stories' own
	// pages, and the tasks whose files are known only once made, now;
	// the others on demand or in the background. After a template
	// changed, all now: a template that fails to execute must leave the
	// last good build in place, as a whole build does.
	saved := map[string]bool{}
	for _, a := range slices.Concat(l.model.Articles, l.model.Pages) {
		if old.byPath[a.Path] != a.Article {
			saved[pageFile(a.URL())] = true
		}
	}
	prev := s.view.Load()
	v := &view{dir: prev.dir, files: maps.Clone(prev.files), at: time.Now()}
	mem := output.NewMemory(output.Options{NoMinify: s.opts.NoMinify})
	next := make(map[string]done, len(old.done))
	var now, later []*made
	for _, t := range slices.Concat(pages, rest) {
		if d, ok := old.done[t.id]; ok && t.key != "" && d.key == t.key {
			next[t.id] = d
			continue
		}
		m := &made{t: t, mem: mem}
		if t.multi || saved[t.id] || templates {
			now = append(now, m)
			continue
		}
		next[t.id] = done{key: t.key, files: t.outputs()}
		later = append(later, m)
	}

	for id, d := range old.done {
		if _, ok := next[id]; !ok {
			for _, name := range d.files {
				v.files[name] = nil // gone, unless made again below
			}
		}
	}
	if len(now)+len(later) > s.maxInMemory {
		return s.buildWhole(ctx)
	}
	if err := runMade(ctx, now, workers(s.opts)); err != nil {
		return Summary{}, err
	}
	for _, m := range slices.Concat(now, later) {
		next[m.t.id] = done{key: m.t.key, files: m.files()}
		for _, name := range m.files() {
			v.files[name] = m
		}
	}

	st := l.state(old.global, b, next)
	s.st = st
	s.view.Store(v)
	return Summary{
		Articles: len(l.model.Articles), Topics: len(l.model.Topics), Authors: len(l.model.Authors),
		Partial: true, Reread: len(s.pending), Files: len(now) + len(later), MadeNow: len(now),
	}, nil
}

// reread reads the pending files again over the last good load. It
// returns the new load, the stories read again (old version to new), and
// whether a story appeared or went, which changes the site's shape.
func (s *Session) reread() (l *loaded, changed map[*content.Article]*content.Article, moved bool, err error) {
	old := s.st
	copied := *old.loaded
	l = &copied
	l.articles = slices.Clone(old.articles)
	changed = map[*content.Article]*content.Article{}
	siteFS := s.site
	var errs []error
	for _, p := range slices.Sorted(maps.Keys(s.pending)) {
		if isTemplate(p) {
			continue
		}
		prev := old.byPath[p]
		if _, err := fs.Stat(siteFS, p); errors.Is(err, fs.ErrNotExist) {
			if prev != nil {
				l.articles = slices.DeleteFunc(l.articles, func(a *content.Article) bool { return a == prev })
				moved = true
			}
			continue
		}
		a, err := content.Reread(siteFS, p, prev, old.loadOpts)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if prev != nil {
			l.articles[slices.Index(l.articles, prev)] = a
			changed[prev] = a
			continue
		}
		// The model does not depend on the order of the load.
		l.articles = append(l.articles, a)
		moved = true
	}
	if err := joinProblems(errs...); err != nil {
		return nil, nil, false, err
	}
	return l, changed, moved, nil
}

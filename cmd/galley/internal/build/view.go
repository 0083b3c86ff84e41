package build

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"galley.dev/galley/cmd/galley/internal/output"
)

// A view is a Session's build as served: the files in the folder dir,
// the last whole build, under the files made in memory since. A view is
// never changed once served; the next build makes a new one.
type view struct {
	dir string
	// files are the files made since the whole build, by name; nil
	// stands for a file that is gone.
	files map[string]*made
	at    time.Time // when the view was made: the time of its files
}

// Open opens the file at name: from memory if a build since the whole
// one made it, else from dir, through an os.Root so that no path leads
// out of it.
func (v *view) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if m, ok := v.files[name]; ok {
		if m == nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
		}
		data, err := m.file(name)
		if err != nil {
			return nil, err
		}
		return &memFile{info: memInfo{name: path.Base(name), size: int64(len(data)), at: v.at}, r: bytes.NewReader(data)}, nil
	}
	root, err := os.OpenRoot(v.dir)
	if err != nil {
		return nil, err
	}
	defer root.Close() // files opened through it stay open
	f, err := root.Open(name)
	if err != nil && v.files[path.Join(name, "index.html")] != nil {
		// The folder of a story that is new since the whole build.
		return &memFile{info: memInfo{name: path.Base(name), dir: true, at: v.at}, r: bytes.NewReader(nil)}, nil
	}
	return f, err
}

// memFile is a file of a view made in memory.
type memFile struct {
	info memInfo
	r    *bytes.Reader
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Read(p []byte) (int, error) { return f.r.Read(p) }
func (f *memFile) Close() error               { return nil }

// memInfo describes a memFile.
type memInfo struct {
	name string
	size int64
	dir  bool
	at   time.Time
}

func (i memInfo) Name() string       { return i.name }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) ModTime() time.Time { return i.at }
func (i memInfo) IsDir() bool        { return i.dir }
func (i memInfo) Sys() any           { return nil }
func (i memInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}

// A made is a task of a Session's build, run in memory at most once:
// when its files are first asked for, or in the background.
type made struct {
	t    task
	mem  *output.Memory
	once sync.Once
	ran  atomic.Bool
	made []string // the files it made
	err  error
}

// run runs the task, once.
func (m *made) run() error {
	m.once.Do(func() {
		m.made, m.err = m.t.run(m.mem)
		m.ran.Store(true)
	})
	return m.err
}

// files returns the names of the task's files: for a task of several
// files, those it made, once it ran.
func (m *made) files() []string {
	if m.t.multi {
		return m.made
	}
	return m.t.outputs()
}

// file returns the file at name, running the task if it has not run.
func (m *made) file(name string) ([]byte, error) {
	if err := m.run(); err != nil {
		return nil, err
	}
	data, ok := m.mem.File(name)
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return data, nil
}

// runMade runs tasks, at most workers at once.
func runMade(ctx context.Context, tasks []*made, workers int) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for _, m := range tasks {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			return m.run()
		})
	}
	return g.Wait()
}

// background runs the tasks of a view that have not run, so that every
// page is ready soon after a build even if nobody asks for it.
type background struct {
	cancel context.CancelFunc
	done   chan struct{}
	err    error
}

// startBackground starts running the tasks of v that have not run.
func startBackground(v *view, workers int) *background {
	var todo []*made
	seen := map[*made]bool{}
	for _, m := range v.files {
		if m != nil && !m.ran.Load() && !seen[m] {
			seen[m] = true
			todo = append(todo, m)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	b := &background{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(b.done)
		b.err = runMade(ctx, todo, workers)
	}()
	return b
}

// stop stops the work: a task not yet begun runs on demand instead.
func (b *background) stop() {
	if b != nil {
		b.cancel()
		<-b.done
	}
}

// wait waits for the work to end and returns its first error.
func (b *background) wait() error {
	if b == nil {
		return nil
	}
	<-b.done
	if b.err == context.Canceled {
		return nil
	}
	return b.err
}

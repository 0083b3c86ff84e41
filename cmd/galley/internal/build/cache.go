package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"

	"galley.dev/galley/cmd/galley/internal/site"
)

// CacheDir is the folder in a site that remembers what the last build
// wrote, so that the next one can keep what has not changed.
const CacheDir = ".galley-cache"

// A cache holds the manifest of the previous build into one destination:
// for every file, the task that made it, the task's key (a hash of
// everything the file depends on), and the file's size and time. A task
// whose key is unchanged, and whose files are still as they were, has its
// files hard-linked from the previous build instead of made again.
type cache struct {
	path string // the manifest
	dest string
	old  map[string]entry
	// listed is the manifest as read, also with the cache off.
	listed map[string]entry
	// oldTasks lists the previous files of each task.
	oldTasks map[string][]string

	mu  sync.Mutex
	new map[string]entry
	// checked remembers intact's answers: upToDate and then reuse ask
	// about every task, and each answer costs a stat per file.
	checked sync.Map // task id → bool
	// infos holds what check saw of each file in dest.
	infos sync.Map // name → fs.FileInfo
}

type entry struct {
	Task  string `json:"t"`
	Key   string `json:"k"`
	Size  int64  `json:"s"`
	MTime int64  `json:"m"`
}

// openCache reads the manifest for dest; with off set, or without one, the
// cache starts empty.
func openCache(siteDir, dest string, off bool) *cache {
	abs, _ := filepath.Abs(dest)
	sum := sha256.Sum256([]byte(abs))
	c := &cache{
		path: filepath.Join(siteDir, CacheDir, hex.EncodeToString(sum[:8])+".json"),
		dest: dest, old: map[string]entry{}, oldTasks: map[string][]string{}, new: map[string]entry{},
	}
	data, err := os.ReadFile(c.path)
	if err != nil || json.Unmarshal(data, &c.old) != nil {
		c.old = map[string]entry{}
	}
	c.listed = c.old
	if off {
		c.old = map[string]entry{}
	}
	for name, e := range c.old {
		c.oldTasks[e.Task] = append(c.oldTasks[e.Task], name)
	}
	return c
}

// wrote reports whether the last build into dest made the file at name,
// as its manifest says, even with the cache off: for a destination built
// before builds left output.Marker in it.
func (c *cache) wrote(name string) bool {
	_, ok := c.listed[name]
	return ok
}

// intact reports whether the previous build's files of task t are all in
// dest, unchanged since that build, and made with key.
func (c *cache) intact(t task) bool {
	if ok, seen := c.checked.Load(t.id); seen {
		return ok.(bool)
	}
	ok := c.check(t)
	c.checked.Store(t.id, ok)
	return ok
}

func (c *cache) check(t task) bool {
	files := c.oldTasks[t.id]
	if t.key == "" || len(files) == 0 {
		return false
	}
	for _, name := range files {
		e := c.old[name]
		info, err := os.Lstat(filepath.Join(c.dest, filepath.FromSlash(name)))
		if e.Key != t.key || err != nil || !info.Mode().IsRegular() || info.Size() != e.Size || info.ModTime().UnixNano() != e.MTime {
			return false
		}
		c.infos.Store(name, info)
	}
	return true
}

// keep returns the info of the file at name in dest if the build will
// link it, its task being intact; nil otherwise. It answers for the tasks
// that intact was asked about.
func (c *cache) keep(name string) fs.FileInfo {
	e, ok := c.old[name]
	if !ok {
		return nil
	}
	if intact, seen := c.checked.Load(e.Task); !seen || !intact.(bool) {
		return nil
	}
	info, ok := c.infos.Load(name)
	if !ok {
		return nil
	}
	return info.(fs.FileInfo)
}

// upToDate reports whether dest already is the build of tasks: the same
// tasks, every one intact.
func (c *cache) upToDate(tasks []task) bool {
	upToDate := len(tasks) == len(c.oldTasks)
	for _, t := range tasks {
		// No early return: the answers serve reuse, and the output's
		// recycling of its spare tree, if it comes to that.
		if !c.intact(t) {
			upToDate = false
		}
	}
	return upToDate
}

// reuse links the files of t from the previous build into out, if they
// are intact, and reports whether it did.
func (c *cache) reuse(out linker, t task) bool {
	if !c.intact(t) {
		return false
	}
	files := c.oldTasks[t.id]
	for i, name := range files {
		if err := out.Link(filepath.Join(c.dest, filepath.FromSlash(name)), name); err != nil {
			// The task makes its files anew, the linked ones too.
			for _, linked := range files[:i] {
				if out.Unlink(linked) != nil {
					return false
				}
			}
			return false
		}
	}
	c.mu.Lock()
	for _, name := range files {
		c.new[name] = c.old[name]
	}
	c.mu.Unlock()
	return true
}

// linker is the part of output.Dir the cache uses.
type linker interface {
	Link(from, name string) error
	Unlink(name string) error
	Path(name string) string
}

// record remembers the files task t made.
func (c *cache) record(out linker, t task, files []string) {
	if t.key == "" {
		return
	}
	for _, name := range files {
		info, err := os.Lstat(out.Path(name))
		if err != nil {
			continue
		}
		c.mu.Lock()
		c.new[name] = entry{Task: t.id, Key: t.key, Size: info.Size(), MTime: info.ModTime().UnixNano()}
		c.mu.Unlock()
	}
}

// save writes the manifest of the build that was just committed. A cache
// that cannot be saved only makes the next build slower.
func (c *cache) save() {
	data, err := json.Marshal(c.new)
	if err != nil {
		return
	}
	_ = writeFileAtomic(c.path, data)
}

// done is what a task made: its key and its files.
type done struct {
	key   string
	files []string
}

// made returns what each task of a manifest made, by task id.
func (c *cache) made(manifest map[string]entry) map[string]done {
	m := make(map[string]done, len(manifest))
	for name, e := range manifest {
		d := m[e.Task]
		d.key = e.Key
		d.files = append(d.files, name)
		m[e.Task] = d
	}
	return m
}

// key hashes the inputs of a task into its key. A build makes one per
// task, so it hashes one buffer, on the stack for most keys.
func key(parts ...string) string {
	var stack [512]byte
	b := stack[:0]
	for _, p := range parts {
		b = append(b, p...)
		b = append(b, 0)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// cards hashes, once per build, everything a card or page shows of each
// story: thousands of keys are made of the same few stories' cards.
type cards map[*site.Article][16]byte

// newCards hashes the cards of the articles and pages of s, on every core.
func newCards(s *site.Site, pictures map[string]string) cards {
	all := slices.Concat(s.Articles, s.Pages)
	sums := make([][16]byte, len(all))
	workers := min(runtime.GOMAXPROCS(0), 1+len(all)/1000)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var buf []byte
			for i := w; i < len(all); i += workers {
				buf = cardBytes(buf[:0], all[i], pictures)
				sum := sha256.Sum256(buf)
				sums[i] = [16]byte(sum[:16])
			}
		})
	}
	wg.Wait()
	c := make(cards, len(all))
	for i, a := range all {
		c[a] = sums[i]
	}
	return c
}

// cardBytes appends what a card of a depends on: its source file decides
// title, dek, byline, topics and image, and the image's size comes from
// the image file.
func cardBytes(b []byte, a *site.Article, pictures map[string]string) []byte {
	b = append(b, a.URL()...)
	b = append(b, 0)
	b = append(b, a.Sum...)
	b = append(b, 0)
	// The pictures' derivatives: a new photo under the old name is a new
	// card, and a new page.
	b = append(b, pictures[a.Image.File]...)
	b = append(b, 0)
	for _, img := range a.BodyImages {
		b = append(b, pictures[img.File]...)
		b = append(b, 0)
	}
	b = strconv.AppendInt(b, int64(a.Image.Width), 10)
	b = append(b, 'x')
	return strconv.AppendInt(b, int64(a.Image.Height), 10)
}

// one returns the key of the card of a.
func (c cards) one(a *site.Article) string {
	sum := c[a]
	return hex.EncodeToString(sum[:])
}

// list returns the key of the cards of a list of articles: their hashes
// one after another, for key to hash again.
func (c cards) list(list []*site.Article) string {
	b := make([]byte, 0, 16*len(list))
	for _, a := range list {
		sum := c[a]
		b = append(b, sum[:]...)
	}
	return string(b)
}

// executableSum identifies the galley binary, so that a new version of
// Galley renders everything again.
func executableSum() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	f, err := os.Open(exe)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "unknown"
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"

	"galley.dev/galley/cmd/galley/internal/config"
	"galley.dev/galley/cmd/galley/internal/diag"
	"galley.dev/galley/cmd/galley/internal/markdown"
	"galley.dev/galley/cmd/galley/internal/render"
	"galley.dev/galley/cmd/galley/internal/site"
)

// A progress tells how many photos are made, every few seconds of a
// long images stage, on w.
type progress struct {
	w     io.Writer
	total int
	n     atomic.Int64
	quit  chan struct{}
	wg    sync.WaitGroup
}

// progressEvery is how often a long images stage says how far it is.
const progressEvery = 3 * time.Second

func newProgress(w io.Writer, total int) *progress {
	p := &progress{w: w, total: total, quit: make(chan struct{})}
	if w == nil {
		return p
	}
	p.wg.Go(func() {
		t := time.NewTicker(progressEvery)
		defer t.Stop()
		for {
			select {
			case <-p.quit:
				return
			case <-t.C:
				fmt.Fprintf(p.w, "images: %d of %d photos\n", p.n.Load(), p.total)
			}
		}
	})
	return p
}

func (p *progress) done() { p.n.Add(1) }

func (p *progress) stop() {
	close(p.quit)
	p.wg.Wait()
}

// ImagesDir is where derivatives are published: /_img/<sum>/<name>-<w>.<ext>,
// named by the original's content, so that a host may cache them for
// ever and two stories with one photo share its files.
const ImagesDir = "_img"

// decodeBudget bounds the memory that images being decoded at once may
// take: a 24-megapixel photo is ~100 MB decoded, so four of them, on a
// machine of any number of cores.
const decodeBudget = 400 << 20

// An imageJob is one local image that published pages show.
type imageJob struct {
	file     string // in the site: static/images/a.jpg
	sitePath string // its URL path: /images/a.jpg
	from     string // the first story that shows it, for messages
	line     int    // the line of its front matter that names the image
	focus    []float64
	body     bool // a picture of the text, which needs no crops
}

// pictures is what the images stage made: the derivatives of every
// local image, by the original's URL path, and the tasks that copy them
// from the cache into the output.
type pictures struct {
	bySite map[string]*render.Picture
	// byFile names each original's derivatives (its sum and the
	// settings), by its site file, for the keys of the pages showing it.
	byFile map[string]string
	tasks  []task
	// warnings are heroes too narrow for Google Discover, at the line
	// that names them.
	warnings []*diag.Error
}

// ids returns byFile; nil for no pictures.
func (p *pictures) ids() map[string]string {
	if p == nil {
		return nil
	}
	return p.byFile
}

// copies returns the tasks that publish the derivatives.
func (p *pictures) copies() []task {
	if p == nil {
		return nil
	}
	return p.tasks
}

// site returns bySite; nil for no pictures.
func (p *pictures) site() map[string]*render.Picture {
	if p == nil {
		return nil
	}
	return p.bySite
}

// makePictures makes the derivatives of every local hero image the
// published stories and pages show, through the cache under siteDir:
// an image whose file is unchanged is not decoded again.
func makePictures(ctx context.Context, siteFS fs.FS, idx *imageIndex, s *site.Site, progress io.Writer) (*pictures, error) {
	spec := s.Config.Images
	jobs := imageJobs(s)
	out := &pictures{bySite: map[string]*render.Picture{}, byFile: map[string]string{}}
	if len(jobs) == 0 {
		return out, nil
	}
	sem := semaphore.NewWeighted(decodeBudget)
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	var mu sync.Mutex
	var warns []*diag.Error
	sets := make([]*derivedSet, len(jobs))
	tell := newProgress(progress, len(jobs))
	defer tell.stop()
	for i, j := range jobs {
		g.Go(func() error {
			defer tell.done()
			set, err := idx.derived(ctx, siteFS, j, spec, sem)
			if err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				// The picture is still published as it is: a damaged
				// photo in an archive must not stop the whole site.
				mu.Lock()
				warns = append(warns, diag.Errorf(j.from, j.line, "warning: image %s is published as it is, without smaller copies: %v", j.file, err))
				mu.Unlock()
				return nil
			}
			sets[i] = set
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	idx.save()
	diag.Sort(warns)
	out.warnings = append(warns, narrowHeroes(s, sets, jobs)...)
	published := map[string]bool{}
	for i, j := range jobs {
		set := sets[i]
		if set == nil {
			continue // published as it is
		}
		out.bySite[j.sitePath] = set.picture()
		out.byFile[j.file] = set.Sum + "-" + specKey(spec, j)
		for _, d := range set.Files {
			if published[d.Name] {
				continue // one photo, two stories
			}
			published[d.Name] = true
			out.tasks = append(out.tasks, copyTask(os.DirFS(idx.dir), d.Cached, d.Name, "image"))
		}
	}
	return out, nil
}

// discoverWidth is the width Google Discover wants of a story's image.
const discoverWidth = 1200

// narrowHeroes warns of each hero narrower than Google Discover takes,
// once per photo, at the line of the first story (by path) showing it,
// and counts the other stories: one wire photo on 100,000 stories is one
// thing to fix, not 100,000 lines to read.
func narrowHeroes(s *site.Site, sets []*derivedSet, jobs []imageJob) []*diag.Error {
	width := map[string]int{}
	for i, j := range jobs {
		if sets[i] != nil && sets[i].Width > 0 && sets[i].Width < discoverWidth {
			width[j.file] = sets[i].Width
		}
	}
	type narrow struct {
		first *site.Article
		more  int
	}
	byFile := map[string]*narrow{}
	for _, a := range s.Articles {
		if _, ok := width[a.Image.File]; !ok {
			continue
		}
		switch n := byFile[a.Image.File]; {
		case n == nil:
			byFile[a.Image.File] = &narrow{first: a}
		case a.Path < n.first.Path:
			n.first, n.more = a, n.more+1
		default:
			n.more++
		}
	}
	warns := make([]*diag.Error, 0, len(byFile))
	for file, n := range byFile {
		a := n.first
		also := ""
		switch n.more {
		case 0:
		case 1:
			also = " (1 other story shows it too)"
		default:
			also = fmt.Sprintf(" (%d other stories show it too)", n.more)
		}
		warns = append(warns, diag.Errorf(a.Path, a.ImageLine(), "warning: hero image %s is %d pixels wide%s; Google Discover shows stories with images at least %d wide", a.Image.Src, width[file], also, discoverWidth))
	}
	diag.Sort(warns)
	return warns
}

// imageJobs lists the local images of the published stories and pages,
// once each, in a stable order.
func imageJobs(s *site.Site) []imageJob {
	seen := map[string]bool{}
	var jobs []imageJob
	for _, a := range slices.Concat(s.Articles, s.Pages) {
		img := a.Image
		if img.File != "" && !seen[img.File] {
			seen[img.File] = true
			sitePath := img.Src
			if a.Dir != "" && !strings.HasPrefix(sitePath, "/") {
				sitePath = markdown.Resolve(sitePath, a.URL())
			}
			jobs = append(jobs, imageJob{file: img.File, sitePath: sitePath, from: a.Path, line: a.ImageLine(), focus: img.Focus})
		}
		for _, b := range a.BodyImages {
			if !seen[b.File] {
				seen[b.File] = true
				jobs = append(jobs, imageJob{file: b.File, sitePath: b.SitePath, from: a.Path, body: true})
			}
		}
	}
	// Author photos, by their site path under static/.
	for _, t := range s.Authors {
		if p := t.Profile; p != nil && strings.HasPrefix(p.Photo, "/") && !strings.HasPrefix(p.Photo, "//") {
			file := path.Join("static", p.Photo)
			if !seen[file] && fs.ValidPath(file) {
				seen[file] = true
				jobs = append(jobs, imageJob{file: file, sitePath: p.Photo, from: p.Path, body: true})
			}
		}
	}
	slices.SortFunc(jobs, func(a, b imageJob) int { return strings.Compare(a.file, b.file) })
	return jobs
}

// A derivedSet is the cached result of the images stage for one
// original: what it made, where in the cache, and the photo's metadata.
type derivedSet struct {
	Sum      string        `json:"sum"`
	Width    int           `json:"w"`
	Height   int           `json:"h"`
	Original bool          `json:"original,omitempty"`
	Files    []derivedFile `json:"files"`
	Meta     photoMeta     `json:"meta"`

	data [][]byte // the files' bytes, as made, until stored
}

// A derivedFile is one derivative.
type derivedFile struct {
	Format string `json:"format"` // webp, jpeg
	// Crop is the ratio of a crop ("16:9"), "" for a derivative of the
	// whole picture.
	Crop   string `json:"crop,omitempty"`
	Width  int    `json:"w"`
	Height int    `json:"h"`
	Cached string `json:"cached"` // in the cache folder, slash-separated
	Name   string `json:"name"`   // in the output: _img/<sum>/<stem>-<w>.<ext>
}

// photoMeta is what a photo says of itself, as the figure and the
// structured data show it.
type photoMeta struct {
	Caption, Headline, Creator, Credit, Copyright, License, LicensorURL string
}

// picture returns the set as the renderer shows it.
func (d *derivedSet) picture() *render.Picture {
	p := &render.Picture{Width: d.Width, Height: d.Height, Original: d.Original,
		Caption: d.Meta.Caption, Headline: d.Meta.Headline, Creator: d.Meta.Creator, Credit: d.Meta.Credit,
		Copyright: d.Meta.Copyright, License: d.Meta.License, LicensorURL: d.Meta.LicensorURL}
	for _, f := range config.ImageFormats {
		var pf *render.PictureFormat
		for _, d := range d.Files {
			if d.Format != f || d.Crop != "" {
				continue
			}
			if pf == nil {
				p.Sources = append(p.Sources, render.PictureFormat{Type: mimeOf(f)})
				pf = &p.Sources[len(p.Sources)-1]
			}
			pf.Variants = append(pf.Variants, render.PictureVariant{URL: "/" + d.Name, Width: d.Width, Height: d.Height})
		}
	}
	for _, f := range d.Files {
		if f.Crop != "" {
			p.Crops = append(p.Crops, render.PictureVariant{URL: "/" + f.Name, Width: f.Width, Height: f.Height})
		}
	}
	return p
}

func mimeOf(format string) string {
	if format == "jpeg" {
		return "image/jpeg"
	}
	return "image/" + format
}

func extOf(format string) string {
	if format == "jpeg" {
		return "jpg"
	}
	return format
}

// specKey stands for the settings a derivative depends on, and the
// version of the images stage, which changes when its output would.
func specKey(spec config.Images, j imageJob) string {
	var b strings.Builder
	b.WriteString(imagesVersion)
	b.WriteString(fmt.Sprint(j.focus, j.body))
	for _, w := range spec.Widths {
		b.WriteString(" " + strconv.Itoa(w))
	}
	b.WriteString(" q" + strconv.Itoa(spec.Quality) + " " + strings.Join(spec.Formats, ","))
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:6])
}

// imagesVersion changes whenever the derivatives Galley makes of one
// original change, so that old cached ones are not used.
const imagesVersion = "images-2"

// An imageIndex is the cache of the images stage: derivatives by the
// original's sum and the settings, and, so that a warm build need not
// read every photo to hash it, the sum of each site file by its size and
// time.
type imageIndex struct {
	dir string
	mu  sync.Mutex
	// Files maps a site file to its size, time and sum when last read.
	Files   map[string]indexedFile `json:"files"`
	changed bool
	// sets are the sets read or made, by their folder in the cache, so
	// that a preview that builds again on every save reads none twice.
	sets map[string]*derivedSet
}

type indexedFile struct {
	Size  int64  `json:"s"`
	MTime int64  `json:"m"`
	Sum   string `json:"sum"`
}

// openImageIndex reads the index of the images cache of the site
// folder siteDir.
func openImageIndex(siteDir string) *imageIndex {
	dir := filepath.Join(siteDir, CacheDir, "images")
	idx := &imageIndex{dir: dir, Files: map[string]indexedFile{}, sets: map[string]*derivedSet{}}
	if data, err := os.ReadFile(filepath.Join(dir, "index.json")); err == nil {
		_ = json.Unmarshal(data, idx)
		if idx.Files == nil {
			idx.Files = map[string]indexedFile{}
		}
	}
	return idx
}

// save writes the index, if it changed; a cache that cannot be written
// only makes the next build slower.
func (idx *imageIndex) save() {
	idx.mu.Lock()
	defer idx.mu.Unlock()
	if !idx.changed {
		return
	}
	data, err := json.Marshal(idx)
	if err != nil {
		return
	}
	_ = writeFileAtomic(filepath.Join(idx.dir, "index.json"), data)
}

// derived returns the derivatives of the site file file, from the cache
// or made now.
func (idx *imageIndex) derived(ctx context.Context, siteFS fs.FS, j imageJob, spec config.Images, sem *semaphore.Weighted) (*derivedSet, error) {
	file := j.file
	info, err := fs.Stat(siteFS, file)
	if err != nil {
		return nil, err
	}
	idx.mu.Lock()
	known, ok := idx.Files[file]
	idx.mu.Unlock()
	var data []byte
	if !ok || known.Size != info.Size() || known.MTime != info.ModTime().UnixNano() {
		if data, err = fs.ReadFile(siteFS, file); err != nil {
			return nil, err
		}
		sum := sha256.Sum256(data)
		known = indexedFile{Size: info.Size(), MTime: info.ModTime().UnixNano(), Sum: hex.EncodeToString(sum[:])}
		idx.mu.Lock()
		idx.Files[file], idx.changed = known, true
		idx.mu.Unlock()
	}
	setDir := path.Join(known.Sum[:2], known.Sum+"-"+specKey(spec, j))
	idx.mu.Lock()
	set, ok := idx.sets[setDir]
	idx.mu.Unlock()
	if ok {
		return set, nil
	}
	if set, err := readSet(filepath.Join(idx.dir, filepath.FromSlash(setDir), "set.json")); err == nil {
		idx.remember(setDir, set)
		return set, nil
	}
	if data == nil {
		if data, err = fs.ReadFile(siteFS, file); err != nil {
			return nil, err
		}
	}
	cost := decodeCost(data, spec)
	if err := sem.Acquire(ctx, min(cost, decodeBudget)); err != nil {
		return nil, err
	}
	defer sem.Release(min(cost, decodeBudget))
	set, err = deriveSet(ctx, data, spec, j, known.Sum, stemOf(file))
	if err != nil {
		return nil, err
	}
	if err := set.store(filepath.Join(idx.dir, filepath.FromSlash(setDir)), setDir); err != nil {
		return nil, err
	}
	set.data = nil // stored: the bytes are in the cache now
	idx.remember(setDir, set)
	return set, nil
}

// remember keeps set, of the cache folder setDir, for the next build.
func (idx *imageIndex) remember(setDir string, set *derivedSet) {
	idx.mu.Lock()
	idx.sets[setDir] = set
	idx.mu.Unlock()
}

// stemOf is the name of the derivatives: the original's, without its
// extension, so that a saved picture is still called harbour-1280.jpg.
func stemOf(file string) string {
	return strings.TrimSuffix(path.Base(file), path.Ext(file))
}

func readSet(name string) (*derivedSet, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var set derivedSet
	if err := json.Unmarshal(data, &set); err != nil {
		return nil, err
	}
	return &set, nil
}

// store writes the set's files, made in memory, and then its set.json,
// last, so that a set.json always stands for files that are there.
func (d *derivedSet) store(dir, rel string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := range d.Files {
		f := &d.Files[i]
		name := strconv.Itoa(f.Width) + "." + extOf(f.Format)
		if err := writeFileAtomic(filepath.Join(dir, name), d.data[i]); err != nil {
			return err
		}
		f.Cached = path.Join(rel, name)
	}
	data, err := json.Marshal(d)
	if err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(dir, "set.json"), data)
}

// outputName is where a derivative is published.
func outputName(sum, stem string, width int, format string) string {
	return fmt.Sprintf("%s/%s/%s-%d.%s", ImagesDir, sum[:16], stem, width, extOf(format))
}

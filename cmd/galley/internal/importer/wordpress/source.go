package wordpress

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"galley.dev/galley/cmd/galley/internal/config"
	"galley.dev/galley/cmd/galley/internal/importer"
)

// Source is the WordPress importer: it reads one export file (WXR).
type Source struct {
	// Uploads is a copy of the old site's wp-content/uploads folder, or
	// "": its pictures are copied into the site, where the image pipeline
	// makes them responsive; without it they stay on the old host.
	Uploads string
}

var _ importer.Source = Source{}

// Name implements importer.Source.
func (Source) Name() string { return "wordpress" }

// Detect reports whether name is a regular file that starts as a
// WordPress export does.
func (Source) Detect(name string) bool {
	f, err := importer.OpenRegular(name)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	return IsWXR(head[:n])
}

// defaultSection is the section of posts when --section names none.
const defaultSection = "news"

// Import implements importer.Source. It reads the export twice: first
// only what places every post and page (slugs, old URLs, attachments),
// so that links between posts find their new URLs; then each body, one
// at a time, to convert and write it. Memory stays bounded by the number
// of items, not the size of the export.
func (s Source) Import(ctx context.Context, file string, w *importer.Writer) error {
	if !s.Detect(file) {
		return fmt.Errorf("%s: not a WordPress export: name the .xml file that WordPress's Tools → Export wrote", file)
	}
	if s.Uploads != "" {
		if info, err := os.Stat(s.Uploads); err != nil || !info.IsDir() {
			return fmt.Errorf("--uploads %s: not a folder; name a copy of the old site's wp-content/uploads", s.Uploads)
		}
		if err := w.Confine(s.Uploads); err != nil {
			return err
		}
	}
	r := newRun(s, file, w)
	ex, err := r.index(ctx)
	if err != nil {
		return err
	}
	r.ex = ex
	if u, err := url.Parse(ex.Link); err == nil {
		r.basePath = strings.TrimSuffix(importer.CleanPath(u.Path), "/")
	}
	for _, c := range ex.Categories {
		r.parents[c.Nicename] = c.Parent
	}
	// Named by the site, not the file: every export WordPress writes has
	// another name, and importing a newer one must find site.yaml its own.
	w.Config(ctx, "the WordPress export of "+ex.Link, importer.SiteConfig{Title: ex.Title, Description: ex.Description, BaseURL: ex.Link, Language: ex.Language})
	// A Custom HTML block stays HTML only in a site that lets raw HTML
	// through; the site.yaml just written never does.
	if cfg, err := config.Load(os.DirFS(w.Site)); err == nil {
		r.unsafe = cfg.Markdown.Unsafe
	}
	r.place(ctx)
	if err := r.convert(ctx); err != nil {
		return err
	}
	r.writeProfiles(ctx)
	r.writeRedirects(ctx)
	r.warnRemoteUploads()
	r.summary()
	return ctx.Err()
}

// A run is one import of an export.
type run struct {
	src  Source
	file string // the export, as named
	from string // the export, slash-separated, for the report
	w    *importer.Writer
	ex   *Export

	entries     []*entry         // posts and pages, in the export's order
	byID        map[int]*entry   // posts and pages
	attachments map[int]*media   // by ID
	children    map[int][]*media // attachments by the post they belong to
	guests      map[string]string
	others      map[string]int    // items of other types, by type
	bylined     map[string]bool   // names in bylines, for their profiles
	copied      map[string]bool   // uploads copied, by site path
	archives    map[string]string // old archive URL → new term page
	parents     map[string]string // category nicename → its parent's
	oldURLs     map[string]*entry // old path of each post and page placed
	unsafe      bool              // the site's markdown.unsafe
	// basePath is the path of the old site's address, "" at the top of
	// its host, "/blog" for WordPress installed in a folder.
	basePath string
	// remoteUploads counts the links and images left at the old site's
	// uploads, which are lost when the site's address moves to Galley.
	remoteUploads int
	counts        counts
}

// counts are the figures of the summary line.
type counts struct {
	posts, pages, drafts, future, localImages, shortlinks int
	published                                             int // posts and pages that will be published
	topicSet                                              map[string]bool
	imageSet                                              map[int]bool // attachments used
}

func newRun(s Source, file string, w *importer.Writer) *run {
	return &run{src: s, file: file, from: filepath.ToSlash(file), w: w,
		byID: map[int]*entry{}, attachments: map[int]*media{}, children: map[int][]*media{},
		guests: map[string]string{}, others: map[string]int{}, bylined: map[string]bool{}, copied: map[string]bool{}, archives: map[string]string{}, parents: map[string]string{}, oldURLs: map[string]*entry{},
		counts: counts{topicSet: map[string]bool{}, imageSet: map[int]bool{}}}
}

// read reads the export through, calling item for each of its items,
// and says how far it is on the Writer's log.
func (r *run) read(ctx context.Context, pass string, item func(*Item) error) (*Export, error) {
	f, err := importer.OpenRegular(r.file)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", r.from, err)
	}
	defer f.Close()
	var size int64
	if info, err := f.Stat(); err == nil {
		size = info.Size()
	}
	cr := &countingReader{r: f}
	n := 0
	ex, err := Read(ctx, cr, func(it *Item) error {
		if n++; n%progressEvery == 0 && r.w.Log != nil && size > 0 {
			fmt.Fprintf(r.w.Log, "%s: %s: %d items, %d%%\n", r.from, pass, n, cr.n*100/size)
		}
		return item(it)
	})
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return nil, err
		}
		return nil, fmt.Errorf("%s:%w", r.from, importer.LineErr(err))
	}
	return ex, nil
}

// countingReader counts the bytes read through it, for the progress.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// progressEvery is how often, in items, a pass says how far it is.
const progressEvery = 5000

// index is the first pass: it keeps what places posts and pages, and
// the attachments.
func (r *run) index(ctx context.Context) (*Export, error) {
	return r.read(ctx, "reading", func(it *Item) error {
		switch it.Type {
		case "post", "page":
			r.indexStory(it)
		case "attachment":
			m := newMedia(it)
			r.attachments[it.ID] = m
			if it.Parent != 0 {
				r.children[it.Parent] = append(r.children[it.Parent], m)
			}
		case "guest-author":
			// Co-Authors Plus keeps guest authors as items of their own,
			// which posts name through author terms "cap-<login>".
			if name := strings.TrimSpace(it.Meta["cap-display_name"]); name != "" {
				r.guests["cap-"+it.Meta["cap-user_login"]] = name
				r.guests["cap-"+it.Name] = name
			}
		default:
			r.others[it.Type]++
		}
		return nil
	})
}

// entryOf returns the entry of a post or page of the export, by ID.
func (r *run) entryOf(id int) (*entry, bool) {
	e, ok := r.byID[id]
	return e, ok
}

// summary prints the figures of the import that the general report
// does not: what an editor checks against WordPress's own counts.
func (r *run) summary() {
	c := &r.counts
	var other []string
	for _, t := range slices.Sorted(maps.Keys(r.others)) {
		other = append(other, fmt.Sprintf("%d %s", r.others[t], t))
	}
	not := "none"
	if len(other) > 0 {
		not = strings.Join(other, ", ")
	}
	fmt.Fprintf(r.w.Out, "wordpress %s: %d posts and %d pages (%d drafts, %d scheduled), %d topics, %d authors, %d images (%d copied from --uploads), %d short links; not imported: %s\n",
		r.from, c.posts, c.pages, c.drafts, c.future, len(c.topicSet), len(r.bylined), len(c.imageSet), c.localImages, c.shortlinks, not)
}

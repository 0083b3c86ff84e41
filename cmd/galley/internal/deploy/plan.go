package deploy

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"

	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"
	"golang.org/x/sync/errgroup"

	"galley.dev/galley/cmd/galley/internal/output"
)

// ManifestKey is the bucket's object that lists the keys Galley
// uploaded: what a later deploy may delete.
const ManifestKey = ".galley-deploy.json"

// md5Meta is the metadata key of an object's MD5, hex, for stores whose
// listing gives none (an S3 multipart upload's ETag is no MD5).
const md5Meta = "galley-md5"

// Stages of a deploy, in order (see the package doc).
const numStages = 4

// A File is one file of the built site.
type File struct {
	Key  string // path from the site's root, "news/barrier/index.html"
	Path string // on disk
	Size int64
	MD5  []byte
}

// LocalFiles returns the files of the built site in dir, sorted by key,
// with their MD5s. The folder must be galley build's output (it has
// its marker file, which is not deployed), so that a typo in -d cannot
// publish, or delete against, some other folder.
func LocalFiles(ctx context.Context, dir string) ([]File, error) {
	if _, err := os.Stat(filepath.Join(dir, output.Marker)); err != nil {
		return nil, fmt.Errorf("%s: not a site galley build wrote (no %s): build it first, or give its folder with -d", dir, output.Marker)
	}
	var files []File
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		key := filepath.ToSlash(rel)
		if key == output.Marker {
			return nil
		}
		if key == ManifestKey {
			return fmt.Errorf("%s: a site file takes the name of the deploy's manifest; rename it", p)
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s: not a regular file; a built site has only files and folders", p)
		}
		files = append(files, File{Key: key, Path: p})
		return nil
	})
	if err != nil {
		return nil, err
	}
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range files {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			return files[i].sum()
		})
	}
	return files, g.Wait()
}

// sum sets f's size and MD5.
func (f *File) sum() error {
	r, err := os.Open(f.Path)
	if err != nil {
		return err
	}
	defer r.Close()
	h := md5.New()
	n, err := io.Copy(h, r)
	if err != nil {
		return fmt.Errorf("%s: %w", f.Path, err)
	}
	f.Size, f.MD5 = n, h.Sum(nil)
	return nil
}

// A Remote is what the bucket holds.
type Remote struct {
	MD5 map[string][]byte // by key; nil for an object whose listing gives none
	// Written is the keys the last deploy's manifest lists: those a
	// deploy may delete.
	Written []string
}

// ReadRemote lists the bucket, pageSize objects a request (0: the
// store's default), and reads its manifest.
//
// A file:// bucket needs one page for all: gocloud.dev's fileblob
// resumes a page after the last key it gave and walks folders in name
// order, so a page that ends inside news/ skips news-sitemap.xml
// ("-" sorts before "/").
func ReadRemote(ctx context.Context, b *blob.Bucket, pageSize int) (Remote, error) {
	r := Remote{MD5: map[string][]byte{}}
	if pageSize <= 0 {
		pageSize = 1000
	}
	for token := blob.FirstPageToken; ; {
		objs, next, err := b.ListPage(ctx, token, pageSize, nil)
		if err != nil {
			return Remote{}, fmt.Errorf("list the bucket: %w", err)
		}
		for _, obj := range objs {
			if !obj.IsDir && obj.Key != ManifestKey {
				r.MD5[obj.Key] = obj.MD5
			}
		}
		if len(next) == 0 {
			break
		}
		token = next
	}
	data, err := b.ReadAll(ctx, ManifestKey)
	switch {
	case notFound(err):
	case err != nil:
		return Remote{}, fmt.Errorf("read %s: %w", ManifestKey, err)
	default:
		var m manifest
		if err := json.Unmarshal(data, &m); err != nil {
			return Remote{}, fmt.Errorf("%s: %v: delete it, and the next deploy deletes nothing old", ManifestKey, err)
		}
		r.Written = m.Keys
	}
	return r, nil
}

// A manifest is the object ManifestKey.
type manifest struct {
	Keys []string `json:"keys"`
}

// encodeManifest returns the manifest of keys.
func encodeManifest(keys []string) []byte {
	data, _ := json.Marshal(manifest{Keys: slices.Sorted(slices.Values(keys))}) // strings cannot fail
	return data
}

// A Plan is what a deploy does.
type Plan struct {
	Uploads   [numStages][]File // by stage
	Unchanged int
	Deletes   []string // keys the last deploy wrote that the site no longer has
	Keys      []string // every key of the site: the manifest to write

	written  []string        // the manifest's keys now, sorted
	replaces map[string]bool // uploads over an object of the same key
}

// Options of a plan.
type Options struct {
	// MaxDeletes is the most objects a deploy deletes; a negative value
	// means the default, a quarter of the keys the last deploy wrote,
	// and at least 20.
	MaxDeletes int
	// Force lifts MaxDeletes.
	Force bool
}

// ErrTooManyDeletes is returned when a plan would delete more than
// Options.MaxDeletes.
var ErrTooManyDeletes = errors.New("too many deletes")

// MakePlan compares the site's files with the bucket's objects. An
// object whose listing has no MD5 is asked for its metadata.
func MakePlan(ctx context.Context, b *blob.Bucket, local []File, remote Remote, opts Options) (*Plan, error) {
	p := &Plan{written: slices.Sorted(slices.Values(remote.Written)), replaces: map[string]bool{}}
	have := make(map[string]bool, len(local))
	for _, f := range local {
		have[f.Key] = true
		p.Keys = append(p.Keys, f.Key)
		sum, ok := remote.MD5[f.Key]
		if ok && sum == nil {
			var err error
			if sum, err = metadataMD5(ctx, b, f.Key); err != nil {
				return nil, err
			}
		}
		if ok && bytes.Equal(sum, f.MD5) {
			p.Unchanged++
			continue
		}
		s := stage(f.Key)
		p.Uploads[s] = append(p.Uploads[s], f)
		p.replaces[f.Key] = ok
	}
	for _, k := range remote.Written {
		if _, ok := remote.MD5[k]; ok && !have[k] {
			p.Deletes = append(p.Deletes, k)
		}
	}
	slices.Sort(p.Deletes)
	p.Deletes = slices.Compact(p.Deletes)
	limit := opts.MaxDeletes
	if limit < 0 {
		limit = max(20, len(remote.Written)/4)
	}
	if !opts.Force && len(p.Deletes) > limit {
		return nil, fmt.Errorf("%w: the site no longer has %d of the %d files the last deploy wrote, more than the %d a deploy deletes; check that -d is the right folder, then run again with --max-deletes %d or --force",
			ErrTooManyDeletes, len(p.Deletes), len(remote.Written), limit, len(p.Deletes))
	}
	return p, nil
}

// metadataMD5 returns the MD5 that Galley kept in an object's metadata,
// or nil.
func metadataMD5(ctx context.Context, b *blob.Bucket, key string) ([]byte, error) {
	a, err := b.Attributes(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", key, err)
	}
	sum, err := hex.DecodeString(a.Metadata[md5Meta])
	if err != nil {
		return nil, nil // not ours, or damaged: upload again
	}
	return sum, nil
}

// Uploaded returns the number of files the plan uploads and their bytes.
func (p *Plan) Uploaded() (n int, bytes int64) {
	for _, s := range p.Uploads {
		for _, f := range s {
			n++
			bytes += f.Size
		}
	}
	return n, bytes
}

// notFound reports whether err says the object is not there.
func notFound(err error) bool { return gcerrors.Code(err) == gcerrors.NotFound }

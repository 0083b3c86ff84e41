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
	"maps"
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

// Metadata keys of the objects Galley writes, with hex values: the
// object's MD5, for stores whose listing gives none (an S3 multipart
// upload's ETag is no MD5); for a compressed object, the MD5 of the
// file it compresses and the digest of its headers, for a deploy that
// finds it without its entry in the manifest.
const (
	md5Meta    = "galley-md5"
	sourceMeta = "galley-src"
	headerMeta = "galley-hdr"
)

// Stages of a deploy, in order (see the package doc).
const numStages = 4

// A File is one file of the built site.
type File struct {
	Key    string // path from the site's root, "news/barrier/index.html"
	Path   string // on disk
	Size   int64
	MD5    []byte // of the file, not of its compressed copy
	Header Header
}

// LocalFiles returns the files of the built site in dir that t
// deploys, sorted by key, with their MD5s and headers. The folder must
// be galley build's output (it has its marker file, which is not
// deployed), so that a typo in -d cannot publish, or delete against,
// some other folder.
func LocalFiles(ctx context.Context, dir string, t *Target) ([]File, error) {
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
		if !t.InScope(key) {
			return nil
		}
		files = append(files, File{Key: key, Path: p, Header: t.Header(key)})
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
	// Written is what the last deploy's manifest says of the keys it
	// wrote: those a deploy may delete.
	Written map[string]Entry
}

// ReadRemote lists the bucket and reads its manifest.
func ReadRemote(ctx context.Context, b *Bucket) (Remote, error) {
	r := Remote{MD5: map[string][]byte{}, Written: map[string]Entry{}}
	for token := blob.FirstPageToken; ; {
		objs, next, err := b.ListPage(ctx, token, b.pageSize, nil)
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
		maps.Copy(r.Written, m.Files)
		for _, k := range m.Keys {
			r.Written[k] = Entry{} // a manifest of before entries
		}
	}
	return r, nil
}

// A manifest is the object ManifestKey.
type manifest struct {
	Keys  []string         `json:"keys,omitempty"` // of the first manifests, without entries
	Files map[string]Entry `json:"files"`
}

// An Entry is what the manifest keeps of an object Galley wrote.
type Entry struct {
	MD5    string `json:"md5,omitempty"` // of the object's bytes, hex
	Source string `json:"src,omitempty"` // of the file, when the object is it compressed
	Header string `json:"hdr,omitempty"` // Header.digest
}

// encodeManifest returns the manifest of files.
func encodeManifest(files map[string]Entry) []byte {
	data, _ := json.Marshal(manifest{Files: files}) // strings cannot fail; keys are sorted
	return data
}

// A Plan is what a deploy does.
type Plan struct {
	Uploads   [numStages][]File // by stage
	Unchanged int
	Deletes   []string // keys the last deploy wrote that the site no longer has

	// entries is the manifest to write; uploads of compressed files
	// add theirs as they go.
	entries  map[string]Entry
	written  map[string]Entry // the manifest now
	replaces map[string]bool  // uploads over an object of the same key
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

// MakePlan compares the site's files that t deploys with the bucket's
// objects. An object whose listing has no MD5 is asked for its
// metadata.
func MakePlan(ctx context.Context, b *Bucket, local []File, remote Remote, t *Target, opts Options) (*Plan, error) {
	p := &Plan{entries: map[string]Entry{}, written: remote.Written, replaces: map[string]bool{}}
	have := make(map[string]bool, len(local))
	for _, f := range local {
		have[f.Key] = true
		sum, there := remote.MD5[f.Key]
		if there && sum == nil {
			var err error
			if sum, err = metadataMD5(ctx, b.Bucket, f.Key); err != nil {
				return nil, err
			}
		}
		e, ok := unchanged(f, there, sum, remote.Written)
		if _, wrote := remote.Written[f.Key]; there && !ok && !wrote && f.Header.ContentEncoding != "" {
			// Compressed by a deploy that was stopped before it
			// wrote the manifest, perhaps: its metadata says.
			var err error
			if e, ok, err = compressedCopy(ctx, b.Bucket, f); err != nil {
				return nil, err
			}
		}
		if ok {
			p.Unchanged++
			p.entries[f.Key] = e
			continue
		}
		s := stage(f.Key)
		p.Uploads[s] = append(p.Uploads[s], f)
		p.replaces[f.Key] = there
		if f.Header.ContentEncoding == "" {
			p.entries[f.Key] = Entry{MD5: hex.EncodeToString(f.MD5), Header: f.Header.digest()}
		}
	}
	for k, e := range remote.Written {
		_, there := remote.MD5[k]
		switch {
		case have[k] || !there:
		case !t.InScope(k):
			p.entries[k] = e // another target's business
		default:
			p.Deletes = append(p.Deletes, k)
		}
	}
	slices.Sort(p.Deletes)
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

// unchanged reports whether the bucket's object, there or not, with
// MD5 sum, already holds f with its header, and returns f's entry in
// the manifest. A file the bucket keeps compressed is compared by the
// manifest's entry, which says of which file the object is the
// compressed copy: compressing every file to compare it would cost
// more than the deploy.
func unchanged(f File, there bool, sum []byte, written map[string]Entry) (Entry, bool) {
	old, wrote := written[f.Key]
	if !there {
		return Entry{}, false
	}
	hdr := f.Header.digest()
	if f.Header.ContentEncoding == "" {
		// An object of before entries, or not Galley's, has the
		// default headers or the site's own.
		sameHeader := !wrote || old.Header == "" || old.Header == hdr
		return Entry{MD5: hex.EncodeToString(f.MD5), Header: hdr}, sameHeader && bytes.Equal(sum, f.MD5)
	}
	same := wrote && old.Header == hdr && old.Source == hex.EncodeToString(f.MD5) && old.MD5 == hex.EncodeToString(sum)
	return old, same
}

// compressedCopy reports whether the bucket's object at f's key is f
// compressed as its header says, by the metadata Galley gave it, and
// returns its entry.
func compressedCopy(ctx context.Context, b *blob.Bucket, f File) (Entry, bool, error) {
	a, err := b.Attributes(ctx, f.Key)
	if err != nil {
		return Entry{}, false, fmt.Errorf("%s: %w", f.Key, err)
	}
	e := Entry{MD5: a.Metadata[md5Meta], Source: a.Metadata[sourceMeta], Header: a.Metadata[headerMeta]}
	same := e.Source == hex.EncodeToString(f.MD5) && e.Header == f.Header.digest() && a.ContentEncoding == f.Header.ContentEncoding
	if a.MD5 != nil && hex.EncodeToString(a.MD5) != e.MD5 {
		same = false // rewritten since, by someone else
	}
	return e, same, nil
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

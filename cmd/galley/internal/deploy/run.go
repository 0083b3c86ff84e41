package deploy

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"gocloud.dev/blob"
	"golang.org/x/sync/errgroup"
)

// Workers is how many uploads or deletes a deploy runs at once.
const Workers = 8

// attempts is how many times an upload or delete is tried.
const attempts = 4

// A Summary says what a deploy did.
type Summary struct {
	Uploaded, Unchanged, Deleted int
	Bytes                        int64
	// Changed is the keys whose content changed, in order: those
	// uploaded over an object, and those deleted; what a CDN in front of
	// the bucket must purge. (A new key has nothing to purge.)
	Changed []string
}

var stageNames = [numStages]string{"assets", "pages", "feeds, sitemaps and index roots", "the front page"}

// Run carries out p on b: the uploads stage by stage, a stage starting
// when the one before has finished; then the manifest, of the site's
// keys and the stale ones still there; the deletes; and the manifest of
// the site's keys alone. An interrupted deploy leaves every object a
// page refers to in place, and the next one finishes the job. Each
// stage is announced on log, and done, when not nil, is called with the
// key of each object uploaded or deleted, as it is (from any goroutine,
// one call at a time).
func Run(ctx context.Context, b *Bucket, p *Plan, log io.Writer, done func(key string)) (Summary, error) {
	var mu sync.Mutex
	report := func(key string) {
		if done != nil {
			mu.Lock()
			done(key)
			mu.Unlock()
		}
	}
	s := Summary{Unchanged: p.Unchanged}
	for i, files := range p.Uploads {
		if len(files) == 0 {
			continue
		}
		fmt.Fprintf(log, "uploading %s: %s\n", files1(len(files)), stageNames[i])
		var bytes atomic.Int64
		err := each(ctx, len(files), func(ctx context.Context, k int) error {
			e, n, err := upload(ctx, b.Bucket, files[k])
			if err != nil {
				return err
			}
			mu.Lock()
			p.entries[files[k].Key] = e
			mu.Unlock()
			report(files[k].Key)
			bytes.Add(n)
			return nil
		})
		if err != nil {
			return s, err
		}
		s.Uploaded += len(files)
		s.Bytes += bytes.Load()
		for _, f := range files {
			if p.replaces[f.Key] {
				s.Changed = append(s.Changed, f.Key)
			}
		}
	}
	if len(p.Deletes) > 0 {
		// Listed first, so that an interrupted delete is finished by
		// the next deploy.
		pending := maps.Clone(p.entries)
		for _, k := range p.Deletes {
			pending[k] = p.written[k]
		}
		if err := writeManifest(ctx, b.Bucket, pending); err != nil {
			return s, err
		}
		fmt.Fprintf(log, "deleting %s the site no longer has\n", files1(len(p.Deletes)))
		err := each(ctx, len(p.Deletes), func(ctx context.Context, k int) error {
			err := retry(ctx, func() error {
				err := b.Delete(ctx, p.Deletes[k])
				if err != nil && notFound(err) {
					return nil
				}
				return err
			})
			if err == nil {
				report(p.Deletes[k])
			}
			return err
		})
		if err != nil {
			return s, err
		}
		s.Deleted = len(p.Deletes)
		s.Changed = append(s.Changed, p.Deletes...)
	}
	if len(p.Deletes) == 0 && maps.Equal(p.entries, p.written) {
		return s, nil // the manifest says so already
	}
	return s, writeManifest(ctx, b.Bucket, p.entries)
}

// each calls fn for 0..n-1, Workers at a time; the first error stops
// the rest.
func each(ctx context.Context, n int, fn func(ctx context.Context, k int) error) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(Workers)
	for k := range n {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error { return fn(gctx, k) })
	}
	err := g.Wait()
	if ctx.Err() != nil {
		return ctx.Err() // what failed since failed for that
	}
	return err
}

// upload writes f to b with its headers and its MD5, which stores that
// take it check (S3's SDK sends a checksum of its own) and which the
// metadata keeps, compressing it first if its header says so. It returns the object's entry in the manifest and the bytes
// it sent.
func upload(ctx context.Context, b *blob.Bucket, f File) (Entry, int64, error) {
	e := Entry{MD5: hex.EncodeToString(f.MD5), Header: f.Header.digest()}
	var data []byte // the compressed file, when it is
	sum := f.MD5
	if f.Header.ContentEncoding != "" {
		raw, err := os.ReadFile(f.Path)
		if err != nil {
			return Entry{}, 0, err
		}
		if data, err = compress(raw, f.Header.ContentEncoding); err != nil {
			return Entry{}, 0, fmt.Errorf("%s: %w", f.Path, err)
		}
		s := md5.Sum(data)
		sum = s[:]
		e.MD5, e.Source = hex.EncodeToString(sum), hex.EncodeToString(f.MD5)
	}
	err := retry(ctx, func() error {
		var r io.Reader = bytes.NewReader(data)
		if data == nil {
			file, err := os.Open(f.Path)
			if err != nil {
				return permanent{err}
			}
			defer file.Close()
			r = file
		}
		w, err := b.NewWriter(ctx, f.Key, &blob.WriterOptions{
			ContentType: f.Header.ContentType, CacheControl: f.Header.CacheControl,
			ContentEncoding: f.Header.ContentEncoding, ContentMD5: sum,
			Metadata: metadata(e),
		})
		if err != nil {
			return err
		}
		if _, err := io.Copy(w, r); err != nil {
			w.Close()
			return err
		}
		if err := w.Close(); err != nil {
			return fmt.Errorf("upload %s: %w", f.Key, err)
		}
		return nil
	})
	if err != nil {
		return Entry{}, 0, err
	}
	if data != nil {
		return e, int64(len(data)), nil
	}
	return e, f.Size, nil
}

// metadata returns the metadata of the object of entry e.
func metadata(e Entry) map[string]string {
	m := map[string]string{md5Meta: e.MD5}
	if e.Source != "" {
		m[sourceMeta], m[headerMeta] = e.Source, e.Header
	}
	return m
}

// writeManifest writes the manifest of files.
func writeManifest(ctx context.Context, b *blob.Bucket, files map[string]Entry) error {
	return retry(ctx, func() error {
		return b.WriteAll(ctx, ManifestKey, encodeManifest(files), &blob.WriterOptions{
			ContentType: "application/json", CacheControl: "no-store"})
	})
}

// A permanent error is not worth a retry.
type permanent struct{ error }

func (p permanent) Unwrap() error { return p.error }

// retry calls fn until it succeeds, up to attempts times, waiting 0.25 s,
// then twice as long each time; it stops at once when ctx is done.
func retry(ctx context.Context, fn func() error) error {
	wait := 250 * time.Millisecond
	var err error
	for range attempts {
		if err = fn(); err == nil {
			return nil
		}
		if _, ok := err.(permanent); ok || ctx.Err() != nil {
			break
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait *= 2
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

// files1 returns "1 file" or "n files".
func files1(n int) string {
	if n == 1 {
		return "1 file"
	}
	return fmt.Sprintf("%d files", n)
}

package deploy

import (
	"context"
	"fmt"
	"net/url"

	"gocloud.dev/blob"
	_ "gocloud.dev/blob/azureblob" // azblob://
	_ "gocloud.dev/blob/fileblob"  // file://
	_ "gocloud.dev/blob/gcsblob"   // gs://
	_ "gocloud.dev/blob/s3blob"    // s3://
)

// A Bucket is a bucket a deploy writes to.
type Bucket struct {
	*blob.Bucket
	pageSize int // objects a listing request asks for
}

// onePage is the page size that lists a file:// bucket of up to a
// million files in one request (fileblob allocates a page whole).
const onePage = 1 << 20

// Open opens the bucket at rawURL, as gocloud.dev/blob opens it:
// s3://BUCKET?region=…, gs://BUCKET, azblob://CONTAINER, file:///path.
func Open(ctx context.Context, rawURL string) (*Bucket, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("bucket URL %q: %w", rawURL, err)
	}
	pageSize := 1000
	if u.Scheme == "file" {
		// gocloud.dev's fileblob resumes a listing's page after the last
		// key it gave and walks folders in name order, so that a page
		// that ends inside news/ skips news-sitemap.xml ("-" sorts
		// before "/"): list it in one page.
		pageSize = onePage
		// Its temporary files go beside the final ones, not to TMPDIR,
		// from which a rename to another file system fails.
		if q := u.Query(); !q.Has("no_tmp_dir") {
			q.Set("no_tmp_dir", "1")
			u.RawQuery = q.Encode()
		}
	}
	b, err := blob.OpenBucket(ctx, u.String())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", rawURL, err)
	}
	return &Bucket{Bucket: b, pageSize: pageSize}, nil
}

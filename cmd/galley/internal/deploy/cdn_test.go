package deploy

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// fakeCloudFront answers CloudFront's CreateInvalidation as its API
// reference gives it, and keeps the paths of each request.
type fakeCloudFront struct {
	mu      sync.Mutex
	batches [][]string
	dist    []string
}

func (f *fakeCloudFront) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	dist, ok := strings.CutPrefix(r.URL.Path, "/2020-05-31/distribution/")
	dist, ok2 := strings.CutSuffix(dist, "/invalidation")
	if r.Method != http.MethodPost || !ok || !ok2 || !strings.HasPrefix(r.Header.Get("Authorization"), "AWS4-HMAC-SHA256 ") {
		http.Error(w, "<Error><Code>InvalidArgument</Code></Error>", http.StatusBadRequest)
		return
	}
	if dist != "E2QWRUHAPOMQZL" {
		http.Error(w, "<Error><Code>NoSuchDistribution</Code></Error>", http.StatusNotFound)
		return
	}
	var batch struct {
		CallerReference string
		Paths           struct {
			Quantity int
			Items    []string `xml:"Items>Path"`
		}
	}
	body, _ := io.ReadAll(r.Body)
	if err := xml.Unmarshal(body, &batch); err != nil || batch.Paths.Quantity != len(batch.Paths.Items) || batch.CallerReference == "" {
		http.Error(w, "<Error><Code>MalformedInput</Code></Error>", http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	f.batches = append(f.batches, batch.Paths.Items)
	f.dist = append(f.dist, dist)
	n := len(f.batches)
	f.mu.Unlock()
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("Location", "https://cloudfront.amazonaws.com"+r.URL.Path+"/I"+strconv.Itoa(n))
	w.WriteHeader(http.StatusCreated)
	io.WriteString(w, `<?xml version="1.0"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I`+strconv.Itoa(n)+
		`</Id><Status>InProgress</Status><CreateTime>2026-12-02T08:00:00Z</CreateTime><InvalidationBatch><CallerReference>`+
		batch.CallerReference+`</CallerReference><Paths><Quantity>1</Quantity><Items><Path>/</Path></Items></Paths></InvalidationBatch></Invalidation>`)
}

// TestInvalidate: the changed paths reach CloudFront's API, escaped,
// signed, for the distribution named; past maxInvalidationPaths, one
// wildcard does.
func TestInvalidate(t *testing.T) {
	fake := &fakeCloudFront{}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	t.Setenv("AWS_ENDPOINT_URL_CLOUDFRONT", srv.URL)
	t.Setenv("AWS_ACCESS_KEY_ID", "galley")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "galley-secret")
	t.Setenv("AWS_CONFIG_FILE", t.TempDir()+"/none")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", t.TempDir()+"/none")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	ctx := context.Background()

	id, err := Invalidate(ctx, "E2QWRUHAPOMQZL", PurgePaths([]string{"index.html", "news/a b/index.html"}))
	if err != nil || id != "I1" {
		t.Fatalf("Invalidate = %q, %v", id, err)
	}
	want := []string{"/", "/index.html", "/news/a%20b/", "/news/a%20b/index.html"}
	if !slices.Equal(fake.batches[0], want) || fake.dist[0] != "E2QWRUHAPOMQZL" {
		t.Errorf("CloudFront got %q for %s, want %q", fake.batches[0], fake.dist[0], want)
	}

	var many []string
	for i := range maxInvalidationPaths + 1 {
		many = append(many, "/news/"+strconv.Itoa(i)+"/")
	}
	if _, err := Invalidate(ctx, "E2QWRUHAPOMQZL", many); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(fake.batches[1], []string{"/*"}) {
		t.Errorf("CloudFront got %d paths, want /* alone", len(fake.batches[1]))
	}
	if id, err := Invalidate(ctx, "E2QWRUHAPOMQZL", nil); err != nil || id != "" || len(fake.batches) != 2 {
		t.Errorf("Invalidate of nothing = %q, %v, %d requests; want none", id, err, len(fake.batches))
	}
	if _, err := Invalidate(ctx, "E3NOSUCHDIST", []string{"/"}); err == nil {
		t.Error("Invalidate with the server refusing: no error")
	}
}

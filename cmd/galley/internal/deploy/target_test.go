package deploy

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, key string
		want         bool
	}{
		{"*.pdf", "files/report.pdf", true},
		{"*.pdf", "report.pdf", true},
		{"*.pdf", "files/report.pdf.html", false},
		{"/*.pdf", "files/report.pdf", false},
		{"/*.pdf", "report.pdf", true},
		{"audio/**", "audio/2026/ep1.mp3", true},
		{"/audio/**", "audio/ep1.mp3", true},
		{"/audio/**", "news/audio/ep1.mp3", false},
		{"podcasts/", "podcasts/ep1/index.html", true},
		{"podcasts/", "podcasts-index.html", false},
		{"news/*/index.html", "news/barrier/index.html", true},
		{"news/*/index.html", "news/2026/barrier/index.html", false},
		{"news/**/index.html", "news/index.html", true},
		{"news/**/index.html", "news/2026/barrier/index.html", true},
		{"**/*.html", "index.html", true},
		{"**/*.html", "a/b/c.html", true},
		{"feed.???", "feed.xml", true},
		{"feed.???", "feed.json", false},
		{"a+b(c).txt", "a+b(c).txt", true}, // no regular expression
		{"a.txt", "abtxt", false},
		{"[abc].txt", "a.txt", false}, // no character classes
		{"[abc].txt", "[abc].txt", true},
	}
	for _, tt := range tests {
		if got := Match(tt.pattern, tt.key); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.pattern, tt.key, got, tt.want)
		}
	}
}

// FuzzMatch: any pattern compiles; a pattern without wildcards matches
// itself; ** matches every key.
func FuzzMatch(f *testing.F) {
	for _, s := range []string{"*.pdf", "/audio/**", "podcasts/", "news/**/index.html", "a?b", `\Q`, "(", "***"} {
		f.Add(s, "news/barrier/index.html")
	}
	f.Fuzz(func(t *testing.T, pattern, key string) {
		Match(pattern, key)
		if !strings.ContainsAny(pattern, "*?") && !strings.HasSuffix(pattern, "/") && !strings.HasPrefix(pattern, "/") {
			if !Match(pattern, pattern) {
				t.Errorf("Match(%q, itself) = false", pattern)
			}
		}
		if !Match("/**", key) {
			t.Errorf("Match(/**, %q) = false", key)
		}
	})
}

func TestTargetHeader(t *testing.T) {
	tg := &Target{
		Rules: []Rule{
			{Match: "*.pdf", CacheControl: "public, max-age=86400"},
			{Match: "/files/**", ContentType: "application/x-custom", CacheControl: "no-store"},
			{Match: "*.html", CacheControl: "public, max-age=60"},
		},
		Encoding: "gzip",
	}
	tests := []struct {
		key  string
		want Header
	}{
		{"files/report.pdf", Header{"application/pdf", "public, max-age=86400", ""}}, // the first rule that matches
		{"files/notes.bin", Header{"application/x-custom", "no-store", ""}},
		{"index.html", Header{"text/html; charset=utf-8", "public, max-age=60", "gzip"}},
		{"feed.xml", Header{"application/rss+xml", Revalidate, "gzip"}},
		{"search/s/-abc.json", Header{"application/json", Immutable, "gzip"}},
		{"favicon.svg", Header{"image/svg+xml", Short, "gzip"}},
		{"_img/abc/harbour-640.webp", Header{"image/webp", Immutable, ""}},
		{"fonts/serif.woff2", Header{"font/woff2", Short, ""}},
	}
	for _, tt := range tests {
		if got := tg.Header(tt.key); got != tt.want {
			t.Errorf("Header(%q) = %+v, want %+v", tt.key, got, tt.want)
		}
	}
}

func TestPurgePaths(t *testing.T) {
	got := PurgePaths([]string{"index.html", "news/barrier/index.html", "feed.xml", "news/a b.html"})
	want := []string{"/", "/index.html", "/news/barrier/", "/news/barrier/index.html", "/feed.xml", "/news/a b.html"}
	if !slices.Equal(got, want) {
		t.Errorf("PurgePaths = %q, want %q", got, want)
	}
}

// TestCompressed: a target that compresses uploads the text files
// compressed, with their Content-Encoding, and the rest as they are; a
// second deploy uploads nothing, without compressing anything to know
// it; a file's edit, and a header rule's, upload again what they touch.
func TestCompressed(t *testing.T) {
	for _, enc := range Encodings {
		t.Run(enc, func(t *testing.T) {
			ctx := context.Background()
			b := openBucket(t, t.TempDir())
			files := maps.Clone(siteFiles)
			files["news/barrier/index.html"] = strings.Repeat("<p>The barrier held. ", 200)
			dir := site(t, files)
			tg := &Target{Encoding: enc}
			s, _, err := deployTo(t, dir, b, tg, Options{MaxDeletes: -1})
			if err != nil || s.Uploaded != len(files) {
				t.Fatalf("first deploy: %+v, %v", s, err)
			}
			if s.Bytes >= int64(len(files["news/barrier/index.html"])) {
				t.Errorf("sent %d bytes, more than the page alone: not compressed", s.Bytes)
			}
			a, err := b.Attributes(ctx, "news/barrier/index.html")
			if err != nil {
				t.Fatal(err)
			}
			if a.ContentEncoding != enc || a.ContentType != "text/html; charset=utf-8" {
				t.Errorf("page stored with %q, %q", a.ContentEncoding, a.ContentType)
			}
			raw, err := b.ReadAll(ctx, "news/barrier/index.html")
			if err != nil {
				t.Fatal(err)
			}
			if got := decompress(t, raw, enc); got != files["news/barrier/index.html"] {
				t.Errorf("page decompresses to %d bytes, want the file's %d", len(got), len(files["news/barrier/index.html"]))
			}
			if a, _ := b.Attributes(ctx, "_img/abc/barrier-640.jpg"); a.ContentEncoding != "" {
				t.Errorf("picture stored with Content-Encoding %q", a.ContentEncoding)
			}

			if s, _, err := deployTo(t, dir, b, tg, Options{MaxDeletes: -1}); err != nil || s.Uploaded != 0 {
				t.Errorf("second deploy: %+v, %v; want nothing uploaded", s, err)
			}
			files["news/barrier/index.html"] += "<p>Updated."
			dir = site(t, files)
			if s, _, err := deployTo(t, dir, b, tg, Options{MaxDeletes: -1}); err != nil || s.Uploaded != 1 {
				t.Errorf("deploy of an edit: %+v, %v; want 1 uploaded", s, err)
			}
			tg = &Target{Encoding: enc, Rules: []Rule{{Match: "*.css", CacheControl: "no-cache"}}}
			s, order, err := deployTo(t, dir, b, tg, Options{MaxDeletes: -1})
			if err != nil || !slices.Equal(order, []string{"css/galley.css"}) {
				t.Errorf("deploy of a new header rule: %+v, %v; uploaded %v, want css/galley.css", s, err, order)
			}
			if s, _, err := deployTo(t, dir, b, &Target{}, Options{MaxDeletes: -1}); err != nil || s.Uploaded == 0 {
				t.Errorf("deploy uncompressed: %+v, %v; want the text files uploaded again", s, err)
			}
			if a, _ := b.Attributes(ctx, "news/barrier/index.html"); a.ContentEncoding != "" {
				t.Errorf("page still stored with Content-Encoding %q", a.ContentEncoding)
			}
		})
	}
}

func decompress(t *testing.T, data []byte, enc string) string {
	t.Helper()
	var r io.Reader
	switch enc {
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	case "br":
		r = brotli.NewReader(bytes.NewReader(data))
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestScope: a target's include and exclude keep files out of the
// deploy, in both directions: an excluded file is not uploaded, and an
// excluded object an earlier deploy wrote is not deleted.
func TestScope(t *testing.T) {
	b := openBucket(t, t.TempDir())
	files := maps.Clone(siteFiles)
	files["audio/ep1.mp3"] = "mp3"
	if _, _, err := deployTo(t, site(t, files), b, &Target{}, Options{MaxDeletes: -1}); err != nil {
		t.Fatal(err)
	}
	delete(files, "audio/ep1.mp3")
	files["audio/ep2.mp3"] = "mp3, new"
	files["news/barrier/index.html"] = "<h1>Barrier, updated</h1>"
	tg := &Target{Exclude: []string{"/audio/"}}
	s, order, err := deployTo(t, site(t, files), b, tg, Options{MaxDeletes: -1})
	if err != nil || !slices.Equal(order, []string{"news/barrier/index.html"}) || s.Deleted != 0 {
		t.Fatalf("deploy excluding audio/: %+v, %v, order %v; want the page alone", s, err, order)
	}
	keys := bucketKeys(t, b)
	if !slices.Contains(keys, "audio/ep1.mp3") || slices.Contains(keys, "audio/ep2.mp3") {
		t.Errorf("bucket after a deploy excluding audio/: %v", keys)
	}
	// The audio file is still Galley's: a deploy that includes it deletes it.
	s, _, err = deployTo(t, site(t, files), b, &Target{Include: []string{"/audio/"}}, Options{MaxDeletes: -1})
	if err != nil || s.Deleted != 1 || s.Uploaded != 1 {
		t.Errorf("deploy of audio/ alone: %+v, %v; want ep2 uploaded, ep1 deleted", s, err)
	}
}

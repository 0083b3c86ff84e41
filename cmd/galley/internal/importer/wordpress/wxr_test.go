package wordpress

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

func readAll(t *testing.T, data []byte) (*Export, []*Item) {
	t.Helper()
	var items []*Item
	ex, err := Read(context.Background(), bytes.NewReader(data), func(it *Item) error {
		items = append(items, it)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ex, items
}

// TestRead checks what Read takes of a small export: the channel, its
// authors and terms, and each item's fields, posts metas and terms; the
// comments are skipped.
func TestRead(t *testing.T) {
	data, err := os.ReadFile("testdata/small.xml")
	if err != nil {
		t.Fatal(err)
	}
	if !IsWXR(data[:min(len(data), 1024)]) {
		t.Fatal("IsWXR = false")
	}
	ex, items := readAll(t, data)
	wantEx := &Export{Title: "The Harbour Gazette", Link: "https://gazette.example.org", Description: "News from the quay", Language: "en-GB",
		Authors:    []Author{{Login: "ana", Email: "ana@gazette.example.org", DisplayName: "Ana Ruiz", FirstName: "Ana", LastName: "Ruiz"}},
		Categories: []Term{{Nicename: "local", Name: "Local news", Parent: "news"}},
		Tags:       []Term{{Nicename: "tides", Name: "Tides"}}}
	if !reflect.DeepEqual(ex, wantEx) {
		t.Errorf("export:\ngot  %+v\nwant %+v", ex, wantEx)
	}
	if len(items) != 3 {
		t.Fatalf("%d items, want 3", len(items))
	}
	post := items[0]
	want := &Item{ID: 10, Title: "Barrier vote: council says yes", Link: "https://gazette.example.org/2026/11/21/barrier-vote/",
		GUID: "https://gazette.example.org/?p=10", Creator: "ana",
		Content: "<!-- wp:paragraph --><p>The council voted <strong>31 to 9</strong>.</p><!-- /wp:paragraph -->", Excerpt: "A movable barrier.",
		Date: "2026-11-21 10:30:00", DateGMT: "2026-11-21 09:30:00", Modified: "2026-11-22 08:00:00", ModifiedGMT: "2026-11-22 07:00:00", Name: "barrier-vote",
		Status: "publish", Type: "post", Sticky: true,
		Categories: []Category{{Domain: "category", Nicename: "local", Name: "Local news"}},
		Tags:       []Category{{Domain: "post_tag", Nicename: "tides", Name: "Tides"}},
		Meta:       map[string]string{"_thumbnail_id": "11"}, Line: post.Line, ContentLine: 25}
	if !reflect.DeepEqual(post, want) {
		t.Errorf("post:\ngot  %+v\nwant %+v", post, want)
	}
	if post.Line != 18 {
		t.Errorf("post at line %d, want 18", post.Line)
	}
	att := items[1]
	if att.Type != "attachment" || att.Parent != 10 || att.AttachmentURL != "https://gazette.example.org/wp-content/uploads/2026/11/quay.jpg" ||
		att.Excerpt != "Boats at dawn. Photo: Tom Berg/Gazette" || att.Meta["_wp_attachment_image_alt"] != "Fishing boats tied up at the quay" {
		t.Errorf("attachment = %+v", att)
	}
	page := items[2]
	if page.Title != "About us" || page.Type != "page" || page.Status != "draft" || page.Password != "secret" || page.DateGMT != "0000-00-00 00:00:00" {
		t.Errorf("page = %+v", page)
	}
}

// TestNamespaces checks that the wp: and excerpt: namespaces of every
// WXR version are read, over http and over https (WordPress.com's
// exports), and that look-alikes are not.
func TestNamespaces(t *testing.T) {
	for _, tt := range []struct {
		wp, excerpt string
		want        bool
	}{
		{"http://wordpress.org/export/1.2/", "http://wordpress.org/export/1.2/excerpt/", true},
		{"https://wordpress.org/export/1.2/", "https://wordpress.org/export/1.2/excerpt/", true},
		{"http://wordpress.org/export/1.0/", "http://wordpress.org/export/1.0/excerpt/", true},
		{"http://wordpress.org/export/1.1/", "http://wordpress.org/export/1.1/excerpt/", true},
		{"http://evil.example/wordpress.org/export/1.2/", "http://evil.example/wordpress.org/export/1.2/excerpt/", false},
		{"http://wordpress.org/export/x/", "http://wordpress.org/export/x/excerpt/", false},
	} {
		data := `<?xml version="1.0"?><rss xmlns:wp="` + tt.wp + `" xmlns:excerpt="` + tt.excerpt + `"><channel>` +
			`<item><wp:post_id>7</wp:post_id><excerpt:encoded>Dek</excerpt:encoded></item></channel></rss>`
		_, items := readAll(t, []byte(data))
		got := len(items) == 1 && items[0].ID == 7 && items[0].Excerpt == "Dek"
		if got != tt.want {
			t.Errorf("%s: read = %v, want %v (%+v)", tt.wp, got, tt.want, items)
		}
	}
}

// TestReadLatin1 reads an export in ISO-8859-1, as old blogs wrote
// them: the text comes out as UTF-8.
func TestReadLatin1(t *testing.T) {
	data := []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><item><title>Caf\xe9 cr\xe8me</title></item></channel></rss>")
	_, items := readAll(t, data)
	if len(items) != 1 || items[0].Title != "Café crème" {
		t.Errorf("items = %+v, want one titled Café crème", items)
	}
}

// TestReadErrors checks that a broken or hostile export is an error
// with its line, never a panic or a silent half import.
func TestReadErrors(t *testing.T) {
	head := `<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>`
	tests := []struct{ name, data, want string }{
		{"truncated", head + "<item><title>A", "line 1: title: XML syntax error"},
		{"not XML", "<rss><channel><item></channel>", "line 1:"},
		{"entity bomb", `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss><channel><item><title>&a;</title></item></channel></rss>`, "line 1:"},
		{"too long", head + "<item><content:encoded xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">" + strings.Repeat("x", maxText+10) + "</content:encoded></item></channel></rss>", "longer than 32 MiB"},
	}
	for _, tt := range tests {
		_, err := Read(context.Background(), strings.NewReader(tt.data), func(*Item) error { return nil })
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want one with %q", tt.name, err, tt.want)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, strings.NewReader(head), func(*Item) error { return nil }); err == nil {
		t.Error("a cancelled read did not stop")
	}
}

// TestReadStreams checks that Read holds one item at a time: the heap
// after reading an export of 20,000 posts is far below the export's size.
func TestReadStreams(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>`)
	for i := range 20000 {
		fmt.Fprintf(&b, "<item><title>Post %d</title><content:encoded><![CDATA[%s]]></content:encoded><wp:post_id>%d</wp:post_id><wp:post_type>post</wp:post_type></item>\n", i, strings.Repeat("<p>Body text.</p>", 200), i)
	}
	b.WriteString("</channel></rss>")
	data := b.Bytes()
	runtime.GC()
	var before, peak runtime.MemStats
	runtime.ReadMemStats(&before)
	n := 0
	_, err := Read(context.Background(), bytes.NewReader(data), func(it *Item) error {
		n++
		if n%5000 == 0 {
			runtime.GC() // what is live, not what waits to be collected
			runtime.ReadMemStats(&peak)
			if grown := int64(peak.HeapAlloc) - int64(before.HeapAlloc); grown > 8<<20 {
				return fmt.Errorf("live heap grew %d MB reading a %d MB export", grown>>20, len(data)>>20)
			}
		}
		return nil
	})
	if err != nil || n != 20000 {
		t.Fatalf("read %d items: %v", n, err)
	}
}

// FuzzRead checks that Read never panics on any input.
func FuzzRead(f *testing.F) {
	data, _ := os.ReadFile("testdata/small.xml")
	f.Add(data)
	f.Add([]byte(`<rss><channel><item><wp:postmeta xmlns:wp="http://wordpress.org/export/1.2/"><wp:meta_key>k</wp:meta_key></wp:postmeta></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = Read(context.Background(), bytes.NewReader(data), func(*Item) error { return nil })
	})
}

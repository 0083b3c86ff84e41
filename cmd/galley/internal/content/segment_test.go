package content

import (
	"strings"
	"testing"

	"galley.dev/galley/cmd/galley/internal/diag"
)

// TestSlugSegments checks which slugs and content folder names make a
// page, and what the URL is: any safe single path segment, written in
// front matter or as a file or folder name.
func TestSlugSegments(t *testing.T) {
	long85 := "the-council-votes-to-rebuild-the-harbour-wall-before-the-winter-storms-come-back-again"
	fm := func(slug string) string {
		s := "---\ntitle: The Headline\ndate: 2026-11-20\n"
		if slug != "" {
			s += "slug: " + slug + "\n"
		}
		return s + "---\nBody.\n"
	}
	tests := []struct {
		name, path, file string
		url              string // "" when the file is refused
	}{
		{"85-byte slug", "content/news/x.md", fm(long85), "/news/" + long85 + "/"},
		{"dotted slug", "content/news/x.md", fm("2.10-release"), "/news/2.10-release/"},
		{"unicode slug", "content/news/x.md", fm("Überraschung"), "/news/Überraschung/"},
		{"mixed case slug", "content/news/x.md", fm("Éléphant-Rose"), "/news/Éléphant-Rose/"},
		{"dotted section", "content/2.10/x.md", fm(""), "/2.10/x/"},
		{"dotted section and file", "content/docs.v2/install.guide.md", fm(""), "/docs.v2/install.guide/"},
		{"dotted bundle", "content/news/v2.0-launch/index.md", fm(""), "/news/v2.0-launch/"},
		{"file name with a space", "content/news/My Story.md", fm(""), "/news/the-headline/"},
		{"file name that is a device", "content/news/con.md", fm(""), "/news/the-headline/"},
		{"dotted page", "content/v1.2.md", fm(""), "/v1.2/"},
		{"slug with a slash", "content/news/x.md", fm("a/b"), ""},
		{"slug dot dot", "content/news/x.md", fm(`".."`), ""},
		{"slug with a percent", "content/news/x.md", fm(`"%2e%2e"`), ""},
		{"slug with a space", "content/news/x.md", fm(`"a b"`), ""},
		{"slug of 201 bytes", "content/news/x.md", fm(strings.Repeat("a", 201)), ""},
		{"slug CON", "content/news/x.md", fm("CON"), ""},
		{"page slug of the site feed", "content/x.md", fm("feed.xml"), ""},
		{"page slug of a sitemap part", "content/x.md", fm("sitemap-2.xml"), ""},
		{"page slug of the 404 page", "content/x.md", fm("404.html"), ""},
		{"page file named as robots.txt", "content/robots.txt.md", fm(""), ""},
		{"story slug of a root file", "content/news/x.md", fm("feed.xml"), "/news/feed.xml/"},
		{"title that slugs to a device", "content/news/My Story.md", strings.Replace(fm(""), "The Headline", "Aux", 1), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, err := load(t, map[string]string{tt.path: tt.file})
			if tt.url == "" {
				if err == nil {
					t.Fatalf("no error; got %s", arts[0].URL())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := arts[0].URL(); got != tt.url {
				t.Errorf("URL = %s, want %s", got, tt.url)
			}
		})
	}
}

// TestSlugMessages checks the words of the slug problems: they say what
// is wrong, and a proposed slug is whole, never cut at Make's 80 bytes.
func TestSlugMessages(t *testing.T) {
	long := "A Long Slug With Spaces That Runs Well Past Eighty Bytes Before It Ever Comes To An End"
	tests := []struct{ name, slug, want string }{
		{"slash", "../etc", `content/news/x.md:4: slug "../etc" has a slash, which would put the page in another folder (allowed: letters, digits and - . _ ~); use "etc"`},
		{"long with spaces", `"` + long + `"`, `content/news/x.md:4: slug "` + long + `" has a space (allowed: letters, digits and - . _ ~); use "a-long-slug-with-spaces-that-runs-well-past-eighty-bytes-before-it-ever-comes-to-an-end"`},
		{"nothing to propose", `"★ ★"`, `content/news/x.md:4: slug "★ ★" has the character '★' (allowed: letters, digits and - . _ ~)`},
	}
	for _, tt := range tests {
		_, err := load(t, map[string]string{"content/news/x.md": "---\ntitle: A\ndate: 2026-01-01\nslug: " + tt.slug + "\n---\n"})
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s:\ngot  %v\nwant %s", tt.name, err, tt.want)
		}
	}
}

// TestSectionFolderOnce checks that a section folder that cannot be part
// of a URL is one problem, at the folder, whatever it holds.
func TestSectionFolderOnce(t *testing.T) {
	files := map[string]string{"content/news/ok.md": "---\ntitle: OK\ndate: 2026-01-01\n---\n"}
	for _, name := range []string{"a", "b", "c"} {
		files["content/Breaking News/"+name+".md"] = "---\ntitle: " + name + "\ndate: 2026-01-01\n---\n"
	}
	files["content/Breaking News/d/index.md"] = "---\ntitle: d\ndate: 2026-01-01\n---\n"
	arts, err := load(t, files)
	var got []string
	for _, e := range diag.Flatten(err) {
		got = append(got, e.Error())
	}
	want := `content/Breaking News: section folder "Breaking News" has a space (allowed: letters, digits and - . _ ~); rename it "breaking-news"`
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %q\nwant [%q]", got, want)
	}
	if len(arts) != 1 || arts[0].URL() != "/news/ok/" {
		t.Errorf("articles = %v, want the one of content/news", arts)
	}
}

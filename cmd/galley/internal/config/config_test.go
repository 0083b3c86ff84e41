package config

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func loadYAML(t *testing.T, data string) (*Config, error) {
	t.Helper()
	return Load(fstest.MapFS{File: {Data: []byte(data)}})
}

func TestDefaults(t *testing.T) {
	c, err := Load(fstest.MapFS{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Location.String() != "UTC" || c.PerPage != 20 || c.FeedItems != 20 || len(c.Share) != 7 || c.Base.String() != "http://localhost:1313/" {
		t.Errorf("defaults = %+v", c)
	}
}

func TestLoad(t *testing.T) {
	c, err := loadYAML(t, `title: The Meridian
base_url: https://example.org/news
time_zone: Europe/Berlin
share: [x, email]
newsletter:
  action: https://lists.example.org/s
  hidden: {list: daily}
per_page: 5
`)
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "The Meridian" || c.Base.String() != "https://example.org/news/" || c.Location.String() != "Europe/Berlin" ||
		strings.Join(c.Share, ",") != "x,email" || c.Newsletter.Hidden["list"] != "daily" || c.PerPage != 5 || c.Newsletter.Button != "Sign up" {
		t.Errorf("config = %+v", c)
	}
	if got := c.Abs("/news/a/"); got != "https://example.org/news/news/a/" {
		t.Errorf("Abs = %q", got)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"titel: X\n", `site.yaml:1: unknown key "titel"`},
		{"title: X\nper_page: ten\n", `site.yaml:2: per_page: want a whole number, got "ten"`},
		{"share: [facebook, myspace]\n", `site.yaml:1: share: unknown network "myspace"`},
		{"time_zone: Mars/Olympus\n", `site.yaml:1: time_zone: unknown time zone "Mars/Olympus"`},
		{"base_url: example.org\n", `site.yaml:1: base_url: want an absolute http or https URL`},
		{"newsletter:\n  method: put\n", `site.yaml:1: newsletter: method: want post or get`},
		{"newsletter:\n  acton: x\n", `site.yaml:2: unknown key "newsletter.acton"`},
		{"per_page: 0\n", `site.yaml:1: per_page: want a number of stories of 1 or more`},
		{"title: [\n", `site.yaml:`},
		{"title: X\npermalinks:\n  news: /news/:title/\n", `site.yaml:2: permalinks: news: "/news/:title/": unknown token :title`},
		{"permalinks:\n  ../x: /:section/:slug/\n", `site.yaml:1: permalinks: "../x" is not a section folder's name`},
		{"permalinks:\n  news: /:slug/\n", `would take the place of a page or section`},
		{"feeds:\n  rss_aliases: [../x.xml]\n", `site.yaml:1: feeds: rss_aliases: "../x.xml": want the file name of an old feed`},
		{"feeds:\n  rss_aliases: [atom.xml]\n", `feeds: rss_aliases: "atom.xml"`},
		{"feeds:\n  rss_aliases: [index.html]\n", `feeds: rss_aliases: "index.html"`},
		{"feeds:\n  term_formats: [rss, rdf]\n", `site.yaml:1: feeds: term_formats: "rdf": want some of rss, atom, json, each once`},
		{"feeds:\n  term_formats: [atom, atom]\n", `feeds: term_formats: "atom": want some`},
		{"default_image: javascript:alert(1)\n", `site.yaml:1: default_image:`},
		{"images:\n  widths: [10]\n", `site.yaml:1: images: widths: 10 is not a width`},
		{"images:\n  quality: 0\n", `images: quality: want 1 to 100`},
		{"images:\n  formats: [gif]\n", `images: formats: unknown format "gif"`},
		{"search: maybe\n", `site.yaml:1: search: want false, or a mapping`},
		{"search:\n  fallbak: x\n", `site.yaml:2: search: unknown key "fallbak"`},
		{"search:\n  recency: lots\n", `site.yaml:2: search: recency: want a number`},
		{"search:\n  fallback: https://duckduckgo.com/?q=x\n", `search.fallback: "https://duckduckgo.com/?q=x": want {query}`},
		{"search:\n  fallback: https://duckduckgo.com/?q={query}+site%3Aexample.org\n", `as the whole value of one parameter`},
		{"search:\n  fallback: javascript:alert({query})\n", `site.yaml:2: search.fallback:`},
		{"search:\n  recency: 2\n", `search.recency: want a weight from 0`},
		{"deploy:\n  targets:\n    - name: live\n      url: https://example.org/\n", `site.yaml:1: deploy: target "live": url "https://example.org/": want a bucket URL`},
		{"deploy:\n  targets:\n    - url: s3://b\n", `deploy: target 1: want a name of its own`},
		{"deploy:\n  targets:\n    - {name: a, url: s3://b}\n    - {name: a, url: gs://c}\n", `deploy: target 2: want a name of its own, got "a"`},
		{"deploy:\n  targets:\n    - {name: a, uri: s3://b}\n", `site.yaml:3: unknown key "deploy.targets[0].uri"`},
		{"deploy:\n  targets:\n    - {name: a, url: s3://b, compress: zstd}\n", `deploy: target "a": compress: want gzip or br, got "zstd"`},
		{"deploy:\n  targets:\n    - {name: a, url: gs://b, cloudfront: E2QWRUHAPOMQZL}\n", `target "a": cloudfront: a CloudFront distribution serves an s3:// bucket, not gs://`},
		{"deploy:\n  targets:\n    - {name: a, url: s3://b, cloudfront: d111111abcdef8.cloudfront.net}\n", `cloudfront: "d111111abcdef8.cloudfront.net" is not a distribution ID`},
		{"deploy:\n  targets:\n    - {name: a, url: s3://b, exclude: [\"\"]}\n", `target "a": an empty pattern`},
		{"deploy:\n  headers:\n    - {match: \"*.pdf\"}\n", `deploy: headers 1 (*.pdf): want content_type or cache_control`},
		{"deploy:\n  headers:\n    - {cache_control: no-store}\n", `deploy: headers 1: want a match`},
		{"deploy:\n  headers:\n    - {match: \"*.pdf\", cache_control: \"max-age=60\\r\\nX-Evil: 1\"}\n", `printable ASCII characters, on one line`},
		{"deploy:\n  headers:\n    - {match: \"*.pdf\", cach_control: no-store}\n", `unknown key "deploy.headers[0].cach_control"`},
	}
	for _, tt := range tests {
		_, err := loadYAML(t, tt.yaml)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%q) error = %v, want %q", tt.yaml, err, tt.want)
		}
	}
}

// TestUnsafeURLs checks that a URL of site.yaml that the pages would drop,
// because its scheme could run script or it cannot be made absolute, is an
// error at its own line rather than vanishing from the site.
func TestUnsafeURLs(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"title: X\nnewsletter:\n  heading: Hi\n  action: javascript:alert(1)\n",
			`site.yaml:4: newsletter.action: "javascript:alert(1)" is not a safe URL; use an https:// address or a site path`},
		{"newsletter:\n  action: https://lists.example.org/s\n  privacy_url: data:text/html,<script>x</script>\n",
			`site.yaml:3: newsletter.privacy_url: "data:text/html,<script>x</script>" is not a safe URL; use an https:// address or a site path`},
		{"newsletter:\n    action: \"VBScript:msgbox\"\n", `site.yaml:2: newsletter.action: "VBScript:msgbox" is not a safe URL`},
		{"newsletter:\n  action: \"java\\tscript:x\"\n", `site.yaml:2: newsletter.action: "java\tscript:x" is not a safe URL`},
		{"newsletter: {action: \"javascript:x\"}\n", `site.yaml:1: newsletter.action: "javascript:x" is not a safe URL`},
		{"title: X\nlogo: javascript:alert(1)\n", `site.yaml:2: logo: "javascript:alert(1)" is not a safe URL; use an https:// address or a site path`},
		{"logo: images/logo.svg\n", `site.yaml:1: logo: "images/logo.svg" is relative, so it would lead elsewhere from each page; use an https:// address or a site path such as /images/logo.svg`},
		{"logo: mailto:desk@example.org\n", `site.yaml:1: logo: "mailto:desk@example.org" is not an image address`},
		{"newsletter:\n  action: /s\n  privacy_url: privacy/\n", `site.yaml:3: newsletter.privacy_url: "privacy/" is relative`},
		{"social:\n  x: meridian\n  facebook: javascript:alert(1)\n", `site.yaml:3: social.facebook: "javascript:alert(1)" is not a safe URL; use an https:// address`},
	}
	for _, tt := range tests {
		_, err := loadYAML(t, tt.yaml)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%q) error = %v, want %q", tt.yaml, err, tt.want)
		}
	}
	for _, ok := range []string{
		"newsletter:\n  action: https://lists.example.org/s\n  privacy_url: /privacy/\n",
		"newsletter:\n  action: /subscribe\n  privacy_url: \"#privacy\"\n",
		"newsletter:\n  action: mailto:desk@example.org\n",
		"logo: //cdn.example.org/logo.svg\n",
		"logo: http://example.org/logo.svg\n",
		"social:\n  x: \"@meridian\"\n  bluesky: meridian.bsky.social\n  mastodon: https://mastodon.social/@meridian\n",
	} {
		if _, err := loadYAML(t, ok); err != nil {
			t.Errorf("Load(%q): %v", ok, err)
		}
	}
}

// TestSearch checks search: as site.yaml writes it: off, on, or set.
func TestSearch(t *testing.T) {
	for _, tt := range []struct {
		yaml     string
		off      bool
		fallback string
		recency  float64
	}{
		{"", false, "", DefaultRecency},
		{"search: false\n", true, "", DefaultRecency},
		{"search: true\n", false, "", DefaultRecency},
		{"search:\n  fallback: https://duckduckgo.com/?q={query}&sites=example.org\n  recency: 0\n", false, "https://duckduckgo.com/?q={query}&sites=example.org", 0},
	} {
		c, err := Load(fstest.MapFS{"site.yaml": {Data: []byte(tt.yaml)}})
		if err != nil {
			t.Errorf("%q: %v", tt.yaml, err)
			continue
		}
		if c.Search.Off != tt.off || c.Search.Fallback != tt.fallback || c.Search.RecencyWeight() != tt.recency {
			t.Errorf("%q: search = %+v (recency %g), want off %v, fallback %q, recency %g", tt.yaml, c.Search, c.Search.RecencyWeight(), tt.off, tt.fallback, tt.recency)
		}
	}
}

func TestTermFeedFormats(t *testing.T) {
	for _, tt := range []struct {
		yaml string
		want []string
	}{
		{"", []string{"rss"}},
		{"feeds:\n  rss_aliases: [index.xml]\n", []string{"rss"}},
		{"feeds:\n  term_formats: [rss, atom, json]\n", []string{"rss", "atom", "json"}},
		{"feeds:\n  term_formats: [json]\n", []string{"json"}},
		{"feeds:\n  term_formats: []\n", []string{}},
	} {
		c, err := Load(fstest.MapFS{"site.yaml": {Data: []byte(tt.yaml)}})
		if err != nil {
			t.Errorf("%q: %v", tt.yaml, err)
			continue
		}
		if !slices.Equal(c.Feeds.TermFormats, tt.want) {
			t.Errorf("%q: term_formats = %q, want %q", tt.yaml, c.Feeds.TermFormats, tt.want)
		}
	}
}

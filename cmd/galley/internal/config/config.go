// Package config holds the site configuration, read from site.yaml.
//
// Every key is optional; a site without site.yaml gets the defaults shown.
//
//	title: The Meridian               # publication name (masthead, feeds, <title>)
//	description: Independent news…   # one line about the publication (home page, feeds)
//	base_url: https://example.org/    # absolute URL where public/ is served; links in feeds,
//	                                  # sitemaps, share links and canonical URLs start with it
//	language: en                      # BCP 47 language of the content (<html lang>, feeds)
//	time_zone: UTC                    # IANA zone for dates written as YYYY-MM-DD and for
//	                                  # the times shown to readers
//	logo: /favicon.svg                # site-relative path or absolute URL (JSON-LD publisher logo)
//	default_image: /images/card.jpg   # the social image of a page without one (default: none)
//	publisher: The Meridian Media Ltd # legal name of the publisher (JSON-LD, footer)
//	social:                           # the publication's own accounts, for cards and footer
//	  x: meridian                     # handle without @ (twitter:site)
//	  facebook: https://facebook.com/meridian
//	  bluesky: meridian.bsky.social
//	  instagram: https://instagram.com/meridian
//	  linkedin: https://linkedin.com/company/meridian
//	  mastodon: https://mastodon.social/@meridian
//	share: [facebook, x, linkedin, whatsapp, bluesky, reddit, email]
//	                                  # share links under each article, in this order
//	newsletter:                       # the signup block on every article; omit action to hide it
//	  heading: Get the morning briefing
//	  blurb: The day's essential stories, in your inbox at 6 a.m.
//	  action: https://lists.example.org/subscribe   # form action URL
//	  method: post                    # post or get
//	  email_field: email              # name of the email input
//	  hidden: {list: daily}           # extra hidden inputs, sent as name=value
//	  button: Sign up
//	  privacy_url: /privacy/          # link shown under the form
//	per_page: 20                      # stories per listing page
//	feed_items: 20                    # items in each feed
//	markdown:
//	  unsafe: false                   # true lets raw HTML in articles through; only for
//	                                  # sites whose every author is trusted
//	max_file_size: 10485760           # bytes; a bigger content file is an error
//	max_asset_size: 104857600         # bytes; a bigger static or bundle file is an error
//	keep: [downloads/]                # paths of the output folder Galley did not write
//	                                  # and carries over (besides .git, CNAME, .nojekyll)
//	images:                           # derivatives of every local image, for srcset
//	  widths: [320, 640, 960, 1280, 1600, 2400]   # never wider than the original
//	  quality: 75                     # 1–100
//	  formats: [webp, jpeg]           # modern first; the last is the <img> fallback
//	feeds:
//	  rss_aliases: [index.xml]        # other names of every RSS feed, as an old site had them
//	  term_formats: [rss]             # formats of each topic's and author's feed, of rss, atom
//	                                  # and json ([] for none); the site's and sections' have all
//	search:                           # the search page /search/ and its index; false turns both off
//	  fallback: https://duckduckgo.com/?q={query}&sites=example.org
//	                                  # where the form sends a reader without JavaScript
//	  recency: 0.3                    # 0–1: how much a newer story ranks above an older one
//	permalinks:                       # URLs of a section's stories (default /:section/:slug/);
//	  news: /news/:year/:month/:day/:slug/   # tokens :section :year :month :day :slug
//	                                  # (see package permalink)
//
// An unknown key or a value of the wrong type is an error that names the
// line of site.yaml. So is a URL that the pages could not carry, which
// would otherwise vanish from them: logo, newsletter.action and
// newsletter.privacy_url must be http(s) addresses or site paths, and a
// social value with a colon a safe URL.
package config

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"galley.dev/galley/cmd/galley/internal/diag"
	"galley.dev/galley/cmd/galley/internal/markdown"
	"galley.dev/galley/cmd/galley/internal/permalink"
	"galley.dev/galley/cmd/galley/internal/slug"
	"galley.dev/galley/cmd/galley/internal/strictyaml"

	"go.yaml.in/yaml/v3"
)

// File is the name of the configuration file in a site folder.
const File = "site.yaml"

// DefaultMaxAssetSize is the default max_asset_size: 100 MiB, the most
// that GitHub Pages and most hosts take in one file.
const DefaultMaxAssetSize = 100 << 20

// Config is the site configuration.
type Config struct {
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	BaseURL     string `yaml:"base_url"`
	Language    string `yaml:"language"`
	TimeZone    string `yaml:"time_zone"`
	Logo        string `yaml:"logo"`
	// DefaultImage is the image of a page that has none of its own, for
	// social cards and structured data; "" offers none.
	DefaultImage string            `yaml:"default_image"`
	Publisher    string            `yaml:"publisher"`
	Social       map[string]string `yaml:"social"`
	Share        []string          `yaml:"share"`
	Newsletter   Newsletter        `yaml:"newsletter"`
	PerPage      int               `yaml:"per_page"`
	FeedItems    int               `yaml:"feed_items"`
	Markdown     Markdown          `yaml:"markdown"`
	MaxFileSize  int64             `yaml:"max_file_size"`
	// MaxAssetSize is the largest file of static/ or of a page bundle
	// that a build copies, in bytes.
	MaxAssetSize int64 `yaml:"max_asset_size"`
	// Keep lists paths in the output folder, relative to it, that Galley
	// did not write and carries over into every build, besides .git,
	// CNAME and .nojekyll.
	Keep []string `yaml:"keep"`
	// Feeds configures the feeds beyond their defaults.
	Feeds Feeds `yaml:"feeds"`
	// Images configures the derivatives of local images.
	Images Images `yaml:"images"`
	// Search configures the search page and its index.
	Search Search `yaml:"search"`
	// Deploy names the buckets galley deploy publishes to.
	Deploy Deploy `yaml:"deploy"`
	// Permalinks are the URL patterns of sections' stories, as written.
	Permalinks map[string]string `yaml:"permalinks"`

	// Patterns are Permalinks, parsed.
	Patterns map[string]permalink.Pattern `yaml:"-"`
	// Location is TimeZone, loaded.
	Location *time.Location `yaml:"-"`
	// Base is BaseURL, parsed, with a path that ends in a slash.
	Base *url.URL `yaml:"-"`
	// Sum is the SHA-256 of site.yaml, hex ("" without one).
	Sum string `yaml:"-"`
}

// Deploy configures galley deploy.
type Deploy struct {
	Targets []Target `yaml:"targets"`
	// Headers override the headers a deploy gives the files they match,
	// on every target; the first that matches a file applies.
	Headers []HeaderRule `yaml:"headers"`
}

// A Target is a bucket galley deploy --target NAME publishes to.
type Target struct {
	Name string `yaml:"name"`
	// URL is the bucket's, as gocloud.dev/blob opens it:
	// s3://BUCKET?region=…, gs://BUCKET, azblob://CONTAINER,
	// file:///path.
	URL string `yaml:"url"`
	// Include and Exclude are patterns of the site's paths ("*.pdf",
	// "/audio/**", "podcasts/"): the target takes the files Include
	// matches (all, when empty) and Exclude does not.
	Include []string `yaml:"include"`
	Exclude []string `yaml:"exclude"`
	// Compress is gzip or br: the text files go up compressed.
	Compress string `yaml:"compress"`
	// CloudFront is the ID of the CloudFront distribution in front of
	// an s3:// bucket, whose copies of the changed paths a deploy
	// invalidates.
	CloudFront string `yaml:"cloudfront"`
}

// A HeaderRule sets the headers of the files Match matches; an empty
// value keeps the default.
type HeaderRule struct {
	Match        string `yaml:"match"`
	ContentType  string `yaml:"content_type"`
	CacheControl string `yaml:"cache_control"`
}

// DeployEncodings are the values of a target's compress.
var DeployEncodings = []string{"gzip", "br"}

// DeploySchemes are the bucket URL schemes galley deploy opens.
var DeploySchemes = []string{"s3", "gs", "azblob", "file"}

// Target returns the target named name.
func (d Deploy) Target(name string) (Target, bool) {
	for _, t := range d.Targets {
		if t.Name == name {
			return t, true
		}
	}
	return Target{}, false
}

// Search configures the search page and its index: search: false turns
// both off; a mapping sets fallback and recency.
type Search struct {
	// Off is true for search: false.
	Off bool `yaml:"-"`
	// Fallback is the URL a reader without JavaScript is sent to, with
	// {query} standing for the words; "" says search needs JavaScript.
	Fallback string `yaml:"fallback"`
	// Recency weighs a newer story above an older one, from 0 (by
	// relevance alone) to 1.
	Recency Weight `yaml:"recency"`
}

// A Weight is a number that site.yaml may leave out.
type Weight struct {
	Set   bool
	Value float64
}

// UnmarshalYAML reads a number.
func (w *Weight) UnmarshalYAML(n *yaml.Node) error {
	text, err := strictyaml.ScalarValue(n)
	if err != nil {
		return err
	}
	v, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return fmt.Errorf("want a number such as 0.3, got %q", text)
	}
	*w = Weight{Set: true, Value: v}
	return nil
}

// DefaultRecency is search.recency's default.
const DefaultRecency = 0.3

// UnmarshalYAML reads search: false (or true) and the mapping.
func (s *Search) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		switch n.Value {
		case "false", "no", "off":
			s.Off = true
			return nil
		case "true", "yes", "on":
			return nil
		}
		return fmt.Errorf("want false, or a mapping of fallback and recency")
	}
	type plain Search
	if errs := strictyaml.Decode(n, (*plain)(s)); len(errs) > 0 {
		return strictyaml.Errors(errs)
	}
	return nil
}

// RecencyWeight returns search.recency, or its default.
func (s *Search) RecencyWeight() float64 {
	if !s.Recency.Set {
		return DefaultRecency
	}
	return s.Recency.Value
}

// Newsletter configures the signup form shown with every article.
type Newsletter struct {
	Heading    string            `yaml:"heading"`
	Blurb      string            `yaml:"blurb"`
	Action     string            `yaml:"action"`
	Method     string            `yaml:"method"`
	EmailField string            `yaml:"email_field"`
	Hidden     map[string]string `yaml:"hidden"`
	Button     string            `yaml:"button"`
	PrivacyURL string            `yaml:"privacy_url"`
}

// Images configures the derivatives made of every local image: a
// browser takes the smallest that fills its place on the page.
type Images struct {
	// Widths are those of the derivatives, in pixels; none is made
	// wider than its original.
	Widths []int `yaml:"widths"`
	// Quality is the encoders' quality, 1–100.
	Quality int `yaml:"quality"`
	// Formats are the formats made, modern first: webp, jpeg. The last is
	// the fallback of the <img>.
	Formats []string `yaml:"formats"`
}

// ImageFormats are the formats Galley makes derivatives in.
var ImageFormats = []string{"webp", "jpeg"}

// Feeds configures the feeds.
type Feeds struct {
	// RSSAliases are other file names of every RSS feed (the site's, each
	// section's, topic's and author's), as an old site named them (Hugo:
	// index.xml): the build writes the feed under each too, so that its
	// subscribers keep it.
	RSSAliases []string `yaml:"rss_aliases"`
	// TermFormats are the formats of each topic's and each author's
	// feed, of FeedFormats: RSS alone unless a site asks for more. The
	// site's feed and each section's come in all three. A topic feed in
	// three formats is three copies of twenty stories; every feed reader
	// reads RSS, and a site of 10,000 stories writes 100 MB less.
	TermFormats []string `yaml:"term_formats"`
}

// FeedFormats are the feed formats Galley writes, by their names in
// site.yaml: RSS 2.0, Atom and JSON Feed.
var FeedFormats = []string{"rss", "atom", "json"}

// Formats returns the formats of a listing's feeds: every one of
// FeedFormats for the site and its sections, TermFormats for a topic or
// an author (term).
func (f Feeds) Formats(term bool) []string {
	if term {
		return f.TermFormats
	}
	return FeedFormats
}

// Markdown configures the markdown renderer.
type Markdown struct {
	Unsafe bool `yaml:"unsafe"`
}

// ShareNetworks lists the networks Galley can build share links for.
var ShareNetworks = []string{"facebook", "x", "linkedin", "whatsapp", "bluesky", "reddit", "email"}

// Default returns the configuration of a site without site.yaml.
func Default() *Config {
	c := defaults()
	c.validate(nil)
	return c
}

func defaults() *Config {
	c := &Config{
		Title:       "Galley News",
		Description: "News, built with Galley.",
		BaseURL:     "http://localhost:1313/",
		Language:    "en",
		TimeZone:    "UTC",
		Logo:        "/favicon.svg",
		Share:       slices.Clone(ShareNetworks),
		Newsletter: Newsletter{
			Heading:    "Get the briefing",
			Blurb:      "The day’s essential stories in your inbox, every morning.",
			Method:     "post",
			EmailField: "email",
			Button:     "Sign up",
		},
		PerPage:      20,
		FeedItems:    20,
		MaxFileSize:  10 << 20,
		MaxAssetSize: DefaultMaxAssetSize,
		Feeds:        Feeds{TermFormats: []string{"rss"}},
		Images: Images{
			Widths:  []int{320, 640, 960, 1280, 1600, 2400},
			Quality: 75,
			Formats: []string{"webp", "jpeg"},
		},
	}
	return c
}

// Load reads site.yaml from the site folder, over the defaults. A missing
// file is not an error.
func Load(site fs.FS) (*Config, error) {
	c := defaults()
	data, err := fs.ReadFile(site, File)
	if errors.Is(err, fs.ErrNotExist) {
		return c, c.finish(c.validate(nil))
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", File, err)
	}
	sum := sha256.Sum256(data)
	c.Sum = hex.EncodeToString(sum[:])
	errs := strictyaml.Unmarshal(data, c)
	lines := keyLines(data)
	return c, c.finish(append(errs, c.validate(lines)...))
}

// finish fills the derived fields and reports all problems.
func (c *Config) finish(errs []*diag.Error) error {
	for _, e := range errs {
		e.Path = File
	}
	return diag.Join(errs)
}

// validate checks values that decode but make no sense, and derives
// Location and Base. lines gives the line of each top-level key.
func (c *Config) validate(lines map[string]int) []*diag.Error {
	var errs []*diag.Error
	bad := func(key, format string, args ...any) {
		errs = append(errs, diag.Errorf("", lineOf(lines, key), key+": "+format, args...))
	}
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil || c.TimeZone == "" || c.TimeZone == "Local" {
		bad("time_zone", "unknown time zone %q; use an IANA name such as Europe/Berlin or UTC", c.TimeZone)
		loc = time.UTC
	}
	c.Location = loc
	base, err := url.Parse(c.BaseURL)
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		bad("base_url", "want an absolute http or https URL such as https://example.org/, got %q", c.BaseURL)
		base = &url.URL{Scheme: "http", Host: "localhost"}
	}
	c.SetBase(base)
	for _, n := range c.Share {
		if !slices.Contains(ShareNetworks, n) {
			bad("share", "unknown network %q; choose from %s", n, strings.Join(ShareNetworks, ", "))
		}
	}
	if m := strings.ToLower(c.Newsletter.Method); m != "post" && m != "get" {
		bad("newsletter", "method: want post or get, got %q", c.Newsletter.Method)
	}
	// The pages drop a URL they may not print, so that a bad one would
	// vanish from the site without a word: say so here, at its line.
	for _, u := range []struct {
		key, value string
		image      bool
	}{
		{"logo", c.Logo, true},
		{"default_image", c.DefaultImage, true},
		{"newsletter.action", c.Newsletter.Action, false},
		{"newsletter.privacy_url", c.Newsletter.PrivacyURL, false},
		{"search.fallback", strings.ReplaceAll(c.Search.Fallback, "{query}", "q"), false},
	} {
		if msg := linkProblem(u.value, u.image); msg != "" {
			bad(u.key, "%s", msg)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(c.Social)) {
		// A handle has no colon; a value with one is a URL, or meant
		// as one.
		if v := c.Social[name]; strings.Contains(v, ":") && !markdown.SafeURL(v) {
			bad("social."+name, "%q is not a safe URL; use an https:// address or the account's handle", v)
		}
	}
	seen := map[string]bool{}
	for i, t := range c.Deploy.Targets {
		switch u, err := url.Parse(t.URL); {
		case t.Name == "" || seen[t.Name]:
			bad("deploy", "target %d: want a name of its own, got %q", i+1, t.Name)
		case err != nil || !slices.Contains(DeploySchemes, u.Scheme):
			bad("deploy", "target %q: url %q: want a bucket URL, %s://…", t.Name, t.URL, strings.Join(DeploySchemes, "://…, "))
		case t.Compress != "" && !slices.Contains(DeployEncodings, t.Compress):
			bad("deploy", "target %q: compress: want %s, got %q", t.Name, strings.Join(DeployEncodings, " or "), t.Compress)
		case t.CloudFront != "" && u.Scheme != "s3":
			bad("deploy", "target %q: cloudfront: a CloudFront distribution serves an s3:// bucket, not %s://", t.Name, u.Scheme)
		case t.CloudFront != "" && !cloudFrontID(t.CloudFront):
			bad("deploy", "target %q: cloudfront: %q is not a distribution ID, such as E2QWRUHAPOMQZL", t.Name, t.CloudFront)
		}
		for _, p := range slices.Concat(t.Include, t.Exclude) {
			if p == "" {
				bad("deploy", "target %q: an empty pattern in include or exclude; remove it", t.Name)
			}
		}
		seen[t.Name] = true
	}
	for i, h := range c.Deploy.Headers {
		switch {
		case h.Match == "":
			bad("deploy", "headers %d: want a match, the pattern of the files it sets headers of", i+1)
		case h.ContentType == "" && h.CacheControl == "":
			bad("deploy", "headers %d (%s): want content_type or cache_control", i+1, h.Match)
		case !headerValue(h.ContentType) || !headerValue(h.CacheControl):
			bad("deploy", "headers %d (%s): a header value of printable ASCII characters, on one line", i+1, h.Match)
		}
	}
	if c.Search.Fallback != "" && !queryParam(c.Search.Fallback) {
		bad("search.fallback", "%q: want {query}, where the reader's words go, as the whole value of one parameter, such as https://duckduckgo.com/?q={query}&sites=example.org (a form cannot add site:… to the words)", c.Search.Fallback)
	}
	if r := c.Search.RecencyWeight(); r < 0 || r > 1 {
		bad("search.recency", "want a weight from 0 (relevance alone) to 1, got %g", r)
	}
	if c.PerPage < 1 {
		bad("per_page", "want a number of stories of 1 or more, got %d", c.PerPage)
		c.PerPage = 20
	}
	if c.FeedItems < 1 {
		bad("feed_items", "want a number of items of 1 or more, got %d", c.FeedItems)
		c.FeedItems = 20
	}
	if c.MaxFileSize < 1 {
		bad("max_file_size", "want a size in bytes of 1 or more, got %d", c.MaxFileSize)
		c.MaxFileSize = 10 << 20
	}
	if c.MaxAssetSize < 1 {
		bad("max_asset_size", "want a size in bytes of 1 or more, got %d", c.MaxAssetSize)
		c.MaxAssetSize = DefaultMaxAssetSize
	}
	for _, k := range c.Keep {
		if clean := strings.TrimSuffix(k, "/"); !fs.ValidPath(clean) || clean == "." || strings.Contains(clean, "\\") {
			bad("keep", "%q: want a path inside the output folder, such as CNAME or downloads/", k)
		}
	}
	if c.Language == "" {
		bad("language", "want a language code such as en or de")
	}
	for _, name := range c.Feeds.RSSAliases {
		if !strings.HasSuffix(name, ".xml") || slug.Check(name) != nil || slices.Contains([]string{"feed.xml", "atom.xml", "sitemap.xml", "news-sitemap.xml"}, name) || strings.HasPrefix(name, "sitemap") {
			bad("feeds", "rss_aliases: %q: want the file name of an old feed, such as index.xml", name)
		}
	}
	for i, f := range c.Feeds.TermFormats {
		if !slices.Contains(FeedFormats, f) || slices.Contains(c.Feeds.TermFormats[:i], f) {
			bad("feeds", "term_formats: %q: want some of %s, each once", f, strings.Join(FeedFormats, ", "))
		}
	}
	errs = append(errs, c.Images.validate(lines)...)
	c.Patterns = map[string]permalink.Pattern{}
	for _, section := range slices.Sorted(maps.Keys(c.Permalinks)) {
		if err := slug.Check(section); err != nil {
			bad("permalinks", "%q is not a section folder's name: %v", section, err)
			continue
		}
		p, err := permalink.Parse(c.Permalinks[section])
		if err != nil {
			bad("permalinks", "%s: %v", section, err)
			continue
		}
		c.Patterns[section] = p
	}
	return errs
}

// linkProblem says what is wrong with u as a URL that every page carries,
// or returns "" if nothing is. It must be one that markdown.SafeURL
// allows, and absolute, a site path or a link's #fragment: a relative one
// would point somewhere else from each page. An image, which goes into
// Open Graph tags and JSON-LD, must be http or https.
func linkProblem(u string, image bool) string {
	const fix = "use an https:// address or a site path"
	p, err := url.Parse(u)
	switch {
	case u == "":
		return ""
	case err != nil || !markdown.SafeURL(u):
		return fmt.Sprintf("%q is not a safe URL; %s", u, fix)
	case image && p.Scheme != "" && p.Scheme != "http" && p.Scheme != "https":
		return fmt.Sprintf("%q is not an image address; %s", u, fix)
	case p.Scheme == "" && !strings.HasPrefix(u, "/") && (image || !strings.HasPrefix(u, "#")):
		return fmt.Sprintf("%q is relative, so it would lead elsewhere from each page; %s such as /%s", u, fix, u)
	}
	return ""
}

// queryParam reports whether the URL u has a parameter whose whole value
// is {query}.
func queryParam(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	for _, values := range p.Query() {
		if slices.Contains(values, "{query}") {
			return true
		}
	}
	return false
}

// lineOf returns the line of key, such as "newsletter.action", in lines;
// or that of its top-level key when it has no line of its own, as in a
// flow mapping ("newsletter: {action: …}").
func lineOf(lines map[string]int, key string) int {
	if n, ok := lines[key]; ok {
		return n
	}
	top, _, _ := strings.Cut(key, ".")
	return lines[top]
}

// SetBase sets the base URL (for --base-url), keeping its path
// slash-terminated so that relative references resolve under it.
func (c *Config) SetBase(u *url.URL) {
	u = &url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	c.Base = u
	c.BaseURL = u.String()
}

// ParseBaseURL parses a --base-url value.
func ParseBaseURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("base URL %q: want an absolute http or https URL such as https://example.org/", s)
	}
	return u, nil
}

// Abs returns the absolute URL of a site path such as "/news/x/".
func (c *Config) Abs(path string) string {
	// BaseURL is Base as a string (SetBase keeps them together); a page
	// asks for dozens of absolute URLs, and Base.String builds one anew.
	return c.BaseURL + strings.TrimPrefix(path, "/")
}

// keyLines maps each top-level key of a YAML document to its line, and
// each key of a block mapping under one to its line as "parent.key", for
// messages about values that decoded but are wrong.
func keyLines(data []byte) map[string]int {
	lines := map[string]int{}
	parent, indent := "", -1
	for i, line := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimLeft(line, " \t")
		if trimmed == "" || trimmed[0] == '#' {
			continue
		}
		k, _, ok := strings.Cut(trimmed, ":")
		k = strings.TrimSpace(k)
		depth := len(line) - len(trimmed)
		switch {
		case depth == 0:
			parent, indent = "", -1
			if ok {
				parent = k
			}
		case parent == "" || !ok:
			continue
		case indent < 0:
			indent = depth
			fallthrough
		case depth == indent:
			k = parent + "." + k
		default:
			continue // deeper: a value, not a key of parent
		}
		if _, seen := lines[k]; ok && !seen {
			lines[k] = i + 1
		}
	}
	return lines
}

// validate checks the image settings.
func (im *Images) validate(lines map[string]int) []*diag.Error {
	var errs []*diag.Error
	bad := func(format string, args ...any) {
		errs = append(errs, diag.Errorf("", lineOf(lines, "images"), "images: "+format, args...))
	}
	if len(im.Widths) == 0 || len(im.Widths) > 12 {
		bad("widths: want 1 to 12 widths in pixels, such as [320, 640, 1280, 2400]")
	}
	for _, w := range im.Widths {
		if w < 16 || w > 8192 {
			bad("widths: %d is not a width from 16 to 8192 pixels", w)
		}
	}
	slices.Sort(im.Widths)
	im.Widths = slices.Compact(im.Widths)
	if im.Quality < 1 || im.Quality > 100 {
		bad("quality: want 1 to 100, got %d", im.Quality)
	}
	if len(im.Formats) == 0 {
		bad("formats: want one or more of %s", strings.Join(ImageFormats, ", "))
	}
	for _, f := range im.Formats {
		if !slices.Contains(ImageFormats, f) {
			bad("formats: unknown format %q; choose from %s", f, strings.Join(ImageFormats, ", "))
		}
	}
	return errs
}

// cloudFrontID reports whether s has the form of a CloudFront
// distribution's ID: upper-case letters and digits.
func cloudFrontID(s string) bool {
	if len(s) < 8 || len(s) > 20 {
		return false
	}
	for _, r := range s {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// headerValue reports whether s may be an HTTP header's value as a
// bucket stores it: printable ASCII.
func headerValue(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

package deploy

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"sync"
)

// A Target says how the site goes to one bucket: which of its files,
// with which headers, compressed or not.
type Target struct {
	// Include and Exclude are patterns of keys (see Match). A deploy
	// uploads and deletes only keys that Include matches (every key,
	// when it is empty) and Exclude does not; it leaves the others
	// alone, in the bucket as in its manifest.
	Include, Exclude []string
	// Rules override the default headers of the keys they match; the
	// first rule that matches a key applies.
	Rules []Rule
	// Encoding compresses the text files (pages, feeds, styles, scripts,
	// JSON, SVG) before upload and serves them with that
	// Content-Encoding: "" (none), "gzip" or "br". The bucket serves
	// them so to every reader, whatever the browser asks: every
	// browser takes gzip; br only over HTTPS.
	Encoding string

	once             sync.Once
	include, exclude []pattern
	rules            []pattern
}

// A Rule sets the headers of the keys that Match matches; an empty
// field keeps the default.
type Rule struct {
	Match        string
	ContentType  string
	CacheControl string
}

// Encodings are the values of Target.Encoding besides "".
var Encodings = []string{"gzip", "br"}

// compile compiles t's patterns, once.
func (t *Target) compile() {
	t.once.Do(func() {
		t.include, t.exclude = compileAll(t.Include), compileAll(t.Exclude)
		for _, r := range t.Rules {
			t.rules = append(t.rules, compilePattern(r.Match))
		}
	})
}

// InScope reports whether the deploy to t uploads or deletes key.
func (t *Target) InScope(key string) bool {
	t.compile()
	if len(t.include) > 0 && !anyMatch(t.include, key) {
		return false
	}
	return !anyMatch(t.exclude, key)
}

// Header returns the header of the object at key: the defaults of
// Headers, then the first rule that matches, then the encoding.
func (t *Target) Header(key string) Header {
	t.compile()
	h := Headers(key)
	for i, p := range t.rules {
		if p.match(key) {
			r := t.Rules[i]
			if r.ContentType != "" {
				h.ContentType = r.ContentType
			}
			if r.CacheControl != "" {
				h.CacheControl = r.CacheControl
			}
			break
		}
	}
	if t.Encoding != "" && compressible(h.ContentType) {
		h.ContentEncoding = t.Encoding
	}
	return h
}

// compressible reports whether files of type ct shrink when compressed:
// text, not pictures, fonts or media, which are compressed already.
func compressible(ct string) bool {
	ct, _, _ = strings.Cut(ct, ";")
	switch {
	case strings.HasPrefix(ct, "text/"), strings.HasSuffix(ct, "+xml"), strings.HasSuffix(ct, "+json"):
		return true
	}
	switch ct {
	case "application/json", "application/xml", "application/javascript", "application/manifest+json":
		return true
	}
	return false
}

// digest returns a short digest of h, kept in the manifest so that a
// deploy notices a header's change, not only a file's.
func (h Header) digest() string {
	sum := sha256.Sum256([]byte(h.ContentType + "\n" + h.CacheControl + "\n" + h.ContentEncoding))
	return hex.EncodeToString(sum[:8])
}

// Match reports whether the key ("news/barrier/index.html") matches
// pattern. A pattern without a slash matches a key's last element
// ("*.pdf"); one with a slash matches the whole key, from the site's
// root ("/audio/**", "news/*/index.html"); one that ends in a slash
// matches everything under that folder ("podcasts/"). In a pattern, *
// stands for any run of characters but /, ** for any run at all, and ?
// for one character but /; every other character stands for itself.
func Match(pattern, key string) bool {
	return compilePattern(pattern).match(key)
}

// A pattern is a compiled pattern of Match.
type pattern struct {
	re   *regexp.Regexp
	base bool // matched against the key's last element
}

func (p pattern) match(key string) bool {
	if p.base {
		key = key[strings.LastIndexByte(key, '/')+1:]
	}
	return p.re.MatchString(key)
}

func compileAll(patterns []string) []pattern {
	var ps []pattern
	for _, s := range patterns {
		ps = append(ps, compilePattern(s))
	}
	return ps
}

func anyMatch(ps []pattern, key string) bool {
	for _, p := range ps {
		if p.match(key) {
			return true
		}
	}
	return false
}

// compilePattern compiles a pattern of Match into a regular expression,
// which cannot fail: every character but *, ** and ? is quoted.
func compilePattern(s string) pattern {
	p := pattern{base: !strings.Contains(s, "/")}
	s = strings.TrimPrefix(s, "/")
	if strings.HasSuffix(s, "/") {
		s += "**"
	}
	var re strings.Builder
	re.WriteString(`^`)
	for i := 0; i < len(s); i++ {
		switch {
		case strings.HasPrefix(s[i:], "**/"):
			re.WriteString(`(?:.*/)?`)
			i += 2
		case strings.HasPrefix(s[i:], "**"):
			re.WriteString(`.*`)
			i++
		case s[i] == '*':
			re.WriteString(`[^/]*`)
		case s[i] == '?':
			re.WriteString(`[^/]`)
		default:
			j := i + 1
			for j < len(s) && s[j] != '*' && s[j] != '?' {
				j++
			}
			re.WriteString(regexp.QuoteMeta(s[i:j]))
			i = j - 1
		}
	}
	re.WriteString(`$`)
	p.re = regexp.MustCompile(re.String())
	return p
}

package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"

	"galley.dev/galley/cmd/galley/internal/diag"
	"galley.dev/galley/cmd/galley/internal/strictyaml"
)

// maxTOMLKeys is the most keys ("=" signs) of TOML front matter Load
// reads.
const maxTOMLKeys = 2000

// errTOMLSyntax marks TOML front matter that could not be parsed.
var errTOMLSyntax = errors.New("TOML syntax error")

// decodeTOML decodes TOML front matter (Hugo's +++ format) into fm. The
// TOML becomes a YAML node tree first, so that both formats share one set
// of checks and messages.
func decodeTOML(data []byte, fm *frontMatter) []*diag.Error {
	// go-toml checks each key against those before it in its table, so
	// a huge table costs the square of its size: cap the keys, counted
	// by their "=" (an inline table may hold thousands on one line), far
	// above any article's.
	if n := bytes.Count(data, []byte("=")); n > maxTOMLKeys {
		at := 0
		for range maxTOMLKeys + 1 {
			at += bytes.IndexByte(data[at:], '=') + 1
		}
		line := bytes.Count(data[:at], []byte("\n")) + 1
		return []*diag.Error{{Line: line, Err: fmt.Errorf("%w: front matter of %d keys or more, the most is %d; keep data in the body or a file beside the article", errTOMLSyntax, n, maxTOMLKeys)}}
	}
	var m map[string]any
	if err := toml.Unmarshal(data, &m); err != nil {
		line := 0
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, _ = de.Position()
		}
		return []*diag.Error{{Line: line, Err: fmt.Errorf("%w: %v", errTOMLSyntax, err)}}
	}
	return strictyaml.Decode(tomlNode(m, newTOMLLines(data)), fm)
}

// tomlNode converts a decoded TOML value into a YAML node. TOML's decoder
// keeps no positions for values, so each key's line is found in the text.
func tomlNode(v any, src *tomlLines) *yaml.Node {
	switch v := v.(type) {
	case map[string]any:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			line := src.keyLine(k)
			key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: line}
			val := tomlNode(v[k], src)
			setLine(val, line)
			n.Content = append(n.Content, key, val)
		}
		return n
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, e := range v {
			n.Content = append(n.Content, tomlNode(e, src))
		}
		return n
	case string:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: fmt.Sprint(v)}
	case int64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: fmt.Sprint(v)}
	case float64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: fmt.Sprint(v)}
	case time.Time:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: v.Format(time.RFC3339Nano)}
	case fmt.Stringer: // toml.LocalDate, LocalDateTime, LocalTime
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: v.String()}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: fmt.Sprint(v)}
}

func setLine(n *yaml.Node, line int) {
	if n.Line == 0 {
		n.Line = line
	}
	for _, c := range n.Content {
		setLine(c, line)
	}
}

// tomlLines finds the line of a TOML key in the front matter's text. It
// indexes the lines once, so that a table of 20,000 keys does not scan the
// text 20,000 times. A key is on the first line that, after blanks and an
// optional quote, holds the key, an optional quote, blanks and "=": the
// regular expression (?m)^[ \t]*"?KEY"?[ \t]*= that Galley used before.
// Dotted keys and tables are not followed, so a key is found wherever it
// first appears, in whichever table.
type tomlLines struct {
	src   []byte
	lines []string
	// byEq holds, for n, the lines whose text before their (n+1)th "="
	// trims to a given string (blanks, then blanks and one quote, gone
	// from each end; see trimKey), so that only those lines are tried
	// for a key with n "=" in it. Each level is built when first needed.
	byEq []map[string][]int
}

func newTOMLLines(src []byte) *tomlLines {
	return &tomlLines{src: src, lines: strings.Split(string(src), "\n")}
}

// keyLine returns the line of key, counting from 1, or 0 if no line
// holds it.
func (t *tomlLines) keyLine(key string) int {
	if strings.Contains(key, "\n") {
		// A key with a newline (written "a\nb") spans lines; it is too
		// rare to index, so it gets the expression itself.
		return tomlKeyLineRegexp(t.src, key)
	}
	level := t.level(strings.Count(key, "="))
	best := 0
	for _, cand := range keyCandidates(key) {
		for _, i := range level[cand] {
			if best != 0 && i+1 >= best {
				break
			}
			if setsKey(t.lines[i], key) {
				best = i + 1
				break
			}
		}
	}
	return best
}

// level returns the index of lines by their text before the (n+1)th "=".
func (t *tomlLines) level(n int) map[string][]int {
	for len(t.byEq) <= n {
		t.byEq = append(t.byEq, nil)
	}
	if t.byEq[n] != nil {
		return t.byEq[n]
	}
	m := map[string][]int{}
	for i, line := range t.lines {
		at, rest := 0, line
		for range n {
			j := strings.IndexByte(rest, '=')
			if j < 0 {
				break
			}
			at, rest = at+j+1, rest[j+1:]
		}
		j := strings.IndexByte(rest, '=')
		if j < 0 { // fewer than n+1
			continue
		}
		k := trimKey(line[:at+j])
		m[k] = append(m[k], i)
	}
	t.byEq[n] = m
	return m
}

// trimKey trims blanks from both ends of s, then one quote from each
// end, then blanks again: a line that sets a key that starts and ends
// with neither trims to the key.
func trimKey(s string) string {
	s = strings.Trim(s, " \t")
	s = strings.TrimPrefix(s, `"`)
	s = strings.TrimSuffix(s, `"`)
	return strings.Trim(s, " \t")
}

// keyCandidates returns what the lines that set key trim to: a key that
// starts or ends with a quote or a blank may have lost it to trimKey.
func keyCandidates(key string) []string {
	var c []string
	for _, s := range []string{key, `"` + key, key + `"`, `"` + key + `"`} {
		if k := trimKey(s); !slices.Contains(c, k) {
			c = append(c, k)
		}
	}
	return c
}

// setsKey reports whether line matches ^[ \t]*"?KEY"?[ \t]*=.
func setsKey(line, key string) bool {
	for start := 0; ; start++ {
		for _, quoted := range []bool{false, true} {
			rest := line[start:]
			if quoted {
				var ok bool
				if rest, ok = strings.CutPrefix(rest, `"`); !ok {
					continue
				}
			}
			rest, ok := strings.CutPrefix(rest, key)
			if !ok {
				continue
			}
			if strings.HasPrefix(strings.TrimLeft(rest, " \t"), "=") {
				return true
			}
			if rest, ok = strings.CutPrefix(rest, `"`); ok && strings.HasPrefix(strings.TrimLeft(rest, " \t"), "=") {
				return true
			}
		}
		if start == len(line) || (line[start] != ' ' && line[start] != '\t') {
			return false
		}
	}
}

// tomlKeyLineRegexp returns the line of the first "key =" in src, or 0.
func tomlKeyLineRegexp(src []byte, key string) int {
	re := regexp.MustCompile(`(?m)^[ \t]*"?` + regexp.QuoteMeta(key) + `"?[ \t]*=`)
	loc := re.FindIndex(src)
	if loc == nil {
		return 0
	}
	return bytes.Count(src[:loc[0]], []byte("\n")) + 1
}

package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"time"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"

	"galley.dev/galley/cmd/galley/internal/diag"
	"galley.dev/galley/cmd/galley/internal/strictyaml"
)

// errTOMLSyntax marks TOML front matter that could not be parsed.
var errTOMLSyntax = errors.New("TOML syntax error")

// decodeTOML decodes TOML front matter (Hugo's +++ format) into fm. The
// TOML becomes a YAML node tree first, so that both formats share one set
// of checks and messages.
func decodeTOML(data []byte, fm *frontMatter) []*diag.Error {
	var m map[string]any
	if err := toml.Unmarshal(data, &m); err != nil {
		line := 0
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, _ = de.Position()
		}
		return []*diag.Error{{Line: line, Err: fmt.Errorf("%w: %v", errTOMLSyntax, err)}}
	}
	return strictyaml.Decode(tomlNode(m, data), fm)
}

// tomlNode converts a decoded TOML value into a YAML node. TOML's decoder
// keeps no positions for values, so each key's line is found in the text.
func tomlNode(v any, src []byte) *yaml.Node {
	switch v := v.(type) {
	case map[string]any:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			line := tomlKeyLine(src, k)
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

// tomlKeyLine returns the line of the first "key =" in src, or 0.
func tomlKeyLine(src []byte, key string) int {
	re := regexp.MustCompile(`(?m)^[ \t]*"?` + regexp.QuoteMeta(key) + `"?[ \t]*=`)
	loc := re.FindIndex(src)
	if loc == nil {
		return 0
	}
	return bytes.Count(src[:loc[0]], []byte("\n")) + 1
}

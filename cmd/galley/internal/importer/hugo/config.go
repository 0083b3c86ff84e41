package hugo

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	toml "github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"

	"galley.dev/galley/cmd/galley/internal/importer"
)

// configNames are the files that hold a Hugo site's configuration, in the
// order Hugo looks for them.
var configNames = []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json"}

// config is what an import needs of a Hugo site's configuration.
type config struct {
	file        string // the file it came from, for the report
	title       string
	description string
	baseURL     string
	language    string // languageCode, else the default content language
	timeZone    string
	perPage     int
	// permalinks are the URL patterns of pages, by section.
	permalinks map[string]string
	ugly       bool   // uglyURLs: /posts/a.html rather than /posts/a/
	rssName    string // the file name of every RSS feed: index.xml
	lower      bool   // URLs are lowercased (not disablePathToLower)
	// taxonomies are the front matter keys of taxonomies besides tags and
	// categories.
	taxonomies  []string
	contentDir  string // of the default language, relative to the site
	defaultLang string
	inSubdir    bool // defaultContentLanguageInSubdir: /en/… URLs
	// others maps each other language to its content folder ("" when it
	// has none of its own, and its files are name.<lang>.md).
	others map[string]string
}

// readConfig reads the configuration of the Hugo site in dir: the first
// of configNames, and then the files of config/_default/, each file
// X.toml there setting the key X (hugo.toml and config.toml the top).
func readConfig(dir string) (*config, error) {
	raw := map[string]any{}
	var from []string
	for _, name := range configNames {
		m, err := readMap(filepath.Join(dir, name))
		if os.IsNotExist(err) {
			continue
		} else if err != nil {
			return nil, err
		}
		raw, from = m, append(from, name)
		break
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "config", "_default"))
	for _, e := range entries {
		ext := filepath.Ext(e.Name())
		if e.IsDir() || !slices.Contains([]string{".toml", ".yaml", ".yml", ".json"}, ext) {
			continue
		}
		m, err := readMap(filepath.Join(dir, "config", "_default", e.Name()))
		if err != nil {
			return nil, err
		}
		from = append(from, "config/_default/"+e.Name())
		key := strings.ToLower(strings.TrimSuffix(e.Name(), ext))
		if key == "hugo" || key == "config" {
			for k, v := range m {
				raw[k] = v
			}
		} else {
			raw[key] = m
		}
	}
	if len(from) == 0 {
		return nil, fmt.Errorf("%s: no Hugo configuration (hugo.toml, config.toml or config/_default/)", dir)
	}
	return makeConfig(lower(raw).(map[string]any), strings.Join(from, ", ")), nil
}

// readMap decodes a TOML, YAML or JSON file into a map.
func readMap(name string) (map[string]any, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	m := map[string]any{}
	switch filepath.Ext(name) {
	case ".toml":
		err = toml.Unmarshal(data, &m)
	case ".json":
		err = json.Unmarshal(data, &m)
	default:
		err = yaml.Unmarshal(data, &m)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return m, nil
}

// lower lowercases the keys of maps, at every depth: Hugo reads its
// configuration without regard to case.
func lower(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[strings.ToLower(k)] = lower(e)
		}
		return out
	case []any:
		for i, e := range v {
			v[i] = lower(e)
		}
	}
	return v
}

func makeConfig(raw map[string]any, from string) *config {
	c := &config{
		file: from, title: str(raw["title"]), baseURL: str(raw["baseurl"]),
		language: str(raw["languagecode"]), timeZone: str(raw["timezone"]),
		ugly: isTrue(raw["uglyurls"]), lower: !isTrue(raw["disablepathtolower"]),
		contentDir: str(raw["contentdir"]), defaultLang: str(raw["defaultcontentlanguage"]),
		inSubdir:   isTrue(raw["defaultcontentlanguageinsubdir"]),
		permalinks: map[string]string{}, others: map[string]string{},
	}
	params, _ := raw["params"].(map[string]any)
	c.description = str(params["description"])
	c.perPage = toInt(raw["paginate"])
	if p, ok := raw["pagination"].(map[string]any); ok && toInt(p["pagersize"]) > 0 {
		c.perPage = toInt(p["pagersize"])
	}
	if _, err := time.LoadLocation(c.timeZone); err != nil || c.timeZone == "Local" {
		// "Local" is the machine's zone, which site.yaml cannot name.
		c.timeZone = ""
	}
	c.rssName = "index.xml" // Hugo's RSS output format, unless renamed
	if formats, ok := raw["outputformats"].(map[string]any); ok {
		if rss, ok := formats["rss"].(map[string]any); ok && str(rss["basename"]) != "" {
			c.rssName = str(rss["basename"]) + ".xml"
		}
	}
	perm, _ := raw["permalinks"].(map[string]any)
	if page, ok := perm["page"].(map[string]any); ok {
		perm = page // the newer form: permalinks.page.<section>
	}
	for k, v := range perm {
		if s := str(v); s != "" {
			c.permalinks[k] = s
		}
	}
	if tax, ok := raw["taxonomies"].(map[string]any); ok {
		for _, plural := range tax {
			if p := strings.ToLower(str(plural)); p != "" && p != "tags" && p != "categories" {
				c.taxonomies = append(c.taxonomies, p)
			}
		}
		slices.Sort(c.taxonomies)
	}
	if c.defaultLang == "" {
		c.defaultLang = "en"
	}
	if c.contentDir == "" {
		c.contentDir = "content"
	}
	langs, _ := raw["languages"].(map[string]any)
	for code, v := range langs {
		l, _ := v.(map[string]any)
		dir := str(l["contentdir"])
		if code == c.defaultLang {
			if dir != "" {
				c.contentDir = dir
			}
			if lc := str(l["languagecode"]); lc != "" && c.language == "" {
				c.language = lc
			}
			if t := str(l["title"]); t != "" && c.title == "" {
				c.title = t
			}
			continue
		}
		c.others[code] = dir
	}
	if c.language == "" && len(langs) > 0 {
		c.language = c.defaultLang
	}
	c.contentDir = filepathSlash(c.contentDir)
	return c
}

func filepathSlash(s string) string {
	return strings.Trim(filepath.ToSlash(filepath.Clean(s)), "/")
}

// site is what site.yaml takes of the configuration.
func (c *config) site() importer.SiteConfig {
	return importer.SiteConfig{
		Title: c.title, Description: c.description, BaseURL: c.baseURL,
		Language: c.language, TimeZone: c.timeZone, PerPage: c.perPage,
		// Hugo's feeds are at /index.xml, /posts/index.xml: written there
		// too, their subscribers keep them.
		Feeds: &importer.Feeds{RSSAliases: []string{c.rssName}},
	}
}

func str(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func isTrue(v any) bool {
	b, ok := v.(bool)
	return ok && b || strings.EqualFold(str(v), "true")
}

func toInt(v any) int {
	switch v := v.(type) {
	case int64:
		return int(v)
	case int:
		return v
	case float64:
		return int(v)
	case uint64:
		return int(v)
	}
	return 0
}

package content

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
)

// tomlFronts are TOML front matters whose key lines must be what the
// regular expression Galley used before finds.
var tomlFronts = []string{
	"title = \"Hugo story\"\ndate = 2026-11-20T10:00:00Z\ntags = [\"Go\"]\n[image]\ncaption = \"Cap\"\nsrc = \"a.jpg\"\n",
	"  title   =  \"indented\"\n\t\"slug\"\t= \"quoted\"\n\"my key\" = 1\n[image]\n  src=\"x\"\n",
	"[a]\ntitle = 1\n[b]\ntitle = 2\n",
	"body = \"\"\"\ntitle = inside a string\n\"\"\"\ntitle = \"later\"\n",
	"\" a\" = 1\n\"a \" = 2\n\"a=b\" = 3\n\"\" = 4\n\"\\\"q\\\"\" = 5\nx.y = 6\n\"a\" = 7\n",
	"a\"=1\n\"b=2\n \"c\"=3\n\t \"d\" \t= 4\n=5\n\"=\"=6\n\"==\" = 7\na==b\n",
	"k = 1\r\nj = 2\r\n",
	"x = 1\n\"multi\\nline\" = 2\nmulti\nline = 3\n",
}

var tomlKeys = []string{
	"title", "date", "tags", "image", "caption", "src", "slug", "my key", "body",
	" a", "a ", "a", "a=b", "", "\"q\"", "x", "x.y", "y", "b", "c", "d", "\"d", "d\"", "=", "==", "a=", "=b",
	"k", "j", "multi\nline", "multi", "missing", " ", "\t", "\"", "a\"", "\"b",
}

// TestTOMLKeyLine checks the line index against the regular expression
// it replaces, for every key on every front matter.
func TestTOMLKeyLine(t *testing.T) {
	for _, src := range tomlFronts {
		lines := newTOMLLines([]byte(src))
		for _, key := range tomlKeys {
			if got, want := lines.keyLine(key), tomlKeyLineRegexp([]byte(src), key); got != want {
				t.Errorf("line of %q in\n%s\n= %d, want %d", key, src, got, want)
			}
		}
	}
}

func FuzzTOMLKeyLine(f *testing.F) {
	for _, src := range tomlFronts {
		for _, key := range []string{"title", " a", "a=b", "\"d", ""} {
			f.Add(src, key)
		}
	}
	f.Fuzz(func(t *testing.T, src, key string) {
		// TOML is UTF-8; the expression reads other bytes as U+FFFD.
		if !utf8.ValidString(src) || !utf8.ValidString(key) {
			t.Skip()
		}
		if got, want := newTOMLLines([]byte(src)).keyLine(key), tomlKeyLineRegexp([]byte(src), key); got != want {
			t.Fatalf("line of %q in %q = %d, want %d", key, src, got, want)
		}
	})
}

// tomlTable returns TOML front matter with a title and a table of n keys.
func tomlTable(n int) []byte {
	var b strings.Builder
	b.WriteString("title = \"Many keys\"\n[image]\nsrc = \"a.jpg\"\n")
	for i := range n {
		fmt.Fprintf(&b, "key%d = %d\n", i, i)
	}
	return []byte(b.String())
}

// BenchmarkTOML times TOML front matter of many keys. Up to maxTOMLKeys the TOML decoder's own duplicate check grows with
// the square of a table (go-toml v2.4.3); past it the front matter is
// refused after one count of its lines.
func BenchmarkTOML(b *testing.B) {
	for _, n := range []int{480, 1920, 20000, 80000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			data := tomlTable(n)
			want := n // one problem per unknown key
			if n >= maxTOMLKeys {
				want = 1
			}
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				var fm frontMatter
				if errs := decodeTOML(data, &fm); len(errs) != want {
					b.Fatalf("got %d problems, want %d", len(errs), want)
				}
			}
		})
	}
}

func TestTOMLTooMany(t *testing.T) {
	inline := "title = \"x\"\nmeta = {" + strings.Repeat("k = 1, ", maxTOMLKeys) + "}\n"
	for name, data := range map[string][]byte{"table": tomlTable(maxTOMLKeys), "inline table": []byte(inline)} {
		var fm frontMatter
		errs := decodeTOML(data, &fm)
		if len(errs) != 1 || !strings.Contains(errs[0].Error(), "the most is 2000") {
			t.Errorf("%s: decodeTOML of %d keys = %v; want it refused", name, maxTOMLKeys, errs)
		}
	}
}

// BenchmarkTOMLKeyLines times Galley's share of decodeTOML, finding the
// line of every key, apart from the TOML decoder's: 20k keys take at most
// five times what 5k take.
func BenchmarkTOMLKeyLines(b *testing.B) {
	for _, n := range []int{5000, 20000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			data := tomlTable(n)
			var m map[string]any
			if err := toml.Unmarshal(data, &m); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if node := tomlNode(m, newTOMLLines(data)); len(node.Content) != 2*2 {
					b.Fatalf("got %d top-level nodes", len(node.Content))
				}
			}
		})
	}
}

// keyLineSplit is keyLine as it was, splitting the whole front matter on
// every call: the reference the new one must agree with.
func keyLineSplit(fm []byte, key, parent string) int {
	inParent := parent == ""
	for i, line := range bytes.Split(fm, []byte("\n")) {
		s := string(line)
		top := len(s) > 0 && s[0] != ' ' && s[0] != '\t'
		trimmed := strings.TrimSpace(s)
		if parent != "" && top {
			inParent = hasKey(trimmed, parent) || trimmed == "["+parent+"]"
			continue
		}
		if inParent && (parent != "" || top) && hasKey(trimmed, key) {
			return i + 2
		}
	}
	return 1
}

func TestKeyLine(t *testing.T) {
	fronts := append([]string{
		"",
		"\n",
		"title: A\nslug: a\naliases:\n  - /old/\nimage:\n  src: a.jpg\n  alt: x\n",
		"image:\n  alt: x\ntitle: A\nimage2:\n  src: b.jpg\n",
		"title = \"A\"\n[image]\nsrc = \"a.jpg\"\n",
		"  title: indented\ntitle : spaced\n",
		"image: {src: a.jpg}\nsrc: top\n",
	}, tomlFronts...)
	keys := []struct{ key, parent string }{
		{"title", ""}, {"slug", ""}, {"aliases", ""}, {"src", "image"}, {"alt", "image"}, {"src", ""}, {"missing", ""}, {"src", "missing"},
	}
	for _, fm := range fronts {
		for _, k := range keys {
			if got, want := keyLine([]byte(fm), k.key, k.parent), keyLineSplit([]byte(fm), k.key, k.parent); got != want {
				t.Errorf("keyLine(%q, %q, %q) = %d, want %d", fm, k.key, k.parent, got, want)
			}
		}
	}
}

// BenchmarkKeyLineAliases asks for the line of "aliases" once per alias,
// as Load does for each bad one: 20k aliases take at most five times
// what 5k take.
func BenchmarkKeyLineAliases(b *testing.B) {
	for _, n := range []int{5000, 20000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var fm bytes.Buffer
			fm.WriteString("title: Many aliases\naliases:\n")
			for i := range n {
				fmt.Fprintf(&fm, "  - bad%d\n", i)
			}
			for b.Loop() {
				for range n {
					if keyLine(fm.Bytes(), "aliases", "") != 3 {
						b.Fatal("wrong line")
					}
				}
			}
		})
	}
}

package importer

import (
	"fmt"
	"strings"
	"testing"
)

func TestCleanPath(t *testing.T) {
	for in, want := range map[string]string{
		"/2019/old-url/":                       "/2019/old-url/",
		"https://old.example.org/a/b?x=1#top":  "/a/b",
		"//cdn.example/x":                      "/cdn.example/x",
		"/a/../b/./c/":                         "/b/c/",
		"https://old.example.org":              "",
		"/a b/ 302\n/* https://evil.example/c": "/a b/ 302\n/* https:/evil.example/c",
	} {
		if got := CleanPath(in); got != want {
			t.Errorf("CleanPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAddAliasSkipsCaseVariants(t *testing.T) {
	var a Story
	a.AddAlias("/Posts/My-Story/", "/posts/my-story/")
	a.AddAlias("/posts/my-story", "/posts/my-story/")
	a.AddAlias("/2019/my-story/", "/posts/my-story/")
	if len(a.Aliases) != 1 || a.Aliases[0] != "/2019/my-story/" {
		t.Errorf("aliases = %q; want only the old URL that is another path", a.Aliases)
	}
}

func TestAliasBombRefused(t *testing.T) {
	var b strings.Builder
	b.WriteString("title: Laughs\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= 8; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	if _, err := yamlFields([]byte(b.String())); err == nil || !strings.Contains(err.Error(), "YAML aliases") {
		t.Errorf("yamlFields of a billion laughs = %v; want it refused", err)
	}
	if f, err := yamlFields([]byte("title: A\nbase: &b {x: 1}\nother: *b\n")); err != nil || len(f.Vals) != 3 {
		t.Errorf("an ordinary alias: %v, %v", f, err)
	}
}

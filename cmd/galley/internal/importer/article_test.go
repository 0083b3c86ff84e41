package importer

import "testing"

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

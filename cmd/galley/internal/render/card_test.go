package render

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"galley.dev/galley"
)

// withCardTemplate returns r with the theme's templates but card.html.
func withCardTemplate(t *testing.T, r *Renderer, card string) *Renderer {
	t.Helper()
	tmpl, err := LoadTemplates(fstest.MapFS{"templates/card.html": {Data: []byte(card)}}, galley.Theme(), true)
	if err != nil {
		t.Fatal(err)
	}
	r.tmpl = tmpl
	return r
}

// TestCardMadeOnce checks that listings show the site's card.html, and
// that a story's card is made once in a build: a second listing that
// shows the story inserts what the first made.
func TestCardMadeOnce(t *testing.T) {
	r, s := testSite(t, listingSite)
	r = withCardTemplate(t, r, `<article class="my-card"><a href="{{.URL}}">{{.Title}}</a></article>`)
	home := renderHome(t, r, 1)
	if !bytes.Contains(home, []byte(`<article class="my-card"><a href="/news/a/">A</a></article>`)) {
		t.Fatalf("front page does not show the site's card of story A:\n%s", home)
	}
	a := articleBySlug(t, s, "a")
	a.Title = "Changed within the build"
	topic := renderTerm(t, r, termByKind(t, s, "topics"), 1)
	if !bytes.Contains(topic, []byte(`<a href="/news/a/">A</a>`)) || bytes.Contains(topic, []byte("Changed")) {
		t.Errorf("topic page made story A's card again:\n%s", topic)
	}
}

// TestCardTemplateError checks that a failing card.html fails the page
// that shows the card, at card.html's line.
func TestCardTemplateError(t *testing.T) {
	r, _ := testSite(t, listingSite)
	r = withCardTemplate(t, r, "<article>\n{{.Nope}}\n</article>")
	var b bytes.Buffer
	err := r.Home(&b, 1)
	if err == nil || !strings.HasPrefix(err.Error(), "templates/card.html:2: ") {
		t.Errorf("Home = %v, want the error of templates/card.html:2", err)
	}
}

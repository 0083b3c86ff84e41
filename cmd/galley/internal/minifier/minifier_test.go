package minifier

import "testing"

func TestNew(t *testing.T) {
	for _, tt := range []struct {
		templates bool
		in, want  string
	}{
		{false, "<ul>\n  <li><a href=\"/x\">X</a></li>\n</ul>\n", `<ul><li><a href="/x">X</a></li></ul>`},
		{false, "<p>a   b</p>\n<pre>  kept  </pre>", "<p>a b</p><pre>  kept  </pre>"},
		{false, `<style>p { margin : 0 }</style><script type="application/ld+json">{ "a" : 1 }</script>`, `<style>p{margin:0}</style><script type="application/ld+json">{"a":1}</script>`},
		{true, "<ul>\n{{range .}}<li class=\"{{.C}}\">{{.N}}</li>{{end}}\n</ul>", "<ul>{{range .}}<li class=\"{{.C}}\">{{.N}}</li>{{end}}</ul>"},
		{true, `<p>{{printf "a  <b>"}}</p>`, `<p>{{printf "a  <b>"}}</p>`}, // the action as written
		{true, "<div>\n  <p>{{.A}}   {{.B}}</p>\n</div>", "<div><p>{{.A}} {{.B}}</p></div>"},
	} {
		got, err := New(tt.templates).String("text/html", tt.in)
		if err != nil || got != tt.want {
			t.Errorf("New(%v) minifies %q to %q, %v; want %q", tt.templates, tt.in, got, err, tt.want)
		}
	}
}

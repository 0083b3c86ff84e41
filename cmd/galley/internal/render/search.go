package render

import (
	"cmp"
	"io"
	"net/url"
	"slices"
	"strings"

	"galley.dev/galley/cmd/galley/internal/site"
)

// SearchPath is the site path of the search page; its index is beside
// it, under search/.
const SearchPath = "/search/"

// A SearchView is what the search page needs besides the site.
type SearchView struct {
	// Root is the index's root file ("" in a preview, which has no
	// index), and Script the reader's script, by its fingerprinted
	// name (Page.Asset of SearchScript).
	Root, Script string
	// Form is where the form sends a reader without JavaScript.
	Form SearchForm
}

// A SearchForm is search.fallback made a GET form: its Action (""
// when there is none: search then needs JavaScript), the parameter that
// takes the words, the other parameters as hidden inputs, and the host
// it goes to, for the note that says so.
type SearchForm struct {
	Action, Param string
	Hidden        []Hidden
	Host          string
}

// A Hidden is a name and value a form sends unseen.
type Hidden struct{ Name, Value string }

// SearchRoot and SearchScript are the site paths of the index's root
// and of the script that reads it (under its plain name; pages link it
// by its fingerprinted one).
const (
	SearchRoot   = "/search/root.json"
	SearchScript = "/js/search.js"
)

// Search renders the search page.
func (r *Renderer) Search(w io.Writer) error {
	p := r.page("search", "Search", "Search every story of "+r.cfg.Title+".", SearchPath)
	p.Search = searchView(r.cfg.Search.Fallback, p.Asset(SearchScript))
	if p.Preview {
		// galley serve builds no index: the page says so.
		p.Search.Root = ""
	}
	return r.tmpl.Execute(w, SearchTemplate, p)
}

// searchView returns the search page's view for search.fallback, with
// the reader's script at the site path script.
func searchView(fallback, script string) *SearchView {
	return &SearchView{Root: SearchRoot, Script: script, Form: SearchFallback(fallback)}
}

// SearchFallback turns search.fallback
// ("https://duckduckgo.com/?q={query}&sites=example.org") into a GET
// form: its action, the parameter that takes the words, and the others
// as hidden inputs; the zero SearchForm when there is none. site.yaml's
// check makes sure that {query} is one parameter's whole value: a form
// cannot add words to what the reader types.
func SearchFallback(fallback string) SearchForm {
	u, err := url.Parse(fallback)
	if fallback == "" || err != nil {
		return SearchForm{}
	}
	f := SearchForm{Host: u.Host}
	for name, values := range u.Query() {
		for _, val := range values {
			if val == "{query}" {
				f.Param = name
			} else {
				f.Hidden = append(f.Hidden, Hidden{Name: name, Value: val})
			}
		}
	}
	if f.Param == "" {
		return SearchForm{}
	}
	slices.SortFunc(f.Hidden, func(a, b Hidden) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.Value, b.Value))
	})
	u.RawQuery = ""
	u.Fragment = ""
	f.Action = u.String()
	return f
}

// SearchCard returns what a search result shows of the story a besides
// its words: its byline ("By Ana Ruiz and Tom Berg") and the site path
// of its smallest picture of at least 200 pixels in the fallback format
// ("" without a hero), for a thumbnail.
func (r *Renderer) SearchCard(a *site.Article) (byline, image string) {
	names := make([]string, len(a.Authors))
	for i, t := range a.Authors {
		names[i] = t.Name
	}
	switch len(names) {
	case 0:
	case 1:
		byline = "By " + names[0]
	default:
		byline = "By " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	}
	v := r.hero(a)
	if v == nil || v.Src == "" {
		return byline, ""
	}
	pic := r.Pictures[v.Src]
	if pic == nil || len(pic.Sources) == 0 {
		return byline, v.Src // remote, or used as it is
	}
	// The narrowest of at least 200 pixels, else the widest there is.
	best := PictureVariant{}
	for _, pv := range pic.Sources[len(pic.Sources)-1].Variants {
		switch {
		case best.URL == "",
			pv.Width >= 200 && (best.Width < 200 || pv.Width < best.Width),
			best.Width < 200 && pv.Width > best.Width:
			best = pv
		}
	}
	return byline, best.URL
}

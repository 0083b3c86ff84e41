package feed

import (
	"encoding/json"
	"io"

	"github.com/gorilla/feeds"
)

// JSON writes ch and items as JSON Feed 1.1.
func JSON(w io.Writer, ch Channel, items []Item) error {
	ch, items = clean(ch, items)
	f := (&feeds.JSON{Feed: gorilla(ch, items)}).JSONFeed()
	f.FeedUrl = ch.SelfURL
	f.Language = ch.Language
	if f.Items == nil {
		f.Items = []*feeds.JSONItem{}
	}
	for i, it := range items {
		ji := f.Items[i]
		ji.Author = nil // version 1.0's field; authors replaces it
		for _, a := range it.Authors {
			ji.Authors = append(ji.Authors, &feeds.JSONAuthor{Name: a.Name, Url: a.URL})
		}
		ji.Tags = it.Categories
		if it.Image != nil {
			ji.Image = it.Image.URL
		}
	}
	return json.NewEncoder(w).Encode(jsonFeed{JSONFeed: f, Items: f.Items})
}

// jsonFeed writes "items" even when there are none, as the format
// requires; gorilla's field omits an empty list.
type jsonFeed struct {
	*feeds.JSONFeed
	Items []*feeds.JSONItem `json:"items"`
}

package feed

import "galley.dev/galley/cmd/galley/internal/xmltext"

// clean returns copies of ch and items with every text made fit for XML
// 1.0, which the three writers call first so that nothing reaches a feed
// any other way. encoding/xml turns a forbidden character in text into
// U+FFFD but writes CDATA (RSS's content:encoded) as it is, and one
// pasted form feed there makes the whole feed ill-formed for every
// subscriber. The JSON feed gets the same text, so the formats agree.
func clean(ch Channel, items []Item) (Channel, []Item) {
	ch.Title, ch.Description, ch.Language = xmltext.Clean(ch.Title), xmltext.Clean(ch.Description), xmltext.Clean(ch.Language)
	ch.Link, ch.SelfURL = xmltext.Clean(ch.Link), xmltext.Clean(ch.SelfURL)
	out := make([]Item, len(items))
	for i, it := range items {
		it.Title, it.URL, it.Summary, it.ContentHTML = xmltext.Clean(it.Title), xmltext.Clean(it.URL), xmltext.Clean(it.Summary), xmltext.Clean(it.ContentHTML)
		authors := make([]Author, len(it.Authors))
		for j, a := range it.Authors {
			authors[j] = Author{Name: xmltext.Clean(a.Name), URL: xmltext.Clean(a.URL)}
		}
		it.Authors = authors
		cats := make([]string, len(it.Categories))
		for j, c := range it.Categories {
			cats[j] = xmltext.Clean(c)
		}
		it.Categories = cats
		if it.Image != nil {
			img := *it.Image
			img.URL, img.Type = xmltext.Clean(img.URL), xmltext.Clean(img.Type)
			img.Caption, img.Credit, img.Alt, img.Copyright = xmltext.Clean(img.Caption), xmltext.Clean(img.Credit), xmltext.Clean(img.Alt), xmltext.Clean(img.Copyright)
			it.Image = &img
		}
		out[i] = it
	}
	return ch, out
}

package build

import (
	"bytes"
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"

	"galley.dev/galley/cmd/galley/internal/render"
	"galley.dev/galley/cmd/galley/internal/search"
	"galley.dev/galley/cmd/galley/internal/site"
)

// searchTask makes the search index, search/…, of the published stories:
// one task, since every story's words are in shards shared with others.
// Its files are named by their bytes, so an edit rewrites only the
// shards it touches; the key is the stories' files and what the site
// shows of them, so that an unchanged site reuses the whole index.
//
// The words of each story are remembered in the site's cache
// (searchMemo), so that after an edit only the stories edited are read
// and analysed again: a third of a one-edit build's CPU on 10,000
// stories before. The memo is read unless opts.NoCache is set, and
// written in any case.
func searchTask(ctx context.Context, s *site.Site, r *render.Renderer, global string, opts Options) task {
	cards := make([][2]string, len(s.Articles))
	parts := []string{global, "search", s.Config.Language, strconv.FormatFloat(s.Config.Search.RecencyWeight(), 'g', -1, 64)}
	for i, a := range s.Articles {
		byline, image := r.SearchCard(a)
		cards[i] = [2]string{byline, image}
		parts = append(parts, a.Sum, a.URL(), byline, image, a.Section)
	}
	return task{id: "search/root.json", key: key(parts...), multi: true,
		run: func(out sink) ([]string, error) {
			memo := newSearchMemo(opts.Site, global+" "+s.Config.Language, opts.NoCache)
			files, err := search.Build(ctx, searchDocs(s, cards), search.Options{
				Language: s.Config.Language, Recency: s.Config.Search.RecencyWeight(), HalfLife: search.DefaultHalfLife,
				Memo: memo.old, Record: memo.record(), MemoStamp: memo.stamp})
			memo.finish(err == nil)
			if err != nil {
				return nil, err
			}
			names := slices.Sorted(maps.Keys(files))
			for _, name := range names {
				// Named by their bytes, and compact already: a
				// minifier's rewrite would break the names.
				if err := out.WriteRaw(name, files[name]); err != nil {
					return nil, err
				}
			}
			return names, nil
		}}
}

// searchDocs returns the index's documents of the published stories.
// Their bodies are read again, and made plain text, as the index takes
// them: a site's bodies are never all in memory at once.
func searchDocs(s *site.Site, cards [][2]string) []search.Doc {
	docs := make([]search.Doc, len(s.Articles))
	for i, a := range s.Articles {
		docs[i] = search.Doc{
			URL: a.URL(), Title: a.Title, Dek: a.Description,
			ReadBody: func() (string, error) {
				body, err := a.ReadBody()
				return plainText(body), err
			},
			BodySize: a.BodySize(),
			Key:      key(a.Sum, a.Title, a.Description, strings.Join(a.Article.Topics, "\n"), strings.Join(a.Article.Authors, "\n")),
			Topics:   a.Article.Topics, Authors: a.Article.Authors, Section: a.Section, Date: a.Date,
			Byline: cards[i][0], Image: cards[i][1],
		}
	}
	return docs
}

// plainText returns the words of a markdown body for the index: the
// text of links and images without their addresses, and no HTML tags.
// It is no markdown parser: the index's tokenizer drops the markup
// characters that are left (#, *, _, >, |), and a parse of every body
// would cost more than the whole index.
func plainText(md []byte) string {
	var b strings.Builder
	b.Grow(len(md))
	for len(md) > 0 {
		// Runs of plain text are copied whole, up to the next character
		// that may start markup to drop.
		i := bytes.IndexAny(md, "]<{")
		if i < 0 {
			b.Write(md)
			break
		}
		b.Write(md[:i])
		md = md[i:]
		switch c := md[0]; {
		case c == ']' && len(md) > 1 && md[1] == '(':
			// [text](address "title"): keep the text, drop the address.
			if j := bytes.IndexByte(md[1:], ')'); j >= 0 {
				md = md[j+2:]
				b.WriteByte(' ')
				continue
			}
		case c == '<' && len(md) > 1 && (isASCIILetter(md[1]) || md[1] == '/' || md[1] == '!'):
			// An HTML tag or an autolink: its words are no story's.
			if j := bytes.IndexByte(md, '>'); j >= 0 && j < 2048 && !bytes.ContainsAny(md[1:j], "\n") {
				md = md[j+1:]
				b.WriteByte(' ')
				continue
			}
		case c == '{' && len(md) > 1 && md[1] == '#':
			// A heading's {#id}.
			if j := bytes.IndexByte(md, '}'); j >= 0 && j < 256 {
				md = md[j+1:]
				continue
			}
		}
		b.WriteByte(md[0])
		md = md[1:]
	}
	return b.String()
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

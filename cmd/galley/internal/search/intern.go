package search

import (
	"context"
	"slices"
)

// A wordSet gathers the distinct surface words one worker meets in the
// first pass of analysis, each with -1 if it is a stop word, else 0.
// The map is looked up by a token's bytes, which the compiler does
// without making a string: only a new word costs one.
type wordSet map[string]int32

// isStop reports whether the surface word w is a stop word, noting w.
func (ws wordSet) isStop(w []byte, lang language) bool {
	s, ok := ws[string(w)]
	if !ok {
		s = 0
		if lang.stop[string(w)] {
			s = -1
		}
		ws[string(w)] = s
	}
	return s < 0
}

// A lexicon numbers the stems of a site, and maps each of its surface
// words to the number of its stem, so that the second pass of analysis
// does one map lookup per token and then only indexes slices. The
// workers share it, read-only, once built.
type lexicon struct {
	words map[string]int32 // surface word → stem number, or -1 for a stop word
	stems []string         // by number
}

// newLexicon returns the lexicon of the words of sets, which it takes
// over. It stems each distinct word once, spread over workers.
func newLexicon(ctx context.Context, sets []wordSet, lang language, workers int) (*lexicon, error) {
	// The biggest set becomes the lexicon's map: the others mostly
	// repeat its words.
	slices.SortStableFunc(sets, func(a, b wordSet) int { return len(b) - len(a) })
	words := map[string]int32(sets[0])
	for _, ws := range sets[1:] {
		for w, s := range ws {
			if _, ok := words[w]; !ok {
				words[w] = s
			}
		}
	}
	surfaces := make([]string, 0, len(words))
	for w, s := range words {
		if s == 0 {
			surfaces = append(surfaces, w)
		}
	}
	stemOf := make([]string, len(surfaces))
	err := parallel(ctx, len(surfaces), workers, func(_, i int) {
		stemOf[i] = lang.stemOf(surfaces[i])
	})
	if err != nil {
		return nil, err
	}
	// The stem numbers follow map order: nothing written depends on
	// them, as the index keys everything by name.
	lx := &lexicon{words: words}
	ids := make(map[string]int32)
	for i, w := range surfaces {
		s, ok := ids[stemOf[i]]
		if !ok {
			s = int32(len(lx.stems))
			ids[stemOf[i]] = s
			lx.stems = append(lx.stems, stemOf[i])
		}
		words[w] = s
	}
	return lx, nil
}

// stem returns the number of the surface word w's stem, or -1 if w is a
// stop word. The first pass met every word of the docs.
func (lx *lexicon) stem(w []byte) int32 {
	s, ok := lx.words[string(w)]
	if !ok {
		return -1
	}
	return s
}

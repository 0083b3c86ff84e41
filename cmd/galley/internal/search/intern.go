package search

import "sync"

// A lexicon numbers the stems of a site, and maps each surface word met
// to the number of its stem, so that analysis stems each distinct word
// once and then only indexes slices. The workers share it; each keeps
// the words it met in a map of its own (worker.stem), so that the lock
// is taken only for a word new to the worker.
//
// The numbers follow the order in which workers meet words, which
// varies from run to run: nothing written depends on them, as the index
// keys everything by name.
type lexicon struct {
	lang language

	mu    sync.Mutex
	words map[string]int32 // surface word → stem number, or -1 for a stop word
	stems []string         // by number
	ids   map[string]int32 // stem → number
}

func newLexicon(lang language) *lexicon {
	return &lexicon{lang: lang, words: make(map[string]int32), ids: make(map[string]int32)}
}

// stem returns the number of the surface word w's stem, or -1 if w is a
// stop word, numbering the stem if it is new.
func (lx *lexicon) stem(w string) int32 {
	lx.mu.Lock()
	s, ok := lx.words[w]
	lx.mu.Unlock()
	if ok {
		return s
	}
	// Stemming is the slow part: outside the lock. Two workers may stem
	// one word at once; the first to return numbers it.
	stop := lx.lang.stop[w]
	var stem string
	if !stop {
		stem = lx.lang.stemOf(w)
	}
	lx.mu.Lock()
	defer lx.mu.Unlock()
	if s, ok := lx.words[w]; ok {
		return s
	}
	s = -1
	if !stop {
		if s, ok = lx.ids[stem]; !ok {
			s = int32(len(lx.stems))
			lx.ids[stem] = s
			lx.stems = append(lx.stems, stem)
		}
	}
	lx.words[w] = s
	return s
}

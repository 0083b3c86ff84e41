package site

import (
	"cmp"
	"slices"
)

// related returns up to n stories for a: those sharing the most topics
// with it first, newest first among equals, then the newest of the rest.
// It looks only at the articles of a's topics, so it costs the size of
// those topics, not of the site.
func related(a *Article, all []*Article, n int) []*Article {
	shared := map[*Article]int{}
	for _, t := range a.Topics {
		for _, b := range t.Articles {
			if b != a {
				shared[b]++
			}
		}
	}
	candidates := make([]*Article, 0, len(shared)+n)
	for b := range shared {
		candidates = append(candidates, b)
	}
	slices.SortFunc(candidates, func(x, y *Article) int {
		return cmp.Or(cmp.Compare(shared[y], shared[x]), newestFirst(x, y))
	})
	if len(candidates) > n {
		candidates = candidates[:n]
	}
	for _, b := range all {
		if len(candidates) >= n {
			break
		}
		if b != a && shared[b] == 0 {
			candidates = append(candidates, b)
		}
	}
	return candidates
}

package site

import (
	"runtime"
	"sync"
)

// relateAll sets the related stories of every article, sharing the work
// among the cores: each article's list depends only on the model, so the
// result is the same whatever the split.
func relateAll(articles []*Article, n int) {
	pairs := pairLists(articles)
	workers := min(runtime.GOMAXPROCS(0), 1+len(articles)/500)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			r := relater{all: articles, pairs: pairs, seen: make([]bool, len(articles))}
			for i := w; i < len(articles); i += workers {
				articles[i].Related = r.related(articles[i], n)
			}
		})
	}
	wg.Wait()
}

// A topicPair is two topics, the one of the lower slug first.
type topicPair [2]*Term

// pairOf returns the topicPair of x and y.
func pairOf(x, y *Term) topicPair {
	if y.Slug < x.Slug {
		return topicPair{y, x}
	}
	return topicPair{x, y}
}

// pairLists returns, for every two topics that some story has both of,
// those stories, newest first.
//
// A story's related stories are those sharing the most topics with it.
// Counting the shared topics of every story of each of its topics costs
// the square of a topic's size, summed over the topics: at 100,000
// stories in 250 topics, 44 % of a build that had nothing to write. The
// stories sharing two or more topics with a story are all in the lists
// of its pairs of topics, which are short; the rest share one topic, and
// only the newest of those can be needed.
func pairLists(articles []*Article) map[topicPair][]*Article {
	pairs := map[topicPair][]*Article{}
	for _, a := range articles { // newest first
		for i, x := range a.Topics {
			for _, y := range a.Topics[i+1:] {
				p := pairOf(x, y)
				pairs[p] = append(pairs[p], a)
			}
		}
	}
	return pairs
}

// pairScan bounds the stories weighed of each of a story's pairs of
// topics: the newest of them. Two topics a newsroom covers together
// every day (a country and its elections) may share tens of thousands of
// stories, and weighing them all for each story made the model's cost
// grow with the square of the site. A story sharing more topics but
// older than the newest pairScan of each of its pairs loses its place to
// newer ones sharing fewer; below that size the result is exact.
const pairScan = 256

// A relater finds related stories.
type relater struct {
	all   []*Article
	pairs map[topicPair][]*Article
	seen  []bool  // the stories weighed for the article at hand, by index
	kept  []int32 // the indexes seen is true for
	top   []ranked
}

// A ranked story is a candidate with the number of topics it shares.
type ranked struct {
	index  int32
	shared int
}

// better reports whether x ranks above y: more shared topics, then the
// newer story (the lower index).
func (x ranked) better(y ranked) bool {
	return x.shared > y.shared || x.shared == y.shared && x.index < y.index
}

// related returns up to n stories for a: those sharing the most topics
// with it first, newest first among equals, then the newest of the rest
// (of those sharing two or more, among the newest pairScan of each pair
// of a's topics).
func (r *relater) related(a *Article, n int) []*Article {
	r.top = r.top[:0]
	r.mark(a)
	// Those sharing two topics or more, from the lists of a's pairs.
	for i, x := range a.Topics {
		for _, y := range a.Topics[i+1:] {
			list := r.pairs[pairOf(x, y)]
			for _, b := range list[:min(len(list), pairScan)] {
				if !r.seen[b.index] {
					r.mark(b)
					r.offer(ranked{int32(b.index), sharedTopics(a, b)}, n)
				}
			}
		}
	}
	// Then those sharing one: the newest of each of a's topics, merged.
	if len(r.top) < n {
		r.newestOfTopics(a, n)
	}
	out := make([]*Article, 0, n)
	for _, c := range r.top {
		out = append(out, r.all[c.index])
	}
	// Then the newest of the rest. Fewer than n found means every story
	// of a's topics was seen: those unseen share none.
	for _, b := range r.all {
		if len(out) >= n {
			break
		}
		if !r.seen[b.index] {
			out = append(out, b)
		}
	}
	for _, i := range r.kept {
		r.seen[i] = false
	}
	r.kept = r.kept[:0]
	return out
}

// newestOfTopics offers the newest stories of a's topics that share just
// that one topic with a, until the best n are known: each topic's list is
// newest first, so the first n unseen of each are enough.
func (r *relater) newestOfTopics(a *Article, n int) {
	for _, t := range a.Topics {
		found := 0
		for _, b := range t.Articles {
			if found == n {
				break
			}
			if r.seen[b.index] {
				continue
			}
			r.mark(b)
			// 1, but for a story past pairScan in its pairs' lists.
			r.offer(ranked{int32(b.index), sharedTopics(a, b)}, n)
			found++
		}
	}
}

// mark records that b has been weighed.
func (r *relater) mark(b *Article) {
	r.seen[b.index] = true
	r.kept = append(r.kept, int32(b.index))
}

// offer keeps c if it is among the best n so far, in order.
func (r *relater) offer(c ranked, n int) {
	if len(r.top) == n && !c.better(r.top[n-1]) {
		return
	}
	if len(r.top) < n {
		r.top = append(r.top, c)
	} else {
		r.top[n-1] = c
	}
	for i := len(r.top) - 1; i > 0 && r.top[i].better(r.top[i-1]); i-- {
		r.top[i], r.top[i-1] = r.top[i-1], r.top[i]
	}
}

// sharedTopics counts the topics a and b both have: a few each.
func sharedTopics(a, b *Article) int {
	n := 0
	for _, x := range a.Topics {
		for _, y := range b.Topics {
			if x == y {
				n++
				break
			}
		}
	}
	return n
}

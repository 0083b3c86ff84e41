package site

import (
	"runtime"
	"sync"
)

// relateAll sets the related stories of every article, sharing the work
// among the cores: each article's list depends only on the model, so the
// result is the same whatever the split.
func relateAll(articles []*Article, n int) {
	workers := min(runtime.GOMAXPROCS(0), 1+len(articles)/500)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			r := relater{all: articles, shared: make([]int32, len(articles))}
			for i := w; i < len(articles); i += workers {
				articles[i].Related = r.related(articles[i], n)
			}
		})
	}
	wg.Wait()
}

// A relater finds related stories. It counts shared topics in a slice
// indexed by place in the site, newest first, rather than in a map: a
// site of 10,000 stories makes tens of millions of counts.
type relater struct {
	all     []*Article
	shared  []int32 // topics shared with the article at hand, by index
	touched []int32 // the indexes whose count is not 0
}

// related returns up to n stories for a: those sharing the most topics
// with it first, newest first among equals, then the newest of the rest.
// It looks only at the articles of a's topics, so it costs the size of
// those topics, not of the site; and it keeps only the best n as it goes,
// instead of sorting every candidate.
func (r *relater) related(a *Article, n int) []*Article {
	for _, t := range a.Topics {
		for _, b := range t.Articles {
			if b == a {
				continue
			}
			if r.shared[b.index] == 0 {
				r.touched = append(r.touched, int32(b.index))
			}
			r.shared[b.index]++
		}
	}
	// The lower index is the newer story.
	better := func(x, y int32) bool {
		return r.shared[x] > r.shared[y] || r.shared[x] == r.shared[y] && x < y
	}
	top := make([]int32, 0, n)
	for _, b := range r.touched {
		if len(top) == n && !better(b, top[n-1]) {
			continue
		}
		if len(top) < n {
			top = append(top, b)
		} else {
			top[n-1] = b
		}
		for i := len(top) - 1; i > 0 && better(top[i], top[i-1]); i-- {
			top[i], top[i-1] = top[i-1], top[i]
		}
	}
	out := make([]*Article, 0, n)
	for _, i := range top {
		out = append(out, r.all[i])
	}
	for i, b := range r.all {
		if len(out) >= n {
			break
		}
		if b != a && r.shared[i] == 0 {
			out = append(out, b)
		}
	}
	for _, i := range r.touched {
		r.shared[i] = 0
	}
	r.touched = r.touched[:0]
	return out
}

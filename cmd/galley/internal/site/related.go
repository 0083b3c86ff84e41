package site

// related returns up to n stories for a: those sharing the most topics
// with it first, newest first among equals, then the newest of the rest.
// It looks only at the articles of a's topics, so it costs the size of
// those topics, not of the site; and it keeps only the best n as it goes,
// instead of sorting every candidate.
func related(a *Article, all []*Article, n int) []*Article {
	shared := map[*Article]int{}
	for _, t := range a.Topics {
		for _, b := range t.Articles {
			if b != a {
				shared[b]++
			}
		}
	}
	better := func(x, y *Article) bool {
		if shared[x] != shared[y] {
			return shared[x] > shared[y]
		}
		return newestFirst(x, y) < 0
	}
	top := make([]*Article, 0, n)
	for b := range shared {
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
	for _, b := range all {
		if len(top) >= n {
			break
		}
		if b != a && shared[b] == 0 {
			top = append(top, b)
		}
	}
	return top
}

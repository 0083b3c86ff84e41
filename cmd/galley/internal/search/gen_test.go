package search

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// commonWords are the most frequent words of generated stories, real
// English so that stop words and stems behave as in news prose.
var commonWords = strings.Fields(`the of and to in a is that for on said with as was
it at by from he be has have are his an will its were which but not this
council year after government people new police two more city would over
their first last about they market vote been could minister court school
parliament since river housing mayor election company energy prices flooding
coast officials residents plan report water budget workers hospital road
transport region farmers glacier research climate strike union bank`)

// vocabulary returns n distinct made-up words after commonWords: their
// frequencies then fall off as a newsroom's rarer words do (Zipf).
func vocabulary(n int) []string {
	syll := strings.Fields("ba ce di fo gu ha je ki lo mu na pe ri so tu va we xi yo zu bra cle dro fri gla ple")
	suffix := []string{"", "s", "ing", "ed", "er", "ion", "al"}
	words := append([]string(nil), commonWords...)
	for i := 0; len(words) < n; i++ {
		w, x := "", i
		for k := 0; k < 2+i%3; k++ {
			w += syll[x%len(syll)]
			x /= len(syll)
		}
		words = append(words, w+suffix[i%len(suffix)])
	}
	return words
}

// generate returns n stories of about bodyWords words each, one an hour,
// the same for the same seed.
func generate(n, bodyWords int, seed uint64) []Doc {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	vocab := vocabulary(30000)
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(len(vocab)-1))
	text := func(n int) string {
		var b strings.Builder
		for k := range n {
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(vocab[zipf.Uint64()])
			if rng.IntN(12) == 0 {
				b.WriteByte('.')
			}
		}
		return b.String()
	}
	sections := []string{"news", "business", "world", "culture", "sport", "technology"}
	start := time.Date(2026, 1, 1, 6, 0, 0, 0, time.UTC).Add(-time.Duration(n) * time.Hour)
	docs := make([]Doc, n)
	for i := range docs {
		d := Doc{
			URL:     "/story-" + strconv.Itoa(i+1) + "/",
			Title:   text(6 + rng.IntN(6)),
			Dek:     text(20),
			Body:    text(bodyWords/2 + rng.IntN(bodyWords)),
			Section: sections[rng.IntN(len(sections))],
			Date:    start.Add(time.Duration(i) * time.Hour),
		}
		for range 1 + rng.IntN(2) {
			d.Authors = append(d.Authors, "Author "+strconv.Itoa(1+rng.IntN(60)))
		}
		for range 1 + rng.IntN(3) {
			d.Topics = append(d.Topics, "Topic "+strconv.Itoa(1+rng.IntN(250)))
		}
		d.Byline = "By " + strings.Join(d.Authors, " and ")
		if rng.IntN(3) > 0 {
			d.Image = "https://images.example.org/" + strconv.Itoa(i+1) + "-400.webp"
		}
		docs[i] = d
	}
	return docs
}

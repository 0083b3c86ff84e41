// Package corpus writes synthetic news sites for tests and benchmarks:
// articles of 500–1,200 words with the front matter of a real newsroom
// (several authors and topics, hero images with caption and credit,
// updates, drafts), deterministic for a given size and seed.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Options size a corpus.
type Options struct {
	Articles int
	Topics   int // default 250
	Authors  int // default 60
	Seed     uint64
	// Start is the date of the oldest story; stories are an hour apart.
	// By default the newest is of 1 January 2026, so that every story of
	// even the biggest corpus is published.
	Start time.Time
}

var sections = []string{"news", "business", "world", "culture", "sport", "technology"}

var words = strings.Fields(`the council said on tuesday that its plan would cost more than expected
and that work could start next year after a vote in parliament officials
warned residents about flooding along the coast while ministers promised new
funds for schools hospitals and roads analysts expect prices to rise again
before the summer as energy costs climb across the region the company
reported higher profits but cut jobs at two factories in the north voters
will choose a new mayor in march after a campaign dominated by housing
transport and the river researchers found that the glacier lost a fifth of
its ice in a decade farmers depend on meltwater in the dry months the court
ruled that the law was valid police said nobody was hurt`)

// Write writes the corpus's content/ and a site.yaml into dir.
func Write(dir string, opts Options) error {
	rng := opts.start()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	cfg := "title: Corpus Daily\nbase_url: https://corpus.example.org/\ntime_zone: UTC\nnewsletter:\n  action: https://lists.example.org/subscribe\n"
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), []byte(cfg), 0o644); err != nil {
		return err
	}
	for i := range opts.Articles {
		sec := sections[rng.IntN(len(sections))]
		name := "story-" + strconv.Itoa(i+1)
		path := filepath.Join(dir, "content", sec, name+".md")
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		date := opts.Start.Add(time.Duration(i) * time.Hour)
		if err := os.WriteFile(path, article(rng, i, date, opts), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// start fills in the defaults of opts and returns the corpus's random
// source, which its seed makes.
func (opts *Options) start() *rand.Rand {
	if opts.Topics == 0 {
		opts.Topics = 250
	}
	if opts.Authors == 0 {
		opts.Authors = 60
	}
	if opts.Start.IsZero() {
		opts.Start = time.Date(2026, 1, 1, 6, 0, 0, 0, time.UTC).Add(-time.Duration(opts.Articles-1) * time.Hour)
	}
	return rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))
}

// article returns one story's file.
func article(rng *rand.Rand, i int, date time.Time, opts Options) []byte {
	var b strings.Builder
	title := sentence(rng, 6+rng.IntN(6))
	b.WriteString("---\ntitle: " + strconv.Quote(strings.TrimSuffix(title, ".")+" "+strconv.Itoa(i+1)) + "\n")
	b.WriteString("date: " + date.Format(time.RFC3339) + "\n")
	if rng.IntN(4) == 0 {
		b.WriteString("updated: " + date.Add(90*time.Minute).Format(time.RFC3339) + "\n")
	}
	b.WriteString("description: " + strconv.Quote(sentence(rng, 20)) + "\n")
	b.WriteString("authors: [")
	for k := range 1 + rng.IntN(2) {
		if k > 0 {
			b.WriteString(", ")
		}
		b.WriteString("Author " + strconv.Itoa(1+rng.IntN(opts.Authors)))
	}
	b.WriteString("]\ntopics: [")
	for k := range 1 + rng.IntN(3) {
		if k > 0 {
			b.WriteString(", ")
		}
		b.WriteString("Topic " + strconv.Itoa(1+rng.IntN(opts.Topics)))
	}
	b.WriteString("]\n")
	if rng.IntN(3) > 0 {
		fmt.Fprintf(&b, "image:\n  src: https://images.example.org/%d.jpg\n  alt: %q\n  caption: %q\n  credit: \"Staff/Agency\"\n", i+1, sentence(rng, 5), sentence(rng, 12))
	}
	b.WriteString("---\n\n")
	for n := 500 + rng.IntN(700); n > 0; {
		if rng.IntN(6) == 0 {
			b.WriteString("## " + strings.TrimSuffix(sentence(rng, 5), ".") + "\n\n")
		}
		p := 40 + rng.IntN(60)
		for s := 0; s < p; {
			k := 8 + rng.IntN(14)
			b.WriteString(sentence(rng, k) + " ")
			s += k
		}
		b.WriteString("\n\n")
		n -= p
	}
	return []byte(b.String())
}

// sentence returns n words starting with a capital and ending in a full stop.
func sentence(rng *rand.Rand, n int) string {
	var b strings.Builder
	for k := range n {
		w := words[rng.IntN(len(words))]
		if k == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	b.WriteByte('.')
	return b.String()
}

// Galley-corpus writes a synthetic news site for benchmarks: articles of
// 500–1,200 words with realistic front matter, the same bytes for the same
// flags.
//
// Usage:
//
//	galley-corpus -n 10000 -o /tmp/site10k
package main

import (
	"flag"
	"fmt"
	"os"

	"galley.dev/galley/cmd/galley/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of articles")
	out := flag.String("o", "", "output `folder` (must not exist)")
	topics := flag.Int("topics", 250, "number of topics")
	authors := flag.Int("authors", 60, "number of authors")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: galley-corpus -n N -o FOLDER")
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "galley-corpus: %s exists\n", *out)
		os.Exit(1)
	}
	if err := corpus.Write(*out, corpus.Options{Articles: *n, Topics: *topics, Authors: *authors, Seed: *seed}); err != nil {
		fmt.Fprintln(os.Stderr, "galley-corpus:", err)
		os.Exit(1)
	}
}

// Galley-wxr writes a synthetic WordPress export (WXR) for benchmarks of
// galley import: posts in Gutenberg blocks with featured images,
// categories, tags and authors, the same bytes for the same flags.
//
// Usage:
//
//	galley-wxr -n 50000 -o /tmp/export-50k.xml
package main

import (
	"flag"
	"fmt"
	"os"

	"galley.dev/galley/cmd/galley/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of posts")
	out := flag.String("o", "", "output `file` (must not exist)")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: galley-wxr -n N -o FILE")
		os.Exit(2)
	}
	f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		fmt.Fprintf(os.Stderr, "galley-wxr: %v\n", err)
		os.Exit(1)
	}
	if err := corpus.WriteWXR(f, corpus.Options{Articles: *n, Seed: *seed}); err != nil {
		fmt.Fprintf(os.Stderr, "galley-wxr: %v\n", err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintf(os.Stderr, "galley-wxr: %v\n", err)
		os.Exit(1)
	}
}

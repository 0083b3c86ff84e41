//go:build !race

package main

// raceEnabled is true when the tests run with -race: the binary they run
// is built with it too. Benchmarks run without, to time a real binary.
const raceEnabled = false

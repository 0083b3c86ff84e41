//go:build race

package main

// raceEnabled is true when the tests run with -race: the binary they run
// is built with it too.
const raceEnabled = true

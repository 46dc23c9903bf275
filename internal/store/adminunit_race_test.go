//go:build race

package store_test

// raceEnabled says the race detector is on, so tests over large real
// data sets take a subset.
const raceEnabled = true

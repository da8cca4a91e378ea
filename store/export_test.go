package store

import "time"

// OnlyReads is onlyReads, for tests.
var OnlyReads = onlyReads

// SetPostgresConnLifetime sets pgConnLifetime for the databases opened
// after it, and returns a function that restores it.
func SetPostgresConnLifetime(d time.Duration) func() {
	was := pgConnLifetime
	pgConnLifetime = d
	return func() { pgConnLifetime = was }
}

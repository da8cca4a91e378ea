package store

// OnlyReads is onlyReads, for tests.
var OnlyReads = onlyReads

package store

import (
	"context"
	"errors"
	"strings"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
)

// readers is how many read-only connections a SQLite database has beside
// its one writer.
const readers = 4

// readSplit is the driver of a SQLite database: the statements that only
// read (a SELECT outside a transaction: GraphQL queries, event payloads,
// the console's pages) go to a pool of read-only connections, everything
// else — writes and every transaction — to the one writer. In WAL mode
// readers never wait for the writer, nor it for them, so a query is not
// queued behind the correlation job's transactions; and a read begun after
// a commit returned sees it, as on one connection.
type readSplit struct {
	*entsql.Driver // the writer
	read           *entsql.Driver
}

func (d readSplit) Query(ctx context.Context, query string, args, v any) error {
	if onlyReads(query) {
		return d.read.Query(ctx, query, args, v)
	}
	return d.Driver.Query(ctx, query, args, v)
}

func (d readSplit) Close() error {
	return errors.Join(d.read.Close(), d.Driver.Close())
}

var _ dialect.Driver = readSplit{}

// onlyReads reports whether query is a plain SELECT (anything else, a
// WITH that may write included, goes to the writer; the readers are
// query_only, so a write misrouted fails rather than racing the writer).
func onlyReads(query string) bool {
	q := strings.TrimLeft(query, " \t\r\n(")
	return len(q) >= 7 && strings.EqualFold(q[:7], "SELECT ")
}

package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/lib/pq"
)

// staleRows is how many rows a table must have gained or changed since
// PostgreSQL last analyzed it, and how many more than it held then, for
// analyzeStale to analyze it again.
const staleRows = 10000

// analyzeStale gathers PostgreSQL's statistics on the tables whose
// statistics say nothing or too little of what they hold, and returns
// their names:
//
//   - tables that hold rows but were never analyzed: a database restored
//     from a dump or made from a template has no statistics until
//     autovacuum gets to it, and without them the planner took an IN list
//     of 500 alert ids to match every row of the join table — the eager
//     loads of correlation scanned alert_entities whole (40 ms each, 5 s of
//     a 20-second run on a copy of the benchmark's database);
//   - tables that more than doubled since they were last analyzed
//     (staleRows at least): the start-up pass over a backlog fills the
//     incident tables from empty in minutes, and autovacuum, when it is on
//     at all (the project's test server runs without it), analyzes a table
//     only once a minute at most and after its other work. Until then the
//     planner takes each value of an IN list to match 0.5 % of the rows:
//     with 1,000,000 alerts after a start-up pass, every "incidents of
//     these alerts" read the whole join table (150 ms each, 26 s of a
//     minute's arrivals; p99 21 s).
//
// ANALYZE reads a sample of each table, not the whole, and blocks no
// writer. A new analysis also makes PostgreSQL plan the prepared
// statements over the table anew.
func analyzeStale(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT c.relname FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace
		LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
		WHERE n.nspname = current_schema() AND c.relkind = 'r'
		AND ((c.reltuples < 0 AND pg_relation_size(c.oid) > 0)
			OR COALESCE(s.n_mod_since_analyze, 0) > GREATEST($1, c.reltuples))
		ORDER BY c.relname`, staleRows)
	if err != nil {
		return nil, fmt.Errorf("looking for tables without statistics: %w", err)
	}
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return nil, fmt.Errorf("looking for tables without statistics: %w", err)
		}
		tables = append(tables, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("looking for tables without statistics: %w", err)
	}
	for _, t := range tables {
		if _, err := db.ExecContext(ctx, "ANALYZE "+pq.QuoteIdentifier(t)); err != nil {
			return nil, fmt.Errorf("analyzing %s: %w", t, err)
		}
	}
	return tables, nil
}

// KeepStatistics analyzes, every interval until ctx ends, the PostgreSQL
// tables whose statistics fell behind what they hold (see analyzeStale),
// and logs what it did. On SQLite it returns at once.
func (db *DB) KeepStatistics(ctx context.Context, every time.Duration, log *slog.Logger) {
	if !db.Postgres() {
		return
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		tables, err := analyzeStale(ctx, db.SQL)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Warn("refreshing PostgreSQL's statistics failed; autovacuum will in time", "err", err)
		case len(tables) > 0:
			log.Info("refreshed PostgreSQL's statistics on tables that grew", "tables", tables)
		}
	}
}

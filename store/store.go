// Package store opens Vigil's database — embedded SQLite or PostgreSQL —
// from one DSN, migrates its schema, and runs work in transactions.
//
//	db, err := store.Open(ctx, "sqlite://vigil.db")
//	defer db.Close()
//	err = store.WithTx(ctx, db.Client, func(tx *ent.Tx) error { ... })
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"entgo.io/ent/dialect"
	"github.com/lib/pq"    // registers "postgres"
	_ "modernc.org/sqlite" // registers "sqlite"

	"github.com/vigil-soc/vigil/authz/policy"
	"github.com/vigil-soc/vigil/ent"
	"github.com/vigil-soc/vigil/ent/migrate"
)

// DB is an open, migrated database.
type DB struct {
	Client  *ent.Client
	SQL     *sql.DB
	Dialect string // dialect.SQLite or dialect.Postgres
}

// Close closes the client and the connections.
func (db *DB) Close() error { return db.Client.Close() }

// Ping reports whether the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.SQL.PingContext(ctx) }

// Postgres reports whether the database is PostgreSQL.
func (db *DB) Postgres() bool { return db.Dialect == dialect.Postgres }

// Open opens the database named by dsn — "sqlite://PATH" (PATH may be
// ":memory:" is not supported: use a file) or "postgres://…" — and migrates
// its schema.
func Open(ctx context.Context, dsn string) (*DB, error) {
	return OpenWith(ctx, dsn, Options{})
}

// Options adjust OpenWith.
type Options struct {
	// Driver, when set, wraps the driver every statement goes through,
	// e.g. to count statements in a test (dialect.DebugWithContext).
	Driver func(dialect.Driver) dialect.Driver
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, dsn string, opts Options) (*DB, error) {
	drv, name, db, err := openDriver(dsn)
	if err != nil {
		return nil, err
	}
	var d dialect.Driver = drv
	if opts.Driver != nil {
		d = opts.Driver(d)
	}
	client := ent.NewClient(ent.Driver(d))
	policy.Register(client) // from here on every query needs a viewer
	out := &DB{Client: client, SQL: db, Dialect: name}
	pctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		drv.Close()
		var badURL *url.Error
		if errors.As(err, &badURL) {
			err = badURL.Err // its message quotes the DSN, password and all
		}
		return nil, fmt.Errorf("database %s does not answer: %w", Redact(dsn), err)
	}
	if err := migrateSchema(ctx, client, db, name); err != nil {
		drv.Close()
		return nil, fmt.Errorf("migrating the schema: %w", err)
	}
	return out, nil
}

// migrating serialises the migrations of one process: ent's migrate writes
// to the package-level table definitions (ent/migrate.Tables) as it reads
// them, so two databases opened at once would race.
var migrating sync.Mutex

func migrateSchema(ctx context.Context, client *ent.Client, db *sql.DB, dia string) error {
	migrating.Lock()
	defer migrating.Unlock()
	// A database from before work items were recorded (see PendingWork)
	// may hold changes its last process did not correlate: every resource
	// it has is recorded as due, once.
	upgrade, err := before(ctx, db, dia, "work_items", "resources")
	if err != nil {
		return err
	}
	if err := client.Schema.Create(ctx, migrate.WithGlobalUniqueID(true)); err != nil {
		return err
	}
	if upgrade {
		// One statement, so that it is all or nothing. (A crash between
		// the table's creation above and this leaves it undone: the
		// window is that of one statement.)
		q := "INSERT INTO work_items (resource_key, created_at) SELECT key, ? FROM resources"
		if dia == dialect.Postgres {
			q = "INSERT INTO work_items (resource_key, created_at) SELECT key, $1 FROM resources"
		}
		if _, err := db.ExecContext(ctx, q, time.Now()); err != nil {
			return fmt.Errorf("recording every resource as due: %w", err)
		}
	}
	for _, q := range reverseIndexes {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("creating an index: %w", err)
		}
	}
	if dia == dialect.Postgres {
		_, err := analyzeStale(ctx, db)
		return err
	}
	return nil
}

// before reports whether the database has table old but not table new:
// it predates new.
func before(ctx context.Context, db *sql.DB, dia, new, old string) (bool, error) {
	q := "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
	if dia == dialect.Postgres {
		q = "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1"
	}
	has := func(table string) (bool, error) {
		var n int
		if err := db.QueryRowContext(ctx, q, table).Scan(&n); err != nil {
			return false, fmt.Errorf("looking for table %s: %w", table, err)
		}
		return n > 0, nil
	}
	hasNew, err := has(new)
	if err != nil || hasNew {
		return false, err
	}
	return has(old)
}

// reverseIndexes index the columns that ent's schema leaves bare and that
// correlation looks rows up by. ent keys a many-to-many join table by
// (owner, other), which serves only lookups from the owner's side: without
// these, the alerts of an entity and the incidents of an alert each scanned
// the whole join table (on 1,000,000 alerts, millions of rows per lookup),
// and deleting an incident scanned incidents for those that follow it (the
// foreign key's check). ent declares no index on a join table, so they are
// made here, after its migration, and kept by it (it drops no index it does
// not know).
var reverseIndexes = []string{
	"CREATE INDEX IF NOT EXISTS alert_entities_entity_id ON alert_entities (entity_id)",
	"CREATE INDEX IF NOT EXISTS incident_alerts_alert_id ON incident_alerts (alert_id)",
	"CREATE INDEX IF NOT EXISTS incident_covers_covered_by_id ON incident_covers (covered_by_id)",
	"CREATE INDEX IF NOT EXISTS incident_incident_followed_by ON incidents (incident_followed_by)",
}

func openDriver(dsn string) (dialect.Driver, string, *sql.DB, error) {
	switch {
	case strings.HasPrefix(dsn, "sqlite://"):
		path := strings.TrimPrefix(dsn, "sqlite://")
		if path == "" {
			return nil, "", nil, errors.New("sqlite:// needs a file path, e.g. sqlite://vigil.db")
		}
		q := url.Values{}
		q.Add("_pragma", "foreign_keys(1)")
		q.Add("_pragma", "busy_timeout(10000)")
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
		q.Add("_pragma", "cache_size(-65536)") // 64 MiB of page cache
		q.Add("_pragma", "temp_store(MEMORY)")
		q.Set("_txlock", "immediate")
		wc, err := openCaching("file:" + path + "?" + q.Encode())
		if err != nil {
			return nil, "", nil, err
		}
		db := sql.OpenDB(wc)
		// One writing connection: SQLite has one writer, and one connection
		// makes every transaction wait its turn instead of failing with
		// SQLITE_BUSY.
		db.SetMaxOpenConns(1)
		r := url.Values{}
		r.Add("_pragma", "busy_timeout(10000)")
		r.Add("_pragma", "cache_size(-16384)") // 16 MiB each
		r.Add("_pragma", "temp_store(MEMORY)")
		r.Add("_pragma", "query_only(1)")
		rc, err := openCaching("file:" + path + "?" + r.Encode())
		if err != nil {
			db.Close()
			return nil, "", nil, err
		}
		rdb := sql.OpenDB(rc)
		rdb.SetMaxOpenConns(readers)
		rdb.SetMaxIdleConns(readers)
		split := readSplit{Driver: entsql.OpenDB(dialect.SQLite, db), read: entsql.OpenDB(dialect.SQLite, rdb)}
		return split, dialect.SQLite, db, nil
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		pc, err := pq.NewConnector(dsn)
		if err != nil {
			var badURL *url.Error
			if errors.As(err, &badURL) {
				// Its message quotes the DSN, password and all.
				err = fmt.Errorf("not a valid URL (URL-escape the password's special characters: %%25 for %%, %%20 for a space, %%40 for @): %w", badURL.Err)
			}
			return nil, "", nil, fmt.Errorf("database %s: %w", Redact(dsn), err)
		}
		db := sql.OpenDB(caching{Connector: pc})
		db.SetMaxOpenConns(16)
		db.SetMaxIdleConns(8)
		db.SetConnMaxIdleTime(5 * time.Minute)
		db.SetConnMaxLifetime(pgConnLifetime)
		return entsql.OpenDB(dialect.Postgres, db), dialect.Postgres, db, nil
	}
	return nil, "", nil, fmt.Errorf("unsupported database %q: use sqlite://PATH or postgres://user:pass@host:port/db", Redact(dsn))
}

// pgConnLifetime is how long a PostgreSQL connection is used before it is
// replaced by a new one. A connection keeps its statements prepared (see
// caching), and with them plans PostgreSQL made for the tables as they
// were: after the start-up pass over a backlog — tables that grew from
// empty to hundreds of thousands of rows under the same connections —
// every pass ran on plans made for nearly empty tables (100,000 alerts:
// the cross-resource passes of 30 s of arrivals took 24.9 s against 13.3 s,
// p99 455 ms against 210 ms). New connections prepare and plan anew.
var pgConnLifetime = time.Minute

// Redact returns dsn with any password replaced, for logs and errors.
func Redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		// Unparseable (a password with a stray % or a space): keep only the
		// scheme and what follows the last @, the host and database.
		scheme, rest, ok := strings.Cut(dsn, "://")
		if at := strings.LastIndex(rest, "@"); ok && at >= 0 {
			dsn = scheme + "://xxxxx@" + rest[at+1:]
		}
	}
	if err != nil || u.User == nil {
		if len(dsn) > 200 {
			return dsn[:200] + "…"
		}
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// Retryable reports whether err is a PostgreSQL deadlock or serialization
// failure: the transaction was rolled back and may simply run again.
func Retryable(err error) bool {
	var pe *pq.Error
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}

// WithTx runs fn in a transaction of client: it commits when fn returns nil,
// and rolls back when fn returns an error or panics (the panic goes on).
// Hooks registered with tx.OnCommit run after a successful commit only.
func WithTx(ctx context.Context, client *ent.Client, fn func(tx *ent.Tx) error) (err error) {
	tx, err := client.Tx(ctx)
	if err != nil {
		return fmt.Errorf("starting a transaction: %w", err)
	}
	defer func() {
		if v := recover(); v != nil {
			_ = tx.Rollback()
			panic(v)
		}
	}()
	if err := fn(tx); err != nil {
		if rerr := tx.Rollback(); rerr != nil {
			return errors.Join(err, fmt.Errorf("rolling back: %w", rerr))
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("committing: %w", err)
	}
	return nil
}

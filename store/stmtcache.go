package store

import (
	"container/list"
	"context"
	"database/sql/driver"
	"errors"
	"hash/maphash"
	"reflect"

	"modernc.org/sqlite"
)

// cachedStatements is how many prepared statements each SQLite connection
// keeps.
const cachedStatements = 256

// caching is a connector whose connections keep the statements they ran
// more than once prepared, by their SQL: the correlation job and ingest
// run the same few statements over and over. On SQLite parsing them anew
// each time was an eighth of `vigil serve`'s CPU under load; on
// PostgreSQL a statement not prepared costs a round trip to parse it and
// its planning, each time. A statement run once (an IN list of a length
// not seen again) is not prepared for the cache.
type caching struct{ driver.Connector }

func (c caching) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &cachingConn{Conn: conn, byQuery: map[string]*list.Element{}, lru: list.New(), seen: map[uint64]bool{}}, nil
}

type unpreparedKey struct{}

// Unprepared returns ctx marked so that the statements run with it are
// never kept prepared, but planned for their values each time: for a
// statement whose best plan depends on them, as PostgreSQL's plan for a
// prepared statement, made once for any values after five runs, may not.
func Unprepared(ctx context.Context) context.Context {
	return context.WithValue(ctx, unpreparedKey{}, true)
}

// seed is the hash seed of the statements seen once.
var seed = maphash.MakeSeed()

// openCaching returns a connector for the SQLite DSN whose connections
// cache their statements.
func openCaching(dsn string) (driver.Connector, error) {
	base, err := sqlite.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	return caching{Connector: base}, nil
}

// cachingConn is one connection and its statements. database/sql uses a
// connection from one goroutine at a time; a statement still reading rows
// (a query run while another's rows are open, within a transaction) is
// not used again until they are closed: the query is prepared for once.
type cachingConn struct {
	driver.Conn
	byQuery  map[string]*list.Element // of *cachedStmt
	lru      *list.List               // most recently used first
	prepared int                      // statements prepared for the cache (tests)
	seen     map[uint64]bool          // hashes of statements run once, not cached yet
	order    []uint64                 // seen's, oldest first
}

type cachedStmt struct {
	query string
	stmt  driver.Stmt
	busy  bool // its rows are open
}

// Unwrap returns the driver's connection (sqlite.Limit looks through it).
func (c *cachingConn) Unwrap() driver.Conn { return c.Conn }

// get returns the cached statement for query, preparing it when it is not
// cached but was run before, or nil: run it as it is.
func (c *cachingConn) get(ctx context.Context, query string) (*cachedStmt, error) {
	if ctx.Value(unpreparedKey{}) != nil {
		return nil, nil
	}
	if el, ok := c.byQuery[query]; ok {
		s := el.Value.(*cachedStmt)
		if s.busy {
			return nil, nil
		}
		c.lru.MoveToFront(el)
		return s, nil
	}
	if h := maphash.String(seed, query); !c.seen[h] {
		c.seen[h] = true
		c.order = append(c.order, h)
		if len(c.order) > 4*cachedStatements {
			delete(c.seen, c.order[0])
			c.order = c.order[1:]
		}
		return nil, nil
	}
	st, err := c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.prepared++
	s := &cachedStmt{query: query, stmt: st}
	c.byQuery[query] = c.lru.PushFront(s)
	for c.lru.Len() > cachedStatements {
		el := c.lru.Back()
		old := el.Value.(*cachedStmt)
		if old.busy {
			break // closed when its rows are, once out of the cache
		}
		c.lru.Remove(el)
		delete(c.byQuery, old.query)
		old.stmt.Close()
	}
	return s, nil
}

func (c *cachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	s, err := c.get(ctx, query)
	if err != nil {
		return nil, err
	}
	if s == nil {
		return c.Conn.(driver.QueryerContext).QueryContext(ctx, query, args)
	}
	rows, err := s.stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		return nil, err
	}
	s.busy = true
	return &cachedRows{Rows: rows, s: s}, nil
}

func (c *cachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	s, err := c.get(ctx, query)
	if err != nil {
		return nil, err
	}
	if s == nil {
		return c.Conn.(driver.ExecerContext).ExecContext(ctx, query, args)
	}
	return s.stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

func (c *cachingConn) Close() error {
	var errs []error
	for el := c.lru.Front(); el != nil; el = el.Next() {
		errs = append(errs, el.Value.(*cachedStmt).stmt.Close())
	}
	c.lru.Init()
	clear(c.byQuery)
	return errors.Join(append(errs, c.Conn.Close())...)
}

// The driver's optional interfaces, forwarded.

func (c *cachingConn) CheckNamedValue(nv *driver.NamedValue) error {
	if ch, ok := c.Conn.(driver.NamedValueChecker); ok {
		return ch.CheckNamedValue(nv)
	}
	return driver.ErrSkip
}

func (c *cachingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.Conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

func (c *cachingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, query)
}

func (c *cachingConn) Ping(ctx context.Context) error { return c.Conn.(driver.Pinger).Ping(ctx) }

func (c *cachingConn) ResetSession(ctx context.Context) error {
	return c.Conn.(driver.SessionResetter).ResetSession(ctx)
}

func (c *cachingConn) IsValid() bool { return c.Conn.(driver.Validator).IsValid() }

// cachedRows marks its statement free again once closed.
type cachedRows struct {
	driver.Rows
	s *cachedStmt
}

func (r *cachedRows) Close() error {
	err := r.Rows.Close()
	r.s.busy = false
	return err
}

// The rows' optional interfaces that database/sql and ent use, forwarded.

func (r *cachedRows) ColumnTypeDatabaseTypeName(i int) string {
	if t, ok := r.Rows.(driver.RowsColumnTypeDatabaseTypeName); ok {
		return t.ColumnTypeDatabaseTypeName(i)
	}
	return ""
}

func (r *cachedRows) ColumnTypeScanType(i int) reflect.Type {
	if t, ok := r.Rows.(driver.RowsColumnTypeScanType); ok {
		return t.ColumnTypeScanType(i)
	}
	return reflect.TypeFor[any]()
}

func (r *cachedRows) ColumnTypeNullable(i int) (nullable, ok bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypeNullable); ok {
		return t.ColumnTypeNullable(i)
	}
	return false, false
}

func (r *cachedRows) ColumnTypeLength(i int) (int64, bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypeLength); ok {
		return t.ColumnTypeLength(i)
	}
	return 0, false
}

func (r *cachedRows) ColumnTypePrecisionScale(i int) (precision, scale int64, ok bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypePrecisionScale); ok {
		return t.ColumnTypePrecisionScale(i)
	}
	return 0, 0, false
}

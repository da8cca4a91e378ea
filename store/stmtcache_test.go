package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/lib/pq"
)

// TestStatementCache runs statements through one caching SQLite
// connection: a statement run once is not prepared for the cache, one run
// again is prepared once and not again, one run while
// its own rows are still open (a nested read in a transaction) gets rows
// of its own, and the cache holds at most cachedStatements.
func TestStatementCache(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		c, err := openCaching("file:" + filepath.Join(t.TempDir(), "cache.db"))
		if err != nil {
			t.Fatal(err)
		}
		testStatementCache(t, c, "?")
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := os.Getenv("VIGIL_TEST_POSTGRES")
		if dsn == "" {
			if os.Getenv("CI") != "" {
				t.Fatal("VIGIL_TEST_POSTGRES is not set: under CI the PostgreSQL half of the suite must run")
			}
			t.Skip("VIGIL_TEST_POSTGRES is not set; `make test` sets it")
		}
		c, err := pq.NewConnector(dsn)
		if err != nil {
			t.Fatal(err)
		}
		testStatementCache(t, caching{Connector: c}, "$")
	})
}

// testStatementCache runs the test through connector c, whose placeholders
// are ? (SQLite) or $n (PostgreSQL); its table is a temporary one, of the
// one connection.
func testStatementCache(t *testing.T, c driver.Connector, ph string) {
	arg := func(n int) string {
		if ph == "?" {
			return "?"
		}
		return fmt.Sprintf("$%d", n)
	}
	ctx := context.Background()
	db := sql.OpenDB(c)
	defer db.Close()
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	if _, err := db.ExecContext(ctx, "CREATE TEMP TABLE t (id INTEGER PRIMARY KEY, v TEXT)"); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 3; i++ {
		if _, err := db.ExecContext(ctx, "INSERT INTO t (id, v) VALUES ("+arg(1)+", "+arg(2)+")", i, fmt.Sprint("v", i)); err != nil {
			t.Fatal(err)
		}
	}
	conn := func() *cachingConn {
		t.Helper()
		cn, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer cn.Close()
		var cc *cachingConn
		if err := cn.Raw(func(dc any) error { cc = dc.(*cachingConn); return nil }); err != nil {
			t.Fatal(err)
		}
		return cc
	}
	if got := conn().prepared; got != 1 {
		t.Errorf("prepared %d statements for a CREATE run once and three INSERTs of one text, want 1", got)
	}

	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	q := "SELECT v FROM t WHERE id >= " + arg(1) + " ORDER BY id"
	outer, err := tx.QueryContext(ctx, q, 1)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for outer.Next() {
		var v string
		if err := outer.Scan(&v); err != nil {
			t.Fatal(err)
		}
		if ph != "?" {
			// PostgreSQL's connection reads one statement's rows at a time.
			got = append(got, v)
			continue
		}
		// The same statement while outer's rows are open.
		var inner []string
		rows, err := tx.QueryContext(ctx, q, 3)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var w string
			rows.Scan(&w)
			inner = append(inner, w)
		}
		rows.Close()
		if len(inner) != 1 || inner[0] != "v3" {
			t.Errorf("nested query = %v, want [v3]", inner)
		}
		got = append(got, v)
	}
	outer.Close()
	if fmt.Sprint(got) != "[v1 v2 v3]" {
		t.Errorf("outer query = %v, want [v1 v2 v3]", got)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	var warm string
	if err := db.QueryRowContext(ctx, q, 2).Scan(&warm); err != nil { // cached by now
		t.Fatal(err)
	}
	before := conn().prepared
	for i := 0; i < 10; i++ {
		var v string
		if err := db.QueryRowContext(ctx, q, 2).Scan(&v); err != nil || v != "v2" {
			t.Fatalf("query %d = %q, %v; want v2", i, v, err)
		}
	}
	if got := conn().prepared - before; got != 0 {
		t.Errorf("a cached SELECT run 10 times was prepared %d times more", got)
	}
	fresh := "SELECT count(*) FROM t WHERE id <> " + arg(1)
	for i := 0; i < 3; i++ {
		var n int
		if err := db.QueryRowContext(Unprepared(ctx), fresh, 1).Scan(&n); err != nil || n != 2 {
			t.Fatalf("unprepared run %d = %d, %v; want 2", i, n, err)
		}
	}
	if got := conn().prepared - before; got != 0 {
		t.Errorf("a statement run 3 times Unprepared was prepared %d times", got)
	}

	for i := 0; i < cachedStatements+50; i++ {
		for run := 0; run < 2; run++ { // the second run caches it
			var n int
			if err := db.QueryRowContext(ctx, fmt.Sprintf("SELECT count(*) + %d FROM t", i)).Scan(&n); err != nil || n != 3+i {
				t.Fatalf("statement %d = %d, %v; want %d", i, n, err, 3+i)
			}
		}
	}
	cc := conn()
	if len(cc.byQuery) != cachedStatements || cc.lru.Len() != cachedStatements {
		t.Errorf("cache holds %d (%d in order), want %d", len(cc.byQuery), cc.lru.Len(), cachedStatements)
	}
	var _ driver.QueryerContext = cc
}

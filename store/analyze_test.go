package store_test

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/ent"
	"github.com/vigil-soc/vigil/store"
	"github.com/vigil-soc/vigil/store/storetest"
)

// TestOpenAnalyzesTablesWithoutStatistics fills a PostgreSQL table that
// was never analyzed (as in a database restored from a dump, or made from
// a template) and opens the database again: the table has statistics
// then, and the empty ones are left alone.
func TestOpenAnalyzesTablesWithoutStatistics(t *testing.T) {
	dsn := storetest.Postgres(t)
	ctx := authz.System(context.Background())
	db := openUnvacuumed(t, ctx, dsn)
	addResources(t, ctx, db, 0, 200)
	if n := reltuples(t, ctx, db, "resources"); n >= 0 {
		t.Fatalf("resources has reltuples %g before the test, want -1 (never analyzed)", n)
	}
	db.Close()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := reltuples(t, ctx, db, "resources"); n != 200 {
		t.Errorf("after opening again, resources has reltuples %g, want 200 (analyzed)", n)
	}
	if n := reltuples(t, ctx, db, "alerts"); n >= 0 {
		t.Errorf("the empty alerts table has reltuples %g, want it left unanalyzed (-1)", n)
	}
}

// openUnvacuumed opens the database dsn with autovacuum turned off for its
// resources table, which could otherwise analyze it before the test does.
func openUnvacuumed(t *testing.T, ctx context.Context, dsn string) *store.DB {
	t.Helper()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL.ExecContext(ctx, "ALTER TABLE resources SET (autovacuum_enabled = false)"); err != nil {
		db.Close()
		t.Fatal(err)
	}
	return db
}

// addResources stores the resources vm<from> to vm<to-1>, 1,000 a statement.
func addResources(t *testing.T, ctx context.Context, db *store.DB, from, to int) {
	t.Helper()
	for start := from; start < to; start += 1000 {
		var batch []*ent.ResourceCreate
		for i := start; i < min(start+1000, to); i++ {
			key := fmt.Sprintf("/subscriptions/s/resourcegroups/rg/providers/microsoft.compute/virtualmachines/vm%d", i)
			batch = append(batch, db.Client.Resource.Create().SetKey(key).SetResourceID(key).SetName(key).SetType("Microsoft.Compute/virtualMachines"))
		}
		if err := db.Client.Resource.CreateBulk(batch...).Exec(ctx); err != nil {
			t.Fatal(err)
		}
	}
}

// reltuples is the row count PostgreSQL's statistics give table (-1: never
// analyzed).
func reltuples(t *testing.T, ctx context.Context, db *store.DB, table string) float64 {
	t.Helper()
	var n float64
	if err := db.SQL.QueryRowContext(ctx, "SELECT reltuples FROM pg_class WHERE relname = $1", table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// reported waits until PostgreSQL's statistics count at least n rows
// inserted into table. Each connection reports its counts on its own,
// within a second or so of its transaction: an ANALYZE taken before the
// connection that inserted rows has reported them resets the count of
// changes first, and the late report then adds them to the changes since
// that analysis.
func reported(t *testing.T, ctx context.Context, db *store.DB, table string, n int64) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		var got int64
		if err := db.SQL.QueryRowContext(ctx, "SELECT COALESCE(n_tup_ins, 0) FROM pg_stat_user_tables WHERE relname = $1", table).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("PostgreSQL's statistics count %d rows inserted into %s after 15 s, want %d", got, table, n)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestKeepStatisticsAnalyzesTablesThatGrew fills a PostgreSQL table past
// twice what it held when last analyzed (and past the 10,000 rows below
// which that is left to autovacuum) while KeepStatistics runs: it analyzes
// the table, and says so in its log.
func TestKeepStatisticsAnalyzesTablesThatGrew(t *testing.T) {
	dsn := storetest.Postgres(t)
	ctx := authz.System(context.Background())
	db := openUnvacuumed(t, ctx, dsn)
	defer db.Close()
	add := func(from, to int) { addResources(t, ctx, db, from, to) }
	counted := func() float64 { return reltuples(t, ctx, db, "resources") }
	add(0, 3000)
	reported(t, ctx, db, "resources", 3000)
	if _, err := db.SQL.ExecContext(ctx, "ANALYZE resources"); err != nil {
		t.Fatal(err)
	}
	if n := counted(); n != 3000 {
		t.Fatalf("after ANALYZE, resources has reltuples %g, want 3000", n)
	}
	var log strings.Builder
	logger := slog.New(slog.NewTextHandler(&log, nil))
	keep, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		db.KeepStatistics(keep, 50*time.Millisecond, logger)
	}()
	defer func() { stop(); <-done }()
	// 3,000 rows more doubles the table but stays under 10,000 changed:
	// left alone.
	add(3000, 6000)
	reported(t, ctx, db, "resources", 6000)
	time.Sleep(500 * time.Millisecond) // ten rounds of the keeper
	if n := counted(); n != 3000 {
		t.Fatalf("with 3,000 rows changed since the last analysis, reltuples is %g: want it left at 3000", n)
	}
	add(6000, 14000) // 11,000 changed, more than the 3,000 analyzed
	deadline := time.Now().Add(15 * time.Second)
	for counted() != 14000 {
		if time.Now().After(deadline) {
			t.Fatalf("resources grew from 3,000 to 14,000 rows and still has reltuples %g after 15 s: want it analyzed", counted())
		}
		time.Sleep(50 * time.Millisecond)
	}
	stop()
	<-done
	if got := log.String(); !strings.Contains(got, "tables=[resources]") {
		t.Errorf("log = %q, want it to name the table it analyzed", got)
	}
}

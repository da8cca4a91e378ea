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
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	// Autovacuum, left on, could analyze it first.
	if _, err := db.SQL.ExecContext(ctx, "ALTER TABLE resources SET (autovacuum_enabled = false)"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 200; i++ {
		key := fmt.Sprintf("/subscriptions/s/resourcegroups/rg/providers/microsoft.compute/virtualmachines/vm%d", i)
		if err := db.Client.Resource.Create().SetKey(key).SetResourceID(key).SetName(key).SetType("Microsoft.Compute/virtualMachines").Exec(ctx); err != nil {
			t.Fatal(err)
		}
	}
	reltuples := func(db *store.DB, table string) float64 {
		t.Helper()
		var n float64
		if err := db.SQL.QueryRowContext(ctx, "SELECT reltuples FROM pg_class WHERE relname = $1", table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := reltuples(db, "resources"); n >= 0 {
		t.Fatalf("resources has reltuples %g before the test, want -1 (never analyzed)", n)
	}
	db.Close()
	db, err = store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := reltuples(db, "resources"); n != 200 {
		t.Errorf("after opening again, resources has reltuples %g, want 200 (analyzed)", n)
	}
	if n := reltuples(db, "alerts"); n >= 0 {
		t.Errorf("the empty alerts table has reltuples %g, want it left unanalyzed (-1)", n)
	}
}

// TestKeepStatisticsAnalyzesTablesThatGrew fills a PostgreSQL table past
// twice what it held when last analyzed (and past the 10,000 rows below
// which that is left to autovacuum) while KeepStatistics runs: it analyzes
// the table, and says so in its log.
func TestKeepStatisticsAnalyzesTablesThatGrew(t *testing.T) {
	dsn := storetest.Postgres(t)
	ctx := authz.System(context.Background())
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.SQL.ExecContext(ctx, "ALTER TABLE resources SET (autovacuum_enabled = false)"); err != nil {
		t.Fatal(err)
	}
	add := func(from, to int) {
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
	reltuples := func() float64 {
		t.Helper()
		var n float64
		if err := db.SQL.QueryRowContext(ctx, "SELECT reltuples FROM pg_class WHERE relname = 'resources'").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	add(0, 3000)
	if _, err := db.SQL.ExecContext(ctx, "ANALYZE resources"); err != nil {
		t.Fatal(err)
	}
	if n := reltuples(); n != 3000 {
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
	time.Sleep(1500 * time.Millisecond) // the server reports changes within a second
	if n := reltuples(); n != 3000 {
		t.Fatalf("with 3,000 rows changed since the last analysis, reltuples is %g: want it left at 3000", n)
	}
	add(6000, 14000) // 11,000 changed, more than the 3,000 analyzed
	deadline := time.Now().Add(15 * time.Second)
	for reltuples() != 14000 {
		if time.Now().After(deadline) {
			t.Fatalf("resources grew from 3,000 to 14,000 rows and still has reltuples %g after 15 s: want it analyzed", reltuples())
		}
		time.Sleep(50 * time.Millisecond)
	}
	stop()
	<-done
	if got := log.String(); !strings.Contains(got, "tables=[resources]") {
		t.Errorf("log = %q, want it to name the table it analyzed", got)
	}
}

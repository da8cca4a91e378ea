package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/vigil-soc/vigil/authz"
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

package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/store"
	"github.com/vigil-soc/vigil/store/storetest"
)

// TestPostgresConnectionsAreRenewed checks that a PostgreSQL connection is
// replaced once its lifetime is over, and with it the statements it kept
// prepared (planned for the tables as they were): the same connection —
// one PostgreSQL backend — answers within the lifetime, another after it,
// holding no prepared statement yet.
func TestPostgresConnectionsAreRenewed(t *testing.T) {
	dsn := storetest.Postgres(t)
	const lifetime = 1500 * time.Millisecond
	defer store.SetPostgresConnLifetime(lifetime)()
	ctx := authz.System(context.Background())
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	backend := func() (pid, prepared int) {
		t.Helper()
		// Run twice, so that the statement cache prepares it.
		for i := 0; i < 2; i++ {
			if err := db.SQL.QueryRowContext(ctx, "SELECT pg_backend_pid(), (SELECT COUNT(*) FROM pg_prepared_statements)").Scan(&pid, &prepared); err != nil {
				t.Fatal(err)
			}
		}
		return pid, prepared
	}
	// The connections Open used are of unknown age: let them expire, so
	// that the next query opens one.
	time.Sleep(lifetime)
	began := time.Now()
	first, _ := backend()
	again, prepared := backend()
	if took := time.Since(began); took >= lifetime {
		t.Fatalf("four queries took %s, the whole lifetime: the test cannot tell the two cases apart", took)
	}
	if again != first {
		t.Fatalf("within the connection's lifetime, backend %d answered after %d: want the same connection", again, first)
	}
	if prepared == 0 {
		t.Fatalf("the connection kept no statement prepared: the cache is off, and this test tells nothing")
	}
	time.Sleep(lifetime + 200*time.Millisecond)
	later, _ := backend()
	if later == first {
		t.Errorf("after the connection's lifetime, backend %d still answers: want a new connection", first)
	}
	if st := db.SQL.Stats(); st.MaxLifetimeClosed == 0 {
		t.Errorf("the pool closed no connection for its lifetime: %+v", st)
	}
}

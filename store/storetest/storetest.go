// Package storetest gives tests a fresh, migrated database of each kind
// Vigil supports, so that one suite runs on SQLite and on PostgreSQL.
//
//	storetest.Each(t, func(t *testing.T, dsn string) {
//		db := storetest.Open(t, dsn)
//		...
//	})
//
// PostgreSQL comes from VIGIL_TEST_POSTGRES (a URL of a server where the
// user may create databases; `make test` and .ci/run set it). Without it the
// PostgreSQL half is skipped — except under CI=true, where that is a failure.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/lib/pq" // registers "postgres"

	"github.com/vigil-soc/vigil/store"
)

// Each runs fn as two subtests, "sqlite" and "postgres", each with the DSN of
// a fresh, empty database that is removed when the subtest ends.
func Each(t *testing.T, fn func(t *testing.T, dsn string)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// EachFresh runs fn as two subtests, "sqlite" and "postgres"; fresh makes
// a new empty database of that kind each time it is called (for table tests
// whose rows each need their own).
func EachFresh(t *testing.T, fn func(t *testing.T, fresh func(t testing.TB) string)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite) })
	t.Run("postgres", func(t *testing.T) {
		Postgres(t) // skips or fails here, once, when there is no server
		fn(t, Postgres)
	})
}

// SQLite returns the DSN of a new SQLite file in the test's temp dir.
func SQLite(t testing.TB) string {
	return "sqlite://" + filepath.Join(t.TempDir(), "vigil.db")
}

// Postgres creates a new database on the test server and returns its DSN;
// the database is dropped when the test ends.
func Postgres(t testing.TB) string {
	t.Helper()
	base := os.Getenv("VIGIL_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("VIGIL_TEST_POSTGRES is not set: under CI the PostgreSQL half of the suite must run")
		}
		t.Skip("VIGIL_TEST_POSTGRES is not set; `make test` sets it")
	}
	admin, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatalf("VIGIL_TEST_POSTGRES: %v", err)
	}
	defer admin.Close()
	b := make([]byte, 6)
	rand.Read(b)
	name := "vigil_test_" + hex.EncodeToString(b)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("creating test database on %s: %v", store.Redact(base), err)
	}
	t.Cleanup(func() {
		admin, err := sql.Open("postgres", base)
		if err != nil {
			return
		}
		defer admin.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Logf("dropping %s: %v", name, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("VIGIL_TEST_POSTGRES: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

// Open opens and migrates the database at dsn and closes it when the test ends.
func Open(t testing.TB, dsn string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("opening %s: %v", store.Redact(dsn), err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

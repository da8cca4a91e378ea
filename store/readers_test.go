package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/ent"
	"github.com/vigil-soc/vigil/ent/resource"
	"github.com/vigil-soc/vigil/store"
	"github.com/vigil-soc/vigil/store/storetest"
)

// TestSQLiteReadsDoNotWaitForTheWriter holds SQLite's one writing
// connection in a transaction and reads meanwhile: the read is answered
// (by a read-only connection) while the transaction is open, sees what
// was committed before it but not what the transaction has written yet,
// and sees that once it commits.
func TestSQLiteReadsDoNotWaitForTheWriter(t *testing.T) {
	ctx := authz.System(context.Background())
	db := storetest.Open(t, storetest.SQLite(t))
	create := func(c *ent.Client, key string) {
		t.Helper()
		if err := c.Resource.Create().SetKey(key).SetResourceID(key).SetName(key).SetType("host").Exec(ctx); err != nil {
			t.Fatal(err)
		}
	}
	count := func(key string) int {
		t.Helper()
		n, err := db.Client.Resource.Query().Where(resource.Key(key)).Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	create(db.Client, "/committed")
	tx, err := db.Client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	create(tx.Client(), "/uncommitted")
	read := make(chan [2]int, 1)
	go func() { read <- [2]int{count("/committed"), count("/uncommitted")} }()
	select {
	case got := <-read:
		if got != [2]int{1, 0} {
			t.Errorf("during the transaction, read %v of (committed, uncommitted), want [1 0]", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a read outside the transaction waited for the writer")
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if n := count("/uncommitted"); n != 1 {
		t.Errorf("after the commit, read %d of the row, want 1", n)
	}
}

// TestOnlyReads checks which statements go to SQLite's read-only
// connections: plain SELECTs, nothing that may write.
func TestOnlyReads(t *testing.T) {
	for q, want := range map[string]bool{
		"SELECT `id` FROM `alerts`":                            true,
		"  select count(*) from alerts":                        true,
		"(SELECT 1) UNION (SELECT 2)":                          true,
		"INSERT INTO `alerts` (`x`) VALUES (?) RETURNING `id`": false,
		"WITH gone AS (SELECT 1) DELETE FROM alerts":           false,
		"UPDATE `alerts` SET `status` = ? WHERE `id` = ?":      false,
		"SELECTED":              false,
		"PRAGMA wal_checkpoint": false,
	} {
		if got := store.OnlyReads(q); got != want {
			t.Errorf("OnlyReads(%q) = %v, want %v", q, got, want)
		}
	}
}

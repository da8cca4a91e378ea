package store_test

import (
	"context"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/ingest"
	"github.com/vigil-soc/vigil/store"
	"github.com/vigil-soc/vigil/store/storetest"
)

// TestWorkItems checks what records correlation's work: ingest records one
// item per resource it touched, DoneWork deletes the items it is given and
// no others, and a database from before work items were recorded (no
// table) gets one for every resource it holds when it is opened, once.
func TestWorkItems(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := authz.System(context.Background())
		db := storetest.Open(t, dsn)
		t0 := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
		var items []ingest.Item
		for i, vm := range []string{"vm-a", "vm-b", "vm-a"} {
			items = append(items, ingest.Item{Index: i, Alert: &alerts.Alert{
				SystemAlertID: vm + "-" + string(rune('0'+i)), AlertType: "VM_Test", DisplayName: "test", Severity: alerts.High,
				Status: alerts.Active, StartTime: t0.Add(time.Duration(i) * time.Hour), EndTime: t0.Add(time.Duration(i) * time.Hour),
				ResourceID: "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/" + vm,
			}})
		}
		res, err := ingest.New(db, ingest.Options{}).Items(ctx, items)
		if err != nil || res.Accepted != 3 {
			t.Fatalf("ingest: %+v %v", res, err)
		}
		if len(res.Work) != 2 || len(res.Work[res.Keys[0]]) != 1 || len(res.Work[res.Keys[1]]) != 1 {
			t.Fatalf("work %v, want one item for each of %v", res.Work, res.Keys)
		}
		pending, err := store.PendingWork(ctx, db.Client)
		if err != nil || !sameWork(pending, res.Work) {
			t.Fatalf("pending %v %v, want %v", pending, err, res.Work)
		}
		more, err := ingest.New(db, ingest.Options{}).Items(ctx, items[:1]) // a duplicate: nothing changes, nothing due
		if err != nil || more.Duplicates != 1 || len(more.Work) != 0 {
			t.Fatalf("a duplicate's work: %+v %v, want none", more, err)
		}
		first := store.Work{res.Keys[0]: res.Work[res.Keys[0]]}
		if err := store.DoneWork(ctx, db.Client, first); err != nil {
			t.Fatal(err)
		}
		pending, _ = store.PendingWork(ctx, db.Client)
		if want := (store.Work{res.Keys[1]: res.Work[res.Keys[1]]}); !sameWork(pending, want) {
			t.Fatalf("pending after one is done: %v, want %v", pending, want)
		}

		// The database as a version before work items left it.
		if _, err := db.SQL.ExecContext(ctx, "DROP TABLE work_items"); err != nil {
			t.Fatal(err)
		}
		db.Close()
		for open := 0; open < 2; open++ {
			db, err := store.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			pending, err := store.PendingWork(ctx, db.Client)
			db.Close()
			if err != nil {
				t.Fatal(err)
			}
			var keys []string
			for k, ids := range pending {
				if len(ids) != 1 {
					t.Errorf("resource %s has %d work items after opening %d times, want 1", k, len(ids), open+1)
				}
				keys = append(keys, k)
			}
			sort.Strings(keys)
			if !slices.Equal(keys, res.Keys) {
				t.Fatalf("after the upgrade, work for %v, want every resource %v", keys, res.Keys)
			}
		}
	})
}

func sameWork(a, b store.Work) bool {
	if len(a) != len(b) {
		return false
	}
	for k, ids := range a {
		x, y := slices.Clone(ids), slices.Clone(b[k])
		slices.Sort(x)
		slices.Sort(y)
		if !slices.Equal(x, y) {
			return false
		}
	}
	return true
}

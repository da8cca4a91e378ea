package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/vigil-soc/vigil/store"
	"github.com/vigil-soc/vigil/store/storetest"
)

// TestReverseIndexes checks that a migrated database has the indexes ent
// leaves out, that opening it again keeps them, and (on SQLite, whose plans
// do not depend on table sizes) that the lookups correlation makes use them
// instead of scanning the join tables.
func TestReverseIndexes(t *testing.T) {
	want := []string{"alert_entities_entity_id", "incident_alerts_alert_id", "incident_covers_covered_by_id", "incident_incident_followed_by"}
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		storetest.Open(t, dsn).Close()
		db, err := store.Open(ctx, dsn) // a second migration keeps them
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		q := "SELECT name FROM sqlite_master WHERE type = 'index' AND name = $1"
		if db.Postgres() {
			q = "SELECT indexname FROM pg_indexes WHERE indexname = $1"
		}
		for _, name := range want {
			var got string
			if err := db.SQL.QueryRowContext(ctx, q, name).Scan(&got); err != nil {
				t.Errorf("index %s: %v", name, err)
			}
		}
		if db.Postgres() {
			return
		}
		for _, lookup := range []struct{ query, index string }{
			{"SELECT a.id FROM alerts a JOIN alert_entities j ON a.id = j.alert_id WHERE j.entity_id IN (1, 2)", "alert_entities_entity_id"},
			{"SELECT i.id FROM incidents i JOIN incident_alerts j ON i.id = j.incident_id WHERE j.alert_id IN (1, 2)", "incident_alerts_alert_id"},
		} {
			rows, err := db.SQL.QueryContext(ctx, "EXPLAIN QUERY PLAN "+lookup.query)
			if err != nil {
				t.Fatal(err)
			}
			var plan []string
			for rows.Next() {
				var id, parent, unused int
				var detail string
				if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
					t.Fatal(err)
				}
				plan = append(plan, detail)
			}
			rows.Close()
			if p := strings.Join(plan, "; "); !strings.Contains(p, lookup.index) {
				t.Errorf("plan of %q is %q, want it to use %s", lookup.query, p, lookup.index)
			}
		}
	})
}

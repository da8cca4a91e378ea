package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/vigil-soc/vigil/store/storetest"
)

// statementCounter counts the SQL statements that go through the drivers it
// wraps (STACK.md trap 5: a nested connection must not cost a statement per
// parent).
type statementCounter struct {
	n atomic.Int64
}

func (c *statementCounter) wrap(d dialect.Driver) dialect.Driver {
	return dialect.DebugWithContext(d, func(_ context.Context, v ...any) {
		// DebugDriver also reports transactions starting and ending; only
		// statements carry a query.
		if strings.Contains(fmt.Sprint(v...), "query=") {
			c.n.Add(1)
		}
	})
}

// TestStatementsPerQuery proves that the statements a query takes do not
// grow with the page size: nested connections and edges are loaded in
// batches.
func TestStatementsPerQuery(t *testing.T) {
	const resources = 25
	type node struct {
		Title, DisplayName, Name string
		Resource                 struct{ Name string }
		Alerts                   struct {
			TotalCount int
			Edges      []struct{ Node node }
		}
		Incidents          []node
		IncidentConnection struct{ Edges []struct{ Node node } }
	}
	type page map[string]struct{ Edges []struct{ Node node } }
	tests := []struct {
		name  string
		query string
		check func(node) error // each node of the page
	}{
		{"incidents with resource and alerts(first: 5) with their resource",
			`query($n: Int) { incidents(first: $n) { edges { node { title resource { name }
				alerts(first: 5) { totalCount edges { node { displayName resource { name } } } } } } } }`,
			func(n node) error {
				if n.Title != "Security incident detected on "+n.Resource.Name || n.Alerts.TotalCount != 2 || len(n.Alerts.Edges) != 2 ||
					n.Alerts.Edges[0].Node.Resource.Name != n.Resource.Name {
					return fmt.Errorf("incident %+v, want its two alerts on its resource", n)
				}
				return nil
			}},
		{"alerts with resource and incidents",
			`query($n: Int) { alerts(first: $n) { totalCount edges { node { displayName
				resource { name } incidents { title } } } } }`,
			func(n node) error {
				if len(n.Incidents) != 1 || n.Incidents[0].Title != "Security incident detected on "+n.Resource.Name {
					return fmt.Errorf("alert %+v, want it in the incident on its resource", n)
				}
				return nil
			}},
		{"resources with incidents(first: 2) and their alerts(first: 2)",
			`query($n: Int) { resources(first: $n) { edges { node { name
				incidentConnection: incidents(first: 2) { edges { node { title alerts(first: 2) { totalCount edges { node { displayName } } } } } } } } } }`,
			func(n node) error {
				if c := n.IncidentConnection; len(c.Edges) != 1 || c.Edges[0].Node.Title != "Security incident detected on "+n.Name || len(c.Edges[0].Node.Alerts.Edges) != 2 {
					return fmt.Errorf("resource %+v, want its incident with its two alerts", n)
				}
				return nil
			}},
	}
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		var count statementCounter
		ts := startServer(t, dsn, func(c *Config) { c.wrapDriver = count.wrap })
		start := time.Date(2024, 4, 1, 6, 0, 0, 0, time.UTC)
		var batch []any
		for i := 0; i < resources; i++ {
			vm := fmt.Sprintf("vm-count-%02d", i)
			batch = append(batch,
				restAlert(t, vm+"-initial-access", vm, "InitialAccess", start.Add(time.Duration(i)*time.Minute)),
				restAlert(t, vm+"-execution", vm, "Execution", start.Add(time.Hour+time.Duration(i)*time.Minute)))
		}
		body, _ := json.Marshal(batch)
		if got := ts.ingest(t, "application/json", body); got.Accepted != 2*resources {
			t.Fatalf("seeding: %+v", got)
		}
		ts.settle(t)
		var seeded struct{ Incidents struct{ TotalCount int } }
		ts.mustGraphQL(t, `{ incidents { totalCount } }`, nil, &seeded)
		if seeded.Incidents.TotalCount != resources {
			t.Fatalf("%d incidents seeded, want %d", seeded.Incidents.TotalCount, resources)
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				var counts []int64
				for _, n := range []int{1, 5, 20} {
					count.n.Store(0)
					var data page
					ts.mustGraphQL(t, tc.query, map[string]any{"n": n}, &data)
					counts = append(counts, count.n.Load())
					for field, conn := range data {
						if len(conn.Edges) != n {
							t.Fatalf("%s(first: %d) returned %d edges", field, n, len(conn.Edges))
						}
						for _, e := range conn.Edges {
							if err := tc.check(e.Node); err != nil {
								t.Fatal(err)
							}
						}
					}
				}
				t.Logf("statements for first: 1, 5, 20 = %v", counts)
				if counts[0] != counts[1] || counts[1] != counts[2] {
					t.Errorf("statements for first: 1, 5, 20 = %v, want the same for every page size", counts)
				}
			})
		}
	})
}

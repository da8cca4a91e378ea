package main

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/store/storetest"
)

// TestMultiResourceIncidentOverGraphQL posts one attacker's chain across two
// VMs (a brute force on mr-a, code run on mr-b, both from one public
// address) next to a qualifying chain on mr-b alone, and reads the
// multi-resource incident, its resources and the incidents it covers, and
// the way back from the covered one.
func TestMultiResourceIncidentOverGraphQL(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		ts := startServer(t, dsn)
		start := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
		a := restAlert(t, "mr-a-probe", "mr-a", "PreAttack", start)
		b1 := restAlert(t, "mr-b-access", "mr-b", "InitialAccess", start.Add(time.Hour))
		b2 := restAlert(t, "mr-b-exec", "mr-b", "Execution", start.Add(2*time.Hour))
		shared := attackerOf("mr-a")
		for _, x := range []map[string]any{b1, b2} {
			x["properties"].(map[string]any)["entities"] = []any{map[string]any{"type": "ip", "address": shared}}
		}
		body, err := json.Marshal([]any{a, b1, b2})
		if err != nil {
			t.Fatal(err)
		}
		ts.ingest(t, "application/json", body)
		ts.settle(t)

		var data struct {
			Incidents struct {
				Edges []struct {
					Node struct {
						ID, Title     string
						MultiResource bool
						Resource      struct{ Name string }
						Resources     []struct{ Name string }
						Covers        []struct{ ID, Title string }
						CoveredBy     []struct{ ID string }
						Alerts        struct{ TotalCount int }
					}
				}
			}
			CorrelationBacklog int
		}
		ts.mustGraphQL(t, `{ incidents(first: 10) { edges { node {
			id title multiResource resource { name } resources { name }
			covers { id title } coveredBy { id } alerts { totalCount } } } }
			correlationBacklog }`, nil, &data)
		if data.CorrelationBacklog != 0 {
			t.Errorf("correlationBacklog %d after settling, want 0", data.CorrelationBacklog)
		}
		byTitle := map[string]int{}
		for i, e := range data.Incidents.Edges {
			byTitle[e.Node.Title] = i
		}
		mi, ok := byTitle["Security incident detected on multiple resources"]
		pi, ok2 := byTitle["Security incident detected on mr-b"]
		if !ok || !ok2 || len(data.Incidents.Edges) != 2 {
			t.Fatalf("incidents %+v, want one on multiple resources and one on mr-b", data.Incidents.Edges)
		}
		m, p := data.Incidents.Edges[mi].Node, data.Incidents.Edges[pi].Node
		var names []string
		for _, r := range m.Resources {
			names = append(names, r.Name)
		}
		if !m.MultiResource || m.Resource.Name != "mr-a" || !slices.Equal(names, []string{"mr-a", "mr-b"}) || m.Alerts.TotalCount != 3 {
			t.Errorf("multi-resource incident %+v, want 3 alerts on mr-a (primary: the earliest) and mr-b", m)
		}
		if len(m.Covers) != 1 || m.Covers[0].ID != p.ID || len(m.CoveredBy) != 0 {
			t.Errorf("covers %+v, coveredBy %+v; want it to cover incident %s", m.Covers, m.CoveredBy, p.ID)
		}
		if p.MultiResource || len(p.CoveredBy) != 1 || p.CoveredBy[0].ID != m.ID || len(p.Resources) != 1 || p.Resources[0].Name != "mr-b" {
			t.Errorf("per-resource incident %+v, want it on mr-b, covered by %s", p, m.ID)
		}
	})
}

package main

import (
	"encoding/json"
	"slices"
	"strings"
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
						ResourceCount int
						Covers        []struct{ ID, Title string }
						CoveredBy     []struct{ ID string }
						Alerts        struct{ TotalCount int }
					}
				}
			}
			CorrelationBacklog int
		}
		ts.mustGraphQL(t, `{ incidents(first: 10) { edges { node {
			id title multiResource resource { name } resources { name } resourceCount
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
		if !m.MultiResource || m.Resource.Name != "mr-a" || !slices.Equal(names, []string{"mr-a", "mr-b"}) || m.ResourceCount != 2 || m.Alerts.TotalCount != 3 {
			t.Errorf("multi-resource incident %+v, want 3 alerts on mr-a (primary: the earliest) and mr-b", m)
		}
		if len(m.Covers) != 1 || m.Covers[0].ID != p.ID || len(m.CoveredBy) != 0 {
			t.Errorf("covers %+v, coveredBy %+v; want it to cover incident %s", m.Covers, m.CoveredBy, p.ID)
		}
		checkCorrelation(t, ts, m.ID, p.ID, shared)
		if p.MultiResource || len(p.CoveredBy) != 1 || p.CoveredBy[0].ID != m.ID || len(p.Resources) != 1 || p.ResourceCount != 1 || p.Resources[0].Name != "mr-b" {
			t.Errorf("per-resource incident %+v, want it on mr-b, covered by %s", p, m.ID)
		}
	})
}

// corrLink is what the tests read of a link.
type corrLink struct {
	Reason, EntityValue, Explanation string
	Tactics                          []string
	Alert                            struct{ SystemAlertID string }
}

// checkCorrelation reads why the alerts of the multi-resource incident multi
// and of the per-resource incident single are together: all three alerts of
// multi carry the shared address; single's two are a chain on mr-b.
func checkCorrelation(t *testing.T, ts *testServer, multi, single, shared string) {
	t.Helper()
	type corr struct {
		Rule        string
		RuleVersion int
		Progression []struct {
			Tactic     string
			AlertCount int
			Alerts     []struct{ SystemAlertID string }
		}
		EntityCount int
		Entities    []struct {
			Kind, Value   string
			ResourceCount int
			Resources     []struct{ Name string }
		}
		Links struct {
			TotalCount int
			Edges      []struct{ Node corrLink }
		}
	}
	var data struct {
		M, S             struct{ Correlation corr }
		CorrelationRules []struct {
			Name, Window string
			MinTactics   int
		}
	}
	ts.mustGraphQL(t, `query($m: ID!, $s: ID!) {
		m: node(id: $m) { ... on Incident { correlation { ...c } } }
		s: node(id: $s) { ... on Incident { correlation { ...c } } }
		correlationRules { name window minTactics } }
		fragment c on Correlation { rule ruleVersion
			progression { tactic alertCount alerts { systemAlertId } }
			entityCount entities { kind value resourceCount resources { name } }
			links { totalCount edges { node { reason entityValue explanation tactics alert { systemAlertId } } } } }`,
		map[string]any{"m": multi, "s": single}, &data)
	m := data.M.Correlation
	if m.Rule != "kill-chain" || m.RuleVersion != 1 {
		t.Errorf("rule %s v%d, want the built-in kill-chain v1", m.Rule, m.RuleVersion)
	}
	var steps []string
	for _, s := range m.Progression {
		if s.AlertCount != len(s.Alerts) {
			t.Errorf("step %s counts %d alerts and lists %d", s.Tactic, s.AlertCount, len(s.Alerts))
		}
		for _, a := range s.Alerts {
			steps = append(steps, s.Tactic+":"+a.SystemAlertID)
		}
	}
	if want := []string{"RECONNAISSANCE:mr-a-probe", "INITIAL_ACCESS:mr-b-access", "EXECUTION:mr-b-exec"}; !slices.Equal(steps, want) {
		t.Errorf("progression %v, want %v", steps, want)
	}
	if m.EntityCount != 1 || len(m.Entities) != 1 || m.Entities[0].Value != "ip:"+shared || m.Entities[0].Kind != "ip" ||
		m.Entities[0].ResourceCount != 2 || len(m.Entities[0].Resources) != 2 ||
		m.Entities[0].Resources[0].Name != "mr-a" || m.Entities[0].Resources[1].Name != "mr-b" {
		t.Errorf("entities %+v, want ip:%s tying mr-a and mr-b", m.Entities, shared)
	}
	if m.Links.TotalCount != 3 || len(m.Links.Edges) != 3 {
		t.Fatalf("%d links (of %d), want one per alert: %+v", len(m.Links.Edges), m.Links.TotalCount, m.Links)
	}
	for _, e := range m.Links.Edges {
		l := e.Node
		if l.Reason != "ENTITY" || l.EntityValue != "ip:"+shared || !strings.Contains(l.Explanation, shared) {
			t.Errorf("link of %s: %+v, want ENTITY through %s, said so", l.Alert.SystemAlertID, l, shared)
		}
	}
	checkLinkPages(t, ts, multi, m.Links.Edges)
	s := data.S.Correlation
	if s.Links.TotalCount != 2 || len(s.Links.Edges) != 2 || s.EntityCount != 0 || len(s.Entities) != 0 {
		t.Fatalf("per-resource incident: links %+v, %d entities %+v; want 2 and none", s.Links, s.EntityCount, s.Entities)
	}
	for _, e := range s.Links.Edges {
		l := e.Node
		if l.Reason != "CHAIN" || len(l.Tactics) != 1 || !strings.Contains(l.Explanation, "mr-b") {
			t.Errorf("link of %s: %+v, want CHAIN on mr-b with the alert's tactic", l.Alert.SystemAlertID, l)
		}
	}
	if r := data.CorrelationRules; len(r) != 1 || r[0].Name != "kill-chain" || r[0].Window != "24h0m0s" || r[0].MinTactics != 2 {
		t.Errorf("correlationRules %+v, want the built-in rule with a 24h window", r)
	}
}

// checkLinkPages reads incident's links two at a time and wants the same
// links as all, in the same order, and the last page to say it is the last.
func checkLinkPages(t *testing.T, ts *testServer, incident string, all []struct{ Node corrLink }) {
	t.Helper()
	type page struct {
		Node struct {
			Correlation struct {
				Links struct {
					TotalCount int
					PageInfo   struct {
						HasNextPage bool
						EndCursor   string
					}
					Edges []struct {
						Node struct {
							Alert struct{ SystemAlertID string }
						}
					}
				}
			}
		}
	}
	var seen, want []string
	for _, e := range all {
		want = append(want, e.Node.Alert.SystemAlertID)
	}
	var after any
	for range 10 {
		var p page
		ts.mustGraphQL(t, `query($id: ID!, $after: Cursor) { node(id: $id) { ... on Incident { correlation {
			links(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { alert { systemAlertId } } } } } } } }`,
			map[string]any{"id": incident, "after": after}, &p)
		l := p.Node.Correlation.Links
		for _, e := range l.Edges {
			seen = append(seen, e.Node.Alert.SystemAlertID)
		}
		if l.TotalCount != len(want) {
			t.Errorf("a page counts %d links, want %d", l.TotalCount, len(want))
		}
		if !l.PageInfo.HasNextPage {
			break
		}
		after = l.PageInfo.EndCursor
	}
	if !slices.Equal(seen, want) {
		t.Errorf("pages of two links list %v, want %v", seen, want)
	}
}

package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/store/storetest"
)

// TestAnalystDecisionsStand merges two incidents of one VM and removes an
// alert from the result over GraphQL, then makes correlation run again over
// everything: the merge stays, the removed alert stays out, and both
// decisions name who made them (the test server's admin token,
// token:test-admin) and when.
func TestAnalystDecisionsStand(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		ts := startServer(t, dsn)
		day := time.Date(2024, 6, 1, 8, 0, 0, 0, time.UTC)
		// Two chains on vm-dec three days apart: two incidents.
		var batch []any
		for _, b := range [][]byte{chain(t, "vm-dec", day), chain(t, "vm-dec", day.Add(72*time.Hour))} {
			var part []any
			if err := json.Unmarshal(b, &part); err != nil {
				t.Fatal(err)
			}
			batch = append(batch, part...)
		}
		// chain names alerts by VM and tactic: make the second pair's ids unique.
		second := batch[2:]
		for _, a := range second {
			m := a.(map[string]any)
			id := m["name"].(string) + "-later"
			m["name"] = id
			m["properties"].(map[string]any)["systemAlertId"] = id
		}
		body, _ := json.Marshal(batch)
		ts.ingest(t, "application/json", body)
		ts.settle(t)
		incs := incidentsOn(ts.allIncidents(t), "vm-dec")
		if len(incs) != 2 {
			t.Fatalf("%d incidents on vm-dec, want 2", len(incs))
		}
		into, from := incs[1].ID, incs[0].ID // the older absorbs the newer
		var merged struct {
			MergeIncidents struct {
				ID     string
				Alerts struct {
					Edges []struct {
						Node struct{ ID, SystemAlertID string }
					}
				}
			}
		}
		ts.mustGraphQL(t, `mutation($i: ID!, $f: ID!) { mergeIncidents(into: $i, from: $f) { id alerts { edges { node { id systemAlertId } } } } }`,
			map[string]any{"i": into, "f": from}, &merged)
		if n := len(merged.MergeIncidents.Alerts.Edges); n != 4 {
			t.Fatalf("merged incident holds %d alerts, want the 4 of both", n)
		}
		victim := merged.MergeIncidents.Alerts.Edges[0].Node
		ts.mustGraphQL(t, `mutation($i: ID!, $a: ID!) { removeAlertFromIncident(incident: $i, alert: $a) { id } }`,
			map[string]any{"i": into, "a": victim.ID}, nil)
		if errs := ts.graphql(t, `mutation($i: ID!, $f: ID!) { mergeIncidents(into: $i, from: $f) { id } }`,
			map[string]any{"i": into, "f": from}, nil); len(errs) != 1 || errs[0].code() != "CONFLICT" {
			t.Errorf("merging a merged incident again: %+v, want CONFLICT", errs)
		}

		// As after a restart: recompute every resource.
		ts.job.Schedule(vmResourceKey("vm-dec"))
		ts.settle(t)
		var data struct {
			Node struct {
				AlertCount int
				Alerts     struct {
					Edges []struct {
						Node struct{ SystemAlertID string }
					}
				}
				Removals []struct {
					Actor     string
					RemovedAt time.Time
					Alert     struct{ SystemAlertID string }
				}
			}
			From struct {
				MergedBy   string
				MergedAt   *time.Time
				MergedInto struct{ ID string }
			}
		}
		ts.mustGraphQL(t, `query($i: ID!, $f: ID!) {
			node(id: $i) { ... on Incident { alertCount alerts { edges { node { systemAlertId } } } removals { actor removedAt alert { systemAlertId } } } }
			from: node(id: $f) { ... on Incident { mergedBy mergedAt mergedInto { id } } } }`,
			map[string]any{"i": into, "f": from}, &data)
		var ids []string
		for _, e := range data.Node.Alerts.Edges {
			ids = append(ids, e.Node.SystemAlertID)
			if e.Node.SystemAlertID == victim.SystemAlertID {
				t.Errorf("correlation put the removed alert %s back", victim.SystemAlertID)
			}
		}
		if len(ids) != 3 || data.Node.AlertCount != 3 {
			t.Errorf("after recomputing: alerts %v, alertCount %d; want the other 3", ids, data.Node.AlertCount)
		}
		if r := data.Node.Removals; len(r) != 1 || r[0].Actor != "token:test-admin" || r[0].Alert.SystemAlertID != victim.SystemAlertID || r[0].RemovedAt.IsZero() {
			t.Errorf("removals %+v, want %s removed by token:test-admin", r, victim.SystemAlertID)
		}
		if f := data.From; f.MergedBy != "token:test-admin" || f.MergedAt == nil || f.MergedInto.ID != into {
			t.Errorf("merged incident %+v, want merged into %s by token:test-admin, with a time", f, into)
		}
		if n := len(incidentsOn(ts.allIncidents(t), "vm-dec")); n != 1 {
			t.Errorf("%d incidents on vm-dec after recomputing, want the merged one only", n)
		}
	})
}

// vmResourceKey is the correlation key of a test VM.
func vmResourceKey(vm string) string { return strings.ToLower(vmResourceID(vm)) }

package main

import (
	"encoding/json"
	"path"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/vigil-soc/vigil/quality"
	"github.com/vigil-soc/vigil/store/storetest"
)

// demoCampaigns are the corpus scenarios demo/data/campaigns-2024.json was
// written from, in its order, and the resources whose per-resource
// incidents each campaign's incident covers (from the scenarios'
// descriptions: the attacker "gets into two of them and runs code on
// both"; no resource alone shows two tactics in order).
var demoCampaigns = []struct {
	scenario string
	covers   []string
}{
	{"campaign-one-ip-brute-forces-three-vms", []string{"app-02", "app-03"}},
	{"campaign-stolen-account-vm-key-vault-storage", nil},
}

// TestDemoCampaignsAreIncidentsOnMultipleResources checks that the demo's
// invented campaigns are the corpus scenarios they were written from
// (alert by alert), and that `serve --demo` makes of each one incident on
// multiple resources holding exactly the scenario's labelled alerts, on its
// resources, with the earliest alert's as primary, covering the
// per-resource incidents the scenario has.
func TestDemoCampaignsAreIncidentsOnMultipleResources(t *testing.T) {
	var file []struct {
		SystemAlertID       string `json:"SystemAlertId"`
		AlertType           string
		AlertDisplayName    string
		ResourceIdentifiers []struct {
			AzureResourceID string `json:"AzureResourceId"`
		}
		Entities []map[string]any
	}
	if err := json.Unmarshal(readFile(t, "demo/data/campaigns-2024.json"), &file); err != nil {
		t.Fatal(err)
	}
	corpus, err := quality.Corpus()
	if err != nil {
		t.Fatal(err)
	}
	type campaign struct {
		alerts, resources, covers []string
		primary                   string
	}
	var want []campaign
	i := 0
	for _, c := range demoCampaigns {
		idx := slices.IndexFunc(corpus, func(s *quality.Scenario) bool { return s.Name == c.scenario })
		if idx < 0 {
			t.Fatalf("scenario %s is not in the corpus", c.scenario)
		}
		s := corpus[idx]
		w := campaign{covers: c.covers, primary: path.Base(s.Alerts[0].ResourceID)}
		for _, a := range s.Alerts {
			if i >= len(file) {
				t.Fatalf("the demo file ends before alert %s of %s", a.ID, s.Name)
			}
			f := file[i]
			i++
			if f.SystemAlertID != a.ID || f.AlertType != a.AlertType || f.AlertDisplayName != a.DisplayName ||
				len(f.ResourceIdentifiers) != 1 || f.ResourceIdentifiers[0].AzureResourceID != a.ResourceID || len(f.Entities) != len(a.Entities) {
				t.Fatalf("demo alert %d is %s %q on %v, want %s's %s %q on %s", i, f.SystemAlertID, f.AlertType, f.ResourceIdentifiers, s.Name, a.ID, a.AlertType, a.ResourceID)
			}
			if a.Label == nil || *a.Label == "" || *a.Label != *s.Alerts[0].Label {
				t.Fatalf("scenario %s: alert %s is not labelled as one campaign with the first", s.Name, a.ID)
			}
			w.alerts = append(w.alerts, a.ID)
			if r := path.Base(a.ResourceID); !slices.Contains(w.resources, r) {
				w.resources = append(w.resources, r)
			}
		}
		sort.Strings(w.alerts)
		sort.Strings(w.resources)
		want = append(want, w)
	}
	if i != len(file) {
		t.Fatalf("the demo file holds %d alerts, the scenarios %d", len(file), i)
	}

	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		ts := startServer(t, dsn, func(c *Config) { c.Demo = true })
		ts.settle(t)
		var data struct {
			Incidents struct {
				Edges []struct {
					Node struct {
						Title     string
						Resource  struct{ Name string }
						Resources []struct{ Name string }
						Covers    []struct {
							Resource struct{ Name string }
						}
						Alerts struct {
							TotalCount int
							Edges      []struct {
								Node struct{ SystemAlertID string }
							}
						}
					}
				}
			}
		}
		ts.mustGraphQL(t, `{ incidents(first: 50, where: { multiResource: true }) { edges { node {
			title resource { name } resources { name } covers { resource { name } }
			alerts(first: 50) { totalCount edges { node { systemAlertId } } } } } } }`, nil, &data)
		var got []campaign
		for _, e := range data.Incidents.Edges {
			n := e.Node
			if n.Title != "Security incident detected on multiple resources" {
				t.Errorf("a multi-resource incident is titled %q", n.Title)
			}
			c := campaign{primary: n.Resource.Name}
			for _, a := range n.Alerts.Edges {
				c.alerts = append(c.alerts, a.Node.SystemAlertID)
			}
			for _, r := range n.Resources {
				c.resources = append(c.resources, r.Name)
			}
			for _, p := range n.Covers {
				c.covers = append(c.covers, p.Resource.Name)
			}
			sort.Strings(c.alerts)
			sort.Strings(c.covers)
			got = append(got, c)
		}
		sort.Slice(got, func(i, j int) bool { return strings.Join(got[i].alerts, ",") < strings.Join(got[j].alerts, ",") })
		if len(got) != len(want) {
			t.Fatalf("%d incidents on multiple resources %+v, want one per campaign %+v", len(got), got, want)
		}
		for i, w := range want {
			g := got[i]
			if !slices.Equal(g.alerts, w.alerts) || !slices.Equal(g.resources, w.resources) || g.primary != w.primary || !slices.Equal(g.covers, w.covers) {
				t.Errorf("incident on multiple resources %+v, want %+v", g, w)
			}
		}
	})
}

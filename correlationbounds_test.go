package main

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/ent"
	"github.com/vigil-soc/vigil/ent/incidentlink"
	"github.com/vigil-soc/vigil/killchain"
	"github.com/vigil-soc/vigil/store/storetest"
)

// TestCorrelationOfALargeIncidentIsBounded stores, as correlation would,
// one multi-resource incident of an attacker's 3,000 alerts over three VMs,
// all tied by one public address, and reads why they are together: every list of the answer is bounded by its first, the
// counts are those of the input, and the links page on with their cursor
// in the alerts' start order.
func TestCorrelationOfALargeIncidentIsBounded(t *testing.T) {
	const n = 3000
	vms := []string{"big-a", "big-b", "big-c"}
	tactics := []string{"INITIAL_ACCESS", "EXECUTION", "PERSISTENCE", "EXFILTRATION"}
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		ts := startServer(t, dsn)
		ts.settle(t) // the start's catch-up has nothing to do; nothing schedules what follows
		start := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
		shared := attackerOf("big-a")
		ids := make([]string, n)
		perTactic := map[string]int{}
		var seed []bigAlert
		for i := range n {
			// Each VM gets every tactic in turn, one alert every ten seconds.
			k := (i / len(vms)) % len(tactics)
			ids[i] = fmt.Sprintf("big-%04d", i)
			seed = append(seed, bigAlert{id: ids[i], vm: vms[i%len(vms)], tactic: killchain.Tactic(tactics[k]), start: start.Add(time.Duration(i) * 10 * time.Second)})
			perTactic[tactics[k]]++
		}
		seedMultiResourceIncident(t, ts, seed, "ip:"+shared)

		var list struct {
			Incidents struct {
				Edges []struct {
					Node struct {
						ID, Title     string
						MultiResource bool
						AlertCount    int
					}
				}
			}
		}
		ts.mustGraphQL(t, `{ incidents(first: 10, where: {multiResource: true}) { edges { node { id title multiResource alertCount } } } }`, nil, &list)
		if len(list.Incidents.Edges) != 1 || list.Incidents.Edges[0].Node.AlertCount != n {
			t.Fatalf("multi-resource incidents %+v, want one of %d alerts", list.Incidents.Edges, n)
		}
		id := list.Incidents.Edges[0].Node.ID

		type page struct {
			TotalCount int
			PageInfo   struct {
				HasNextPage bool
				EndCursor   string
			}
			Edges []struct {
				Node struct {
					Reason, Explanation string
					Alert               struct{ SystemAlertID string }
				}
			}
		}
		var data struct {
			Node struct {
				Correlation struct {
					Rule        string
					Progression []struct {
						Tactic     string
						AlertCount int
						Alerts     []struct{ SystemAlertID string }
					}
					EntityCount int
					Entities    []struct {
						Value         string
						ResourceCount int
						Resources     []struct{ Name string }
					}
					Links page
				}
			}
		}
		const q = `query($id: ID!, $after: Cursor) { node(id: $id) { ... on Incident { correlation {
			rule progression { tactic alertCount alerts(first: 3) { systemAlertId } }
			entityCount entities { value resourceCount resources { name } }
			links(first: 50, after: $after) { totalCount pageInfo { hasNextPage endCursor }
				edges { node { reason explanation alert { systemAlertId } } } } } } } }`
		ts.mustGraphQL(t, q, map[string]any{"id": id}, &data)
		c := data.Node.Correlation
		var got []string
		for _, s := range c.Progression {
			got = append(got, s.Tactic)
			if s.AlertCount != perTactic[s.Tactic] {
				t.Errorf("step %s: %d alerts, want %d", s.Tactic, s.AlertCount, perTactic[s.Tactic])
			}
			// The first alert of a tactic is the first of the input with
			// its intent: i = k*len(vms), then the next two VMs.
			k := slices.Index(tactics, s.Tactic)
			want := []string{ids[k*len(vms)], ids[k*len(vms)+1], ids[k*len(vms)+2]}
			var have []string
			for _, a := range s.Alerts {
				have = append(have, a.SystemAlertID)
			}
			if !slices.Equal(have, want) {
				t.Errorf("step %s lists %v, want the first three in start order %v", s.Tactic, have, want)
			}
		}
		if !slices.Equal(got, tactics) {
			t.Errorf("progression %v, want %v", got, tactics)
		}
		if c.EntityCount != 1 || len(c.Entities) != 1 || c.Entities[0].Value != "ip:"+shared || c.Entities[0].ResourceCount != len(vms) {
			t.Fatalf("entities %d %+v, want ip:%s tying %d VMs", c.EntityCount, c.Entities, shared, len(vms))
		}
		var names []string
		for _, r := range c.Entities[0].Resources {
			names = append(names, r.Name)
		}
		if !slices.Equal(names, vms) {
			t.Errorf("the address ties %v, want %v", names, vms)
		}

		// Page through the first 200 links: 50 at a time, in start order.
		var seen []string
		for p := 0; p < 4; p++ {
			l := c.Links
			if l.TotalCount != n || len(l.Edges) != 50 || !l.PageInfo.HasNextPage {
				t.Fatalf("page %d: %d links of %d, next %v; want 50 of %d and more", p, len(l.Edges), l.TotalCount, l.PageInfo.HasNextPage, n)
			}
			for _, e := range l.Edges {
				seen = append(seen, e.Node.Alert.SystemAlertID)
				if e.Node.Reason != "ENTITY" || e.Node.Explanation == "" {
					t.Errorf("link of %s: %+v, want ENTITY, explained", e.Node.Alert.SystemAlertID, e.Node)
				}
			}
			ts.mustGraphQL(t, q, map[string]any{"id": id, "after": l.PageInfo.EndCursor}, &data)
			c = data.Node.Correlation
		}
		if !slices.Equal(seen, ids[:200]) {
			t.Errorf("four pages of links list %v…, want the first 200 alerts in start order", seen[:5])
		}

	})
}

// bigAlert is an alert of seedMultiResourceIncident.
type bigAlert struct {
	id, vm string
	tactic killchain.Tactic
	start  time.Time
}

// seedMultiResourceIncident writes, as the system and straight into the
// store (ingesting and correlating thousands of alerts takes minutes under
// -race), one multi-resource incident of the alerts, each linked through
// the entity value key, as correlation records it.
func seedMultiResourceIncident(t *testing.T, ts *testServer, seed []bigAlert, key string) {
	t.Helper()
	ctx := authz.System(context.Background())
	c := ts.db.Client
	res := map[string]*ent.Resource{}
	for _, a := range seed {
		if res[a.vm] != nil {
			continue
		}
		r, err := c.Resource.Create().SetKey(vmResourceKey(a.vm)).SetResourceID(vmResourceID(a.vm)).SetName(a.vm).
			SetType("Microsoft.Compute/virtualMachines").SetSubscriptionID("20ff7fc3-e762-44dd-bd96-b71116dcdc23").Save(ctx)
		if err != nil {
			t.Fatal(err)
		}
		res[a.vm] = r
	}
	var alertIDs []int
	for from := 0; from < len(seed); from += 500 {
		var bulk []*ent.AlertCreate
		for _, a := range seed[from:min(from+500, len(seed))] {
			bulk = append(bulk, c.Alert.Create().SetSystemAlertID(a.id).SetDisplayName("Suspicious activity "+a.id).
				SetSeverity(alerts.High).SetSeverityRank(alerts.High.Rank()).SetStatus(alerts.Active).
				SetTactics([]killchain.Tactic{a.tactic}).SetTacticMask(killchain.Mask([]killchain.Tactic{a.tactic})).
				SetStartTime(a.start).SetEndTime(a.start).SetRemediationSteps([]string{}).
				SetResourceKey(vmResourceKey(a.vm)).SetContentHash(a.id).SetResource(res[a.vm]))
		}
		created, err := c.Alert.CreateBulk(bulk...).Save(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range created {
			alertIDs = append(alertIDs, x.ID)
		}
	}
	first, last := seed[0], seed[len(seed)-1]
	inc, err := c.Incident.Create().SetTitle("Security incident detected on multiple resources").
		SetSeverity(alerts.High).SetSeverityRank(alerts.High.Rank()).
		SetFirstActivityTime(first.start).SetLastActivityTime(last.start).
		SetTactics([]killchain.Tactic{}).SetSourceIps([]string{}).SetRemediationSteps([]string{}).
		SetAlertCount(len(seed)).SetResourceKey(vmResourceKey(first.vm)).SetMultiResource(true).
		SetResource(res[first.vm]).AddAlertIDs(alertIDs...).Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for from := 0; from < len(seed); from += 1000 {
		var bulk []*ent.IncidentLinkCreate
		for i := from; i < min(from+1000, len(seed)); i++ {
			bulk = append(bulk, c.IncidentLink.Create().SetIncidentID(inc.ID).SetAlertID(alertIDs[i]).
				SetRule("kill-chain").SetRuleVersion(1).SetReason(incidentlink.ReasonENTITY).
				SetTactics([]killchain.Tactic{seed[i].tactic}).SetEntityKind("ip").SetEntityValue(key))
		}
		if err := c.IncidentLink.CreateBulk(bulk...).Exec(ctx); err != nil {
			t.Fatal(err)
		}
	}
}

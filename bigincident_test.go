package main

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/correlate"
	"github.com/vigil-soc/vigil/ent"
	"github.com/vigil-soc/vigil/ent/incident"
	entresource "github.com/vigil-soc/vigil/ent/resource"
	"github.com/vigil-soc/vigil/ingest"
	"github.com/vigil-soc/vigil/killchain"
	"github.com/vigil-soc/vigil/store"
	"github.com/vigil-soc/vigil/store/storetest"
)

// bigChain generates alert i of a long chain on one VM: one every five
// seconds, tactics cycling through initial access, execution and
// persistence, LOW except one MEDIUM, fifty source addresses and six
// display names that recur.
func bigChain(i int, vm string, t0 time.Time) *alerts.Alert {
	ts := []killchain.Tactic{killchain.InitialAccess, killchain.Execution, killchain.Persistence}
	a := &alerts.Alert{
		SystemAlertID: fmt.Sprintf("big-%06d", i), AlertType: "VM_Big", DisplayName: fmt.Sprintf("big alert %d", i%6),
		Severity: alerts.Low, Status: alerts.Active, Intent: "given", Tactics: []killchain.Tactic{ts[i%3]},
		StartTime: t0.Add(time.Duration(i) * 5 * time.Second), ResourceID: vmResourceID(vm),
		SourceIPs:        []string{fmt.Sprintf("198.51.100.%d", i%50)},
		RemediationSteps: []string{"Isolate the VM"}, Raw: []byte(`{}`),
	}
	a.EndTime = a.StartTime.Add(time.Second)
	if i == 4242 {
		a.Severity = alerts.Medium
	}
	return a
}

// seedBigIncident stores n alerts of bigChain on vm — the first through
// ingest (which makes the resource), the rest with bulk creates as the
// system — and correlates them with one full pass. It returns the
// resource's correlation key.
func seedBigIncident(t testing.TB, db *store.DB, vm string, t0 time.Time, n int) string {
	ctx := authz.System(context.Background())
	res, err := ingest.New(db, ingest.Options{}).Items(ctx, []ingest.Item{{Alert: bigChain(0, vm, t0)}})
	if err != nil || len(res.Keys) != 1 {
		t.Fatalf("ingesting the first alert: %v %v", res, err)
	}
	key := res.Keys[0]
	r, err := db.Client.Resource.Query().Where(entresource.Key(key)).Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	const part = 500
	for start := 1; start < n; start += part {
		bulk := make([]*ent.AlertCreate, 0, part)
		for i := start; i < min(start+part, n); i++ {
			a := bigChain(i, vm, t0)
			bulk = append(bulk, db.Client.Alert.Create().SetSystemAlertID(a.SystemAlertID).SetAlertType(a.AlertType).
				SetDisplayName(a.DisplayName).SetSeverity(a.Severity).SetSeverityRank(a.Severity.Rank()).
				SetStatus(a.Status).SetIntent(a.Intent).SetTactics(a.Tactics).SetTacticMask(killchain.Mask(a.Tactics)).
				SetStartTime(a.StartTime).SetEndTime(a.EndTime).SetSourceIps(a.SourceIPs).
				SetRemediationSteps(a.RemediationSteps).SetResourceKey(key).SetResourceID(r.ID).
				SetContentHash(a.SystemAlertID))
		}
		if err := db.Client.Alert.CreateBulk(bulk...).Exec(ctx); err != nil {
			t.Fatalf("seeding alerts: %v", err)
		}
	}
	if _, err := correlate.NewJob(db, nil, correlate.Config{Window: 24 * time.Hour}, nil).KeyStats(ctx, key); err != nil {
		t.Fatalf("the first correlation pass: %v", err)
	}
	return key
}

// TestIncidentOfAHundredThousandAlerts builds an incident of 100,000
// alerts, then ingests a batch of 100 more that continue its chain: the
// pass that adds them reads only the alerts around them, not the
// incident's members, and leaves the derived fields those of all 100,100
// alerts; the incident opens over GraphQL with its paginated alerts.
func TestIncidentOfAHundredThousandAlerts(t *testing.T) {
	const n, batch = 100_000, 100
	t0 := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	storetest.Each(t, func(t *testing.T, dsn string) {
		ts := startServer(t, dsn)
		ctx := authz.System(context.Background())
		key := seedBigIncident(t, ts.db, "vm-big", t0, n)

		// The batch: after the last seeded alert, one a minute, with a new
		// tactic, a HIGH alert, a new address and a new display name.
		lastSeed := t0.Add((n - 1) * 5 * time.Second)
		var items []ingest.Item
		for j := 0; j < batch; j++ {
			a := bigChain(n+j, "vm-big", t0)
			a.StartTime = lastSeed.Add(time.Duration(j+1) * time.Minute)
			a.EndTime = a.StartTime.Add(time.Second)
			switch j {
			case 10:
				a.Tactics = []killchain.Tactic{killchain.Impact}
			case 20:
				a.Severity = alerts.High
			case 30:
				a.SourceIPs = []string{"203.0.113.9"}
			case 40:
				a.DisplayName = "late alert"
			}
			items = append(items, ingest.Item{Index: j, Alert: a})
		}
		res, err := ingest.New(ts.db, ingest.Options{}).Items(ctx, items)
		if err != nil || res.Accepted != batch {
			t.Fatalf("ingesting the batch: %+v %v", res, err)
		}
		var passes []correlate.Pass
		cfg := correlate.Config{Window: 24 * time.Hour, Dialect: ts.db.Dialect, Observe: func(p correlate.Pass) { passes = append(passes, p) }}
		if err := store.WithTx(ctx, ts.db.Client, func(tx *ent.Tx) error {
			_, err := correlate.ResourceAlerts(ctx, tx, key, res.Changed[key], cfg)
			return err
		}); err != nil {
			t.Fatalf("the pass over the batch: %v", err)
		}
		if len(passes) != 1 || passes[0].Full {
			t.Fatalf("passes %+v, want one over the changed alerts", passes)
		}
		// The batch, read as the changed alerts and again with the window
		// after the incident, and the incident's first and last alerts, at
		// the ends of its span: nothing that grows with the incident.
		if got := passes[0].AlertsRead; got > 2*batch+2 {
			t.Errorf("the pass read %d alerts, want at most %d", got, 2*batch+2)
		}

		incs, err := ts.db.Client.Incident.Query().Where(incident.ResourceKey(key)).All(ctx)
		if err != nil || len(incs) != 1 {
			t.Fatalf("incidents %v, %v: want one", incs, err)
		}
		inc := incs[0]
		wantIPs := []string{}
		for i := 0; i < 50; i++ {
			wantIPs = append(wantIPs, fmt.Sprintf("198.51.100.%d", i))
		}
		wantIPs = append(wantIPs, "203.0.113.9")
		lastEnd := lastSeed.Add(batch*time.Minute + time.Second)
		switch {
		case inc.AlertCount != n+batch:
			t.Errorf("alert count %d, want %d", inc.AlertCount, n+batch)
		case inc.Severity != alerts.High:
			t.Errorf("severity %s, want HIGH (alert %d of the batch)", inc.Severity, 20)
		case !inc.FirstActivityTime.Equal(t0) || !inc.LastActivityTime.Equal(lastEnd):
			t.Errorf("activity %s..%s, want %s..%s", inc.FirstActivityTime, inc.LastActivityTime, t0, lastEnd)
		case !slices.Equal(inc.Tactics, []killchain.Tactic{killchain.InitialAccess, killchain.Execution, killchain.Persistence, killchain.Impact}):
			t.Errorf("tactics %v", inc.Tactics)
		case !slices.Equal(inc.SourceIps, wantIPs):
			t.Errorf("source IPs %v, want %v", inc.SourceIps, wantIPs)
		case !slices.Equal(inc.RemediationSteps, []string{"Isolate the VM"}):
			t.Errorf("remediation %v", inc.RemediationSteps)
		case !strings.HasPrefix(inc.Description, fmt.Sprintf("%d alerts on vm-big progressed along the kill chain from Initial Access to Impact within 6 days, starting 2026-03-01 00:00 UTC: big alert 0, then big alert 1, then big alert 2, then big alert 3, then 3 more.", n+batch)):
			t.Errorf("description %q", inc.Description)
		}

		// A full pass over everything gives the same fields.
		if _, err := correlate.NewJob(ts.db, nil, correlate.Config{Window: 24 * time.Hour}, nil).KeyStats(ctx, key); err != nil {
			t.Fatal(err)
		}
		again, err := ts.db.Client.Incident.Get(ctx, inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if again.Description != inc.Description || again.AlertCount != inc.AlertCount || !slices.Equal(again.SourceIps, inc.SourceIps) ||
			again.Severity != inc.Severity || !again.LastActivityTime.Equal(inc.LastActivityTime) {
			t.Errorf("a full pass changed the incident:\n%+v\nwas\n%+v", again, inc)
		}

		var data struct {
			Node struct {
				AlertCount int
				Alerts     struct {
					TotalCount int
					Edges      []struct{ Node struct{ ID string } }
				}
			}
		}
		ts.mustGraphQL(t, `query($id: ID!) { node(id: $id) { ... on Incident {
			alertCount alerts(first: 50) { totalCount edges { node { id } } } } } }`,
			map[string]any{"id": strconv.Itoa(inc.ID)}, &data)
		if data.Node.AlertCount != n+batch || data.Node.Alerts.TotalCount != n+batch || len(data.Node.Alerts.Edges) != 50 {
			t.Errorf("over GraphQL: alertCount %d, totalCount %d, %d edges; want %d, %d, 50",
				data.Node.AlertCount, data.Node.Alerts.TotalCount, len(data.Node.Alerts.Edges), n+batch, n+batch)
		}
	})
}

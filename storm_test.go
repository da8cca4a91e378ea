package main

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/ent"
	entalert "github.com/vigil-soc/vigil/ent/alert"
	"github.com/vigil-soc/vigil/ingest"
	"github.com/vigil-soc/vigil/killchain"
	"github.com/vigil-soc/vigil/store/storetest"
)

// storm generates an alert storm: perResource alerts on each of resources
// VMs, all starting within one minute, each VM's along the kill chain and
// naming its own public address and account. VMs storm-0000…storm-0003
// also name one attacker address (a campaign that must link them); VMs
// storm-0100…storm-0124 name one noisy address, on more resources than
// the rule lets tie (it must link nothing).
func storm(resources, perResource int, t0 time.Time) []*alerts.Alert {
	chain := []killchain.Tactic{killchain.InitialAccess, killchain.Execution, killchain.Persistence,
		killchain.CredentialAccess, killchain.Exfiltration}
	total := resources * perResource
	out := make([]*alerts.Alert, 0, total)
	for r := 0; r < resources; r++ {
		vm := fmt.Sprintf("storm-%04d", r)
		for k := 0; k < perResource; k++ {
			n := r*perResource + k
			ip := fmt.Sprintf("20.%d.%d.%d", 40+r/65536, r/256%256, r%256)
			account := fmt.Sprintf("%08x-0000-4c3b-9a1e-3f2c1b7e5a4d", r)
			a := &alerts.Alert{
				SystemAlertID: fmt.Sprintf("storm-%04d-%d", r, k), AlertType: "VM_Storm", DisplayName: fmt.Sprintf("storm step %d", k),
				Severity: alerts.Medium, Status: alerts.Active, Intent: "given", Tactics: []killchain.Tactic{chain[k%len(chain)]},
				// Within the minute, and on each VM in kill-chain order.
				StartTime:  t0.Add(time.Duration(k)*10*time.Second + time.Duration(r)*time.Millisecond),
				ResourceID: vmResourceID(vm), Raw: []byte(fmt.Sprintf(`{"n":%d}`, n)),
				Entities: []alerts.Entity{
					{Kind: "ip", Key: "ip:" + ip, Name: ip},
					{Kind: "account", Key: "account:aad:" + account, Name: "user" + strconv.Itoa(r)},
				},
			}
			a.EndTime = a.StartTime
			switch {
			case r < 4:
				a.Entities = append(a.Entities, alerts.Entity{Kind: "ip", Key: "ip:198.51.100.77", Name: "198.51.100.77"})
			case r >= 100 && r < 125:
				a.Entities = append(a.Entities, alerts.Entity{Kind: "ip", Key: "ip:198.51.100.200", Name: "198.51.100.200"})
			}
			out = append(out, a)
		}
	}
	return out
}

var backlogGauge = regexp.MustCompile(`(?m)^vigil_correlation_backlog (\d+)$`)

// backlog reads the correlation backlog gauge on /metrics.
func (ts *testServer) backlog(t *testing.T) int {
	t.Helper()
	status, body := ts.get(t, "/metrics")
	m := backlogGauge.FindStringSubmatch(body)
	if status != 200 || m == nil {
		t.Fatalf("GET /metrics: %d, no backlog gauge in %q", status, body)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

var (
	roundsCounter  = regexp.MustCompile(`(?m)^vigil_correlation_rounds_total (\d+)$`)
	secondsCounter = regexp.MustCompile(`(?m)^vigil_correlation_seconds_total\{pass="(resource|cross)"\} ([0-9.]+)$`)
)

// spent reads the correlation counters on /metrics: rounds, and seconds in
// per-resource and cross-resource passes.
func (ts *testServer) spent(t *testing.T) (rounds int, resources, cross float64) {
	t.Helper()
	_, body := ts.get(t, "/metrics")
	m := roundsCounter.FindStringSubmatch(body)
	secs := secondsCounter.FindAllStringSubmatch(body, -1)
	if m == nil || len(secs) != 2 {
		t.Fatalf("GET /metrics: no correlation counters in %q", body)
	}
	rounds, _ = strconv.Atoi(m[1])
	for _, s := range secs {
		v, _ := strconv.ParseFloat(s[2], 64)
		if s[1] == "resource" {
			resources = v
		} else {
			cross = v
		}
	}
	return rounds, resources, cross
}

// TestAlertStorm ingests 10,000 alerts over 2,000 resources, all starting
// within a minute, from four clients at once in batches through the
// server's ingest path, while the server's correlation job runs: every
// alert is stored and correlated into its resource's incident, the one
// campaign links exactly its four resources, the noisy address links
// nothing, and the backlog — readable on /metrics during the storm — is
// empty once correlation has caught up.
func TestAlertStorm(t *testing.T) {
	const resources, perResource, clients, batch = 2000, 5, 4, 250
	t0 := time.Date(2026, 5, 4, 3, 0, 0, 0, time.UTC)
	storetest.Each(t, func(t *testing.T, dsn string) {
		ts := startServer(t, dsn)
		ctx := authz.System(context.Background())
		in := storm(resources, perResource, t0)
		// Arrival order: interleaved across resources, as a storm comes.
		order := slices.Clone(in)
		sort.SliceStable(order, func(i, j int) bool { return order[i].StartTime.Before(order[j].StartTime) })

		var (
			wg      sync.WaitGroup
			mu      sync.Mutex
			seen    []int // backlog read after each of client 0's batches
			stored  int
			ingests = make(chan []*alerts.Alert)
		)
		for c := 0; c < clients; c++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for part := range ingests {
					items := make([]ingest.Item, len(part))
					for i, a := range part {
						items[i] = ingest.Item{Index: i, Alert: a}
					}
					res, err := ts.ingester.Items(ctx, items)
					if err != nil || len(res.Rejected) > 0 {
						t.Errorf("ingest: %v %v", err, res.Rejected)
						return
					}
					mu.Lock()
					stored += res.Accepted
					mu.Unlock()
					if c == 0 {
						n := ts.backlog(t)
						mu.Lock()
						seen = append(seen, n)
						mu.Unlock()
					}
				}
			}()
		}
		for start := 0; start < len(order); start += batch {
			ingests <- order[start:min(start+batch, len(order))]
		}
		close(ingests)
		wg.Wait()
		if t.Failed() {
			return
		}
		if stored != len(in) {
			t.Fatalf("ingest accepted %d alerts, want %d", stored, len(in))
		}
		if slices.Max(seen) == 0 {
			t.Errorf("the backlog read 0 after every batch (%v): not readable during the storm", seen)
		}
		wait, cancel := context.WithTimeout(ctx, 5*time.Minute)
		defer cancel()
		if err := ts.job.Wait(wait); err != nil {
			t.Fatalf("correlation did not catch up: %v", err)
		}
		if rounds, resources, _ := ts.spent(t); rounds == 0 || resources <= 0 {
			t.Errorf("/metrics: %d correlation rounds, %g s in per-resource passes after the storm; want some", rounds, resources)
		}
		if n := ts.backlog(t); n != 0 {
			t.Errorf("backlog %d once correlation caught up, want 0", n)
		}
		var q struct{ CorrelationBacklog int }
		ts.mustGraphQL(t, `{ correlationBacklog }`, nil, &q)
		if q.CorrelationBacklog != 0 {
			t.Errorf("correlationBacklog %d, want 0", q.CorrelationBacklog)
		}

		if n, err := ts.db.Client.Alert.Query().Count(ctx); err != nil || n != len(in) {
			t.Fatalf("%d alerts stored (%v), want %d", n, err, len(in))
		}
		incs, err := ts.db.Client.Incident.Query().
			WithAlerts(func(q *ent.AlertQuery) { q.Select(entalert.FieldID, entalert.FieldResourceKey) }).All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		group := map[string]bool{}
		for r := 0; r < 4; r++ {
			group[resourceKey(fmt.Sprintf("storm-%04d", r))] = true
		}
		perResourceIncs, multi := map[string]int{}, 0
		for _, inc := range incs {
			if inc.MergedIntoID != nil {
				continue
			}
			res := map[string]int{}
			for _, a := range inc.Edges.Alerts {
				res[a.ResourceKey]++
			}
			switch {
			case !inc.MultiResource:
				if len(res) != 1 || res[inc.ResourceKey] != perResource {
					t.Errorf("incident %d on %s holds alerts of %v, want its %d", inc.ID, inc.ResourceKey, res, perResource)
				}
				perResourceIncs[inc.ResourceKey]++
			case len(res) == len(group) && allIn(res, group):
				multi++
			default:
				t.Errorf("multi-resource incident %d ties %v: not the campaign's resources", inc.ID, res)
			}
		}
		if len(perResourceIncs) != resources {
			t.Errorf("%d resources have an incident, want all %d", len(perResourceIncs), resources)
		}
		for k, n := range perResourceIncs {
			if n != 1 {
				t.Errorf("%s has %d incidents, want 1", k, n)
			}
		}
		if multi != 1 {
			t.Errorf("%d multi-resource incidents tie the campaign's four resources, want 1", multi)
		}
	})
}

// resourceKey is the correlation key ingest gives a VM of vmResourceID:
// resource ids compare case-insensitively.
func resourceKey(vm string) string { return strings.ToLower(vmResourceID(vm)) }

func allIn(m map[string]int, set map[string]bool) bool {
	for k := range m {
		if !set[k] {
			return false
		}
	}
	return true
}

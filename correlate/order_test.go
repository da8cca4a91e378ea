package correlate_test

import (
	"context"
	"fmt"
	"math/rand"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/correlate"
	"github.com/vigil-soc/vigil/ent"
	entalert "github.com/vigil-soc/vigil/ent/alert"
	"github.com/vigil-soc/vigil/ent/incident"
	"github.com/vigil-soc/vigil/killchain"
	"github.com/vigil-soc/vigil/store/storetest"
)

// scenario makes n alerts over a few resources with random tactics and
// start times: chains, gaps longer than the window, backward steps and
// alerts without tactics all occur.
func scenario(r *rand.Rand, n int) []*alerts.Alert {
	out := make([]*alerts.Alert, n)
	for i := range out {
		res := fmt.Sprintf("%s-%d", vm1, r.Intn(3))
		var ts []killchain.Tactic
		for k := r.Intn(3); k > 0; k-- {
			ts = append(ts, killchain.All[r.Intn(len(killchain.All))])
		}
		at := time.Duration(r.Intn(96)) * time.Hour
		a := alert(fmt.Sprintf("s%03d", i), res, at, ts...)
		a.Severity = []alerts.Severity{alerts.Informational, alerts.Low, alerts.Medium, alerts.High}[r.Intn(4)]
		a.SourceIPs = []string{fmt.Sprintf("198.51.100.%d", r.Intn(4))}
		out[i] = a
	}
	return out
}

// multiScenario is scenario over five resources whose alerts also name
// entities from a small pool — public and private addresses, a strong and
// a generic account — so that multi-resource incidents form, grow, merge
// and cover per-resource ones.
func multiScenario(r *rand.Rand, n int) []*alerts.Alert {
	pool := []string{"ip:203.0.113.1", "ip:198.51.100.2", "ip:10.0.0.5", "account:aad:7d6c5b4a-0000-4c3b-9a1e-3f2c1b7e5a4d", "account:name:admin"}
	out := scenario(r, n)
	for i, a := range out {
		a.ResourceID = fmt.Sprintf("%s-%d", vm1, r.Intn(5))
		for k := r.Intn(3); k > 0; k-- {
			key := pool[r.Intn(len(pool))]
			kind, _, _ := strings.Cut(key, ":")
			a.Entities = append(a.Entities, alerts.Entity{Kind: kind, Key: key, Name: key})
		}
		out[i] = a
	}
	return out
}

// outcome is what correlation made, in a form that does not depend on ids.
func (f *fixture) outcome() []string {
	f.t.Helper()
	incs, err := f.db.Client.Incident.Query().
		Where(incident.MergedIntoIDIsNil()).
		WithAlerts(func(q *ent.AlertQuery) { q.Order(entalert.BySystemAlertID()) }).
		All(authz.System(context.Background()))
	if err != nil {
		f.t.Fatal(err)
	}
	var out []string
	for _, inc := range incs {
		var ids []string
		for _, a := range inc.Edges.Alerts {
			ids = append(ids, a.SystemAlertID)
		}
		out = append(out, fmt.Sprintf("%s | %s %s %v %s..%s %v %d active=%t %q %q", strings.Join(ids, ","), inc.Title, inc.Severity,
			inc.Tactics, inc.FirstActivityTime.UTC().Format(time.RFC3339), inc.LastActivityTime.UTC().Format(time.RFC3339),
			inc.SourceIps, inc.AlertCount, inc.IsActive, inc.Description, inc.RemediationSteps))
	}
	out = append(out, f.multi()...)
	sort.Strings(out)
	return out
}

// TestAnyOrderAndBatchingGiveTheSameIncidents ingests each generated
// scenario (single-resource ones and multi-resource ones, alternately) once whole, then in random orders split into random batches with
// correlation after every batch: the incidents — members and derived fields
// — must be the same every time.
func TestAnyOrderAndBatchingGiveTheSameIncidents(t *testing.T) {
	cases := map[string]int{"sqlite": 26, "postgres": 4}
	storetest.EachFresh(t, func(t *testing.T, fresh func(testing.TB) string) {
		r := rand.New(rand.NewSource(20261203))
		kind := t.Name()[strings.LastIndex(t.Name(), "/")+1:]
		multi := 0
		incremental, fullPasses, why := 0, 0, map[string]int{}
		for c := 0; c < cases[kind]; c++ {
			gen := scenario
			if c%2 == 1 {
				gen = multiScenario
			}
			as := gen(r, 8+r.Intn(10))
			ref := newFixture(t, fresh(t), 24*time.Hour)
			ref.full = true
			ref.ingest(copies(as)...)
			want := ref.outcome()
			if c%2 == 1 && len(ref.multi()) > 0 {
				multi++
			}
			for run := 0; run < 3; run++ {
				order := copies(as)
				r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
				f := newFixture(t, fresh(t), 24*time.Hour)
				for len(order) > 0 {
					n := 1 + r.Intn(len(order))
					f.ingest(order[:n]...)
					order = order[n:]
				}
				if got := f.outcome(); !slices.Equal(got, want) {
					t.Fatalf("case %d run %d: incidents differ from ingesting all at once\n got: %q\nwant: %q", c, run, got, want)
				}
				inc, full := f.passCounts()
				incremental += inc
				fullPasses += full
				for _, p := range f.passes {
					if p.Full {
						why[p.Why]++
					}
				}
			}
		}
		t.Logf("passes over the changed alerts: %d; full passes: %d, because %v", incremental, fullPasses, why)
		if incremental < 2*fullPasses {
			t.Fatalf("%d passes over the changed alerts and %d full ones: the incremental path is barely tested", incremental, fullPasses)
		}
		if multi < cases[kind]/4 {
			t.Fatalf("only %d of %d multi-resource scenarios made a multi-resource incident: the generator tests too little", multi, cases[kind]/2)
		}
	})
}

func copies(as []*alerts.Alert) []*alerts.Alert {
	out := make([]*alerts.Alert, len(as))
	for i, a := range as {
		cp := *a
		out[i] = &cp
	}
	return out
}

// longScenario makes n alerts on one or two resources a few hours apart
// (now and then more than the window), so that chains run for days — up to
// about thirteen, within the maximum lifetime — with random tactics,
// severities, addresses and remediation steps (some differing only in
// spaces, which derive treats as one).
func longScenario(r *rand.Rand, n int) []*alerts.Alert {
	steps := []string{"Isolate the VM", " Isolate the VM ", "Reset the credentials", "Review the NSG rules"}
	out := make([]*alerts.Alert, n)
	at := time.Duration(0)
	for i := range out {
		gap := time.Duration(r.Intn(8)) * time.Hour
		if r.Intn(12) == 0 {
			gap = 30 * time.Hour
		}
		at += gap
		var ts []killchain.Tactic
		for k := r.Intn(3); k > 0; k-- {
			ts = append(ts, killchain.All[r.Intn(len(killchain.All))])
		}
		a := alert(fmt.Sprintf("l%03d", i), fmt.Sprintf("%s-%d", vm1, r.Intn(2)), at, ts...)
		a.DisplayName = fmt.Sprintf("alert type %d", r.Intn(7))
		a.Severity = []alerts.Severity{alerts.Informational, alerts.Low, alerts.Medium, alerts.High}[r.Intn(4)]
		a.EndTime = a.StartTime.Add(time.Duration(r.Intn(3)) * time.Hour)
		a.SourceIPs = []string{fmt.Sprintf("198.51.100.%d", r.Intn(6)), fmt.Sprintf("203.0.113.%d", r.Intn(6))}
		a.RemediationSteps = []string{steps[r.Intn(len(steps))]}
		out[i] = a
	}
	return out
}

// resent returns new versions of some of as, as a vendor re-sends an alert
// when its status or end time changes: resolved, dismissed (it leaves
// correlation but stays a member), later ends, another severity.
func resent(r *rand.Rand, as []*alerts.Alert) []*alerts.Alert {
	var out []*alerts.Alert
	for _, a := range as {
		if r.Intn(4) != 0 {
			continue
		}
		cp := *a
		cp.Raw = []byte(`{"version":2}`) // ingest tells versions apart by their payload
		switch r.Intn(4) {
		case 0:
			cp.Status = alerts.Resolved
		case 1:
			cp.Status = alerts.Dismissed
		case 2:
			cp.EndTime = cp.StartTime.Add(9 * time.Hour)
		default:
			cp.Severity = alerts.High
			cp.Status = alerts.InProgress
		}
		out = append(out, &cp)
	}
	return out
}

// TestAnyOrderAndBatchingWithLongChainsAndResends ingests long chains in
// three phases — most alerts, then re-sent versions of some, then the rest,
// which extend the chains (and incidents) at both ends and inside —
// once each phase whole with full passes, then each phase in a random
// order split into random batches with passes over the changed alerts
// only: the incidents, members and derived fields, must be the same.
func TestAnyOrderAndBatchingWithLongChainsAndResends(t *testing.T) {
	cases := map[string]int{"sqlite": 12, "postgres": 3}
	storetest.EachFresh(t, func(t *testing.T, fresh func(testing.TB) string) {
		r := rand.New(rand.NewSource(20261204))
		kind := t.Name()[strings.LastIndex(t.Name(), "/")+1:]
		incremental, fullPasses, why := 0, 0, map[string]int{}
		for c := 0; c < cases[kind]; c++ {
			as := longScenario(r, 20+r.Intn(20))
			r.Shuffle(len(as), func(i, j int) { as[i], as[j] = as[j], as[i] })
			split := len(as) * 7 / 10
			phases := [][]*alerts.Alert{as[:split], resent(r, as[:split]), as[split:]}
			ref := newFixture(t, fresh(t), 24*time.Hour)
			ref.full = true
			for _, p := range phases {
				if len(p) > 0 {
					ref.ingest(copies(p)...)
				}
			}
			want := ref.outcome()
			if len(want) == 0 {
				t.Fatalf("case %d makes no incident: it tests too little", c)
			}
			for run := 0; run < 2; run++ {
				f := newFixture(t, fresh(t), 24*time.Hour)
				for _, p := range phases {
					order := copies(p)
					r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
					for len(order) > 0 {
						n := 1 + r.Intn(min(len(order), 6))
						f.ingest(order[:n]...)
						order = order[n:]
					}
				}
				if got := f.outcome(); !slices.Equal(got, want) {
					t.Fatalf("case %d run %d: incidents differ from ingesting each phase at once\n got: %q\nwant: %q", c, run, got, want)
				}
				inc, full := f.passCounts()
				incremental += inc
				fullPasses += full
				for _, p := range f.passes {
					if p.Full {
						why[p.Why]++
					}
				}
			}
		}
		t.Logf("passes over the changed alerts: %d; full passes: %d, because %v", incremental, fullPasses, why)
		if incremental < 2*fullPasses {
			t.Fatalf("%d passes over the changed alerts and %d full ones: the incremental path is barely tested", incremental, fullPasses)
		}
	})
}

// TestCrossPassOverChangedAlertsMatchesWholeResources ingests generated
// multi-resource scenarios, then re-sent versions of some alerts (resolved,
// dismissed, …), in random orders and batches into two databases: one
// whose cross-resource passes walk out from the changed alerts
// (MultiAlerts), one whose passes take every alert of the resources
// touched (Multi). After every batch both must hold the same incidents.
// Some cases let a value tie at most two or three of the five resources,
// so that runs too noisy to tie occur and the walk stops following them;
// where a value ties resources before it is seen on too many, the
// incident it made keeps its members (membership never shrinks), which is
// why these are compared batch by batch, not with ingesting all at once.
func TestCrossPassOverChangedAlertsMatchesWholeResources(t *testing.T) {
	cases := map[string]int{"sqlite": 24, "postgres": 4}
	storetest.EachFresh(t, func(t *testing.T, fresh func(testing.TB) string) {
		r := rand.New(rand.NewSource(20261205))
		kind := t.Name()[strings.LastIndex(t.Name(), "/")+1:]
		multi, read, whole := 0, 0, 0
		for c := 0; c < cases[kind]; c++ {
			maxLink := []int{0, 2, 3}[c%3]
			as := multiScenario(r, 10+r.Intn(14))
			walk, ref := newFixture(t, fresh(t), 24*time.Hour), newFixture(t, fresh(t), 24*time.Hour)
			walk.maxLinkResources(maxLink)
			ref.maxLinkResources(maxLink)
			correlate.CrossWhole(ref.job)
			for phase, p := range [][]*alerts.Alert{as, resent(r, as)} {
				order := copies(p)
				r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
				for b := 0; len(order) > 0; b++ {
					n := 1 + r.Intn(min(len(order), 5))
					walk.ingest(copies(order[:n])...)
					ref.ingest(copies(order[:n])...)
					order = order[n:]
					if got, want := walk.outcome(), ref.outcome(); !slices.Equal(got, want) {
						for _, a := range as {
							t.Logf("%s on %s at %s: %s", a.SystemAlertID, a.ResourceID, a.StartTime.Format(time.RFC3339), a.Status)
						}
						t.Fatalf("case %d (max %d) phase %d batch %d: the walk's incidents differ from the whole resources'\n got: %q\nwant: %q",
							c, maxLink, phase, b, got, want)
					}
				}
			}
			if len(ref.multi()) > 0 {
				multi++
			}
			for _, p := range walk.passes {
				if p.Cross {
					read += p.AlertsRead
				}
			}
			whole += len(as)
		}
		t.Logf("cross-resource passes over changed alerts read %d alerts in all; the scenarios hold %d", read, whole)
		if multi < cases[kind]/3 {
			t.Fatalf("only %d of %d scenarios made a multi-resource incident: the generator tests too little", multi, cases[kind])
		}
	})
}

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
		out = append(out, fmt.Sprintf("%s | %s %s %v %s..%s %v %d", strings.Join(ids, ","), inc.Title, inc.Severity,
			inc.Tactics, inc.FirstActivityTime.UTC().Format(time.RFC3339), inc.LastActivityTime.UTC().Format(time.RFC3339),
			inc.SourceIps, inc.AlertCount))
	}
	sort.Strings(out)
	return out
}

// TestAnyOrderAndBatchingGiveTheSameIncidents ingests each generated
// scenario once whole, then in random orders split into random batches with
// correlation after every batch: the incidents — members and derived fields
// — must be the same every time.
func TestAnyOrderAndBatchingGiveTheSameIncidents(t *testing.T) {
	cases := map[string]int{"sqlite": 25, "postgres": 3}
	storetest.EachFresh(t, func(t *testing.T, fresh func(testing.TB) string) {
		r := rand.New(rand.NewSource(20261203))
		kind := t.Name()[strings.LastIndex(t.Name(), "/")+1:]
		for c := 0; c < cases[kind]; c++ {
			as := scenario(r, 8+r.Intn(10))
			ref := newFixture(t, fresh(t), 24*time.Hour)
			ref.ingest(copies(as)...)
			want := ref.outcome()
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
			}
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

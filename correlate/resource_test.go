package correlate_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/correlate"
	"github.com/vigil-soc/vigil/ent"
	entalert "github.com/vigil-soc/vigil/ent/alert"
	"github.com/vigil-soc/vigil/ent/incident"
	"github.com/vigil-soc/vigil/ingest"
	"github.com/vigil-soc/vigil/killchain"
	"github.com/vigil-soc/vigil/store"
	"github.com/vigil-soc/vigil/store/storetest"
	"github.com/vigil-soc/vigil/triage"
)

const vm1 = "/subscriptions/212f9889-769e-45ae-ab43-6da33674bd26/resourcegroups/ASCDEMORG/providers/Microsoft.Compute/virtualMachines/vm1"

var t0 = time.Date(2019, 1, 6, 2, 2, 0, 0, time.UTC)

// fixture is one database with an ingester and a correlation job over it.
type fixture struct {
	t   *testing.T
	db  *store.DB
	in  *ingest.Ingester
	job *correlate.Job
	cfg correlate.Config
	// full makes ingest correlate with full passes (Job.Correlate) in
	// place of passes over the changed alerts (Job.CorrelateAlerts).
	full bool

	mu     sync.Mutex
	passes []correlate.Pass // what the per-resource passes did
}

func newFixture(t *testing.T, dsn string, window time.Duration) *fixture {
	db := storetest.Open(t, dsn)
	f := &fixture{t: t, db: db}
	f.cfg = correlate.Config{Window: window, Observe: f.observe}
	f.in = ingest.New(db, ingest.Options{})
	f.job = correlate.NewJob(db, nil, f.cfg, nil)
	return f
}

// maxLinkResources sets the rule's MaxLinkResources (0: the default).
func (f *fixture) maxLinkResources(n int) {
	f.cfg.Rule.MaxLinkResources = n
	f.job = correlate.NewJob(f.db, nil, f.cfg, nil)
}

func (f *fixture) observe(p correlate.Pass) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.passes = append(f.passes, p)
}

// passCounts returns how many passes were incremental and how many full.
func (f *fixture) passCounts() (incremental, full int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, p := range f.passes {
		if p.Cross {
			continue
		}
		if p.Full {
			full++
		} else {
			incremental++
		}
	}
	return incremental, full
}

// alert builds an alert on resource res starting at t0+after.
func alert(id, res string, after time.Duration, ts ...killchain.Tactic) *alerts.Alert {
	return &alerts.Alert{
		SystemAlertID: id, DisplayName: "alert " + id, AlertType: "TEST_" + id,
		Severity: alerts.Low, Status: alerts.Active, Intent: "given",
		Tactics: ts, StartTime: t0.Add(after), ResourceID: res,
		Raw: []byte(`{}`),
	}
}

func itemsOf(as []*alerts.Alert) []ingest.Item {
	items := make([]ingest.Item, len(as))
	for i, a := range as {
		items[i] = ingest.Item{Index: i, Alert: a}
	}
	return items
}

// ingest stores the alerts and correlates the resources they touched.
func (f *fixture) ingest(as ...*alerts.Alert) {
	f.t.Helper()
	items := make([]ingest.Item, len(as))
	for i, a := range as {
		items[i] = ingest.Item{Index: i, Alert: a}
	}
	res, err := f.in.Items(authz.System(context.Background()), items)
	if err != nil {
		f.t.Fatalf("ingest: %v", err)
	}
	if len(res.Rejected) > 0 {
		f.t.Fatalf("ingest rejected %v", res.Rejected)
	}
	var err2 error
	if f.full {
		_, err2 = f.job.Correlate(authz.System(context.Background()), res.Keys...)
	} else {
		_, err2 = f.job.CorrelateAlerts(authz.System(context.Background()), res.Changed, res.Work)
	}
	if err2 != nil {
		f.t.Fatalf("correlate %v: %v", res.Keys, err2)
	}
}

// incidents returns the incidents not merged away, each as its members'
// system alert ids in start order, oldest incident first.
func (f *fixture) incidents() map[int][]string {
	f.t.Helper()
	incs, err := f.db.Client.Incident.Query().
		Where(incident.MergedIntoIDIsNil()).
		WithAlerts(func(q *ent.AlertQuery) { q.Order(entalert.ByStartTime(), entalert.ByID()) }).
		All(authz.System(context.Background()))
	if err != nil {
		f.t.Fatal(err)
	}
	out := map[int][]string{}
	for _, inc := range incs {
		var ids []string
		for _, a := range inc.Edges.Alerts {
			ids = append(ids, a.SystemAlertID)
		}
		out[inc.ID] = ids
	}
	return out
}

func memberSets(m map[int][]string) []string {
	var out []string
	for _, ids := range m {
		out = append(out, strings.Join(ids, ","))
	}
	slices.Sort(out)
	return out
}

func TestCorrelationRules(t *testing.T) {
	const (
		recon  = killchain.Reconnaissance
		access = killchain.InitialAccess
		exec   = killchain.Execution
		disc   = killchain.Discovery
		c2     = killchain.CommandAndControl
	)
	h := time.Hour
	tests := []struct {
		name   string
		window time.Duration
		alerts []*alerts.Alert
		want   []string // member sets, each "id,id,…" in start order, sorted
	}{
		{"a forward chain on one resource is one incident", 24 * h,
			[]*alerts.Alert{alert("a", vm1, 0, access), alert("b", vm1, h, exec)},
			[]string{"a,b"}},
		{"members include alerts without a known tactic", 24 * h,
			[]*alerts.Alert{alert("a", vm1, 0, access), alert("n", vm1, 30*time.Minute), alert("b", vm1, h, exec)},
			[]string{"a,n,b"}},
		{"only backward steps make no incident", 24 * h,
			[]*alerts.Alert{alert("a", vm1, 0, c2), alert("b", vm1, h, exec), alert("c", vm1, 2*h, access)},
			nil},
		{"one tactic only makes no incident", 24 * h,
			[]*alerts.Alert{alert("a", vm1, 0, exec), alert("b", vm1, h, exec)},
			nil},
		{"a single alert with two tactics makes no incident", 24 * h,
			[]*alerts.Alert{alert("a", vm1, 0, access, c2)},
			nil},
		{"a gap longer than the window splits chains", 24 * h,
			[]*alerts.Alert{alert("a", vm1, 0, access), alert("b", vm1, 25*h, exec)},
			nil},
		{"a gap of exactly the window keeps one chain", 24 * h,
			[]*alerts.Alert{alert("a", vm1, 0, access), alert("b", vm1, 24*h, exec)},
			[]string{"a,b"}},
		{"a shorter window splits what a longer one joins", 30 * time.Minute,
			[]*alerts.Alert{alert("a", vm1, 0, access), alert("b", vm1, h, exec), alert("c", vm1, 90*time.Minute, c2)},
			[]string{"b,c"}},
		{"two qualifying chains on one resource are two incidents", 24 * h,
			[]*alerts.Alert{alert("a", vm1, 0, access), alert("b", vm1, h, exec),
				alert("c", vm1, 72*h, recon), alert("d", vm1, 73*h, disc)},
			[]string{"a,b", "c,d"}},
		{"alerts on different resources never share an incident", 24 * h,
			[]*alerts.Alert{alert("a", vm1, 0, access), alert("b", vm1+"x", h, exec)},
			nil},
		{"resource ids compare case-insensitively", 24 * h,
			[]*alerts.Alert{alert("a", vm1, 0, access), alert("b", strings.ToUpper(vm1), h, exec)},
			[]string{"a,b"}},
		{"dismissed alerts are left out of chains", 24 * h,
			[]*alerts.Alert{alert("a", vm1, 0, access), with(alert("b", vm1, h, exec), func(a *alerts.Alert) { a.Status = alerts.Dismissed })},
			nil},
		{"an alert without resource id is keyed by its compromised entity, lowercased", 24 * h,
			[]*alerts.Alert{
				with(alert("a", "", 0, access), func(a *alerts.Alert) { a.CompromisedEntity = "HOST7" }),
				with(alert("b", "", h, exec), func(a *alerts.Alert) { a.CompromisedEntity = "host7" })},
			[]string{"a,b"}},
		{"an alert without resource id or compromised entity is keyed by its host entity", 24 * h,
			[]*alerts.Alert{
				with(alert("a", "", 0, access), func(a *alerts.Alert) { a.CompromisedEntity = "web01" }),
				with(alert("b", "", h, exec), func(a *alerts.Alert) {
					a.Entities = []alerts.Entity{{Kind: alerts.EntityHost, Name: "WEB01", Key: "host:web01"}}
				})},
			[]string{"a,b"}},
		{"alerts naming neither resource nor host are never correlated", 24 * h,
			[]*alerts.Alert{alert("a", "", 0, access), alert("b", "", h, exec)},
			nil},
	}
	storetest.EachFresh(t, func(t *testing.T, fresh func(testing.TB) string) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				f := newFixture(t, fresh(t), tt.window)
				f.ingest(tt.alerts...)
				if got := memberSets(f.incidents()); !slices.Equal(got, tt.want) {
					t.Fatalf("incidents %v, want %v", got, tt.want)
				}
				// Re-running correlation over the same data changes nothing.
				st, err := correlate.All(authz.System(context.Background()), f.db, f.cfg, false)
				if err != nil {
					t.Fatal(err)
				}
				if st.Created+st.Updated != 0 {
					t.Fatalf("a second pass created %d and updated %d incidents", st.Created, st.Updated)
				}
			})
		}
	})
}

func with(a *alerts.Alert, fn func(*alerts.Alert)) *alerts.Alert { fn(a); return a }

func TestReconciliation(t *testing.T) {
	h := time.Hour
	access, exec, c2 := killchain.InitialAccess, killchain.Execution, killchain.CommandAndControl
	storetest.EachFresh(t, func(t *testing.T, fresh func(testing.TB) string) {
		t.Run("a growing chain keeps its incident id", func(t *testing.T) {
			f := newFixture(t, fresh(t), 24*h)
			f.ingest(alert("a", vm1, 0, access), alert("b", vm1, h, exec))
			before := f.incidents()
			f.ingest(alert("c", vm1, 2*h, c2))
			after := f.incidents()
			id := onlyID(t, before)
			if got := after[id]; !slices.Equal(got, []string{"a", "b", "c"}) || len(after) != 1 {
				t.Fatalf("after growth: %v, want incident %d with a,b,c", after, id)
			}
		})
		t.Run("a late earlier alert joins the same incident", func(t *testing.T) {
			f := newFixture(t, fresh(t), 24*h)
			f.ingest(alert("b", vm1, h, access), alert("c", vm1, 2*h, exec))
			id := onlyID(t, f.incidents())
			f.ingest(alert("a", vm1, 0, killchain.Reconnaissance))
			if got := f.incidents(); len(got) != 1 || !slices.Equal(got[id], []string{"a", "b", "c"}) {
				t.Fatalf("after a late alert: %v, want incident %d with a,b,c", got, id)
			}
		})
		t.Run("a bridging alert merges two incidents into the older", func(t *testing.T) {
			f := newFixture(t, fresh(t), 10*h)
			f.ingest(alert("a", vm1, 0, access), alert("b", vm1, h, exec))
			older := onlyID(t, f.incidents())
			f.ingest(alert("c", vm1, 20*h, access), alert("d", vm1, 21*h, c2))
			if n := len(f.incidents()); n != 2 {
				t.Fatalf("%d incidents before the bridge, want 2", n)
			}
			f.ingest(alert("x", vm1, 10*h, killchain.Discovery))
			got := f.incidents()
			if len(got) != 1 || !slices.Equal(got[older], []string{"a", "b", "x", "c", "d"}) {
				t.Fatalf("after the bridge: %v, want the older incident %d with every alert", got, older)
			}
			merged, err := f.db.Client.Incident.Query().Where(incident.MergedIntoIDNotNil()).Only(authz.System(context.Background()))
			if err != nil {
				t.Fatalf("the absorbed incident: %v", err)
			}
			if *merged.MergedIntoID != older {
				t.Fatalf("absorbed incident merged into %d, want %d", *merged.MergedIntoID, older)
			}
			if n := merged.QueryAlerts().CountX(authz.System(context.Background())); merged.AlertCount != n {
				t.Fatalf("absorbed incident says %d alerts and holds %d", merged.AlertCount, n)
			}
		})
		t.Run("a chain of more alerts than one statement can link is one incident", func(t *testing.T) {
			// SQLite allows 32,766 parameters a statement: 16,500 members
			// are more links than it takes at once, and several statements'
			// worth on either database.
			f := newFixture(t, fresh(t), 24*h)
			const n = 16500
			as := make([]*alerts.Alert, n)
			for i := range as {
				as[i] = alert(fmt.Sprintf("m%05d", i), vm1, time.Duration(i)*time.Second, []killchain.Tactic{access, exec}[i%2])
			}
			if _, err := f.in.Items(authz.System(context.Background()), itemsOf(as)); err != nil {
				t.Fatal(err)
			}
			st, err := correlate.All(authz.System(context.Background()), f.db, f.cfg, true)
			if err != nil || st.Created != 1 {
				t.Fatalf("correlate: %+v, %v; want 1 incident", st, err)
			}
			inc := f.db.Client.Incident.Query().OnlyX(authz.System(context.Background()))
			if got := inc.QueryAlerts().CountX(authz.System(context.Background())); got != n || inc.AlertCount != n {
				t.Fatalf("incident holds %d alerts and says %d, want %d", got, inc.AlertCount, n)
			}
		})
		t.Run("membership never shrinks when a member is dismissed", func(t *testing.T) {
			f := newFixture(t, fresh(t), 24*h)
			f.ingest(alert("a", vm1, 0, access), alert("b", vm1, h, exec))
			id := onlyID(t, f.incidents())
			a := with(alert("b", vm1, h, exec), func(a *alerts.Alert) { a.Status = alerts.Dismissed })
			f.ingest(a)
			if got := f.incidents(); !slices.Equal(got[id], []string{"a", "b"}) {
				t.Fatalf("after dismissing b: %v, want incident %d still with a,b", got, id)
			}
		})
		t.Run("alerts of an incident an analyst closed stay out of correlation", func(t *testing.T) {
			f := newFixture(t, fresh(t), 24*h)
			f.ingest(alert("a", vm1, 0, access), alert("b", vm1, h, exec))
			id := onlyID(t, f.incidents())
			err := store.WithTx(authz.System(context.Background()), f.db.Client, func(tx *ent.Tx) error {
				_, _, err := triage.SetIncidentStatus(authz.System(context.Background()), tx.Client(), id, alerts.Resolved, false)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			f.ingest(alert("c", vm1, 2*h, c2))
			got := f.incidents()
			if !slices.Equal(got[id], []string{"a", "b"}) || len(got) != 1 {
				t.Fatalf("after closing and a new alert: %v, want only the closed incident %d with a,b", got, id)
			}
			// Two new alerts that qualify on their own form a new incident.
			f.ingest(alert("d", vm1, 3*h, access), alert("e", vm1, 4*h, exec))
			if got := memberSets(f.incidents()); !slices.Equal(got, []string{"a,b", "c,d,e"}) {
				t.Fatalf("after a new chain: %v, want a,b and c,d,e", got)
			}
		})
		t.Run("incident fields are derived from the members", func(t *testing.T) {
			f := newFixture(t, fresh(t), 24*h)
			a := alert("a", vm1, 0, exec)
			a.Severity, a.SourceIPs, a.RemediationSteps = alerts.Medium, []string{"203.0.113.9"}, []string{"Reset the password.", "Scan the VM."}
			b := alert("b", vm1, h, killchain.InitialAccess, c2)
			b.Severity, b.SourceIPs, b.RemediationSteps = alerts.High, []string{"203.0.113.9", "198.51.100.4"}, []string{"Scan the VM.", "Block the IP."}
			b.EndTime = t0.Add(3 * h)
			c := alert("c", vm1, 2*h)
			c.Severity = alerts.Informational
			f.ingest(a, b, c)
			inc, err := f.db.Client.Incident.Query().Only(authz.System(context.Background()))
			if err != nil {
				t.Fatal(err)
			}
			checks := []struct {
				field     string
				got, want any
			}{
				{"title", inc.Title, "Security incident detected on vm1"},
				{"severity", inc.Severity, alerts.High},
				{"tactics", fmt.Sprint(inc.Tactics), fmt.Sprint([]killchain.Tactic{killchain.InitialAccess, exec, c2})},
				{"first activity", inc.FirstActivityTime.UTC(), t0},
				{"last activity", inc.LastActivityTime.UTC(), t0.Add(3 * h)},
				{"source IPs", fmt.Sprint(inc.SourceIps), "[203.0.113.9 198.51.100.4]"},
				{"remediation", fmt.Sprint(inc.RemediationSteps), fmt.Sprint([]string{"Reset the password.", "Scan the VM.", "Block the IP."})},
				{"alert count", inc.AlertCount, 3},
				{"active", inc.IsActive, true},
			}
			for _, c := range checks {
				if fmt.Sprint(c.got) != fmt.Sprint(c.want) {
					t.Errorf("%s = %v, want %v", c.field, c.got, c.want)
				}
			}
			if !strings.Contains(inc.Description, "Initial Access") || !strings.Contains(inc.Description, "Command and Control") {
				t.Errorf("description %q does not tell the progression", inc.Description)
			}
		})
	})
}

func onlyID(t *testing.T, m map[int][]string) int {
	t.Helper()
	if len(m) != 1 {
		t.Fatalf("%d incidents, want 1: %v", len(m), m)
	}
	for id := range m {
		return id
	}
	return 0
}

package correlate_test

import (
	"context"
	"fmt"
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

// on builds an alert on test VM vm (vm1 with a suffix) that names the
// entities with the given keys.
func on(id, vm string, after time.Duration, keys []string, ts ...killchain.Tactic) *alerts.Alert {
	a := alert(id, vm1+"-"+vm, after, ts...)
	for _, k := range keys {
		kind, _, _ := strings.Cut(k, ":")
		a.Entities = append(a.Entities, alerts.Entity{Kind: kind, Key: k, Name: k})
	}
	return a
}

func keys(ks ...string) []string { return ks }

// multi returns the multi-resource incidents: members (system alert ids in
// start order), resource names, and the members of the incidents each covers.
func (f *fixture) multi() []string {
	f.t.Helper()
	incs, err := f.db.Client.Incident.Query().
		Where(incident.MergedIntoIDIsNil(), incident.MultiResource(true)).
		WithAlerts(func(q *ent.AlertQuery) { q.Order(entalert.ByStartTime(), entalert.BySystemAlertID()) }).
		WithResource().
		WithCovers(func(q *ent.IncidentQuery) {
			q.WithAlerts(func(q *ent.AlertQuery) { q.Order(entalert.ByStartTime(), entalert.BySystemAlertID()) })
		}).
		All(authz.System(context.Background()))
	if err != nil {
		f.t.Fatal(err)
	}
	var out []string
	for _, inc := range incs {
		var covers []string
		for _, c := range inc.Edges.Covers {
			covers = append(covers, strings.Join(sysIDs(c.Edges.Alerts), ","))
		}
		sort.Strings(covers)
		out = append(out, fmt.Sprintf("%s on %s covers %v", strings.Join(sysIDs(inc.Edges.Alerts), ","),
			strings.TrimPrefix(inc.Edges.Resource.Name, "vm1-"), covers))
	}
	sort.Strings(out)
	return out
}

func sysIDs(as []*ent.Alert) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.SystemAlertID
	}
	return out
}

func TestMultiResourceIncidents(t *testing.T) {
	const (
		recon  = killchain.Reconnaissance
		access = killchain.InitialAccess
		exec   = killchain.Execution
		c2     = killchain.CommandAndControl
	)
	h := time.Hour
	attacker := "ip:203.0.113.66"
	alice := "account:aad:3f2c1b7e-5a4d-4c3b-9a1e-7d6c5b4a3f21"
	// scan is a probe of n VMs from one address in one hour.
	scan := func(n int, key string) []*alerts.Alert {
		var out []*alerts.Alert
		for i := 0; i < n; i++ {
			out = append(out, on(fmt.Sprintf("p%02d", i), fmt.Sprintf("s%02d", i), time.Duration(i)*time.Minute, keys(key), recon))
		}
		return out
	}
	tests := []struct {
		name   string
		max    int // MaxLinkResources; 0 = default
		alerts []*alerts.Alert
		want   []string // as fixture.multi
	}{
		{"one public address probing one VM and running code on another ties them", 0,
			[]*alerts.Alert{on("a", "x", 0, keys(attacker), recon), on("b", "y", h, keys(attacker), exec)},
			[]string{"a,b on x covers []"}},
		{"the chain of each tied alert joins, and the per-resource incidents are covered", 0,
			[]*alerts.Alert{
				on("a", "x", 0, keys(attacker), access), on("b", "x", h, nil, exec),
				on("c", "y", 2*h, keys(attacker), access), on("d", "y", 3*h, nil, c2)},
			[]string{"a,b,c,d on x covers [a,b c,d]"}},
		{"the primary resource is the one with the earliest alert", 0,
			[]*alerts.Alert{on("b", "y", h, keys(alice), exec), on("a", "x", 0, keys(alice), access)},
			[]string{"a,b on x covers []"}},
		{"an account by its AAD object id ties resources", 0,
			[]*alerts.Alert{on("a", "x", 0, keys(alice), access), on("b", "y", h, keys(alice), killchain.CredentialAccess), on("c", "z", 2*h, keys(alice), killchain.Exfiltration)},
			[]string{"a,b,c on x covers []"}},
		{"a transitive tie through a third resource joins all three", 0,
			[]*alerts.Alert{on("a", "x", 0, keys(attacker), access), on("b", "y", h, keys(attacker, alice)), on("c", "z", 2*h, keys(alice), exec)},
			[]string{"a,b,c on x covers []"}},
		{"a private address ties nothing", 0,
			[]*alerts.Alert{on("a", "x", 0, keys("ip:10.20.0.4"), access), on("b", "y", h, keys("ip:10.20.0.4"), exec)},
			nil},
		{"a CGNAT address ties nothing", 0,
			[]*alerts.Alert{on("a", "x", 0, keys("ip:100.64.1.9"), access), on("b", "y", h, keys("ip:100.64.1.9"), exec)},
			nil},
		{"a generic account name with a domain ties nothing", 0,
			[]*alerts.Alert{on("a", "x", 0, keys("account:name:administrator@contoso"), access), on("b", "y", h, keys("account:name:administrator@contoso"), exec)},
			nil},
		{"a bare account name ties nothing", 0,
			[]*alerts.Alert{on("a", "x", 0, keys("account:name:backup"), access), on("b", "y", h, keys("account:name:backup"), exec)},
			nil},
		{"a host without a domain ties nothing", 0,
			[]*alerts.Alert{on("a", "x", 0, keys("host:web01"), access), on("b", "y", h, keys("host:web01"), exec)},
			nil},
		{"a shared value further apart than the window ties nothing", 0,
			[]*alerts.Alert{on("a", "x", 0, keys(attacker), access), on("b", "y", 25*h, keys(attacker), exec)},
			nil},
		{"tied alerts that only step backwards make no incident", 0,
			[]*alerts.Alert{on("a", "x", 0, keys(attacker), c2), on("b", "y", h, keys(attacker), recon)},
			nil},
		{"tied alerts with one tactic make no incident", 0,
			[]*alerts.Alert{on("a", "x", 0, keys(attacker), recon), on("b", "y", h, keys(attacker), recon)},
			nil},
		{"a value seen on more resources than the limit within the window ties nothing", 3,
			append(scan(4, attacker), on("z", "s00", 2*h, nil, exec)),
			nil},
		{"a value seen on as many resources as the limit ties them", 3,
			append(scan(3, attacker), on("z", "s00", 2*h, nil, exec)),
			[]string{"p00,p01,p02,z on s00 covers [p00,z]"}},
		{"a scanner's address ties nothing, even where it breaks in", 0,
			append(scan(25, attacker), on("z", "s07", 2*h, keys(attacker), exec)),
			nil},
	}
	storetest.EachFresh(t, func(t *testing.T, fresh func(testing.TB) string) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				f := newFixture(t, fresh(t), 24*h)
				f.cfg.Rule.MaxLinkResources = tt.max
				f.job = correlate.NewJob(f.db, nil, f.cfg, nil)
				f.ingest(tt.alerts...)
				if got := f.multi(); !slices.Equal(got, tt.want) {
					t.Fatalf("multi-resource incidents %q, want %q", got, tt.want)
				}
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

func TestMultiResourceIncidentFields(t *testing.T) {
	h := time.Hour
	attacker := "ip:198.51.100.19"
	storetest.EachFresh(t, func(t *testing.T, fresh func(testing.TB) string) {
		f := newFixture(t, fresh(t), 24*h)
		a := on("a", "jump", 0, keys(attacker), killchain.InitialAccess)
		a.Severity = alerts.Medium
		b := on("b", "vault", h, keys(attacker), killchain.CredentialAccess)
		b.Severity = alerts.High
		f.ingest(a)
		f.ingest(b)
		inc, err := f.db.Client.Incident.Query().Where(incident.MultiResource(true)).WithResource().Only(authz.System(context.Background()))
		if err != nil {
			t.Fatal(err)
		}
		if inc.Title != correlate.MultiTitle || inc.Edges.Resource.Name != "vm1-jump" || inc.Severity != alerts.High || inc.AlertCount != 2 {
			t.Errorf("got %q on %s, %s, %d alerts; want %q on vm1-jump, HIGH, 2", inc.Title, inc.Edges.Resource.Name, inc.Severity, inc.AlertCount, correlate.MultiTitle)
		}
		if !strings.Contains(inc.Description, "vm1-jump and vm1-vault") {
			t.Errorf("description %q does not name both resources", inc.Description)
		}
		// A third resource joins the same incident.
		f.ingest(on("c", "storage", 2*h, keys(attacker), killchain.Exfiltration))
		if got := f.multi(); !slices.Equal(got, []string{"a,b,c on jump covers []"}) {
			t.Fatalf("after a third resource: %q", got)
		}
		if n := f.db.Client.Incident.Query().Where(incident.MultiResource(true), incident.ID(inc.ID)).CountX(authz.System(context.Background())); n != 1 {
			t.Fatalf("the incident lost its id")
		}
	})
}

func TestStrongIdentifiers(t *testing.T) {
	tests := []struct {
		key  string
		want bool
	}{
		{"ip:203.0.113.7", true}, {"ip:8.8.8.8", true}, {"ip:2001:4860::8888", true},
		{"ip:10.1.2.3", false}, {"ip:172.16.0.1", false}, {"ip:192.168.1.1", false}, {"ip:127.0.0.1", false},
		{"ip:169.254.169.254", false}, {"ip:100.64.0.1", false}, {"ip:0.0.0.0", false}, {"ip:224.0.0.1", false},
		{"ip:255.255.255.255", false}, {"ip:fe80::1", false}, {"ip:fd00::1", false}, {"ip:::1", false}, {"ip:not-an-ip", false},
		{"account:sid:S-1-5-21-1004336348-1177238915-682003330-1001", true}, {"account:sid:S-1-5-18", false},
		{"account:aad:3f2c1b7e-5a4d-4c3b-9a1e-7d6c5b4a3f21", true}, {"account:upn:alice@contoso.example", true},
		{"account:upn:admin@contoso.example", false}, {"account:name:alice@contoso", true}, {"account:name:alice", false},
		{"account:name:root@lnx", false},
		{"file:sha256:0f343b0931126a20f133d67c2b018a3b", true}, {"file:c:\\windows\\temp\\x.exe", false},
		{"filehash:md5:d41d8cd98f00b204e9800998ecf8427e", false},
		{"host:web01.corp.contoso.example", true}, {"host:web01", false}, {"host:/subscriptions/x/virtualmachines/vm1", false},
		{"malware:trojan:win32/mimikatz", true}, {"url:http://x.example/", false}, {"", false},
	}
	for _, tt := range tests {
		if got := correlate.Strong(tt.key); got != tt.want {
			t.Errorf("Strong(%q) = %v, want %v", tt.key, got, tt.want)
		}
	}
}

// TestCrossPassReadsOnlyAroundTheChangedAlerts stores a month of alerts
// on thirty resources, three of them tied by one address, then ingests a
// new campaign on two of them: the cross-resource pass reads the new
// alerts and the window around them — the same four alerts again per
// resource and per address — not the 1,200 stored ones of their resources.
func TestCrossPassReadsOnlyAroundTheChangedAlerts(t *testing.T) {
	const resources, perResource = 30, 40
	h := time.Hour
	old, campaign := "ip:203.0.113.40", "ip:203.0.113.41"
	storetest.EachFresh(t, func(t *testing.T, fresh func(testing.TB) string) {
		f := newFixture(t, fresh(t), 24*h)
		var stored []*alerts.Alert
		for r := 0; r < resources; r++ {
			for i := 0; i < perResource; i++ {
				ks := keys()
				if r < 3 {
					ks = keys(old)
				}
				ts := []killchain.Tactic{killchain.Reconnaissance, killchain.Execution}[i%2 : i%2+1]
				stored = append(stored, on(fmt.Sprintf("o%02d-%02d", r, i), fmt.Sprintf("r%02d", r), time.Duration(i)*6*h, ks, ts...))
			}
		}
		f.ingest(stored...)
		if got := len(f.multi()); got != 1 {
			t.Fatalf("%d multi-resource incidents from the stored alerts, want the one of %s", got, old)
		}
		f.passes = nil

		day30 := 30 * 24 * h
		batch := []*alerts.Alert{
			on("n1", "r05", day30, keys(campaign), killchain.InitialAccess),
			on("n2", "r05", day30+h, nil, killchain.Execution),
			on("n3", "r06", day30+2*h, keys(campaign), killchain.LateralMovement),
			on("n4", "r06", day30+3*h, nil, killchain.Exfiltration),
		}
		f.ingest(batch...)
		var read, cross int
		for _, p := range f.passes {
			if p.Cross {
				cross++
				read += p.AlertsRead
			}
		}
		if cross != 1 {
			t.Fatalf("%d cross-resource passes over the changed alerts, want 1", cross)
		}
		if read > 3*len(batch) {
			t.Errorf("the cross-resource pass read %d alerts, want at most %d", read, 3*len(batch))
		}
		got := f.multi()
		want := "n1,n2,n3,n4 on r05 covers [n1,n2 n3,n4]"
		if !slices.Contains(got, want) || len(got) != 2 {
			t.Fatalf("multi-resource incidents %q, want the stored one and %q", got, want)
		}
	})
}

// TestCrossPassOverALongChain grows a chain of 600 alerts on one resource
// (long enough that the cross-resource walk looks at its incident in SQL
// instead of reading it): while none of its values appears on another
// resource, five more alerts joining it are correlated without reading the
// chain; once one of its alerts shares a public address with an alert on
// another resource within the window, the chain is read and the two
// resources form one incident holding the whole chain.
func TestCrossPassOverALongChain(t *testing.T) {
	const n = 600
	h := time.Hour
	attacker := "ip:203.0.113.60"
	tactics := []killchain.Tactic{killchain.InitialAccess, killchain.Execution, killchain.Persistence}
	storetest.EachFresh(t, func(t *testing.T, fresh func(testing.TB) string) {
		f := newFixture(t, fresh(t), 24*h)
		var chain []*alerts.Alert
		for i := 0; i < n; i++ {
			ks := keys()
			if i == n/2 {
				ks = keys(attacker) // tied to nothing yet
			}
			chain = append(chain, on(fmt.Sprintf("c%03d", i), "long", time.Duration(i)*time.Minute, ks, tactics[i%3]))
		}
		f.ingest(chain...)
		if got := f.multi(); len(got) != 0 {
			t.Fatalf("multi-resource incidents %q from one resource", got)
		}
		crossRead := func() int {
			read := 0
			for _, p := range f.passes {
				if p.Cross {
					read += p.AlertsRead
				}
			}
			f.passes = nil
			return read
		}
		crossRead()

		var more []*alerts.Alert
		for i := n; i < n+5; i++ {
			more = append(more, on(fmt.Sprintf("c%03d", i), "long", time.Duration(i)*time.Minute, nil, tactics[i%3]))
		}
		f.ingest(more...)
		if read := crossRead(); read > 3*len(more) {
			t.Errorf("the cross-resource pass read %d alerts for %d joining a chain that ties nothing, want at most %d", read, len(more), 3*len(more))
		}
		if got := f.multi(); len(got) != 0 {
			t.Fatalf("multi-resource incidents %q from one resource", got)
		}

		// The address of alert c300, an hour later on another VM, with a
		// later tactic.
		f.ingest(on("other", "other", time.Duration(n/2)*time.Minute+h, keys(attacker), killchain.Exfiltration))
		if read := crossRead(); read < n {
			t.Errorf("the cross-resource pass read %d alerts, want the chain's %d and more", read, n)
		}
		var ids []string
		for i := 0; i < n+5; i++ {
			ids = append(ids, fmt.Sprintf("c%03d", i))
		}
		// Members in start order: other starts an hour after c300.
		members := append(append(slices.Clone(ids[:n/2+61]), "other"), ids[n/2+61:]...)
		want := strings.Join(members, ",") + " on long covers [" + strings.Join(ids, ",") + "]"
		if got := f.multi(); len(got) != 1 || got[0] != want {
			t.Fatalf("multi-resource incidents %.300q…, want %.300q…", got, want)
		}
	})
}

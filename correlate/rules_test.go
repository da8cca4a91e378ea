package correlate_test

import (
	"context"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/correlate"
	"github.com/vigil-soc/vigil/ent"
	entalert "github.com/vigil-soc/vigil/ent/alert"
	"github.com/vigil-soc/vigil/killchain"
	"github.com/vigil-soc/vigil/store"
	"github.com/vigil-soc/vigil/store/storetest"
	"github.com/vigil-soc/vigil/triage"
)

func TestParseRuleErrorsNameTheField(t *testing.T) {
	tests := []struct{ name, doc, field string }{
		{"an unknown field", "name: x\nwindw: 1h\n", "windw"},
		{"a window that is no duration", "window: soon\n", "field window"},
		{"a negative lifetime", "maxLifetime: -3d\n", "field maxLifetime"},
		{"an unknown severity", "severityFloor: Critical\n", "field severityFloor"},
		{"an unknown link kind", "linkKinds: [ip, phone]\n", "field linkKinds"},
		{"too many tactics", "minTactics: 15\n", "field minTactics"},
		{"an override without a resource type", "overrides:\n  - window: 1h\n", "field overrides[0].resourceType"},
		{"an override's bad window", "overrides:\n  - resourceType: Microsoft.Web/sites\n    window: 5 hours\n", "field overrides[0].window"},
		{"JSON with a wrong type", `{"minTactics": "two"}`, "minTactics"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := correlate.ParseRule([]byte(tt.doc))
			if err == nil || !strings.Contains(err.Error(), tt.field) {
				t.Fatalf("ParseRule(%q) = %v, want an error naming %q", tt.doc, err, tt.field)
			}
		})
	}
}

func TestTheExampleRulesFileParses(t *testing.T) {
	r, err := correlate.LoadRule(filepath.Join("..", "rules.example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	r = r.Resolved(0)
	if r.Name == "" || r.Version < 1 || len(r.Overrides) == 0 {
		t.Fatalf("example rule %+v: want a name, a version and an override", r)
	}
	web := r.For(r.Overrides[0].ResourceType)
	if web.Window != time.Duration(r.Overrides[0].Window) {
		t.Errorf("the override's window is %s, want %s", web.Window, time.Duration(r.Overrides[0].Window))
	}
}

func TestRuleDefaultsAndOverrides(t *testing.T) {
	r, err := correlate.ParseRule([]byte(`{"name": "strict", "version": 4, "window": "12h", "maxLifetime": "2d", "severityFloor": "medium",
		"overrides": [{"resourceType": "Microsoft.Web/sites", "window": "90m", "forwardStep": false}]}`))
	if err != nil {
		t.Fatal(err)
	}
	r = r.Resolved(24 * time.Hour)
	vm := r.For("Microsoft.Compute/virtualMachines")
	want := correlate.Params{Window: 12 * time.Hour, MinTactics: 2, ForwardStep: true, MaxLifetime: 48 * time.Hour, SeverityFloor: alerts.Medium}
	if vm != want {
		t.Errorf("VM settings %+v, want %+v", vm, want)
	}
	want.Window, want.ForwardStep = 90*time.Minute, false
	if web := r.For("microsoft.web/SITES"); web != want {
		t.Errorf("App Service settings %+v, want %+v (types compare case-insensitively)", web, want)
	}
	if d := (correlate.Rule{}).Resolved(6 * time.Hour); time.Duration(d.Window) != 6*time.Hour || d.Name != correlate.DefaultRuleName ||
		time.Duration(d.MaxLifetime) != correlate.DefaultMaxLifetime || !slices.Equal(d.LinkKinds, correlate.DefaultLinkKinds) {
		t.Errorf("a rule with nothing set resolves to %+v, want the defaults with --correlation-window's 6h", d)
	}
}

func TestRuleSettingsApply(t *testing.T) {
	h := time.Hour
	access, exec, c2 := killchain.InitialAccess, killchain.Execution, killchain.CommandAndControl
	sev := func(a *alerts.Alert, s alerts.Severity) *alerts.Alert { a.Severity = s; return a }
	tests := []struct {
		name   string
		rule   string
		alerts []*alerts.Alert
		want   []string
	}{
		{"below the severity floor a chain starts no incident", "severityFloor: Medium",
			[]*alerts.Alert{sev(alert("a", vm1, 0, access), alerts.Low), sev(alert("b", vm1, h, exec), alerts.Informational)}, nil},
		{"one alert at the floor starts it and the others join", "severityFloor: Medium",
			[]*alerts.Alert{sev(alert("a", vm1, 0, access), alerts.Medium), sev(alert("b", vm1, h, exec), alerts.Informational)}, []string{"a,b"}},
		{"three tactics required", "minTactics: 3",
			[]*alerts.Alert{alert("a", vm1, 0, access), alert("b", vm1, h, exec)}, nil},
		{"no forward step required", "forwardStep: false",
			[]*alerts.Alert{alert("a", vm1, 0, c2), alert("b", vm1, h, access)}, []string{"a,b"}},
		{"a chain longer than the lifetime starts a new incident", "maxLifetime: 2h",
			[]*alerts.Alert{alert("a", vm1, 0, access), alert("b", vm1, h, exec), alert("c", vm1, 3*h, access), alert("d", vm1, 4*h, c2)},
			[]string{"a,b", "c,d"}},
		{"a resource type's override applies to it", "overrides:\n  - resourceType: Microsoft.Compute/virtualMachines\n    window: 30m",
			[]*alerts.Alert{alert("a", vm1, 0, access), alert("b", vm1, h, exec)}, nil},
	}
	storetest.EachFresh(t, func(t *testing.T, fresh func(testing.TB) string) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r, err := correlate.ParseRule([]byte(tt.rule))
				if err != nil {
					t.Fatal(err)
				}
				f := newFixture(t, fresh(t), 24*h)
				f.cfg.Rule = r
				f.job = correlate.NewJob(f.db, nil, f.cfg, nil)
				f.ingest(tt.alerts...)
				if got := memberSets(f.incidents()); !slices.Equal(got, tt.want) {
					t.Fatalf("incidents %v, want %v", got, tt.want)
				}
			})
		}
	})
}

func TestANewIncidentFollowsTheOneThatEnded(t *testing.T) {
	h := time.Hour
	access, exec, c2 := killchain.InitialAccess, killchain.Execution, killchain.CommandAndControl
	// followsOf maps each incident's first member to the first member of
	// the incident it follows.
	followsOf := func(f *fixture) map[string]string {
		incs := f.db.Client.Incident.Query().WithFollows(func(q *ent.IncidentQuery) {
			q.WithAlerts(func(q *ent.AlertQuery) { q.Order(entalert.ByStartTime()) })
		}).WithAlerts(func(q *ent.AlertQuery) { q.Order(entalert.ByStartTime()) }).AllX(authz.System(context.Background()))
		out := map[string]string{}
		for _, inc := range incs {
			if p := inc.Edges.Follows; p != nil {
				out[inc.Edges.Alerts[0].SystemAlertID] = p.Edges.Alerts[0].SystemAlertID
			}
		}
		return out
	}
	storetest.EachFresh(t, func(t *testing.T, fresh func(testing.TB) string) {
		t.Run("past the maximum lifetime", func(t *testing.T) {
			f := newFixture(t, fresh(t), 24*h)
			f.cfg.Rule = correlate.Rule{MaxLifetime: correlate.Duration(2 * h)}
			f.job = correlate.NewJob(f.db, nil, f.cfg, nil)
			f.ingest(alert("a", vm1, 0, access), alert("b", vm1, h, exec), alert("c", vm1, 3*h, access), alert("d", vm1, 4*h, c2))
			if got := followsOf(f); !maps.Equal(got, map[string]string{"c": "a"}) {
				t.Fatalf("follows %v, want c,d following a,b", got)
			}
		})
		t.Run("after an analyst closed it", func(t *testing.T) {
			f := newFixture(t, fresh(t), 24*h)
			f.ingest(alert("a", vm1, 0, access), alert("b", vm1, h, exec))
			id := onlyID(t, f.incidents())
			if err := store.WithTx(authz.System(context.Background()), f.db.Client, func(tx *ent.Tx) error {
				_, _, err := triage.SetIncidentStatus(authz.System(context.Background()), tx.Client(), id, alerts.Resolved, false)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			f.ingest(alert("c", vm1, 2*h, access), alert("d", vm1, 3*h, exec))
			if got := followsOf(f); !maps.Equal(got, map[string]string{"c": "a"}) {
				t.Fatalf("follows %v, want c,d following the closed a,b", got)
			}
		})
		t.Run("not across a gap longer than the window", func(t *testing.T) {
			f := newFixture(t, fresh(t), 24*h)
			f.ingest(alert("a", vm1, 0, access), alert("b", vm1, h, exec), alert("c", vm1, 30*h, access), alert("d", vm1, 31*h, exec))
			if got := followsOf(f); len(got) != 0 {
				t.Fatalf("follows %v, want none", got)
			}
		})
	})
}

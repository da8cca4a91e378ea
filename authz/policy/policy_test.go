package policy_test

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/ent"
	"github.com/vigil-soc/vigil/ent/alert"
	"github.com/vigil-soc/vigil/ingest"
	"github.com/vigil-soc/vigil/store/storetest"
)

// The policy over every type, on the sample export: its alerts belong to
// the subscriptions their rows name.
func TestPolicy(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		db := storetest.Open(t, dsn)
		f, err := os.Open("../../demo/data/alertlist.csv")
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		sys := authz.System(context.Background())
		if _, err := ingest.New(db, ingest.Options{}).Read(sys, f, "text/csv"); err != nil {
			t.Fatal(err)
		}
		c := db.Client
		// The subscriptions of the stored alerts, as the input has them.
		bySub := map[string]int{}
		for _, a := range c.Alert.Query().AllX(sys) {
			bySub[a.SubscriptionID]++
		}
		var one string
		for s := range bySub {
			if s != "" && (one == "" || bySub[s] < bySub[one]) {
				one = s
			}
		}
		if one == "" || len(bySub) < 2 {
			t.Fatalf("the sample needs alerts of two subscriptions at least: %v", bySub)
		}
		ctx := func(v *authz.Viewer) context.Context { return authz.NewContext(context.Background(), v) }
		reader := ctx(&authz.Viewer{Kind: authz.KindToken, Name: "r", Role: authz.Reader})
		scoped := ctx(&authz.Viewer{Kind: authz.KindToken, Name: "s", Role: authz.Responder, Subscriptions: []string{one}})
		ingestOnly := ctx(&authz.Viewer{Kind: authz.KindToken, Name: "i", Role: authz.Ingest})

		if _, err := c.Alert.Query().Count(context.Background()); !errors.Is(err, authz.ErrNoViewer) {
			t.Errorf("a query without a viewer: %v, want ErrNoViewer", err)
		}
		all := c.Alert.Query().CountX(sys)
		if n := c.Alert.Query().CountX(reader); n != all {
			t.Errorf("reader counts %d alerts, want all %d", n, all)
		}
		if n := c.Alert.Query().CountX(scoped); n != bySub[one] {
			t.Errorf("scoped counts %d alerts, want %d of %s", n, bySub[one], one)
		}
		for name, n := range map[string]int{
			"alerts":    c.Alert.Query().CountX(ingestOnly),
			"resources": c.Resource.Query().CountX(ingestOnly),
			"entities":  c.Entity.Query().CountX(ingestOnly),
			"users":     c.User.Query().CountX(reader),
			"tokens":    c.Token.Query().CountX(reader),
			"audit":     c.AuditEvent.Query().CountX(scoped),
			"sessions":  c.Session.Query().CountX(reader),
			"work":      c.WorkItem.Query().CountX(reader),
		} {
			if n != 0 {
				t.Errorf("%s: %d visible, want none", name, n)
			}
		}
		if n := c.WorkItem.Query().CountX(sys); n == 0 {
			t.Errorf("ingest left no work item for correlation")
		}
		if _, err := c.WorkItem.Create().SetResourceKey("x").Save(scoped); !errors.Is(err, authz.ErrForbidden) {
			t.Errorf("a responder writing a work item: %v, want ErrForbidden", err)
		}
		// Entities and payloads follow their alerts; traversals too.
		for _, e := range c.Entity.Query().WithAlerts().AllX(scoped) {
			ok := false
			for _, a := range e.QueryAlerts().AllX(scoped) {
				ok = ok || a.SubscriptionID == one
				if a.SubscriptionID != one {
					t.Errorf("entity %d: a traversal shows an alert of %s", e.ID, a.SubscriptionID)
				}
			}
			if !ok {
				t.Errorf("entity %d is visible without an alert in scope", e.ID)
			}
		}
		if n, want := c.AlertPayload.Query().CountX(scoped), bySub[one]; n != want {
			t.Errorf("scoped sees %d payloads, want %d", n, want)
		}
		for _, r := range c.Resource.Query().AllX(scoped) {
			if r.SubscriptionID != one {
				t.Errorf("resource %s of %s visible to a viewer of %s", r.Name, r.SubscriptionID, one)
			}
		}

		// Writes: a reader may not, a responder only in scope, nobody but
		// vigil itself creates or deletes.
		other := c.Alert.Query().Where(alert.SubscriptionIDNEQ(one)).FirstX(sys)
		mine := c.Alert.Query().Where(alert.SubscriptionID(one)).FirstX(sys)
		if err := c.Alert.UpdateOne(mine).SetStatus(alerts.InProgress).Exec(reader); !errors.Is(err, authz.ErrForbidden) {
			t.Errorf("reader update: %v, want ErrForbidden", err)
		}
		if err := c.Alert.UpdateOne(mine).SetStatus(alerts.InProgress).Exec(scoped); err != nil {
			t.Errorf("responder update in scope: %v", err)
		}
		if err := c.Alert.UpdateOne(other).SetStatus(alerts.InProgress).Exec(scoped); !ent.IsNotFound(err) {
			t.Errorf("responder update out of scope: %v, want not found", err)
		}
		if n, err := c.Alert.Update().SetStatus(alerts.Resolved).Save(scoped); err != nil || n != bySub[one] {
			t.Errorf("responder bulk update changed %d (%v), want the %d in scope", n, err, bySub[one])
		}
		if err := c.Alert.DeleteOne(mine).Exec(ctx(&authz.Viewer{Kind: authz.KindUser, Role: authz.Admin})); !errors.Is(err, authz.ErrForbidden) {
			t.Errorf("admin delete: %v, want ErrForbidden", err)
		}
		if _, err := c.AuditEvent.Create().SetAction("forged").SetActor("x").Save(reader); !errors.Is(err, authz.ErrForbidden) {
			t.Errorf("reader writing the audit log: %v, want ErrForbidden", err)
		}
	})
}

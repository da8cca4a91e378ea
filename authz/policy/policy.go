// Package policy is Vigil's one access policy, enforced inside the queries
// of the ent client: Register adds the viewer's scope to every query — the
// root of a list, a count, node(id:), every traversal and eager-loaded
// edge — and checks every write. A context without a viewer is refused.
package policy

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect/sql"

	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/ent"
	"github.com/vigil-soc/vigil/ent/alert"
	"github.com/vigil-soc/vigil/ent/alertpayload"
	"github.com/vigil-soc/vigil/ent/alertremoval"
	"github.com/vigil-soc/vigil/ent/entity"
	"github.com/vigil-soc/vigil/ent/incident"
	"github.com/vigil-soc/vigil/ent/incidentlink"
	"github.com/vigil-soc/vigil/ent/intercept"
	"github.com/vigil-soc/vigil/ent/resource"
)

// Register installs the policy on client: every query and every mutation
// of it goes through the policy from then on.
func Register(client *ent.Client) {
	client.Intercept(intercept.TraverseFunc(filter))
	client.Use(guard)
}

// filter adds the viewer's scope to a query of any type. It runs on the
// root query, on every traversal (incident.QueryAlerts) and on every
// eager-loaded edge, so a count, a page and a nested connection agree.
func filter(ctx context.Context, q intercept.Query) error {
	v := authz.FromContext(ctx)
	if v == nil {
		return authz.ErrNoViewer
	}
	if v.Kind == authz.KindSystem {
		return nil
	}
	switch q.Type() {
	case ent.TypeUser, ent.TypeToken, ent.TypeAuditEvent:
		// Identities and the audit log span every subscription: only an
		// admin of every subscription reads them.
		if !v.Can(authz.Admin) || v.Scoped() {
			q.WhereP(nothing)
		}
		return nil
	case ent.TypeSession, ent.TypeWorkItem:
		// Only the login flow, as System, reads sessions; only the
		// correlation job the work items.
		q.WhereP(nothing)
		return nil
	}
	if !v.Can(authz.Reader) {
		// An ingest token reads nothing.
		q.WhereP(nothing)
		return nil
	}
	if !v.Scoped() {
		return nil
	}
	p, err := scope(q.Type(), v.Subscriptions)
	if err != nil {
		return err
	}
	q.WhereP(p)
	return nil
}

// scope is the predicate that limits rows of the type to the
// subscriptions. A type the policy does not know is refused: a new entity
// must be given its rule here.
func scope(typ string, subs []string) (func(*sql.Selector), error) {
	switch typ {
	case ent.TypeAlert:
		return subscriptionIn(alert.FieldSubscriptionID, subs), nil
	case ent.TypeResource:
		return subscriptionIn(resource.FieldSubscriptionID, subs), nil
	case ent.TypeIncident:
		return incident.HasResourceWith(subscriptionIn(resource.FieldSubscriptionID, subs)), nil
	case ent.TypeEntity:
		return entity.HasAlertsWith(subscriptionIn(alert.FieldSubscriptionID, subs)), nil
	case ent.TypeAlertPayload:
		return alertpayload.HasAlertWith(subscriptionIn(alert.FieldSubscriptionID, subs)), nil
	case ent.TypeIncidentLink:
		return incidentlink.HasAlertWith(subscriptionIn(alert.FieldSubscriptionID, subs)), nil
	case ent.TypeAlertRemoval:
		return alertremoval.HasAlertWith(subscriptionIn(alert.FieldSubscriptionID, subs)), nil
	}
	return nil, fmt.Errorf("authz: no scope rule for %s", typ)
}

// subscriptionIn matches rows whose column, compared case-insensitively,
// is one of subs (lowercase).
func subscriptionIn(column string, subs []string) func(*sql.Selector) {
	args := make([]any, len(subs))
	for i, s := range subs {
		args[i] = s
	}
	return func(s *sql.Selector) {
		s.Where(sql.P(func(b *sql.Builder) {
			b.WriteString("LOWER(").WriteString(s.C(column)).WriteString(") IN (").Args(args...).WriteString(")")
		}))
	}
}

// nothing matches no row.
func nothing(s *sql.Selector) { s.Where(sql.False()) }

// guard checks every write. Only vigil itself creates and deletes rows
// and manages identities (after the auth package has checked the caller);
// a responder or an admin may update alerts and incidents in scope, and
// record the decisions of package triage: an incident merged into another
// moves its alert links, an alert removed from an incident leaves a
// removal record. (Triage first reads the incidents through this policy,
// so a decision on an incident out of scope is not found.)
func guard(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		v := authz.FromContext(ctx)
		if v == nil {
			return nil, authz.ErrNoViewer
		}
		if v.Kind == authz.KindSystem {
			return next.Mutate(ctx, m)
		}
		var allowed ent.Op
		switch m.Type() {
		case ent.TypeAlert, ent.TypeIncident:
			allowed = ent.OpUpdate | ent.OpUpdateOne
		case ent.TypeIncidentLink:
			allowed = ent.OpCreate | ent.OpDelete
		case ent.TypeAlertRemoval:
			allowed = ent.OpCreate
		}
		if !m.Op().Is(allowed) || !v.Can(authz.Responder) {
			return nil, authz.ErrForbidden
		}
		if m.Op().Is(ent.OpCreate) {
			return next.Mutate(ctx, m)
		}
		if v.Scoped() {
			p, err := scope(m.Type(), v.Subscriptions)
			if err != nil {
				return nil, err
			}
			w, ok := m.(interface{ WhereP(...func(*sql.Selector)) })
			if !ok {
				return nil, fmt.Errorf("authz: cannot scope a %s mutation", m.Type())
			}
			w.WhereP(p)
		}
		return next.Mutate(ctx, m)
	})
}

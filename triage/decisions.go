package triage

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/ent"
	entalert "github.com/vigil-soc/vigil/ent/alert"
	"github.com/vigil-soc/vigil/ent/incident"
	"github.com/vigil-soc/vigil/ent/incidentlink"
)

type actorKey struct{}

// WithActor returns ctx carrying who acts (the authenticated user, once
// authentication names one).
func WithActor(ctx context.Context, who string) context.Context {
	return context.WithValue(ctx, actorKey{}, who)
}

// Actor returns who acts in ctx: what WithActor set, else "system".
func Actor(ctx context.Context) string {
	if v := authz.FromContext(ctx); v != nil && v.Kind != authz.KindSystem {
		return v.Actor()
	}
	if who, ok := ctx.Value(actorKey{}).(string); ok && who != "" {
		return who
	}
	return "system"
}

// ErrScope is returned for a merge of incidents of different scopes.
var ErrScope = fmt.Errorf("only incidents of one resource, or two multi-resource incidents, can be merged")

// MergeIncidents merges incident from into incident into, as an analyst
// decision recorded with Actor(ctx) and the time: into takes from's
// alerts (their links say MERGE), from is marked merged into it. Both must
// be open, not merged, and of one scope: per-resource incidents of one
// resource, or two multi-resource incidents. Correlation never splits
// them again (membership never shrinks). It returns into and the keys to
// recompute.
func MergeIncidents(ctx context.Context, c *ent.Client, into, from int) (*ent.Incident, []string, error) {
	if into == from {
		return nil, nil, fmt.Errorf("an incident cannot be merged into itself: %w", ErrScope)
	}
	incs, err := c.Incident.Query().Where(incident.IDIn(into, from)).
		WithAlerts(func(q *ent.AlertQuery) { q.Select(entalert.FieldID, entalert.FieldTactics, entalert.FieldResourceKey) }).All(ctx)
	if err != nil {
		return nil, nil, err
	}
	if len(incs) != 2 {
		return nil, nil, &ent.NotFoundError{}
	}
	a, b := incs[0], incs[1]
	if a.ID != into {
		a, b = b, a
	}
	for _, inc := range []*ent.Incident{a, b} {
		if inc.MergedIntoID != nil {
			return nil, nil, fmt.Errorf("incident %d was merged into incident %d: %w", inc.ID, *inc.MergedIntoID, ErrMerged)
		}
	}
	if a.MultiResource != b.MultiResource || (!a.MultiResource && a.ResourceKey != b.ResourceKey) {
		return nil, nil, ErrScope
	}
	have := map[int]bool{}
	for _, x := range a.Edges.Alerts {
		have[x.ID] = true
	}
	var add []int
	var links []*ent.IncidentLinkCreate
	keys := map[string]bool{}
	for _, x := range append(a.Edges.Alerts, b.Edges.Alerts...) {
		if x.ResourceKey != "" {
			keys[x.ResourceKey] = true
		}
	}
	for _, x := range b.Edges.Alerts {
		if have[x.ID] {
			continue
		}
		add = append(add, x.ID)
		links = append(links, c.IncidentLink.Create().SetIncidentID(a.ID).SetAlertID(x.ID).
			SetRule("analyst:"+Actor(ctx)).SetRuleVersion(0).SetReason(incidentlink.ReasonMERGE).SetTactics(x.Tactics))
	}
	now := time.Now()
	if err := c.Incident.UpdateOne(b).SetMergedIntoID(a.ID).SetMergedBy(Actor(ctx)).SetMergedAt(now).
		ClearAlerts().ClearCovers().SetAlertCount(0).SetIsActive(false).Exec(ctx); err != nil {
		return nil, nil, fmt.Errorf("merging incident: %w", err)
	}
	if _, err := c.IncidentLink.Delete().Where(incidentlink.IncidentID(b.ID)).Exec(ctx); err != nil {
		return nil, nil, fmt.Errorf("merging incident: %w", err)
	}
	for start := 0; start < len(add); start += 1000 {
		// Without its aggregate, correlation recomputes into's derived
		// fields from its members (see correlate's aggregate).
		if err := c.Incident.UpdateOneID(a.ID).AddAlertIDs(add[start:min(start+1000, len(add))]...).ClearAggregate().Exec(ctx); err != nil {
			return nil, nil, fmt.Errorf("merging incident: %w", err)
		}
		if err := c.IncidentLink.CreateBulk(links[start:min(start+1000, len(links))]...).Exec(ctx); err != nil {
			return nil, nil, fmt.Errorf("merging incident: %w", err)
		}
	}
	out, err := c.Incident.Get(ctx, a.ID)
	if err != nil {
		return nil, nil, err
	}
	return out, sorted(keys), nil
}

// RemoveAlert takes an alert out of an incident, as an analyst decision
// recorded with Actor(ctx) and the time; correlation never puts the alert
// into an incident again. It returns the incident and the keys to
// recompute (its derived fields follow on the next pass).
func RemoveAlert(ctx context.Context, c *ent.Client, incidentID, alertID int) (*ent.Incident, []string, error) {
	inc, err := c.Incident.Get(ctx, incidentID)
	if err != nil {
		return nil, nil, err
	}
	if inc.MergedIntoID != nil {
		return nil, nil, fmt.Errorf("incident %d was merged into incident %d: %w", inc.ID, *inc.MergedIntoID, ErrMerged)
	}
	a, err := c.Alert.Query().Where(entalert.ID(alertID), entalert.HasIncidentsWith(incident.ID(incidentID))).Only(ctx)
	if err != nil {
		return nil, nil, err
	}
	if err := c.Incident.UpdateOne(inc).RemoveAlertIDs(alertID).ClearAggregate().Exec(ctx); err != nil {
		return nil, nil, fmt.Errorf("removing the alert: %w", err)
	}
	if _, err := c.IncidentLink.Delete().Where(incidentlink.IncidentID(incidentID), incidentlink.AlertID(alertID)).Exec(ctx); err != nil {
		return nil, nil, fmt.Errorf("removing the alert: %w", err)
	}
	if err := c.AlertRemoval.Create().SetIncidentID(incidentID).SetAlertID(alertID).SetActor(Actor(ctx)).Exec(ctx); err != nil {
		return nil, nil, fmt.Errorf("recording the removal: %w", err)
	}
	return inc, keys(a.ResourceKey), nil
}

func sorted(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

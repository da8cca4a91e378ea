// Package triage holds what analysts do to alerts and incidents: set their
// status, close an incident with or without its alerts. Each function works
// in the transaction of the ent client it is given and returns the
// correlation keys whose incidents must be recomputed after commit.
//
//	a, keys, err := triage.SetAlertStatus(ctx, tx.Client(), id, alerts.Dismissed)
package triage

import (
	"context"
	"fmt"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/ent"
	entalert "github.com/vigil-soc/vigil/ent/alert"
	"github.com/vigil-soc/vigil/ent/incident"
)

// SetAlertStatus sets an alert's status. A dismissed alert leaves
// correlation; the alert's resource is returned for recomputation.
func SetAlertStatus(ctx context.Context, c *ent.Client, id int, status alerts.Status) (*ent.Alert, []string, error) {
	a, err := c.Alert.UpdateOneID(id).SetStatus(status).Save(ctx)
	if err != nil {
		return nil, nil, err
	}
	// The aggregates of its incidents no longer hold: correlation
	// recomputes them from their members (see correlate's aggregate).
	if err := c.Incident.Update().Where(incident.HasAlertsWith(entalert.ID(id))).ClearAggregate().Exec(ctx); err != nil {
		return nil, nil, fmt.Errorf("updating the alert's incidents: %w", err)
	}
	return a, keys(a.ResourceKey), nil
}

// SetIncidentStatus sets an incident's status. Closing it (RESOLVED or
// DISMISSED) marks it closed by an analyst, which keeps its alerts out of
// later correlation; with closeAlerts its member alerts get the same status.
// Reopening it clears the mark.
func SetIncidentStatus(ctx context.Context, c *ent.Client, id int, status alerts.Status, closeAlerts bool) (*ent.Incident, []string, error) {
	inc, err := c.Incident.Get(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if inc.MergedIntoID != nil {
		return nil, nil, fmt.Errorf("incident %d was merged into incident %d: %w", id, *inc.MergedIntoID, ErrMerged)
	}
	// Closing or reopening it moves its alerts out of or into correlation:
	// without its aggregate, correlation recomputes it from its members.
	u := c.Incident.UpdateOne(inc).SetStatus(status).SetClosedByAnalyst(status.Closed()).ClearAggregate()
	if status.Closed() {
		u.SetIsActive(false)
	}
	inc, err = u.Save(ctx)
	if err != nil {
		return nil, nil, err
	}
	if closeAlerts && status.Closed() {
		if _, err := c.Alert.Update().
			Where(entalert.HasIncidentsWith(incident.ID(id))).
			SetStatus(status).Save(ctx); err != nil {
			return nil, nil, fmt.Errorf("closing the incident's alerts: %w", err)
		}
	}
	if inc.MultiResource {
		// Its resources' keys: the cross-resource pass that follows their
		// recomputation is what revisits a multi-resource incident.
		ks, err := c.Alert.Query().Where(entalert.HasIncidentsWith(incident.ID(id)), entalert.ResourceKeyNEQ("")).
			Unique(true).Select(entalert.FieldResourceKey).Strings(ctx)
		if err != nil {
			return nil, nil, fmt.Errorf("the incident's resources: %w", err)
		}
		return inc, ks, nil
	}
	return inc, keys(inc.ResourceKey), nil
}

// ErrMerged is returned for a change to an incident that another absorbed.
var ErrMerged = fmt.Errorf("incident was merged")

func keys(k string) []string {
	if k == "" {
		return nil
	}
	return []string{k}
}

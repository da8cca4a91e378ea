package graph

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/graph/model"
	"github.com/vigil-soc/vigil/ingest"
)

// maxIngestItems bounds one ingestAlerts call; larger batches go to
// POST /api/alerts.
const maxIngestItems = 5000

func (r *Resolver) ingest(ctx context.Context, in []*model.AlertInput) (*ingest.Result, error) {
	if len(in) > maxIngestItems {
		return nil, invalidf("at most %d alerts per call; use POST /api/alerts for more", maxIngestItems)
	}
	items := make([]ingest.Item, len(in))
	for i, a := range in {
		items[i] = ingest.Item{Index: i, Alert: fromInput(a)}
		if err := items[i].Alert.Validate(); err != nil {
			// Reported here so that the error names AlertInput's fields.
			items[i] = ingest.Item{Index: i, Err: inputFieldError(err)}
		}
	}
	res, err := r.Ingester.Items(ctx, items)
	if err != nil {
		return nil, err
	}
	return &res, nil
}

// fromInput turns typed GraphQL input into a normalised alert.
func fromInput(in *model.AlertInput) *alerts.Alert {
	a := &alerts.Alert{
		SystemAlertID:     in.SystemAlertID,
		AlertType:         deref(in.AlertType),
		DisplayName:       in.DisplayName,
		Description:       deref(in.Description),
		VendorName:        deref(in.VendorName),
		ProductName:       deref(in.ProductName),
		Severity:          in.Severity,
		Status:            alerts.Active,
		Tactics:           in.Tactics,
		Techniques:        in.Techniques,
		StartTime:         in.StartTime.UTC(),
		RemediationSteps:  in.RemediationSteps,
		ResourceID:        deref(in.ResourceID),
		CompromisedEntity: deref(in.CompromisedEntity),
		SourceIPs:         in.SourceIPs,
	}
	if in.Status != nil {
		a.Status = *in.Status
	}
	if in.EndTime != nil {
		a.EndTime = in.EndTime.UTC()
	}
	if len(in.ExtendedProperties) > 0 {
		a.ExtendedProperties = make(map[string]string, len(in.ExtendedProperties))
		for _, p := range in.ExtendedProperties {
			a.ExtendedProperties[p.Name] = p.Value
		}
	}
	a.Raw, _ = json.Marshal(in)
	return a
}

// inputNames spells the fields alerts.Validate names (as the wire formats
// do) the way AlertInput does. Validate's messages are fixed texts, and
// AlertInput's enums keep client values out of them.
var inputNames = strings.NewReplacer("startTimeUtc", "startTime", "endTimeUtc", "endTime", "intent", "tactics")

func inputFieldError(err error) error {
	var fe *alerts.FieldError
	if !errors.As(err, &fe) {
		return err
	}
	return &alerts.FieldError{Field: inputNames.Replace(fe.Field), Msg: inputNames.Replace(fe.Msg)}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

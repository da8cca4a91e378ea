package correlate

import (
	"context"
	"fmt"

	"github.com/vigil-soc/vigil/ent"
	"github.com/vigil-soc/vigil/ent/incidentlink"
	"github.com/vigil-soc/vigil/killchain"
)

// reason is why an alert joined an incident, with the tying entity key for
// incidentlink.ReasonENTITY.
type reason struct {
	kind incidentlink.Reason
	key  string
}

// linkRows bounds the link rows one statement writes (nine parameters each).
const linkRows = 1000

// writeLinks records, for each alert of ids joining incident incID, why
// (from why, else MERGE: it came with an absorbed incident) under rule.
func writeLinks(ctx context.Context, tx *ent.Tx, incID int, ids []int, why map[int]reason, alerts func(int) *ent.Alert, rule Rule) error {
	for start := 0; start < len(ids); start += linkRows {
		part := ids[start:min(start+linkRows, len(ids))]
		bulk := make([]*ent.IncidentLinkCreate, 0, len(part))
		for _, id := range part {
			r, ok := why[id]
			if !ok {
				r = reason{kind: incidentlink.ReasonMERGE}
			}
			c := tx.IncidentLink.Create().SetIncidentID(incID).SetAlertID(id).
				SetRule(rule.Name).SetRuleVersion(rule.Version).SetReason(r.kind)
			tactics := []killchain.Tactic{}
			if a := alerts(id); a != nil && a.Tactics != nil {
				tactics = a.Tactics
			}
			c.SetTactics(tactics)
			if r.key != "" {
				c.SetEntityKind(kindOf(r.key)).SetEntityValue(r.key)
			}
			bulk = append(bulk, c)
		}
		if err := tx.IncidentLink.CreateBulk(bulk...).Exec(ctx); err != nil {
			return fmt.Errorf("recording why alerts joined incident: %w", err)
		}
	}
	return nil
}

// dropLinks removes the links of an incident that another absorbed.
func dropLinks(ctx context.Context, tx *ent.Tx, incID int) error {
	if _, err := tx.IncidentLink.Delete().Where(incidentlink.IncidentID(incID)).Exec(ctx); err != nil {
		return fmt.Errorf("dropping links of a merged incident: %w", err)
	}
	return nil
}

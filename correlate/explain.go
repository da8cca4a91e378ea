package correlate

import (
	"context"
	"fmt"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/vigil-soc/vigil/ent"
	"github.com/vigil-soc/vigil/ent/alert"
	"github.com/vigil-soc/vigil/ent/incidentlink"
	"github.com/vigil-soc/vigil/ent/predicate"
	"github.com/vigil-soc/vigil/ent/resource"
	"github.com/vigil-soc/vigil/killchain"
)

// Explanation is why an incident's alerts are together. Only the rule is
// read up front; the progression, the linking entities and the links are
// read on demand, each bounded, so that an incident with 100,000 alerts
// explains itself in a few small queries.
type Explanation struct {
	IncidentID  int
	Rule        string
	RuleVersion int
}

// Step is one tactic of an incident's progression and how many of the
// incident's alerts show it; StepAlerts reads them.
type Step struct {
	IncidentID int
	Tactic     killchain.Tactic
	AlertCount int
}

// LinkingEntity is an entity value that ties resources of an incident;
// EntityResources reads them.
type LinkingEntity struct {
	IncidentID  int
	Kind, Value string
}

// Explain reads the rule that made incident id's latest link. The caller's
// client scopes it: an incident whose links the viewer cannot see has no
// rule.
func Explain(ctx context.Context, c *ent.Client, id int) (*Explanation, error) {
	x := &Explanation{IncidentID: id}
	l, err := c.IncidentLink.Query().Where(incidentlink.IncidentID(id)).
		Order(incidentlink.ByLinkedAt(sql.OrderDesc()), incidentlink.ByID(sql.OrderDesc())).
		First(ctx)
	switch {
	case ent.IsNotFound(err):
		return x, nil
	case err != nil:
		return nil, fmt.Errorf("reading the incident's latest link: %w", err)
	}
	x.Rule, x.RuleVersion = l.Rule, l.RuleVersion
	return x, nil
}

// linkedTo keeps the alerts that have a link in incident id. The alerts
// themselves go through the viewer's scope, and a link is in scope exactly
// when its alert is.
func linkedTo(id int, more ...func(t *sql.SelectTable) *sql.Predicate) predicate.Alert {
	return func(s *sql.Selector) {
		t := sql.Table(incidentlink.Table)
		ps := []*sql.Predicate{sql.EQ(t.C(incidentlink.FieldIncidentID), id)}
		for _, m := range more {
			ps = append(ps, m(t))
		}
		s.Where(sql.In(s.C(alert.FieldID), sql.Select(t.C(incidentlink.FieldAlertID)).From(t).Where(sql.And(ps...))))
	}
}

// Progression reads incident id's tactics in kill-chain order, each with
// the number of its alerts that show it: one aggregate over the alerts'
// tactic sets, however many alerts there are.
func Progression(ctx context.Context, c *ent.Client, id int) ([]*Step, error) {
	var rows []struct {
		Mask  int64 `json:"tactic_mask"`
		Count int   `json:"count"`
	}
	if err := c.Alert.Query().Where(linkedTo(id)).GroupBy(alert.FieldTacticMask).
		Aggregate(ent.Count()).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("counting the incident's alerts per tactic: %w", err)
	}
	counts := make([]int, len(killchain.All))
	for _, r := range rows {
		for i := range killchain.All {
			if r.Mask&(1<<i) != 0 {
				counts[i] += r.Count
			}
		}
	}
	steps := []*Step{}
	for i, t := range killchain.All {
		if counts[i] > 0 {
			steps = append(steps, &Step{IncidentID: id, Tactic: t, AlertCount: counts[i]})
		}
	}
	return steps, nil
}

// StepAlerts is the query of the step's alerts, in start order; the caller
// bounds it.
func StepAlerts(c *ent.Client, s *Step) *ent.AlertQuery {
	bit := int64(1) << killchain.Index(s.Tactic)
	return c.Alert.Query().Where(linkedTo(s.IncidentID), func(sel *sql.Selector) {
		sel.Where(sql.P(func(b *sql.Builder) {
			b.WriteString("(").Ident(sel.C(alert.FieldTacticMask)).WriteString(" & ").Arg(bit).WriteString(") <> 0")
		}))
	}).Order(alert.ByStartTime(), alert.ByID())
}

// entityLinks keeps incident id's links through a tying entity value.
func entityLinks(id int) []predicate.IncidentLink {
	return []predicate.IncidentLink{
		incidentlink.IncidentID(id), incidentlink.ReasonEQ(incidentlink.ReasonENTITY), incidentlink.EntityValueNEQ(""),
	}
}

// Entities reads how many entity values tie incident id's resources and
// the first of them by value.
func Entities(ctx context.Context, c *ent.Client, id, first int) (int, []*LinkingEntity, error) {
	n, err := c.IncidentLink.Query().Where(entityLinks(id)...).
		Unique(true).Select(incidentlink.FieldEntityValue).Count(ctx)
	if err != nil {
		return 0, nil, fmt.Errorf("counting the incident's linking entities: %w", err)
	}
	out := []*LinkingEntity{}
	if first <= 0 || n == 0 {
		return n, out, nil
	}
	var rows []struct {
		Kind  string `json:"entity_kind"`
		Value string `json:"entity_value"`
	}
	if err := c.IncidentLink.Query().Where(entityLinks(id)...).
		Order(incidentlink.ByEntityValue(), incidentlink.ByEntityKind()).Limit(first).
		GroupBy(incidentlink.FieldEntityValue, incidentlink.FieldEntityKind).Scan(ctx, &rows); err != nil {
		return 0, nil, fmt.Errorf("reading the incident's linking entities: %w", err)
	}
	for _, r := range rows {
		out = append(out, &LinkingEntity{IncidentID: id, Kind: r.Kind, Value: r.Value})
	}
	return n, out, nil
}

// EntityResources is the query of the resources the entity ties: those of
// the incident's alerts that joined through it, by name.
func EntityResources(c *ent.Client, e *LinkingEntity) *ent.ResourceQuery {
	through := func(t *sql.SelectTable) *sql.Predicate {
		return sql.And(sql.EQ(t.C(incidentlink.FieldReason), string(incidentlink.ReasonENTITY)), sql.EQ(t.C(incidentlink.FieldEntityValue), e.Value))
	}
	return c.Resource.Query().Where(resource.HasAlertsWith(linkedTo(e.IncidentID, through))).
		Order(resource.ByName(), resource.ByID())
}

// LinkCursor is where a page of links starts: after the link whose alert
// started at Start and has id AlertID.
type LinkCursor struct {
	Start   time.Time
	AlertID int
}

// LinkPage is one page of an incident's links, with their alerts and the
// alerts' resources.
type LinkPage struct {
	Links       []*ent.IncidentLink
	TotalCount  int
	HasNextPage bool
}

// Cursor is the cursor of a link of the page.
func (p *LinkPage) Cursor(l *ent.IncidentLink) LinkCursor {
	return LinkCursor{Start: l.Edges.Alert.StartTime, AlertID: l.AlertID}
}

// Links reads at most first of incident id's links, in their alerts' start
// order (alert id breaking ties), after the cursor when one is given, and
// how many links the incident has: a count and one page, whatever the
// incident's size.
func Links(ctx context.Context, c *ent.Client, id, first int, after *LinkCursor) (*LinkPage, error) {
	total, err := c.IncidentLink.Query().Where(incidentlink.IncidentID(id)).Count(ctx)
	if err != nil {
		return nil, fmt.Errorf("counting the incident's links: %w", err)
	}
	p := &LinkPage{Links: []*ent.IncidentLink{}, TotalCount: total}
	if total == 0 {
		return p, nil
	}
	q := c.IncidentLink.Query().Where(incidentlink.IncidentID(id))
	if after != nil {
		q.Where(incidentlink.HasAlertWith(alert.Or(
			alert.StartTimeGT(after.Start),
			alert.And(alert.StartTimeEQ(after.Start), alert.IDGT(after.AlertID)))))
	}
	links, err := q.Order(incidentlink.ByAlertField(alert.FieldStartTime), incidentlink.ByAlertID()).
		Limit(first + 1).
		WithAlert(func(q *ent.AlertQuery) { q.WithResource() }).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the incident's links: %w", err)
	}
	if len(links) > first {
		links, p.HasNextPage = links[:first], true
	}
	p.Links = links
	return p, nil
}

// Sentence tells in one sentence why a link's alert is in its incident;
// it reads the link's alert and the alert's resource when they are loaded.
func Sentence(l *ent.IncidentLink) string {
	name, place := "the alert", "its resource"
	var tactics []string
	if a := l.Edges.Alert; a != nil {
		if a.DisplayName != "" {
			name = fmt.Sprintf("%q", bound(a.DisplayName, 80))
		}
		if r := a.Edges.Resource; r != nil {
			place = r.Name
		}
	}
	for _, t := range l.Tactics {
		tactics = append(tactics, killchain.Label(t))
	}
	step := "with no known tactic"
	if len(tactics) > 0 {
		step = "as " + strings.Join(tactics, " and ")
	}
	rule := fmt.Sprintf("rule %s v%d", l.Rule, l.RuleVersion)
	at := l.LinkedAt.UTC().Format("2006-01-02 15:04 UTC")
	switch l.Reason {
	case incidentlink.ReasonENTITY:
		return fmt.Sprintf("%s on %s shares %s %s with the incident's other resources and joined %s (%s, %s).",
			name, place, l.EntityKind, strings.TrimPrefix(l.EntityValue, l.EntityKind+":"), step, rule, at)
	case incidentlink.ReasonRESOURCE_CHAIN:
		return fmt.Sprintf("%s is in the chain of alerts on %s, a resource a shared entity tied in, and joined %s (%s, %s).", name, place, step, rule, at)
	case incidentlink.ReasonMERGE:
		return fmt.Sprintf("%s came with an incident this one absorbed (%s, %s).", name, rule, at)
	}
	return fmt.Sprintf("%s is in the kill chain of alerts on %s and joined %s (%s, %s).", name, place, step, rule, at)
}

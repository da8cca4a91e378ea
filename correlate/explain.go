package correlate

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/vigil-soc/vigil/ent"
	"github.com/vigil-soc/vigil/ent/incidentlink"
	"github.com/vigil-soc/vigil/ent/resource"
	"github.com/vigil-soc/vigil/killchain"
)

// Explanation is why an incident's alerts are together.
type Explanation struct {
	Rule        string
	RuleVersion int
	Progression []*Step
	Entities    []*LinkingEntity
	Links       []*ent.IncidentLink // with their alerts and the alerts' resources
}

// Step is one tactic of an incident's progression and its alerts.
type Step struct {
	Tactic killchain.Tactic
	Alerts []*ent.Alert
}

// LinkingEntity is an entity value that ties resources of an incident.
type LinkingEntity struct {
	Kind, Value string
	Resources   []*ent.Resource
}

// Explain reads why incident id's alerts are together, in three queries
// whatever its size: its links, their alerts, and those alerts' resources.
func Explain(ctx context.Context, c *ent.Client, id int) (*Explanation, error) {
	links, err := c.IncidentLink.Query().Where(incidentlink.IncidentID(id)).
		WithAlert(func(q *ent.AlertQuery) {
			q.WithResource(func(q *ent.ResourceQuery) { q.Order(resource.ByID()) })
		}).
		Order(incidentlink.ByID()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the incident's links: %w", err)
	}
	x := &Explanation{Progression: []*Step{}, Entities: []*LinkingEntity{}}
	alertOf := func(l *ent.IncidentLink) *ent.Alert { return l.Edges.Alert }
	sort.SliceStable(links, func(i, j int) bool {
		a, b := alertOf(links[i]), alertOf(links[j])
		if !a.StartTime.Equal(b.StartTime) {
			return a.StartTime.Before(b.StartTime)
		}
		return a.SystemAlertID < b.SystemAlertID
	})
	x.Links = links
	steps := map[killchain.Tactic]*Step{}
	ties := map[string]*LinkingEntity{}
	tieRes := map[string]map[int]bool{}
	var latest *ent.IncidentLink
	for _, l := range links {
		if latest == nil || l.LinkedAt.After(latest.LinkedAt) || (l.LinkedAt.Equal(latest.LinkedAt) && l.ID > latest.ID) {
			latest = l
		}
		a := alertOf(l)
		for _, t := range killchain.Sorted(a.Tactics) {
			if steps[t] == nil {
				steps[t] = &Step{Tactic: t}
			}
			steps[t].Alerts = append(steps[t].Alerts, a)
		}
		if l.Reason == incidentlink.ReasonENTITY && l.EntityValue != "" {
			e := ties[l.EntityValue]
			if e == nil {
				e = &LinkingEntity{Kind: l.EntityKind, Value: l.EntityValue, Resources: []*ent.Resource{}}
				ties[l.EntityValue] = e
				tieRes[l.EntityValue] = map[int]bool{}
			}
			if r := a.Edges.Resource; r != nil && !tieRes[l.EntityValue][r.ID] {
				tieRes[l.EntityValue][r.ID] = true
				e.Resources = append(e.Resources, r)
			}
		}
	}
	if latest != nil {
		x.Rule, x.RuleVersion = latest.Rule, latest.RuleVersion
	}
	for _, t := range killchain.All {
		if s := steps[t]; s != nil {
			x.Progression = append(x.Progression, s)
		}
	}
	for _, e := range ties {
		x.Entities = append(x.Entities, e)
	}
	sort.Slice(x.Entities, func(i, j int) bool { return x.Entities[i].Value < x.Entities[j].Value })
	return x, nil
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

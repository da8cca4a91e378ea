package graph

import (
	"context"
	"time"

	"github.com/vigil-soc/vigil/correlate"
	"github.com/vigil-soc/vigil/ent"
	entalert "github.com/vigil-soc/vigil/ent/alert"
	"github.com/vigil-soc/vigil/graph/model"
)

// ruleModel is a resolved rule as GraphQL shows it.
func ruleModel(r correlate.Rule) *model.CorrelationRule {
	m := &model.CorrelationRule{
		Name: r.Name, Version: r.Version, Description: r.Description,
		Window: time.Duration(r.Window).String(), MinTactics: r.MinTactics, ForwardStep: *r.ForwardStep,
		MaxLifetime: time.Duration(r.MaxLifetime).String(), SeverityFloor: r.SeverityFloor,
		LinkKinds: append([]string{}, r.LinkKinds...), MaxLinkResources: r.MaxLinkResources,
		Overrides: []*model.CorrelationRuleOverride{},
	}
	for _, o := range r.Overrides {
		p := r.For(o.ResourceType)
		m.Overrides = append(m.Overrides, &model.CorrelationRuleOverride{
			ResourceType: o.ResourceType, Window: p.Window.String(), MinTactics: p.MinTactics,
			ForwardStep: p.ForwardStep, MaxLifetime: p.MaxLifetime.String(), SeverityFloor: p.SeverityFloor,
		})
	}
	return m
}

// linkSentence explains a link, loading its alert and the alert's resource
// when the link came without them (Correlation.links loads them for its
// whole page at once).
func (r *Resolver) linkSentence(ctx context.Context, l *ent.IncidentLink) (string, error) {
	if l.Edges.Alert == nil || l.Edges.Alert.Edges.Resource == nil {
		a, err := r.ent(ctx).Alert.Query().Where(entalert.ID(l.AlertID)).WithResource().Only(ctx)
		if err != nil {
			return "", err
		}
		cp := *l
		cp.Edges.Alert = a
		l = &cp
	}
	return correlate.Sentence(l), nil
}

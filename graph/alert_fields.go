package graph

import (
	"context"
	"net/url"
	"sort"
	"strings"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/ent"
	entalert "github.com/vigil-soc/vigil/ent/alert"
	"github.com/vigil-soc/vigil/ent/alertpayload"
	"github.com/vigil-soc/vigil/ent/entity"
	"github.com/vigil-soc/vigil/graph/model"
)

func extendedProperties(a *ent.Alert) []*model.Property {
	out := make([]*model.Property, 0, len(a.ExtendedProperties))
	for k, v := range a.ExtendedProperties {
		out = append(out, &model.Property{Name: k, Value: v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// httpLinks keeps the links whose href is an absolute http or https URL:
// anything else from an alert (javascript:, data: …) never reaches a client.
func httpLinks(links []alerts.Link) []*alerts.Link {
	out := make([]*alerts.Link, 0, len(links))
	for i := range links {
		u, err := url.Parse(strings.TrimSpace(links[i].Href))
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			continue
		}
		out = append(out, &links[i])
	}
	return out
}

func (r *Resolver) entityRelations(ctx context.Context, a *ent.Alert) ([]*model.EntityRelation, error) {
	if len(a.EntityRelations) == 0 {
		return []*model.EntityRelation{}, nil
	}
	var ids []int
	for _, rel := range a.EntityRelations {
		ids = append(ids, rel.From, rel.To)
	}
	es, err := r.ent(ctx).Entity.Query().Where(entity.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, err
	}
	byID := make(map[int]*ent.Entity, len(es))
	for _, e := range es {
		byID[e.ID] = e
	}
	out := make([]*model.EntityRelation, 0, len(a.EntityRelations))
	for _, rel := range a.EntityRelations {
		from, to := byID[rel.From], byID[rel.To]
		if from != nil && to != nil {
			out = append(out, &model.EntityRelation{From: from, Name: rel.Name, To: to})
		}
	}
	return out, nil
}

func (r *Resolver) raw(ctx context.Context, a *ent.Alert) (*string, error) {
	p, err := r.ent(ctx).AlertPayload.Query().
		Where(alertpayload.HasAlertWith(entalert.ID(a.ID))).
		Select(alertpayload.FieldData).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	s := strings.ToValidUTF8(string(p.Data), "\uFFFD")
	return &s, nil
}

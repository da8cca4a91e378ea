package graph

import (
	"context"

	"github.com/vigil-soc/vigil/ent"
	entalert "github.com/vigil-soc/vigil/ent/alert"
	"github.com/vigil-soc/vigil/ent/incident"
	"github.com/vigil-soc/vigil/ent/resource"
)

// incidentResources returns an incident's resources: its one resource, or
// for a multi-resource incident those of its alerts, by name.
func incidentResources(ctx context.Context, c *ent.Client, inc *ent.Incident) ([]*ent.Resource, error) {
	if !inc.MultiResource {
		if r, err := inc.Edges.ResourceOrErr(); err == nil {
			return []*ent.Resource{r}, nil
		}
		r, err := c.Incident.QueryResource(inc).Only(ctx)
		if err != nil {
			return nil, err
		}
		return []*ent.Resource{r}, nil
	}
	return c.Resource.Query().
		Where(resource.HasAlertsWith(entalert.HasIncidentsWith(incident.ID(inc.ID)))).
		Order(resource.ByName(), resource.ByID()).All(ctx)
}

// incidentResourceCount counts an incident's resources without loading
// them: 1 for a per-resource incident, one count query for a
// multi-resource one.
func incidentResourceCount(ctx context.Context, c *ent.Client, inc *ent.Incident) (int, error) {
	if !inc.MultiResource {
		return 1, nil
	}
	return c.Resource.Query().
		Where(resource.HasAlertsWith(entalert.HasIncidentsWith(incident.ID(inc.ID)))).
		Count(ctx)
}

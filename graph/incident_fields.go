package graph

import (
	"context"
	"sort"

	"github.com/99designs/gqlgen/graphql"

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
	keys, err := memberResourceKeys(ctx, c, inc)
	if err != nil {
		return nil, err
	}
	var out []*ent.Resource
	for start := 0; start < len(keys); start += 500 { // bound the IN list
		rs, err := c.Resource.Query().Where(resource.KeyIn(keys[start:min(start+500, len(keys))]...)).All(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, rs...)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// memberResourceKeys returns the distinct resource keys of an incident's
// member alerts. It reads the incident's memberships by its key and the
// members by theirs: asking for the resources that have an alert in the
// incident made SQLite walk every resource (5 s for a list page of 100
// multi-resource incidents' resourceCount).
func memberResourceKeys(ctx context.Context, c *ent.Client, inc *ent.Incident) ([]string, error) {
	return c.Alert.Query().
		Where(entalert.HasIncidentsWith(incident.ID(inc.ID)), entalert.ResourceKeyNEQ("")).
		Unique(true).Select(entalert.FieldResourceKey).Strings(ctx)
}

// incidentResourceCount counts an incident's resources without loading
// them: 1 for a per-resource incident, one count query for a
// multi-resource one.
func incidentResourceCount(ctx context.Context, c *ent.Client, inc *ent.Incident) (int, error) {
	if !inc.MultiResource {
		return 1, nil
	}
	keys, err := memberResourceKeys(ctx, c, inc)
	return len(keys), err
}

// memberLookup is the largest incident whose alerts connection is read by
// its members' ids (see memberAlerts).
const memberLookup = 1000

// memberAlerts returns, for an incident of at most memberLookup alerts
// whose alerts were not loaded with it, the query of its alerts by their
// ids: nil otherwise. Paging the edge itself (alerts joined to the
// incident's memberships, ordered by start time, LIMIT first + 1) lets
// PostgreSQL walk every alert in start-time order until it meets the
// incident's — 971 ms for a new five-alert incident among 100,000 alerts,
// on every incidentCreated payload that asks for its alerts — where the
// ids, read first, make it a lookup of a few rows.
func (r *Resolver) memberAlerts(ctx context.Context, inc *ent.Incident) *ent.AlertQuery {
	if inc.AlertCount > memberLookup {
		return nil
	}
	if fc := graphql.GetFieldContext(ctx); fc != nil {
		if _, err := inc.NamedAlerts(fc.Field.Alias); err == nil {
			return nil // loaded with the incident
		}
	}
	ids, err := inc.QueryAlerts().IDs(ctx)
	if err != nil || len(ids) > memberLookup {
		return nil // the edge's own query reports the error, or pages a larger set
	}
	return r.ent(ctx).Alert.Query().Where(entalert.IDIn(ids...))
}

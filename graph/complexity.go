package graph

import (
	"entgo.io/contrib/entgql"

	"github.com/vigil-soc/vigil/ent"
	"github.com/vigil-soc/vigil/graph/generated"
	"github.com/vigil-soc/vigil/killchain"
)

// listWeight is what a plain list field (an alert's entities, its
// incidents) costs per selected field: such lists are short, but not one item.
const listWeight = 5

// Complexity returns the cost functions that make a connection cost its page
// size times what each node selects, so that the complexity limit bounds the
// number of nodes a query can ask for: `incidents(first: 2) { alerts(first:
// 500) { … resource { alerts(first: 500) … } } }` costs half a million times
// its leaf fields, not a few hundred.
func Complexity() generated.ComplexityRoot {
	var c generated.ComplexityRoot
	alerts := func(child int, _ *entgql.Cursor[int], first *int, _ *entgql.Cursor[int], last *int, _ []*ent.AlertOrder, _ *ent.AlertWhereInput) int {
		return 1 + child*pageCost(first, last)
	}
	incidents := func(child int, _ *entgql.Cursor[int], first *int, _ *entgql.Cursor[int], last *int, _ []*ent.IncidentOrder, _ *ent.IncidentWhereInput) int {
		return 1 + child*pageCost(first, last)
	}
	c.Incident.Alerts = alerts
	c.Resource.Alerts = alerts
	c.Entity.Alerts = alerts
	c.Resource.Incidents = incidents
	c.Query.Alerts = func(child int, after *entgql.Cursor[int], first *int, before *entgql.Cursor[int], last *int, _ []*ent.AlertOrder, _ *ent.AlertWhereInput, _ []killchain.Tactic, _ *string) int {
		return 1 + child*pageCost(first, last)
	}
	c.Query.Incidents = func(child int, after *entgql.Cursor[int], first *int, before *entgql.Cursor[int], last *int, _ []*ent.IncidentOrder, _ *ent.IncidentWhereInput, _ []killchain.Tactic, _ *string, _ *bool) int {
		return 1 + child*pageCost(first, last)
	}
	c.Query.Resources = func(child int, after *entgql.Cursor[int], first *int, before *entgql.Cursor[int], last *int, _ []*ent.ResourceOrder, _ *ent.ResourceWhereInput) int {
		return 1 + child*pageCost(first, last)
	}
	c.Query.Nodes = func(child int, ids []int) int { return 1 + child*max(1, len(ids)) }
	c.Alert.Entities = func(child int) int { return 1 + child*listWeight }
	c.Alert.Incidents = func(child int) int { return 1 + child*listWeight }
	// Correlation's lists are bounded by first (or by the fourteen tactics)
	// and cost what they can hold.
	c.Correlation.Progression = func(child int) int { return 1 + child*len(killchain.All) }
	c.Correlation.Links = func(child int, first *int, _ *entgql.Cursor[int]) int { return 1 + child*listCost(first, defaultPage) }
	c.Correlation.Entities = func(child int, first *int) int { return 1 + child*listCost(first, 20) }
	c.TacticStep.Alerts = func(child int, first *int) int { return 1 + child*listCost(first, 10) }
	c.LinkingEntity.Resources = func(child int, first *int) int { return 1 + child*listCost(first, 20) }
	return c
}

// pageCost is the number of nodes a page can hold, as page() reads
// first and last (out-of-range values are refused there; here they count
// as the most a page may hold).
func pageCost(first, last *int) int {
	n := 0
	for _, p := range []*int{first, last} {
		if p != nil {
			n = max(n, *p)
		}
	}
	if first == nil && last == nil {
		n = defaultPage
	}
	return min(max(n, 1), MaxPage)
}

// listCost is the number of items a list with a first argument can hold:
// def when first is null, and at most MaxPage.
func listCost(first *int, def int) int {
	if first == nil {
		return def
	}
	return min(max(*first, 1), MaxPage)
}

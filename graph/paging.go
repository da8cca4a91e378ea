package graph

import (
	"context"
	"strings"

	"entgo.io/ent/dialect/sql"
	"github.com/99designs/gqlgen/graphql"

	"github.com/vigil-soc/vigil/ent"
	entalert "github.com/vigil-soc/vigil/ent/alert"
	"github.com/vigil-soc/vigil/ent/incident"
	"github.com/vigil-soc/vigil/ent/predicate"
	"github.com/vigil-soc/vigil/killchain"
)

// MaxPage is the most nodes one connection returns.
const MaxPage = 500

// MaxTokens is the most tokens one GraphQL document may have. The
// console's largest query has a few hundred; a literal ingestAlerts list is
// better sent as a variable, which does not count.
const MaxTokens = 3000

// defaultPage is the page size when a query gives neither first nor last.
const defaultPage = 50

// page checks first and last against MaxPage and defaults first.
func page(first, last *int) (*int, *int, error) {
	for _, n := range []*int{first, last} {
		if n != nil && (*n < 0 || *n > MaxPage) {
			return nil, nil, invalidf("first and last must be between 0 and %d", MaxPage)
		}
	}
	if first == nil && last == nil {
		n := defaultPage
		first = &n
	}
	return first, last, nil
}

// PageLimits is a field middleware that applies page to every connection,
// also to those the generated code resolves itself (Resource.alerts,
// Resource.incidents, Entity.alerts): no list returns more than MaxPage
// nodes, and one asked for with neither first nor last returns defaultPage.
// A nested connection's nodes are loaded with its parent's (entgql's field
// collection), as the query document says: with neither first nor last,
// all of them, so the default page is cut here.
func PageLimits(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Definition == nil || !strings.HasSuffix(fc.Field.Definition.Type.Name(), "Connection") {
		return next(ctx)
	}
	first, _ := fc.Args["first"].(*int)
	last, _ := fc.Args["last"].(*int)
	defaulted := first == nil && last == nil
	first, last, err := page(first, last)
	if err != nil {
		return nil, err
	}
	if _, ok := fc.Args["first"]; ok {
		fc.Args["first"], fc.Args["last"] = first, last
	}
	res, err := next(ctx)
	if err != nil || !defaulted {
		return res, err
	}
	switch c := res.(type) {
	case *ent.AlertConnection:
		firstPage(&c.Edges, &c.PageInfo, func(e *ent.AlertEdge) ent.Cursor { return e.Cursor })
	case *ent.IncidentConnection:
		firstPage(&c.Edges, &c.PageInfo, func(e *ent.IncidentEdge) ent.Cursor { return e.Cursor })
	case *ent.ResourceConnection:
		firstPage(&c.Edges, &c.PageInfo, func(e *ent.ResourceEdge) ent.Cursor { return e.Cursor })
	case *ent.EntityConnection:
		firstPage(&c.Edges, &c.PageInfo, func(e *ent.EntityEdge) ent.Cursor { return e.Cursor })
	}
	return res, nil
}

// firstPage cuts edges to the default page.
func firstPage[E any](edges *[]E, info *ent.PageInfo, cursor func(E) ent.Cursor) {
	if len(*edges) <= defaultPage {
		return
	}
	*edges = (*edges)[:defaultPage]
	end := cursor((*edges)[defaultPage-1])
	info.HasNextPage, info.EndCursor = true, &end
}

// tacticsAny keeps rows whose tactic_mask has any of the tactics' bits.
func tacticsAny(ts []killchain.Tactic) func(*sql.Selector) {
	mask := killchain.Mask(ts)
	return func(s *sql.Selector) {
		s.Where(sql.P(func(b *sql.Builder) {
			b.WriteString("(").Ident(s.C("tactic_mask")).WriteString(" & ").Arg(mask).WriteString(") <> 0")
		}))
	}
}

func alertTactics(ts []killchain.Tactic) predicate.Alert {
	return predicate.Alert(tacticsAny(ts))
}

func incidentTactics(ts []killchain.Tactic) predicate.Incident {
	return predicate.Incident(tacticsAny(ts))
}

func alertSearch(q string) predicate.Alert {
	return entalert.Or(
		entalert.DisplayNameContainsFold(q),
		entalert.DescriptionContainsFold(q),
		entalert.AlertTypeContainsFold(q),
		entalert.CompromisedEntityContainsFold(q),
	)
}

func incidentSearch(q string) predicate.Incident {
	return incident.Or(incident.TitleContainsFold(q), incident.DescriptionContainsFold(q))
}

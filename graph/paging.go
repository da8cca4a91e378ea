package graph

import (
	"entgo.io/ent/dialect/sql"

	entalert "github.com/vigil-soc/vigil/ent/alert"
	"github.com/vigil-soc/vigil/ent/incident"
	"github.com/vigil-soc/vigil/ent/predicate"
	"github.com/vigil-soc/vigil/killchain"
)

// MaxPage is the most nodes one connection returns.
const MaxPage = 500

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

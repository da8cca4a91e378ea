package main

import (
	"testing"

	"github.com/vigil-soc/vigil/store/storetest"
)

// TestComplexityWeighsPageSizes: a small query that would ask for hundreds
// of thousands of nodes is refused before it runs; the console's widest
// query (an incident with 500 alerts and their entities) is not.
func TestComplexityWeighsPageSizes(t *testing.T) {
	ts := startServer(t, storetest.SQLite(t))
	tests := []struct {
		name, query string
		refused     bool
	}{
		{"nested pages of 500 multiply", `{ incidents(first: 2) { edges { node { alerts(first: 500) { edges { node { resource { alerts(first: 500) { edges { node { displayName description } } } } } } } } } } }`, true},
		{"an incident with 500 alerts and their entities runs", `{ incidents(first: 1) { edges { node { title alerts(first: 500) { totalCount edges { cursor node { id systemAlertId displayName description severity status tactics startTime endTime remediationSteps resource { name type } entities { id kind name key } incidents { id title } } } } } } } }`, false},
		{"an incident's correlation with the console's pages runs", `{ incidents(first: 1) { edges { node { correlation { rule ruleVersion progression { tactic alertCount alerts(first: 10) { id displayName startTime resource { id name } } } entityCount entities(first: 20) { kind value resourceCount resources(first: 20) { id name } } links(first: 50) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id reason entityKind entityValue tactics linkedAt explanation alert { id displayName startTime resource { id name } } } } } } } } } }`, false},
		{"correlation links of 500 with nested alert pages multiply", `{ incidents(first: 10) { edges { node { correlation { links(first: 500) { edges { node { alert { resource { alerts(first: 500) { edges { node { displayName } } } } } } } } } } } } }`, true},
		{"a list page of 100 rows runs", `{ alerts(first: 100) { totalCount edges { node { id displayName severity status tactics startTime category resource { name type category } incidents { id } } } } }`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := ts.graphql(t, tt.query, nil, nil)
			refused := len(errs) > 0 && errs[0].code() == "COMPLEXITY_LIMIT_EXCEEDED"
			if refused != tt.refused {
				t.Fatalf("errors %+v; want refused=%v", errs, tt.refused)
			}
		})
	}
}

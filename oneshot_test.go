package main

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/store/storetest"
)

// TestSubscriptionOverPlainPOSTIsRefused: a subscription POSTed without
// asking for server-sent events is answered at once with 422, instead of
// holding the request until the first event (found by FuzzGraphQL: the
// request hung, a broker subscriber each).
func TestSubscriptionOverPlainPOSTIsRefused(t *testing.T) {
	ts := startServer(t, storetest.SQLite(t))
	for _, query := range []string{
		`subscription { incidentUpdated { id } }`,
		`subscription S { incidentCreated { id title } }`,
	} {
		body, _ := json.Marshal(map[string]any{"query": query})
		start := time.Now()
		status, answer := ts.post(t, "/graphql", "application/json", body)
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("%s: answered after %s", query, took)
		}
		var resp struct{ Errors []gqlError }
		json.Unmarshal(answer, &resp)
		if status != http.StatusUnprocessableEntity || len(resp.Errors) != 1 || resp.Errors[0].code() != "OPERATION_NOT_SUPPORTED" {
			t.Errorf("%s: status %d, answer %s; want 422 OPERATION_NOT_SUPPORTED", query, status, answer)
		}
	}
	if n := ts.broker.Subscribers(); n != 0 {
		t.Errorf("%d subscribers left by refused requests", n)
	}
}

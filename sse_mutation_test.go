package main

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/vigil-soc/vigil/store/storetest"
)

// TestMutationOverSSE sends a mutation with the Accept header urql sends by
// default (text/event-stream among others), so the SSE transport takes it:
// it must run once, in its transaction, and answer with its result.
func TestMutationOverSSE(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ts := startServer(t, dsn)
		rows := alertList(t)
		ts.ingest(t, "text/csv", readFile(t, alertListCSV))
		a := ts.alertBySystemID(t, rows[0]["SystemAlertId"])
		body := `{"query":"mutation($id: ID!) { setAlertStatus(id: $id, status: IN_PROGRESS) { id status } }","variables":{"id":"` + a.ID + `"}}`
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/graphql", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "text/event-stream, application/graphql-response+json, application/json")
		ts.authorize(req)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		out, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !bytes.Contains(out, []byte(`"status":"IN_PROGRESS"`)) || bytes.Contains(out, []byte(`"errors"`)) {
			t.Fatalf("mutation over SSE answered %s", out)
		}
		if got := ts.alertBySystemID(t, rows[0]["SystemAlertId"]); got.Status != "IN_PROGRESS" {
			t.Fatalf("status after the mutation over SSE: %s", got.Status)
		}
	})
}

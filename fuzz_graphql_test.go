package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/auth"
	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/store/storetest"
)

// FuzzGraphQL executes fuzzed GraphQL documents with fuzzed variables
// against the server's own /graphql handler (newServer, as `vigil serve`
// builds it) on SQLite with the demo alerts, and checks that no input gets
// an internal error: no 5xx, no INTERNAL (or INTERNAL_SERVER_ERROR) code,
// no panic, no error logged. The seeds are the console's own operations
// (frontend/src/gql/gql.ts), each with the fragments it uses.
func FuzzGraphQL(f *testing.F) {
	for _, doc := range consoleDocuments(f) {
		f.Add(doc, []byte(`{"id":"4294967297","first":5,"last":5,"ids":["4294967297"],"status":"IN_PROGRESS","closeAlerts":false,`+
			`"withIncidents":true,"withAlerts":true,"from":"2019-01-01T00:00:00Z","to":"2019-02-01T00:00:00Z","bucket":"DAY","offsetMinutes":0}`))
	}
	f.Add(`{ alerts(first: 3, search: "rdp", tactics: [EXECUTION]) { totalCount edges { cursor node { id raw entities { key } } } } }`, []byte(`null`))
	f.Add(`query($w: AlertWhereInput) { alerts(where: $w) { totalCount } }`, []byte(`{"w":{"or":[{"displayNameContains":"\u0000"},{"not":{}}]}}`))
	f.Add(`mutation($a: [AlertInput!]!) { ingestAlerts(alerts: $a) { accepted rejected { index error } } }`,
		[]byte(`{"a":[{"systemAlertId":"fz","displayName":"x","severity":"HIGH","startTime":"2024-01-01T00:00:00Z"}]}`))
	f.Add(`query { node(id: "x") { id } nodes(ids: ["1", "-1", "99999999999999999999"]) { id } }`, []byte(`{}`))
	f.Add(`fragment A on Query { ...B } fragment B on Query { ...A } { ...A }`, []byte(`{}`))

	log := &syncBuffer{}
	cfg := defaultConfig()
	cfg.DB = storetest.SQLite(f)
	cfg.Demo = true
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := newServer(ctx, cfg, slog.New(slog.NewTextHandler(log, nil)))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	if err := s.Start(ctx); err != nil {
		f.Fatal(err)
	}
	// An admin of every subscription: the fuzzer reaches every field.
	token, _, err := s.auth.CreateToken(cliContext(ctx), auth.TokenSpec{Name: "fuzz", Role: authz.Admin})
	if err != nil {
		f.Fatal(err)
	}
	h := s.Handler()
	f.Fuzz(func(t *testing.T, query string, variables []byte) {
		req := map[string]any{"query": query}
		if json.Valid(variables) {
			req["variables"] = json.RawMessage(variables)
		}
		body, err := json.Marshal(req)
		if err != nil {
			t.Fatal(err)
		}
		logged := len(log.String())
		status, answer := serveGraphQL(t, h, body, token)
		checkGraphQLAnswer(t, status, answer)
		if l := log.String()[logged:]; strings.Contains(l, "level=ERROR") {
			t.Fatalf("the server logged an error:\n%s", l)
		}
	})
}

// serveGraphQL posts body to the handler's /graphql and returns the answer.
func serveGraphQL(t *testing.T, h http.Handler, body []byte, token string) (int, []byte) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	ctx, cancel := context.WithTimeout(req.Context(), 20*time.Second)
	defer cancel()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req.WithContext(ctx))
	return rec.Code, rec.Body.Bytes()
}

// internalCodes are the codes of an internal error: this server's and
// gqlgen's default.
var internalCodes = map[string]bool{"INTERNAL": true, "INTERNAL_SERVER_ERROR": true}

// checkGraphQLAnswer fails t for a 5xx, an answer that is not a GraphQL
// response, or an internal error.
func checkGraphQLAnswer(t *testing.T, status int, answer []byte) {
	t.Helper()
	if status >= 500 {
		t.Fatalf("status %d: %s", status, answer)
	}
	var resp struct {
		Errors []gqlError `json:"errors"`
	}
	if err := json.Unmarshal(answer, &resp); err != nil {
		t.Fatalf("status %d, the answer is not JSON (%v): %.300s", status, err, answer)
	}
	for _, e := range resp.Errors {
		if internalCodes[e.code()] {
			t.Fatalf("an internal error: %+v", e)
		}
	}
}

// consoleDocuments returns the console's operations, each followed by the
// fragments it spreads, from the typed documents the console's codegen
// writes.
func consoleDocuments(f *testing.F) []string {
	src, err := os.ReadFile("frontend/src/gql/gql.ts")
	if err != nil {
		f.Fatal(err)
	}
	frags := map[string]string{}
	var ops []string
	seen := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\s+("(?:[^"\\]|\\.)*"): types\.`).FindAllSubmatch(src, -1) {
		var doc string
		if err := json.Unmarshal(m[1], &doc); err != nil || seen[doc] {
			continue
		}
		seen[doc] = true
		if name := regexp.MustCompile(`^\s*fragment (\w+)`).FindStringSubmatch(doc); name != nil {
			frags[name[1]] = doc
		} else {
			ops = append(ops, doc)
		}
	}
	if len(ops) == 0 {
		f.Fatal("no operations in frontend/src/gql/gql.ts")
	}
	spread := regexp.MustCompile(`\.\.\.(\w+)`)
	out := make([]string, 0, len(ops))
	for _, op := range ops {
		doc, used := op, map[string]bool{}
		for i := 0; ; i++ {
			added := false
			for _, m := range spread.FindAllStringSubmatch(doc, -1) {
				if fr, ok := frags[m[1]]; ok && !used[m[1]] {
					used[m[1]], added = true, true
					doc += fr
				}
			}
			if !added {
				break
			}
		}
		out = append(out, doc)
	}
	return out
}

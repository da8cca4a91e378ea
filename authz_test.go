package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/ent/token"
	"github.com/vigil-soc/vigil/store/storetest"
)

// The two subscriptions of the matrix: A is the test VMs' own (see
// vmResourceID), B another tenant's.
const (
	subA = "20ff7fc3-e762-44dd-bd96-b71116dcdc23"
	subB = "0b5e3b4c-7f3a-4d1e-9a43-5b1f2d6c8e90"
)

// identity is one column of the authorization matrix.
type identity struct {
	name  string
	token string
	// what the identity is expected to get
	httpStatus int        // 401/403 for the whole endpoint, 0 when it gets in
	role       authz.Role // the role it acts with when it gets in
	scope      string     // the one subscription it sees, "" for all
}

// matrixServer starts a server with an incident on a VM of subscription A
// and one on a VM of subscription B, and the identities of the matrix.
func matrixServer(t *testing.T, dsn string) (*testServer, []identity) {
	t.Helper()
	ts := startServer(t, dsn)
	start := time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
	ts.ingest(t, "application/json", chain(t, "vm-a", start))
	ts.ingest(t, "application/json", bytes.ReplaceAll(chain(t, "vm-b", start), []byte(subA), []byte(subB)))
	ts.settle(t)

	ctx := cliContext(context.Background())
	expired := ts.newToken(t, "expired", authz.Admin)
	if _, err := ts.db.Client.Token.Update().Where(token.Name("expired")).
		SetExpiresAt(time.Now().Add(-time.Minute)).Save(ctx); err != nil {
		t.Fatal(err)
	}
	revoked := ts.newToken(t, "revoked", authz.Admin)
	id, err := ts.auth.TokenByName(ctx, "revoked")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.auth.RevokeToken(ctx, id); err != nil {
		t.Fatal(err)
	}
	return ts, []identity{
		{name: "anonymous", token: "", httpStatus: http.StatusUnauthorized},
		{name: "reader", token: ts.newToken(t, "reader", authz.Reader), role: authz.Reader},
		{name: "responder", token: ts.newToken(t, "responder", authz.Responder), role: authz.Responder},
		{name: "admin", token: ts.token, role: authz.Admin},
		{name: "ingest", token: ts.newToken(t, "ingest", authz.Ingest), httpStatus: http.StatusForbidden},
		{name: "expired", token: expired, httpStatus: http.StatusUnauthorized},
		{name: "revoked", token: revoked, httpStatus: http.StatusUnauthorized},
		{name: "forged", token: "vigil_" + strings.Repeat("A", 43), httpStatus: http.StatusUnauthorized},
		{name: "reader-of-A", token: ts.newToken(t, "reader-of-A", authz.Reader, subA), role: authz.Reader, scope: subA},
		{name: "responder-of-B", token: ts.newToken(t, "responder-of-B", authz.Responder, subB), role: authz.Responder, scope: subB},
		{name: "admin-of-B", token: ts.newToken(t, "admin-of-B", authz.Admin, subB), role: authz.Admin, scope: subB},
	}
}

// operation is one row of the matrix: a root field, how to call it, the
// role it needs, and what a viewer that may call it must see.
type operation struct {
	field string
	role  authz.Role
	// query and variables; vars gets the identity's name, for names that
	// must be unique (users, tokens).
	query string
	vars  func(id identity, fx fixtures) map[string]any
	// check looks at the data of an allowed call; subs is the set of
	// subscriptions the viewer sees (nil: all).
	check func(t *testing.T, data map[string]any, id identity)
	// scopedErr is the error code a scoped viewer gets when the target is
	// out of its scope ("" when it must succeed).
	scopedErr func(id identity) string
}

// fixtures are the ids of the matrix server's data.
type fixtures struct {
	incidentA, alertA string
	tokenIDs          map[string]string // per identity, a token it may try to revoke
}

func TestAuthorizationMatrix(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		ts, ids := matrixServer(t, dsn)
		var seed struct {
			Incidents struct {
				Edges []struct {
					Node struct {
						ID       string
						Resource struct{ ResourceID string }
						Alerts   struct {
							Edges []struct{ Node struct{ ID string } }
						}
					}
				}
			}
		}
		ts.mustGraphQL(t, `{ incidents { edges { node { id resource { resourceId } alerts(first: 1) { edges { node { id } } } } } } }`, nil, &seed)
		var fx fixtures
		for _, e := range seed.Incidents.Edges {
			if strings.Contains(e.Node.Resource.ResourceID, subA) {
				fx.incidentA, fx.alertA = e.Node.ID, e.Node.Alerts.Edges[0].Node.ID
			}
		}
		if fx.incidentA == "" || len(seed.Incidents.Edges) != 2 {
			t.Fatalf("want one incident per subscription, got %+v", seed)
		}
		fx.tokenIDs = map[string]string{}
		for _, id := range ids {
			var out struct {
				CreateToken struct{ Token struct{ ID string } }
			}
			ts.mustGraphQL(t, `mutation($n: String!) { createToken(input: {name: $n, role: READER}) { token { id } } }`,
				map[string]any{"n": "to-revoke-" + id.name}, &out)
			fx.tokenIDs[id.name] = out.CreateToken.Token.ID
			var u struct{ AddUser struct{ ID string } }
			for _, prefix := range []string{"pw-", "rm-"} {
				ts.mustGraphQL(t, `mutation($n: String!) { addUser(input: {username: $n, password: "a long enough password", role: READER}) { id } }`,
					map[string]any{"n": prefix + id.name}, &u)
			}
		}

		// what an identity limited to a subscription sees of A's data
		seesA := func(id identity) bool { return id.scope == "" || id.scope == subA }
		total := func(want func(identity) int, path ...string) func(*testing.T, map[string]any, identity) {
			return func(t *testing.T, data map[string]any, id identity) {
				t.Helper()
				got := dig(data, path...)
				if n, ok := got.(float64); !ok || int(n) != want(id) {
					t.Errorf("%s: %v = %v, want %d", id.name, path, got, want(id))
				}
			}
		}
		two := func(id identity) int {
			if id.scope != "" {
				return 1
			}
			return 2
		}
		ops := []operation{
			{field: "incidents", role: authz.Reader, query: `{ incidents { totalCount edges { node { alerts { totalCount } } } } }`,
				check: total(two, "incidents", "totalCount")},
			{field: "alerts", role: authz.Reader, query: `{ alerts { totalCount } }`,
				check: total(func(id identity) int { return 2 * two(id) }, "alerts", "totalCount")},
			{field: "resources", role: authz.Reader, query: `{ resources { totalCount edges { node { alerts { totalCount } incidents { totalCount } } } } }`,
				check: total(two, "resources", "totalCount")},
			{field: "node", role: authz.Reader, query: `query($id: ID!) { node(id: $id) { id } }`,
				vars: func(_ identity, fx fixtures) map[string]any { return map[string]any{"id": fx.incidentA} },
				check: func(t *testing.T, data map[string]any, id identity) {
					if got := data["node"]; (got != nil) != seesA(id) {
						t.Errorf("%s: node(incident on A) = %v, want visible %t", id.name, got, seesA(id))
					}
				}},
			{field: "nodes", role: authz.Reader, query: `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
				vars: func(_ identity, fx fixtures) map[string]any {
					return map[string]any{"ids": []string{fx.incidentA, fx.alertA}}
				},
				check: func(t *testing.T, data map[string]any, id identity) {
					nodes, _ := data["nodes"].([]any)
					for i, n := range nodes {
						if (n != nil) != seesA(id) {
							t.Errorf("%s: nodes[%d] = %v, want visible %t", id.name, i, n, seesA(id))
						}
					}
				}},
			{field: "alertTimeline", role: authz.Reader,
				query: `{ alertTimeline(from: "2026-11-01T00:00:00Z", to: "2026-11-04T00:00:00Z", bucket: DAY) { count } }`,
				check: func(t *testing.T, data map[string]any, id identity) {
					sum := 0
					for _, b := range data["alertTimeline"].([]any) {
						sum += int(b.(map[string]any)["count"].(float64))
					}
					if sum != 2*two(id) {
						t.Errorf("%s: alertTimeline counts %d alerts, want %d", id.name, sum, 2*two(id))
					}
				}},
			{field: "viewer", role: authz.Reader, query: `{ viewer { name role subscriptions } }`,
				check: func(t *testing.T, data map[string]any, id identity) {
					if got := dig(data, "viewer", "name"); got != id.name && !(id.name == "admin" && got == "test-admin") {
						t.Errorf("viewer.name = %v, want %s", got, id.name)
					}
				}},
			{field: "auditEvents", role: authz.Admin, query: `{ auditEvents(first: 5) { totalCount } }`},
			{field: "users", role: authz.Admin, query: `{ users { username } }`},
			{field: "tokens", role: authz.Admin, query: `{ tokens { name prefix } }`},
			{field: "setAlertStatus", role: authz.Responder,
				query: `mutation($id: ID!) { setAlertStatus(id: $id, status: IN_PROGRESS) { id } }`,
				vars:  func(_ identity, fx fixtures) map[string]any { return map[string]any{"id": fx.alertA} },
				scopedErr: func(id identity) string {
					if seesA(id) {
						return ""
					}
					return "NOT_FOUND"
				}},
			{field: "setIncidentStatus", role: authz.Responder,
				query: `mutation($id: ID!) { setIncidentStatus(id: $id, status: IN_PROGRESS) { id } }`,
				vars:  func(_ identity, fx fixtures) map[string]any { return map[string]any{"id": fx.incidentA} },
				scopedErr: func(id identity) string {
					if seesA(id) {
						return ""
					}
					return "NOT_FOUND"
				}},
			{field: "ingestAlerts", role: authz.Responder,
				query: `mutation($id: String!) { ingestAlerts(alerts: [{systemAlertId: $id, displayName: "Matrix probe", severity: LOW, startTime: "2026-11-02T09:00:00Z",
					resourceId: "/subscriptions/` + subA + `/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-probe"}]) { accepted rejected { error } } }`,
				vars: func(id identity, _ fixtures) map[string]any { return map[string]any{"id": "matrix-" + id.name} },
				check: func(t *testing.T, data map[string]any, id identity) {
					want := 0.0
					if seesA(id) {
						want = 1
					}
					if got := dig(data, "ingestAlerts", "accepted"); got != want {
						t.Errorf("%s: ingestAlerts accepted %v of an alert of subscription A, want %v (%v)", id.name, got, want, data)
					}
				}},
			{field: "addUser", role: authz.Admin,
				query: `mutation($n: String!) { addUser(input: {username: $n, password: "a long enough password", role: READER}) { username } }`,
				vars:  func(id identity, _ fixtures) map[string]any { return map[string]any{"n": "new-" + id.name} }},
			{field: "setUserPassword", role: authz.Admin,
				query: `mutation($n: String!) { setUserPassword(username: $n, password: "another long password") }`,
				vars:  func(id identity, _ fixtures) map[string]any { return map[string]any{"n": "pw-" + id.name} }},
			{field: "removeUser", role: authz.Admin, query: `mutation($n: String!) { removeUser(username: $n) }`,
				vars: func(id identity, _ fixtures) map[string]any { return map[string]any{"n": "rm-" + id.name} }},
			{field: "createToken", role: authz.Admin,
				query: `mutation($n: String!) { createToken(input: {name: $n, role: READER}) { secret } }`,
				vars:  func(id identity, _ fixtures) map[string]any { return map[string]any{"n": "made-by-" + id.name} }},
			{field: "revokeToken", role: authz.Admin, query: `mutation($id: ID!) { revokeToken(id: $id) { revokedAt } }`,
				vars: func(id identity, fx fixtures) map[string]any { return map[string]any{"id": fx.tokenIDs[id.name]} }},
		}

		// Every root field of the schema has its row: a new field without
		// one fails here.
		var schema struct {
			Schema struct {
				QueryType, MutationType struct{ Fields []struct{ Name string } }
			} `json:"__schema"`
		}
		ts.mustGraphQL(t, `{ __schema { queryType { fields { name } } mutationType { fields { name } } } }`, nil, &schema)
		var rows []string
		for _, op := range ops {
			rows = append(rows, op.field)
		}
		for _, f := range append(schema.Schema.QueryType.Fields, schema.Schema.MutationType.Fields...) {
			if !slices.Contains(rows, f.Name) {
				t.Errorf("root field %s has no row in the authorization matrix", f.Name)
			}
		}

		for _, op := range ops {
			for _, id := range ids {
				t.Run(op.field+"/"+id.name, func(t *testing.T) {
					var vars map[string]any
					if op.vars != nil {
						vars = op.vars(id, fx)
					}
					status, data, errs := ts.as(id.token).graphqlStatus(t, op.query, vars)
					switch {
					case id.httpStatus != 0:
						wantCode := map[int]string{401: "UNAUTHENTICATED", 403: "FORBIDDEN"}[id.httpStatus]
						if status != id.httpStatus || len(errs) != 1 || errs[0].code() != wantCode || data != nil {
							t.Errorf("status %d, data %v, errors %+v; want %d %s and no data", status, data, errs, id.httpStatus, wantCode)
						}
					case !id.role.Includes(op.role) || op.role == authz.Admin && id.scope != "":
						if len(errs) != 1 || errs[0].code() != "FORBIDDEN" || dig(data, op.field) != nil {
							t.Errorf("status %d, data %v, errors %+v; want FORBIDDEN", status, data, errs)
						}
					case (op.field == "node" || op.field == "nodes") && !seesA(id):
						// Out of scope is not found.
						if len(errs) == 0 || errs[0].code() != "NOT_FOUND" {
							t.Errorf("errors %+v, want NOT_FOUND", errs)
						}
						op.check(t, data, id)
					case op.scopedErr != nil && op.scopedErr(id) != "":
						if len(errs) != 1 || errs[0].code() != op.scopedErr(id) {
							t.Errorf("errors %+v, want %s", errs, op.scopedErr(id))
						}
					default:
						if status != http.StatusOK || len(errs) != 0 || dig(data, op.field) == nil && op.field != "node" {
							t.Fatalf("status %d, data %v, errors %+v; want the field", status, data, errs)
						}
						if op.check != nil {
							op.check(t, data, id)
						}
					}
				})
			}
		}
	})
}

// graphqlStatus posts a query and returns the status, data and errors.
func (ts *testServer) graphqlStatus(t *testing.T, query string, vars map[string]any) (int, map[string]any, []gqlError) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	status, raw := ts.post(t, "/graphql", "application/json", body)
	var resp struct {
		Data   map[string]any `json:"data"`
		Errors []gqlError     `json:"errors"`
	}
	if err := json.Unmarshal(raw, &resp); err != nil {
		t.Fatalf("POST /graphql: %d %v in %s", status, err, raw)
	}
	return status, resp.Data, resp.Errors
}

// dig follows keys into decoded JSON.
func dig(v any, path ...string) any {
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// TestSubscriptionAuthorization: the same identities over the websocket.
// connection_init carries the token; refused connections close with 4403;
// a scoped viewer is never sent an incident of another subscription; a
// revoked token's subscription ends.
func TestSubscriptionAuthorization(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		ts, ids := matrixServer(t, dsn)
		open := map[string]*wsClient{}
		for _, id := range ids {
			conn, _, err := dialGraphQL(ts, nil)
			if err != nil {
				t.Fatalf("%s: dialing: %v", id.name, err)
			}
			t.Cleanup(func() { conn.CloseNow() })
			c := &wsClient{conn: conn}
			payload := []byte(`{}`)
			if id.token != "" {
				payload, _ = json.Marshal(map[string]string{"Authorization": "Bearer " + id.token})
			}
			c.send(t, wsMessage{Type: "connection_init", Payload: payload})
			m, err := c.readErr(t, 5*time.Second)
			if id.httpStatus != 0 {
				if err == nil && m.Type == "connection_ack" {
					t.Errorf("%s: connection_ack, want the connection refused", id.name)
				}
				// gqlgen sends connection_error, then closes with 4403.
				for err == nil {
					m, err = c.readErr(t, 5*time.Second)
				}
				if !strings.Contains(err.Error(), "4403") {
					t.Errorf("%s: connection ended with %v, want close code 4403", id.name, err)
				}
				continue
			}
			if err != nil || m.Type != "connection_ack" {
				t.Fatalf("%s: answer to connection_init %+v %v, want connection_ack", id.name, m, err)
			}
			c.subscribe(t, "1", `subscription { incidentCreated { resource { resourceId } } }`)
			open[id.name] = c
		}
		// A cookie-less, token-less socket also cannot subscribe before
		// connection_init: covered by gqlgen's protocol handling.

		// A new incident on B, then one on A.
		start := time.Date(2026, 11, 3, 8, 0, 0, 0, time.UTC)
		ts.ingest(t, "application/json", bytes.ReplaceAll(chain(t, "vm-b2", start), []byte(subA), []byte(subB)))
		ts.settle(t)
		ts.ingest(t, "application/json", chain(t, "vm-a2", start))
		ts.settle(t)
		for _, id := range ids {
			c := open[id.name]
			if c == nil {
				continue
			}
			var got []string
			for len(got) < 2 {
				m, err := c.readErr(t, 3*time.Second)
				if err != nil {
					break
				}
				if m.Type == "next" {
					var p struct {
						Data struct {
							IncidentCreated struct{ Resource struct{ ResourceID string } }
						}
					}
					json.Unmarshal(m.Payload, &p)
					got = append(got, p.Data.IncidentCreated.Resource.ResourceID)
				}
			}
			var want []string
			for _, vm := range []string{"vm-b2", "vm-a2"} {
				sub := subA
				if vm == "vm-b2" {
					sub = subB
				}
				if id.scope == "" || id.scope == sub {
					want = append(want, strings.ReplaceAll(vmResourceID(vm), subA, sub))
				}
			}
			sort.Strings(got)
			sort.Strings(want)
			if !slices.Equal(got, want) {
				t.Errorf("%s was sent incidents on %v, want %v", id.name, got, want)
			}
		}

		// Revoking the reader's token ends its subscription.
		var out struct{ Tokens []struct{ ID, Name string } }
		ts.mustGraphQL(t, `{ tokens { id name } }`, nil, &out)
		for _, tk := range out.Tokens {
			if tk.Name == "reader" {
				ts.mustGraphQL(t, `mutation($id: ID!) { revokeToken(id: $id) { id } }`, map[string]any{"id": tk.ID}, nil)
			}
		}
		c := open["reader"]
		deadline := time.Now().Add(15 * time.Second)
		for {
			m, err := c.readErr(t, 15*time.Second)
			if err != nil || m.Type == "complete" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the revoked token's subscription is still open")
			}
		}
	})
}

// login posts the credentials and returns the status, the session cookie
// and the body.
func (ts *testServer) login(t *testing.T, username, password string, header http.Header) (int, *http.Cookie, []byte) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"username": username, "password": password})
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/login", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	buf.ReadFrom(resp.Body)
	for _, c := range resp.Cookies() {
		if c.Name == "vigil_session" && c.Value != "" {
			return resp.StatusCode, c, buf.Bytes()
		}
	}
	return resp.StatusCode, nil, buf.Bytes()
}

// withCookie sends a request with the session cookie and extra headers.
func (ts *testServer) withCookie(t *testing.T, method, path string, c *http.Cookie, body []byte, header map[string]string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, ts.URL+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if c != nil {
		req.AddCookie(c)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	buf.ReadFrom(resp.Body)
	return resp.StatusCode, buf.Bytes()
}

const adminPassword = "correct horse battery staple"

// TestLoginSessionAndCSRF: the console's cookie session, its attributes,
// logout, and the same-origin rule for state changes and websockets.
func TestLoginSessionAndCSRF(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		ts := startServer(t, dsn, func(c *Config) { c.AdminPassword = adminPassword })
		ts.ingest(t, "application/json", chain(t, "vm-csrf", time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)))
		ts.settle(t)
		incident := ts.allIncidents(t)[0].ID

		status, cookie, body := ts.login(t, "admin", adminPassword, nil)
		if status != http.StatusOK || cookie == nil {
			t.Fatalf("login: %d %s, want 200 and a cookie", status, body)
		}
		if !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode || cookie.Path != "/" {
			t.Errorf("cookie %+v, want HttpOnly, SameSite=Strict, Path=/", cookie)
		}
		if !bytes.Contains(body, []byte(`"username":"admin"`)) || !bytes.Contains(body, []byte(`"role":"admin"`)) {
			t.Errorf("login answered %s", body)
		}
		mutation, _ := json.Marshal(map[string]any{"query": `mutation($id: ID!) { setIncidentStatus(id: $id, status: IN_PROGRESS) { status } }`,
			"variables": map[string]any{"id": incident}})
		self := ts.URL
		cases := []struct {
			name   string
			header map[string]string
			want   int
		}{
			{"same origin by Sec-Fetch-Site", map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": self}, 200},
			{"same origin by Origin", map[string]string{"Origin": self}, 200},
			{"cross-site by Sec-Fetch-Site", map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, 403},
			{"same-site other origin", map[string]string{"Sec-Fetch-Site": "same-site", "Origin": "http://other.localhost"}, 403},
			{"cross origin by Origin", map[string]string{"Origin": "https://evil.example"}, 403},
			{"null origin", map[string]string{"Origin": "null"}, 403},
		}
		for _, tc := range cases {
			got, out := ts.withCookie(t, http.MethodPost, "/graphql", cookie, mutation, tc.header)
			if got != tc.want {
				t.Errorf("%s: POST /graphql with the cookie = %d %s, want %d", tc.name, got, out, tc.want)
			}
			if tc.want == 200 && !bytes.Contains(out, []byte("IN_PROGRESS")) {
				t.Errorf("%s: %s", tc.name, out)
			}
		}
		// A cross-origin login is refused too (login CSRF).
		if got, _, out := ts.login(t, "admin", adminPassword, http.Header{"Origin": {"https://evil.example"}}); got != http.StatusForbidden {
			t.Errorf("cross-origin login = %d %s, want 403", got, out)
		}
		// A cross-origin websocket upgrade with the cookie is refused.
		h := http.Header{"Origin": {"https://evil.example"}, "Cookie": {cookie.String()}}
		if conn, resp, err := dialGraphQL(ts, h); err == nil {
			conn.CloseNow()
			t.Error("a cross-origin websocket with the session cookie was accepted")
		} else if resp == nil || resp.StatusCode != http.StatusForbidden {
			t.Errorf("cross-origin websocket: %v, want 403", err)
		}
		// Same-origin websocket with the cookie: connection_ack without a token.
		conn, _, err := dialGraphQL(ts, http.Header{"Origin": {self}, "Cookie": {cookie.String()}})
		if err != nil {
			t.Fatalf("same-origin websocket with the cookie: %v", err)
		}
		c := &wsClient{conn: conn}
		c.send(t, wsMessage{Type: "connection_init", Payload: json.RawMessage(`{}`)})
		if m := c.read(t, 5*time.Second); m.Type != "connection_ack" {
			t.Errorf("cookie websocket: %+v, want connection_ack", m)
		}
		conn.CloseNow()

		if got, out := ts.withCookie(t, http.MethodGet, "/api/session", cookie, nil, nil); got != 200 || !bytes.Contains(out, []byte(`"username":"admin"`)) {
			t.Errorf("GET /api/session = %d %s", got, out)
		}
		if got, _ := ts.withCookie(t, http.MethodPost, "/api/logout", cookie, nil, map[string]string{"Origin": self}); got != http.StatusNoContent {
			t.Errorf("logout = %d, want 204", got)
		}
		query, _ := json.Marshal(map[string]string{"query": "{ incidents { totalCount } }"})
		if got, out := ts.withCookie(t, http.MethodPost, "/graphql", cookie, query, map[string]string{"Origin": self}); got != http.StatusUnauthorized {
			t.Errorf("the cookie after logout: %d %s, want 401", got, out)
		}
		if got, _ := ts.withCookie(t, http.MethodGet, "/api/session", cookie, nil, nil); got != http.StatusUnauthorized {
			t.Errorf("GET /api/session after logout = %d, want 401", got)
		}
		// Open paths.
		for _, path := range []string{"/healthz", "/", "/login", "/incidents/1", "/playground"} {
			if got, _ := ts.as("").get(t, path); got != http.StatusOK {
				t.Errorf("GET %s without credentials = %d, want 200", path, got)
			}
		}
		for _, path := range []string{"/metrics", "/api/session"} {
			if got, _ := ts.as("").get(t, path); got != http.StatusUnauthorized {
				t.Errorf("GET %s without credentials = %d, want 401", path, got)
			}
		}
		if got, _ := ts.as("").post(t, "/api/alerts", "application/json", chain(t, "vm-anon", time.Now())); got != http.StatusUnauthorized {
			t.Errorf("POST /api/alerts without credentials = %d, want 401", got)
		}
	})
}

// TestLoginThrottle: repeated bad passwords lock the account for a while;
// the right password is refused during the lockout and works after it.
func TestLoginThrottle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		ts := startServer(t, dsn, func(c *Config) {
			c.AdminPassword = adminPassword
			c.Auth.MaxFailures = 3
			c.Auth.Lockout = time.Second
			c.Auth.MaxLockout = 2 * time.Second
		})
		for i := 1; i <= 2; i++ {
			if got, _, body := ts.login(t, "admin", fmt.Sprintf("wrong password %d", i), nil); got != http.StatusUnauthorized ||
				!bytes.Contains(body, []byte("wrong username or password")) {
				t.Fatalf("bad password %d: %d %s, want 401", i, got, body)
			}
		}
		got, _, body := ts.login(t, "admin", "wrong password 3", nil)
		if got != http.StatusTooManyRequests || !bytes.Contains(body, []byte("too many failed logins")) {
			t.Fatalf("third bad password: %d %s, want 429", got, body)
		}
		if got, c, body := ts.login(t, "admin", adminPassword, nil); got != http.StatusTooManyRequests || c != nil {
			t.Fatalf("right password during the lockout: %d %s, want 429 and no session", got, body)
		}
		// An unknown user is throttled the same way: no hint which names exist.
		for i := 0; i < 3; i++ {
			ts.login(t, "nosuchuser", "wrong", nil)
		}
		if got, _, _ := ts.login(t, "nosuchuser", "wrong", nil); got != http.StatusTooManyRequests {
			t.Errorf("unknown user after 3 failures: %d, want 429", got)
		}
		eventually(t, 5*time.Second, "the lockout to end", func() bool {
			got, c, _ := ts.login(t, "admin", adminPassword, nil)
			return got == http.StatusOK && c != nil
		})
		var audit struct {
			AuditEvents struct {
				Edges []struct {
					Node struct{ Action, Actor string }
				}
			}
		}
		ts.mustGraphQL(t, `{ auditEvents(first: 100, orderBy: {field: TIME, direction: ASC}) { edges { node { action actor } } } }`, nil, &audit)
		counts := map[string]int{}
		for _, e := range audit.AuditEvents.Edges {
			if e.Node.Actor == "anonymous" || e.Node.Actor == "user:admin" {
				counts[e.Node.Action]++
			}
		}
		if counts["login.failed"] != 6 || counts["login.locked"] != 2 || counts["login"] != 1 {
			t.Errorf("audit log counts %v, want 6 login.failed, 2 login.locked (admin, nosuchuser), 1 login", counts)
		}
	})
}

// TestNoSecretsInAnswersOrLogs runs the identity flows and looks for every
// secret in every answer and log line: passwords, password hashes, token
// secrets and digests, session ids. The token's secret appears once, in
// the createToken answer; the session id only in Set-Cookie.
func TestNoSecretsInAnswersOrLogs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		ts := startServer(t, dsn, func(c *Config) { c.AdminPassword = adminPassword })
		var answers bytes.Buffer
		record := func(b []byte) { answers.Write(b); answers.WriteByte('\n') }

		_, cookie, body := ts.login(t, "admin", adminPassword, nil)
		record(body)
		_, _, body = ts.login(t, "admin", "a wrong password", nil)
		record(body)
		var created struct{ CreateToken struct{ Secret string } }
		ts.mustGraphQL(t, `mutation { createToken(input: {name: "leak-check", role: INGEST}) { secret } }`, nil, &created)
		secret := created.CreateToken.Secret
		if !strings.HasPrefix(secret, "vigil_") || len(secret) < 40 {
			t.Fatalf("token secret %q", secret)
		}
		_, out := ts.as(secret).post(t, "/api/alerts", "application/json", chain(t, "vm-leak", time.Now()))
		record(out)
		_, out = ts.as(secret+"x").post(t, "/api/alerts", "application/json", chain(t, "vm-leak", time.Now()))
		record(out)
		ts.mustGraphQL(t, `mutation { addUser(input: {username: "ana", password: "anas long password", role: READER}) { id } }`, nil, nil)
		for _, q := range []string{`{ users { id username role subscriptions createdAt passwordChangedAt } }`,
			`{ tokens { id name prefix role createdBy createdAt lastUsedAt } }`,
			`{ auditEvents(first: 200) { edges { node { action actor target address detail } } } }`,
			`{ viewer { name role kind } }`} {
			body, _ := json.Marshal(map[string]string{"query": q})
			_, out := ts.post(t, "/graphql", "application/json", body)
			record(out)
		}
		_, out = ts.withCookie(t, http.MethodGet, "/api/session", cookie, nil, nil)
		record(out)

		var hashes []string
		for _, u := range ts.db.Client.User.Query().AllX(cliContext(context.Background())) {
			hashes = append(hashes, u.PasswordHash)
		}
		for _, tk := range ts.db.Client.Token.Query().AllX(cliContext(context.Background())) {
			hashes = append(hashes, tk.Hash)
		}
		secrets := append([]string{adminPassword, "anas long password", "a wrong password", secret, ts.token, cookie.Value}, hashes...)
		for _, s := range secrets {
			if strings.Contains(answers.String(), s) {
				t.Errorf("an answer shows the secret %.12s…", s)
			}
			if strings.Contains(ts.logs.String(), s) {
				t.Errorf("the log shows the secret %.12s…", s)
			}
		}
		if !regexp.MustCompile(`"prefix":"vigil_`).Match(answers.Bytes()) {
			t.Error("tokens list shows no prefix to tell tokens apart")
		}
	})
}

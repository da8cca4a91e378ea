package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/store/storetest"
)

// gqlError is one error of a GraphQL answer.
type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

func (e gqlError) code() string {
	c, _ := e.Extensions["code"].(string)
	return c
}

// graphql runs one operation over HTTP POST, decodes its data into out (when
// not nil) and returns its errors. Every error answer is checked for
// internals.
func (ts *testServer) graphql(t *testing.T, query string, vars map[string]any, out any) []gqlError {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	status, raw := ts.post(t, "/graphql", "application/json", body)
	if status >= 500 {
		t.Fatalf("POST /graphql: status %d: %s", status, raw)
	}
	var resp struct {
		Data   json.RawMessage `json:"data"`
		Errors json.RawMessage `json:"errors"`
	}
	if err := json.Unmarshal(raw, &resp); err != nil {
		t.Fatalf("POST /graphql: %v in %s", err, raw)
	}
	var errs []gqlError
	if len(resp.Errors) > 0 {
		assertNoLeaks(t, "GraphQL errors", resp.Errors)
		if err := json.Unmarshal(resp.Errors, &errs); err != nil {
			t.Fatalf("errors: %v in %s", err, resp.Errors)
		}
	}
	if out != nil && len(resp.Data) > 0 && !bytes.Equal(resp.Data, []byte("null")) {
		if err := json.Unmarshal(resp.Data, out); err != nil {
			t.Fatalf("data: %v in %s", err, resp.Data)
		}
	}
	return errs
}

// mustGraphQL is graphql that fails t on any error.
func (ts *testServer) mustGraphQL(t *testing.T, query string, vars map[string]any, out any) {
	t.Helper()
	if errs := ts.graphql(t, query, vars, out); len(errs) > 0 {
		t.Fatalf("%s\nerrors: %+v", query, errs)
	}
}

type resourceNode struct {
	ID, ResourceID, Name, Type string
}

type alertNode struct {
	ID, SystemAlertID, DisplayName, Severity, Status string
	Tactics                                          []string
	StartTime                                        time.Time
	Resource                                         *resourceNode
	Incidents                                        []struct{ ID, Title, Status string }
}

type incidentNode struct {
	ID, Title, Description, Severity, Status string
	IsActive                                 bool
	Tactics, SourceIPs                       []string
	Resource                                 resourceNode
	Alerts                                   struct {
		TotalCount int
		Edges      []struct{ Node alertNode }
	}
}

func (inc incidentNode) alertNames() []string {
	var out []string
	for _, e := range inc.Alerts.Edges {
		out = append(out, e.Node.DisplayName)
	}
	return out
}

const incidentFields = `id title description severity status isActive tactics sourceIPs
	resource { id resourceId name type }
	alerts(first: 200) { totalCount edges { node { id systemAlertId displayName status startTime } } }`

// allIncidents returns every incident (at most 50: with 200 alerts each,
// that is what the complexity limit lets one query ask for).
func (ts *testServer) allIncidents(t *testing.T) []incidentNode {
	t.Helper()
	var data struct {
		Incidents struct {
			TotalCount int
			Edges      []struct{ Node incidentNode }
		}
	}
	ts.mustGraphQL(t, `{ incidents(first: 50) { totalCount edges { node { `+incidentFields+` } } } }`, nil, &data)
	if data.Incidents.TotalCount > 50 {
		t.Fatalf("%d incidents: allIncidents reads at most 50", data.Incidents.TotalCount)
	}
	var out []incidentNode
	for _, e := range data.Incidents.Edges {
		out = append(out, e.Node)
	}
	return out
}

// incidentsOn returns the incidents whose resource is named name.
func incidentsOn(incs []incidentNode, name string) []incidentNode {
	var out []incidentNode
	for _, inc := range incs {
		if inc.Resource.Name == name {
			out = append(out, inc)
		}
	}
	return out
}

// alertBySystemID returns the stored alert with the vendor id id.
func (ts *testServer) alertBySystemID(t *testing.T, id string) alertNode {
	t.Helper()
	var data struct {
		Alerts struct{ Edges []struct{ Node alertNode } }
	}
	ts.mustGraphQL(t, `query($id: String!) { alerts(where: {systemAlertID: $id}) { edges { node {
		id systemAlertId displayName severity status tactics startTime resource { id resourceId name type } incidents { id title status } } } } }`,
		map[string]any{"id": id}, &data)
	if len(data.Alerts.Edges) != 1 {
		t.Fatalf("alerts with systemAlertId %s: %d, want 1", id, len(data.Alerts.Edges))
	}
	return data.Alerts.Edges[0].Node
}

// killChain is the Tactic enum of CONTRACT.md, in kill-chain order.
var killChain = []string{"RECONNAISSANCE", "RESOURCE_DEVELOPMENT", "INITIAL_ACCESS", "EXECUTION", "PERSISTENCE",
	"PRIVILEGE_ESCALATION", "DEFENSE_EVASION", "CREDENTIAL_ACCESS", "DISCOVERY", "LATERAL_MOVEMENT",
	"COLLECTION", "COMMAND_AND_CONTROL", "EXFILTRATION", "IMPACT"}

var severityRank = map[string]int{"INFORMATIONAL": 0, "LOW": 1, "MEDIUM": 2, "HIGH": 3}

// vm1 is the resource of the vm1 alerts of alertlist.csv.
const vm1 = "/subscriptions/212f9889-769e-45ae-ab43-6da33674bd26/resourcegroups/ASCDEMORG/providers/Microsoft.Compute/virtualMachines/vm1"

// TestGraphQLAPI checks the API's shape (CONTRACT.md: Relay nodes and
// connections, filters, ordering, errors) and its mutations over the
// alerts of alertlist.csv plus one alert chain.
func TestGraphQLAPI(t *testing.T) {
	rows := alertList(t)
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		ts := startServer(t, dsn)
		ts.ingest(t, "text/csv", readFile(t, alertListCSV))
		chainStart := time.Date(2024, 5, 2, 9, 0, 0, 0, time.UTC)
		ts.ingest(t, "application/json", chain(t, "vm-shape", chainStart))
		ts.settle(t)
		total := len(rows) + 2

		t.Run("node and nodes resolve every type", func(t *testing.T) {
			var data struct {
				Alerts struct {
					Edges []struct {
						Node struct {
							ID       string
							Entities []struct{ ID string }
						}
					}
				}
				Incidents struct {
					Edges []struct{ Node struct{ ID string } }
				}
				Resources struct {
					Edges []struct{ Node struct{ ID string } }
				}
			}
			ts.mustGraphQL(t, `{
				alerts(where: {hasEntities: true}, first: 1) { edges { node { id entities { id } } } }
				incidents(first: 1) { edges { node { id } } }
				resources(first: 1) { edges { node { id } } } }`, nil, &data)
			if len(data.Alerts.Edges) == 0 || len(data.Alerts.Edges[0].Node.Entities) == 0 || len(data.Incidents.Edges) == 0 || len(data.Resources.Edges) == 0 {
				t.Fatalf("missing nodes to look up: %+v", data)
			}
			want := []struct{ typ, id string }{
				{"Alert", data.Alerts.Edges[0].Node.ID},
				{"Entity", data.Alerts.Edges[0].Node.Entities[0].ID},
				{"Incident", data.Incidents.Edges[0].Node.ID},
				{"Resource", data.Resources.Edges[0].Node.ID},
			}
			var ids []string
			for _, w := range want {
				var one struct {
					Node *struct{ Typename, ID string }
				}
				ts.mustGraphQL(t, `query($id: ID!) { node(id: $id) { typename: __typename id } }`, map[string]any{"id": w.id}, &one)
				if one.Node == nil || one.Node.Typename != w.typ || one.Node.ID != w.id {
					t.Errorf("node(id: %s) = %+v, want the %s", w.id, one.Node, w.typ)
				}
				ids = append(ids, w.id)
			}
			var many struct {
				Nodes []*struct{ Typename, ID string }
			}
			ts.mustGraphQL(t, `query($ids: [ID!]!) { nodes(ids: $ids) { typename: __typename id } }`, map[string]any{"ids": ids}, &many)
			if len(many.Nodes) != len(want) {
				t.Fatalf("nodes(ids: %v) = %d nodes, want %d", ids, len(many.Nodes), len(want))
			}
			for i, w := range want {
				if n := many.Nodes[i]; n == nil || n.Typename != w.typ || n.ID != w.id {
					t.Errorf("nodes(ids:)[%d] = %+v, want the %s %s", i, n, w.typ, w.id)
				}
			}
		})

		t.Run("node of an unknown id is null or NOT_FOUND", func(t *testing.T) {
			for _, id := range []string{"999999", "1099511627776"} {
				var data struct{ Node *struct{ ID string } }
				errs := ts.graphql(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": id}, &data)
				if data.Node != nil {
					t.Errorf("node(id: %s) = %+v, want null", id, data.Node)
				}
				for _, e := range errs {
					if e.code() != "NOT_FOUND" {
						t.Errorf("node(id: %s): error %+v, want none or NOT_FOUND", id, e)
					}
				}
			}
		})

		t.Run("connections page forward and backward with every item exactly once", func(t *testing.T) {
			win1 := incidentsOn(ts.allIncidents(t), "MSTICAlertsWin1")
			if len(win1) != 1 || win1[0].Alerts.TotalCount < 20 {
				t.Fatalf("incidents on MSTICAlertsWin1: %+v, want one with many alerts to page through", win1)
			}
			high := 2 // the chain's
			for _, r := range rows {
				if r["Severity"] == "High" {
					high++
				}
			}
			tests := []struct {
				name, selection string
				want            int // totalCount, -1 for whatever the server counts
			}{
				{"alerts in the default order (start time)", `alerts(PAGE) CONN`, total},
				{"alerts by severity, mostly ties", `alerts(PAGE, orderBy: [{field: SEVERITY, direction: DESC}]) CONN`, total},
				{"alerts by display name, with repeated names", `alerts(PAGE, orderBy: [{field: DISPLAY_NAME}]) CONN`, total},
				{"alerts by status, all ties", `alerts(PAGE, orderBy: [{field: STATUS}]) CONN`, total},
				{"alerts by severity, then start time", `alerts(PAGE, orderBy: [{field: SEVERITY}, {field: START_TIME, direction: DESC}]) CONN`, total},
				{"HIGH alerts, filtered while paging", `alerts(PAGE, where: {severity: HIGH}, orderBy: [{field: START_TIME}]) CONN`, high},
				{"incidents in the default order", `incidents(PAGE) CONN`, -1},
				{"incidents by severity", `incidents(PAGE, orderBy: [{field: SEVERITY, direction: DESC}]) CONN`, -1},
				{"resources by name", `resources(PAGE, orderBy: [{field: NAME}]) CONN`, -1},
				{"the alerts of the MSTICAlertsWin1 incident", `node(id: "` + win1[0].ID + `") { ... on Incident { alerts(PAGE) CONN } }`, win1[0].Alerts.TotalCount},
			}
			for _, tc := range tests {
				t.Run(tc.name, func(t *testing.T) {
					forward, count := ts.pageAll(t, tc.selection, 7, false)
					if tc.want >= 0 && count != tc.want {
						t.Errorf("totalCount %d, want %d", count, tc.want)
					}
					if len(forward) != count {
						t.Errorf("paging forward gave %d items, totalCount is %d", len(forward), count)
					}
					backward, _ := ts.pageAll(t, tc.selection, 7, true)
					slices.Reverse(backward)
					if !slices.Equal(forward, backward) {
						t.Errorf("paging backward gave another order:\n forward %v\nbackward %v", forward, backward)
					}
				})
			}
		})

		t.Run("bad arguments are BAD_USER_INPUT", func(t *testing.T) {
			many := make([]string, 501)
			for i := range many {
				many[i] = fmt.Sprint(i + 1)
			}
			tooMany := make([]string, 70000) // more than one statement of either database takes
			for i := range tooMany {
				tooMany[i] = fmt.Sprint(i + 1)
			}
			const invalid, validation = "BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED"
			tests := []struct {
				name, query string
				vars        map[string]any
				code        string
			}{
				{"alerts(first: 501)", `{ alerts(first: 501) { totalCount } }`, nil, invalid},
				{"incidents(first: 501)", `{ incidents(first: 501) { totalCount } }`, nil, invalid},
				{"resources(last: 501)", `{ resources(last: 501) { totalCount } }`, nil, invalid},
				{"alerts(first: -1)", `{ alerts(first: -1) { totalCount } }`, nil, invalid},
				{"an incident's alerts(first: 501)", `{ incidents(first: 1) { edges { node { alerts(first: 501) { totalCount } } } } }`, nil, invalid},
				{"a resource's alerts(first: 501)", `{ resources(first: 1) { edges { node { alerts(first: 501) { totalCount } } } } }`, nil, invalid},
				{"a resource's incidents(last: 501)", `{ resources(first: 1) { edges { node { incidents(last: 501) { totalCount } } } } }`, nil, invalid},
				{"an empty filter inside and", `{ alerts(where: {and: [{}]}) { totalCount } }`, nil, invalid},
				{"an empty filter inside not, on a resource's alerts", `{ resources(first: 1) { edges { node { alerts(where: {not: {}}) { totalCount } } } } }`, nil, invalid},
				{"a where list of 70,000 ids", `query($ids: [ID!]) { alerts(where: {idIn: $ids}) { totalCount } }`, map[string]any{"ids": tooMany}, invalid},
				{"a timeline from year 1 to 9999", `{ alertTimeline(from: "0001-01-01T00:00:00Z", to: "9999-01-01T00:00:00Z", bucket: HOUR) { count } }`, nil, invalid},
				{"nodes of 501 ids", `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": many}, invalid},
				{"node(id:) that is not a number", `{ node(id: "alert-1") { id } }`, nil, invalid},
				{"alerts(after:) with a cursor the server never made", `{ alerts(first: 5, after: "bm90LWEtY3Vyc29y") { totalCount } }`, nil, invalid},
				{"a where time that is not RFC 3339", `{ alerts(where: {startTimeGT: "yesterday"}) { totalCount } }`, nil, invalid},
				{"a where time that is not RFC 3339, as a variable", `query($t: Time) { alerts(where: {startTimeGT: $t}) { totalCount } }`, map[string]any{"t": "yesterday"}, invalid},
				{"ingestAlerts with severity CRITICAL fails validation", `mutation { ingestAlerts(alerts: [{systemAlertId: "x", displayName: "x", severity: CRITICAL, startTime: "2024-01-01T00:00:00Z"}]) { accepted } }`, nil, validation},
			}
			for _, tc := range tests {
				t.Run(tc.name, func(t *testing.T) {
					errs := ts.graphql(t, tc.query, tc.vars, nil)
					if len(errs) == 0 {
						t.Fatalf("no error")
					}
					for _, e := range errs {
						if e.code() != tc.code {
							t.Errorf("error %+v, want extensions.code %s", e, tc.code)
						}
					}
				})
			}
		})

		t.Run("a resource's alerts without first or last are one default page", func(t *testing.T) {
			var data struct {
				Resources struct {
					Edges []struct {
						Node struct {
							Alerts struct {
								TotalCount int
								Edges      []struct{ Node struct{ ID string } }
							}
						}
					}
				}
			}
			ts.mustGraphQL(t, `{ resources(where: {nameEqualFold: "msticalertswin1"}) { edges { node { alerts { totalCount edges { node { id } } } } } } }`, nil, &data)
			if len(data.Resources.Edges) != 1 {
				t.Fatalf("%d resources MSTICAlertsWin1", len(data.Resources.Edges))
			}
			if a := data.Resources.Edges[0].Node.Alerts; a.TotalCount != 138 || len(a.Edges) != 50 {
				t.Errorf("%d of %d alerts, want the first 50 of 138", len(a.Edges), a.TotalCount)
			}
		})

		t.Run("text the database refuses in a filter is not INTERNAL", func(t *testing.T) {
			for _, q := range []string{
				`query($s: String) { alerts(search: $s) { totalCount } }`,
				`query($s: String) { alerts(where: {displayNameContains: $s}) { totalCount } }`,
			} {
				for _, v := range []string{"a\x00b", strings.Repeat("%_", 40000)} {
					for _, e := range ts.graphql(t, q, map[string]any{"s": v}, nil) {
						if e.code() != "BAD_USER_INPUT" {
							t.Errorf("%s with %.10q: error %+v, want none or BAD_USER_INPUT", q, v, e)
						}
					}
				}
			}
		})

		t.Run("request bodies that are not one GraphQL request are 400, not INTERNAL", func(t *testing.T) {
			for _, body := range []string{`[{"query": "{ __typename }"}]`, `{"query": `, `{"query": 5}`, `{"query": "{ __typename }", "variables": "x"}`, "", strings.Repeat("x", 100000)} {
				status, raw := ts.post(t, "/graphql", "application/json", []byte(body))
				if status != http.StatusBadRequest || bytes.Contains(raw, []byte("INTERNAL")) || len(raw) > 2000 {
					t.Errorf("body %.20q: status %d, answer %.300s; want 400 and a short error", body, status, raw)
				}
			}
		})

		t.Run("a query of too many tokens is refused at once", func(t *testing.T) {
			// Validation compares same-named fields pairwise: 20,000 of them
			// took a minute of CPU.
			start := time.Now()
			errs := ts.graphql(t, "{ "+strings.Repeat("__typename ", 20000)+"}", nil, nil)
			if len(errs) == 0 || !strings.Contains(errs[0].Message, "token limit") {
				t.Errorf("errors %+v, want the token limit", errs)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("refused after %s", d)
			}
		})

		t.Run("where filters", func(t *testing.T) {
			count := func(pred func(map[string]string) bool) int {
				n := 0
				for _, r := range rows {
					if pred(r) {
						n++
					}
				}
				return n
			}
			tests := []struct {
				name  string
				where string
				want  int
			}{
				{"severity HIGH: alertlist's High rows and the chain's two", `{severity: HIGH}`,
					count(func(r map[string]string) bool { return r["Severity"] == "High" }) + 2},
				{"severityIn LOW, INFORMATIONAL", `{severityIn: [LOW, INFORMATIONAL]}`,
					count(func(r map[string]string) bool { return r["Severity"] == "Low" || r["Severity"] == "Informational" })},
				{"severityNEQ HIGH", `{severityNEQ: HIGH}`,
					count(func(r map[string]string) bool { return r["Severity"] != "High" })},
				{"status ACTIVE: no file says otherwise", `{status: ACTIVE}`, total},
				{"startTime on 2019-01-15", `{startTimeGTE: "2019-01-15T00:00:00Z", startTimeLT: "2019-01-16T00:00:00Z"}`,
					count(func(r map[string]string) bool { return strings.HasPrefix(r["StartTimeUtc"], "2019-01-15") })},
				{"startTime before 2019-01-10", `{startTimeLT: "2019-01-10T00:00:00Z"}`,
					count(func(r map[string]string) bool { return r["StartTimeUtc"] < "2019-01-10" })},
				{"startTime after the CSV: the chain", `{startTimeGT: "2020-01-01T00:00:00Z"}`, 2},
				{"on resource vm1", `{hasResourceWith: {resourceIDEqualFold: "` + vm1 + `"}}`,
					count(func(r map[string]string) bool { return strings.EqualFold(r["ResourceId"], vm1) })},
				{"HIGH or on vm1", `{or: [{severity: HIGH}, {hasResourceWith: {name: "vm1"}}]}`,
					count(func(r map[string]string) bool {
						return r["Severity"] == "High" || strings.EqualFold(r["ResourceId"], vm1)
					}) + 2},
			}
			for _, tc := range tests {
				t.Run(tc.name, func(t *testing.T) {
					var data struct{ Alerts struct{ TotalCount int } }
					ts.mustGraphQL(t, `{ alerts(where: `+tc.where+`) { totalCount } }`, nil, &data)
					if data.Alerts.TotalCount != tc.want {
						t.Errorf("alerts(where: %s) totalCount = %d, want %d", tc.where, data.Alerts.TotalCount, tc.want)
					}
				})
			}
		})

		t.Run("search matches display name, description, type and entity, case-insensitively", func(t *testing.T) {
			for _, q := range []string{"svchost", "RDP BRUTE", "msticalertswin1", "sql injection"} {
				want := 0
				for _, r := range rows {
					hay := strings.ToLower(r["AlertDisplayName"] + "\x00" + r["Description"] + "\x00" + r["AlertType"] + "\x00" + r["CompromisedEntity"])
					if strings.Contains(hay, strings.ToLower(q)) {
						want++
					}
				}
				var data struct{ Alerts struct{ TotalCount int } }
				ts.mustGraphQL(t, `query($q: String) { alerts(search: $q) { totalCount } }`, map[string]any{"q": q}, &data)
				if want == 0 || data.Alerts.TotalCount != want {
					t.Errorf("alerts(search: %q) totalCount = %d, want the file's %d", q, data.Alerts.TotalCount, want)
				}
			}
			var data struct {
				Incidents struct{ Edges []struct{ Node incidentNode } }
			}
			ts.mustGraphQL(t, `{ incidents(search: "VM-SHAPE", first: 500) { edges { node { title description resource { name } } } } }`, nil, &data)
			if len(data.Incidents.Edges) != 1 || data.Incidents.Edges[0].Node.Resource.Name != "vm-shape" {
				t.Errorf("incidents(search: \"VM-SHAPE\") = %+v, want the incident on vm-shape", data.Incidents.Edges)
			}
		})

		t.Run("tactics filter keeps alerts and incidents with any of the tactics", func(t *testing.T) {
			type tacticsData struct {
				Alerts struct {
					TotalCount int
					Edges      []struct{ Node alertNode }
				}
			}
			var initial tacticsData
			ts.mustGraphQL(t, `{ alerts(tactics: [INITIAL_ACCESS], first: 500) { totalCount edges { node { systemAlertId tactics } } } }`, nil, &initial)
			var ids []string
			for _, e := range initial.Alerts.Edges {
				ids = append(ids, e.Node.SystemAlertID)
				if !slices.Contains(e.Node.Tactics, "INITIAL_ACCESS") {
					t.Errorf("alerts(tactics: [INITIAL_ACCESS]) holds %s with tactics %v", e.Node.SystemAlertID, e.Node.Tactics)
				}
			}
			if !slices.Contains(ids, "vm-shape-initial-access") || slices.Contains(ids, "vm-shape-execution") {
				t.Errorf("alerts(tactics: [INITIAL_ACCESS]) = %v, want vm-shape-initial-access (intent InitialAccess) and not vm-shape-execution (intent Execution)", ids)
			}
			var all tacticsData
			ts.mustGraphQL(t, `{ alerts(first: 500) { totalCount edges { node { systemAlertId tactics } } } }`, nil, &all)
			want := 0
			for _, e := range all.Alerts.Edges {
				if slices.Contains(e.Node.Tactics, "INITIAL_ACCESS") || slices.Contains(e.Node.Tactics, "IMPACT") {
					want++
				}
			}
			var either tacticsData
			ts.mustGraphQL(t, `{ alerts(tactics: [INITIAL_ACCESS, IMPACT]) { totalCount } }`, nil, &either)
			if either.Alerts.TotalCount != want {
				t.Errorf("alerts(tactics: [INITIAL_ACCESS, IMPACT]) totalCount = %d, want the %d listed alerts with either", either.Alerts.TotalCount, want)
			}
			var incs struct {
				Incidents struct{ Edges []struct{ Node incidentNode } }
			}
			ts.mustGraphQL(t, `{ incidents(tactics: [INITIAL_ACCESS], first: 500) { edges { node { tactics resource { name } } } } }`, nil, &incs)
			found := false
			for _, e := range incs.Incidents.Edges {
				found = found || e.Node.Resource.Name == "vm-shape"
				if !slices.Contains(e.Node.Tactics, "INITIAL_ACCESS") {
					t.Errorf("incidents(tactics: [INITIAL_ACCESS]) holds one with tactics %v", e.Node.Tactics)
				}
			}
			if !found {
				t.Errorf("incidents(tactics: [INITIAL_ACCESS]) misses the vm-shape incident")
			}
		})

		t.Run("orderBy SEVERITY DESC sorts HIGH, MEDIUM, LOW, INFORMATIONAL", func(t *testing.T) {
			var data struct {
				Alerts struct {
					Edges []struct{ Node struct{ Severity string } }
				}
				Incidents struct {
					Edges []struct{ Node struct{ Severity string } }
				}
			}
			ts.mustGraphQL(t, `{
				alerts(first: 500, orderBy: [{field: SEVERITY, direction: DESC}]) { edges { node { severity } } }
				incidents(first: 500, orderBy: [{field: SEVERITY, direction: DESC}]) { edges { node { severity } } } }`, nil, &data)
			var seen []string
			for i, e := range data.Alerts.Edges {
				if i > 0 && severityRank[e.Node.Severity] > severityRank[data.Alerts.Edges[i-1].Node.Severity] {
					t.Fatalf("alert %d is %s after %s", i, e.Node.Severity, data.Alerts.Edges[i-1].Node.Severity)
				}
				if !slices.Contains(seen, e.Node.Severity) {
					seen = append(seen, e.Node.Severity)
				}
			}
			if want := []string{"HIGH", "MEDIUM", "LOW", "INFORMATIONAL"}; !slices.Equal(seen, want) {
				t.Errorf("alert severities in order: %v, want %v (alertlist.csv has all four)", seen, want)
			}
			for i, e := range data.Incidents.Edges {
				if i > 0 && severityRank[e.Node.Severity] > severityRank[data.Incidents.Edges[i-1].Node.Severity] {
					t.Errorf("incident %d is %s after %s", i, e.Node.Severity, data.Incidents.Edges[i-1].Node.Severity)
				}
			}
		})

		t.Run("setAlertStatus", func(t *testing.T) {
			id := ts.alertBySystemID(t, rows[0]["SystemAlertId"]).ID
			var data struct{ SetAlertStatus struct{ ID, Status string } }
			ts.mustGraphQL(t, `mutation($id: ID!) { setAlertStatus(id: $id, status: RESOLVED) { id status } }`, map[string]any{"id": id}, &data)
			if data.SetAlertStatus.ID != id || data.SetAlertStatus.Status != "RESOLVED" {
				t.Errorf("setAlertStatus = %+v, want %s RESOLVED", data.SetAlertStatus, id)
			}
			var resolved struct {
				Alerts struct {
					TotalCount int
					Edges      []struct{ Node struct{ ID string } }
				}
			}
			ts.mustGraphQL(t, `{ alerts(where: {status: RESOLVED}) { totalCount edges { node { id } } } }`, nil, &resolved)
			if resolved.Alerts.TotalCount != 1 || resolved.Alerts.Edges[0].Node.ID != id {
				t.Errorf("alerts(where: {status: RESOLVED}) = %+v, want only %s", resolved.Alerts, id)
			}
			errs := ts.graphql(t, `mutation { setAlertStatus(id: "999999", status: RESOLVED) { id } }`, nil, nil)
			if len(errs) != 1 || errs[0].code() != "NOT_FOUND" {
				t.Errorf("setAlertStatus of an unknown id: errors %+v, want one NOT_FOUND", errs)
			}
		})

		t.Run("setIncidentStatus with closeAlerts closes the alerts and keeps them out of later correlation", func(t *testing.T) {
			inc := ts.vm1Incident(t)
			var data struct{ SetIncidentStatus incidentNode }
			ts.mustGraphQL(t, `mutation($id: ID!) { setIncidentStatus(id: $id, status: RESOLVED, closeAlerts: true) { `+incidentFields+` } }`,
				map[string]any{"id": inc.ID}, &data)
			closed := data.SetIncidentStatus
			if closed.Status != "RESOLVED" || closed.IsActive {
				t.Errorf("closed incident: status %s, isActive %v; want RESOLVED, false", closed.Status, closed.IsActive)
			}
			members := map[string]bool{}
			for _, e := range closed.Alerts.Edges {
				members[e.Node.ID] = true
				if e.Node.Status != "RESOLVED" {
					t.Errorf("member alert %q is %s, want RESOLVED", e.Node.DisplayName, e.Node.Status)
				}
			}
			// A new alert on vm1, an hour after its last one (well within
			// the window), with the resource id spelled in another case.
			last := time.Date(2019, 1, 6, 5, 2, 0, 0, time.UTC)
			late := restAlert(t, "vm1-after-close", "vm1", "Impact", last.Add(time.Hour))
			late["properties"].(map[string]any)["resourceIdentifiers"].([]any)[0].(map[string]any)["azureResourceId"] = strings.ToUpper(vm1)
			body, _ := json.Marshal(late)
			if got := ts.ingest(t, "application/json", body); got.Accepted != 1 {
				t.Fatalf("posting the late vm1 alert: %+v", got)
			}
			ts.settle(t)
			a := ts.alertBySystemID(t, "vm1-after-close")
			if a.Resource == nil || a.Resource.ID != closed.Resource.ID {
				t.Errorf("the late alert's resource = %+v, want vm1's %s (ids compare case-insensitively)", a.Resource, closed.Resource.ID)
			}
			for _, in := range a.Incidents {
				if in.ID == closed.ID {
					t.Errorf("the late alert joined the closed incident %s", closed.ID)
				}
			}
			for _, other := range ts.allIncidents(t) {
				if other.ID == closed.ID {
					if other.Status != "RESOLVED" || other.IsActive || other.Alerts.TotalCount != closed.Alerts.TotalCount {
						t.Errorf("closed incident after correlation: %s, active %v, %d alerts; want RESOLVED, false, %d",
							other.Status, other.IsActive, other.Alerts.TotalCount, closed.Alerts.TotalCount)
					}
					continue
				}
				for _, e := range other.Alerts.Edges {
					if members[e.Node.ID] {
						t.Errorf("incident %q took %q from the closed incident", other.Title, e.Node.DisplayName)
					}
				}
			}
			errs := ts.graphql(t, `mutation($id: ID!) { setIncidentStatus(id: $id, status: RESOLVED) { id } }`, map[string]any{"id": a.ID}, nil)
			if len(errs) != 1 || errs[0].code() != "NOT_FOUND" {
				t.Errorf("setIncidentStatus with an alert's id: errors %+v, want one NOT_FOUND", errs)
			}
		})

		t.Run("ingestAlerts stores typed input and names the index and field of a rejected item", func(t *testing.T) {
			start := "2024-06-01T10:00:00Z"
			var data struct {
				IngestAlerts ingestResult
			}
			ts.mustGraphQL(t, `mutation($alerts: [AlertInput!]!) { ingestAlerts(alerts: $alerts) { accepted updated duplicates rejected { index error } } }`,
				map[string]any{"alerts": []map[string]any{
					{"systemAlertId": "typed-ok", "displayName": "Suspicious SVCHOST process executed", "severity": "LOW", "startTime": start,
						"tactics": []string{"EXECUTION"}, "resourceId": vmResourceID("vm-typed"), "sourceIPs": []string{"183.95.154.13"}},
					{"systemAlertId": "", "displayName": "no id", "severity": "HIGH", "startTime": start},
					{"systemAlertId": "typed-ends-early", "displayName": "ends before it starts", "severity": "HIGH", "startTime": start, "endTime": "2024-06-01T09:00:00Z"},
				}}, &data)
			got := data.IngestAlerts
			if got.Accepted != 1 || len(got.Rejected) != 2 {
				t.Fatalf("ingestAlerts = %+v, want 1 accepted and 2 rejected", got)
			}
			for i, want := range []struct {
				index int
				field string
			}{{1, "systemAlertId"}, {2, "endTime"}} {
				r := got.Rejected[i]
				if r.Index != want.index || !strings.Contains(r.Error, "field "+want.field+":") {
					t.Errorf("rejected[%d] = %+v, want index %d naming the input field %s", i, r, want.index, want.field)
				}
			}
			a := ts.alertBySystemID(t, "typed-ok")
			if a.DisplayName != "Suspicious SVCHOST process executed" || a.Severity != "LOW" || !slices.Equal(a.Tactics, []string{"EXECUTION"}) || a.Resource == nil || a.Resource.Name != "vm-typed" {
				t.Errorf("stored typed alert = %+v", a)
			}
		})
	})
}

// vm1Incident returns the one incident on vm1 of alertlist.csv.
func (ts *testServer) vm1Incident(t *testing.T) incidentNode {
	t.Helper()
	incs := incidentsOn(ts.allIncidents(t), "vm1")
	if len(incs) != 1 {
		t.Fatalf("%d incidents on vm1, want 1", len(incs))
	}
	return incs[0]
}

// connection is one page of a connection.
type connection struct {
	TotalCount int
	PageInfo   struct {
		HasNextPage, HasPreviousPage bool
		StartCursor, EndCursor       *string
	}
	Edges []struct {
		Cursor string
		Node   struct{ ID string }
	}
}

// pageAll pages through the connection that selection selects, first/after
// (or last/before when backward) size at a time, and returns the ids in
// order and the connection's totalCount. In selection, PAGE stands for the
// paging arguments and CONN for the connection's fields, as in
// `alerts(PAGE, orderBy: [{field: SEVERITY}]) CONN`. It fails t when an id
// repeats or the cursors are inconsistent.
func (ts *testServer) pageAll(t *testing.T, selection string, size int, backward bool) ([]string, int) {
	t.Helper()
	page := "first: $n, after: $c"
	if backward {
		page = "last: $n, before: $c"
	}
	q := "query($n: Int, $c: Cursor) { " + strings.NewReplacer("PAGE", page,
		"CONN", "{ totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } }").Replace(selection) + " }"
	var ids []string
	seen := map[string]bool{}
	total := -1
	var cursor any
	for n := 0; ; n++ {
		if n > 1000 {
			t.Fatalf("%s: paging does not end", selection)
		}
		var data any
		ts.mustGraphQL(t, q, map[string]any{"n": size, "c": cursor}, &data)
		c := findConnection(t, data)
		if total >= 0 && c.TotalCount != total {
			t.Fatalf("totalCount changed from %d to %d while paging", total, c.TotalCount)
		}
		total = c.TotalCount
		if len(c.Edges) > size {
			t.Fatalf("page of %d edges, asked for %d", len(c.Edges), size)
		}
		var pageIDs []string
		for _, e := range c.Edges {
			if seen[e.Node.ID] {
				t.Fatalf("node %s on two pages", e.Node.ID)
			}
			seen[e.Node.ID] = true
			pageIDs = append(pageIDs, e.Node.ID)
		}
		more := c.PageInfo.HasNextPage
		if backward {
			slices.Reverse(pageIDs)
			more = c.PageInfo.HasPreviousPage
		}
		ids = append(ids, pageIDs...)
		if len(c.Edges) > 0 {
			first, last := c.Edges[0].Cursor, c.Edges[len(c.Edges)-1].Cursor
			if c.PageInfo.StartCursor == nil || *c.PageInfo.StartCursor != first || c.PageInfo.EndCursor == nil || *c.PageInfo.EndCursor != last {
				t.Fatalf("pageInfo cursors %v/%v do not match the edges' %s/%s", c.PageInfo.StartCursor, c.PageInfo.EndCursor, first, last)
			}
		}
		if !more {
			break
		}
		if backward {
			cursor = *c.PageInfo.StartCursor
		} else {
			cursor = *c.PageInfo.EndCursor
		}
	}
	return ids, total
}

// findConnection returns the one object with pageInfo inside data.
func findConnection(t *testing.T, data any) connection {
	t.Helper()
	var walk func(v any) map[string]any
	walk = func(v any) map[string]any {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		if _, ok := m["pageInfo"]; ok {
			return m
		}
		for _, child := range m {
			if c := walk(child); c != nil {
				return c
			}
		}
		return nil
	}
	m := walk(data)
	if m == nil {
		t.Fatalf("no connection in %v", data)
	}
	b, _ := json.Marshal(m)
	var c connection
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

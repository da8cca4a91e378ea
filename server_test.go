package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/auth"
	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/store/storetest"
)

// The real sample files, as the repository bundles them (demo/data/NOTICE.md).
const (
	alertListCSV = "demo/data/alertlist.csv"
	rest2022     = "demo/data/defender-2022-01-01.json"
)

// testServer is a Server built by newServer and started as `vigil serve`
// starts it, behind a real HTTP server.
type testServer struct {
	*Server
	URL  string
	logs *syncBuffer
	// token is sent as "Authorization: Bearer" by post, get, graphql and
	// the websocket helpers: an admin token of every subscription unless
	// as() gave another.
	token string
	// errorsLogged, set by a test that makes the server fail, keeps the
	// error lines of the log from failing it.
	errorsLogged bool
}

// startServer builds and starts a server on the database dsn. configure
// adjusts the default configuration. Everything is closed when t ends, and
// t fails if the server logged an error.
func startServer(t *testing.T, dsn string, configure ...func(*Config)) *testServer {
	t.Helper()
	cfg := defaultConfig()
	cfg.DB = dsn
	for _, f := range configure {
		f(&cfg)
	}
	if err := cfg.validate(); err != nil {
		t.Fatalf("config: %v", err)
	}
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := newServer(ctx, cfg, log)
	if err != nil {
		t.Fatalf("newServer: %v", err)
	}
	if err := s.Start(ctx); err != nil {
		s.Close()
		t.Fatalf("Start: %v", err)
	}
	hs := httptest.NewServer(s.Handler())
	ts := &testServer{Server: s, URL: hs.URL, logs: logs}
	ts.token = ts.newToken(t, "test-admin", authz.Admin)
	t.Cleanup(func() {
		hs.CloseClientConnections()
		hs.Close()
		s.Close() // a second Close (after a shutdown test's) is harmless
		if out := logs.String(); strings.Contains(out, "level=ERROR") && !ts.errorsLogged {
			t.Errorf("the server logged errors:\n%s", out)
		} else if t.Failed() {
			t.Logf("server log:\n%s", out)
		}
	})
	return ts
}

// newToken creates an API token with the role, as the CLI does, and
// returns its secret.
func (ts *testServer) newToken(t testing.TB, name string, role authz.Role, subscriptions ...string) string {
	t.Helper()
	secret, _, err := ts.auth.CreateToken(cliContext(context.Background()), auth.TokenSpec{Name: name, Role: role, Subscriptions: subscriptions})
	if err != nil {
		t.Fatalf("creating a token: %v", err)
	}
	return secret
}

// as returns ts sending token (none when "") in place of the admin token.
func (ts *testServer) as(token string) *testServer {
	c := *ts
	c.token = token
	return &c
}

// authorize adds ts's token to req.
func (ts *testServer) authorize(req *http.Request) {
	if ts.token != "" {
		req.Header.Set("Authorization", "Bearer "+ts.token)
	}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// ingestResult is the answer of POST /api/alerts.
type ingestResult struct {
	Accepted   int         `json:"accepted"`
	Updated    int         `json:"updated"`
	Duplicates int         `json:"duplicates"`
	Rejected   []rejection `json:"rejected"`
}

type rejection struct {
	Index int    `json:"index"`
	Error string `json:"error"`
}

// post sends body to path and returns the status and the response body.
func (ts *testServer) post(t *testing.T, path, contentType string, body []byte) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, ts.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	ts.authorize(req)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("POST %s: reading the answer: %v", path, err)
	}
	return resp.StatusCode, out
}

// ingest posts alerts to /api/alerts and requires a 200 answer.
func (ts *testServer) ingest(t *testing.T, contentType string, body []byte) ingestResult {
	t.Helper()
	status, out := ts.post(t, "/api/alerts", contentType, body)
	if status != http.StatusOK {
		t.Fatalf("POST /api/alerts: status %d, want 200: %s", status, out)
	}
	var res ingestResult
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("POST /api/alerts: %v in %s", err, out)
	}
	return res
}

// settle waits until the correlation job has worked through everything
// scheduled so far.
func (ts *testServer) settle(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := ts.job.Wait(ctx); err != nil {
		t.Fatalf("correlation did not finish: %v", err)
	}
}

// eventually polls cond until it holds, and fails t when it does not
// within d.
func eventually(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s", what, d)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// alertList returns the rows of alertlist.csv, each by column name.
func alertList(t *testing.T) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(readFile(t, alertListCSV))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows := make([]map[string]string, 0, len(recs)-1)
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, name := range recs[0] {
			row[name] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows
}

// restAlerts returns the alerts of the 2022-01-01 REST example, decoded.
func restAlerts(t *testing.T) []map[string]any {
	t.Helper()
	var file struct {
		Responses map[string]struct {
			Body struct {
				Value []map[string]any `json:"value"`
			} `json:"body"`
		} `json:"responses"`
	}
	if err := json.Unmarshal(readFile(t, rest2022), &file); err != nil {
		t.Fatal(err)
	}
	return file.Responses["200"].Body.Value
}

// restAlert returns a copy of the first alert of the 2022-01-01 REST
// example with a new id, resource, intent and start time: real payloads
// for alert chains on resources of a test's own.
func restAlert(t *testing.T, id, vm, intent string, start time.Time) map[string]any {
	t.Helper()
	var a map[string]any
	b, _ := json.Marshal(restAlerts(t)[0])
	json.Unmarshal(b, &a)
	p := a["properties"].(map[string]any)
	a["name"] = id
	p["systemAlertId"] = id
	p["intent"] = intent
	p["startTimeUtc"] = start.UTC().Format(time.RFC3339)
	p["endTimeUtc"] = start.UTC().Format(time.RFC3339)
	p["compromisedEntity"] = vm
	p["resourceIdentifiers"].([]any)[0].(map[string]any)["azureResourceId"] = vmResourceID(vm)
	// Each VM its own attacker: with the example's one address on every
	// VM, chains of different VMs would form multi-resource incidents.
	for _, e := range p["entities"].([]any) {
		if e := e.(map[string]any); e["type"] == "ip" {
			e["address"] = attackerOf(vm)
		}
	}
	return a
}

var attackers = struct {
	sync.Mutex
	of map[string]string
}{of: map[string]string{}}

// attackerOf gives each test VM a public address of its own.
func attackerOf(vm string) string {
	attackers.Lock()
	defer attackers.Unlock()
	if a, ok := attackers.of[vm]; ok {
		return a
	}
	n := len(attackers.of)
	a := netip.AddrFrom4([4]byte{203, byte(n >> 8), byte(n), 7}).String()
	attackers.of[vm] = a
	return a
}

// vmResourceID is the Azure resource id of a test virtual machine.
func vmResourceID(vm string) string {
	return "/subscriptions/20ff7fc3-e762-44dd-bd96-b71116dcdc23/resourceGroups/vigil-it/providers/Microsoft.Compute/virtualMachines/" + vm
}

// chain returns a REST batch of two alerts on vm that make a kill chain:
// initial access, then execution an hour later.
func chain(t *testing.T, vm string, start time.Time) []byte {
	t.Helper()
	b, err := json.Marshal([]any{
		restAlert(t, vm+"-initial-access", vm, "InitialAccess", start),
		restAlert(t, vm+"-execution", vm, "Execution", start.Add(time.Hour)),
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// leaks matches what must never reach a client: SQL, driver names, source
// files, stack traces, paths of the machine.
var leaks = regexp.MustCompile(`(?i)select |insert |sql|pq:|\.go\b|goroutine|panic|runtime\.|/work/|/tmp/|/root/|/home/`)

// assertNoLeaks fails t if an error answer shows internals.
func assertNoLeaks(t *testing.T, what string, body []byte) {
	t.Helper()
	if m := leaks.Find(body); m != nil {
		t.Errorf("%s shows internals (%q): %s", what, m, body)
	}
}

func TestHealthz(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		ts := startServer(t, dsn)
		if status, body := ts.get(t, "/healthz"); status != http.StatusOK || body != "ok\n" {
			t.Errorf("GET /healthz = %d %q, want 200 \"ok\"", status, body)
		}
	})
}

// TestDatabaseDown checks what clients see when the database fails under a
// running server: 503s and INTERNAL errors that show nothing of the cause,
// which goes to the log instead.
func TestDatabaseDown(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		ts := startServer(t, dsn)
		ts.errorsLogged = true
		ts.db.Close() // every connection, the readers' too
		if status, body := ts.get(t, "/healthz"); status != http.StatusServiceUnavailable {
			t.Errorf("GET /healthz = %d %q, want 503", status, body)
		}
		// The credentials cannot be checked: every authenticated path is
		// 503, with nothing of the cause.
		for _, path := range []string{"/graphql", "/api/alerts"} {
			status, body := ts.post(t, path, "application/json", []byte(`{"query":"{ incidents { totalCount } }"}`))
			if status != http.StatusServiceUnavailable || !bytes.Contains(body, []byte("cannot check credentials now")) {
				t.Errorf("POST %s = %d %s, want 503 \"cannot check credentials now\"", path, status, body)
			}
			assertNoLeaks(t, "the answer of "+path, body)
		}
		for _, msg := range []string{"checking a token"} {
			if !regexp.MustCompile(`msg="` + msg + `".*database is closed`).MatchString(ts.logs.String()) {
				t.Errorf("no log line %q with the cause:\n%s", msg, ts.logs.String())
			}
		}
	})
}

// get sends GET path and returns the status and the body.
func (ts *testServer) get(t *testing.T, path string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts.authorize(req)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestPostAlerts(t *testing.T) {
	rows := alertList(t)
	if len(rows) != 189 {
		t.Fatalf("alertlist.csv has %d rows, the tests expect the upstream file's 189", len(rows))
	}
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		ts := startServer(t, dsn)
		csvBody := readFile(t, alertListCSV)

		t.Run("the alertlist.csv export as text/csv is accepted whole", func(t *testing.T) {
			got := ts.ingest(t, "text/csv", csvBody)
			want := ingestResult{Accepted: len(rows), Rejected: []rejection{}}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("POST alertlist.csv = %+v, want %+v", got, want)
			}
		})
		t.Run("the same export again is 189 duplicates and accepts nothing", func(t *testing.T) {
			got := ts.ingest(t, "text/csv; charset=utf-8", csvBody)
			want := ingestResult{Duplicates: len(rows), Rejected: []rejection{}}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("POST alertlist.csv again = %+v, want %+v", got, want)
			}
		})
		t.Run("the 2022 REST example, two versions of one systemAlertId, is 1 accepted and 1 updated", func(t *testing.T) {
			got := ts.ingest(t, "application/json", readFile(t, rest2022))
			want := ingestResult{Accepted: 1, Updated: 1, Rejected: []rejection{}}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("POST 2022 example = %+v, want %+v", got, want)
			}
			// The later version in the file wins.
			last := restAlerts(t)[1]["properties"].(map[string]any)
			var data struct {
				Alerts struct {
					TotalCount int
					Edges      []struct {
						Node struct{ DisplayName, AlertType string }
					}
				}
			}
			ts.mustGraphQL(t, `query($id: String!) { alerts(where: {systemAlertID: $id}) { totalCount edges { node { displayName alertType } } } }`,
				map[string]any{"id": last["systemAlertId"]}, &data)
			if data.Alerts.TotalCount != 1 || data.Alerts.Edges[0].Node.DisplayName != last["alertDisplayName"] || data.Alerts.Edges[0].Node.AlertType != last["alertType"] {
				t.Errorf("stored alert %s = %+v, want one alert %q of type %q", last["systemAlertId"], data.Alerts, last["alertDisplayName"], last["alertType"])
			}
		})
		t.Run("a batch with bad items stores the good ones and names each bad index and field", func(t *testing.T) {
			start := time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)
			items := []struct {
				name   string
				id     string
				mutate func(envelope, props map[string]any)
				field  string // "" for a valid item
			}{
				{"valid alert", "batch-good-0", nil, ""},
				{"no systemAlertId and no resource name", "", func(e, p map[string]any) { delete(e, "name"); delete(p, "systemAlertId") }, "systemAlertId"},
				{"unknown severity Critical", "batch-critical", func(e, p map[string]any) { p["severity"] = "Critical" }, "severity"},
				{"unparseable startTimeUtc", "batch-bad-time", func(e, p map[string]any) { p["startTimeUtc"] = "yesterday at noon" }, "startTimeUtc"},
				{"valid alert after the bad ones", "batch-good-4", nil, ""},
			}
			var batch []any
			var ids, goodIDs []string
			for _, it := range items {
				a := restAlert(t, it.id, "vm-batch", "Execution", start)
				if it.mutate != nil {
					it.mutate(a, a["properties"].(map[string]any))
				}
				batch = append(batch, a)
				if it.id != "" {
					ids = append(ids, it.id)
				}
				if it.field == "" {
					goodIDs = append(goodIDs, it.id)
				}
			}
			body, _ := json.Marshal(batch)
			got := ts.ingest(t, "application/json", body)
			if got.Accepted != len(goodIDs) || got.Updated != 0 || got.Duplicates != 0 {
				t.Errorf("counts = %+v, want %d accepted", got, len(goodIDs))
			}
			rejected := map[int]string{}
			for _, r := range got.Rejected {
				rejected[r.Index] = r.Error
			}
			for i, it := range items {
				msg, isRejected := rejected[i]
				switch {
				case it.field == "" && isRejected:
					t.Errorf("item %d (%s) rejected: %s", i, it.name, msg)
				case it.field != "" && !isRejected:
					t.Errorf("item %d (%s) not rejected", i, it.name)
				case it.field != "" && !strings.Contains(msg, "field "+it.field+":"):
					t.Errorf("item %d (%s): error %q does not name the field %s", i, it.name, msg, it.field)
				}
			}
			if len(got.Rejected) != len(items)-len(goodIDs) {
				t.Errorf("rejected = %+v, want the %d bad items", got.Rejected, len(items)-len(goodIDs))
			}
			var data struct {
				Alerts struct {
					Edges []struct {
						Node struct{ SystemAlertID string }
					}
				}
			}
			ts.mustGraphQL(t, `query($ids: [String!]) { alerts(where: {systemAlertIDIn: $ids}, orderBy: [{field: DISPLAY_NAME}]) { edges { node { systemAlertId } } } }`,
				map[string]any{"ids": ids}, &data)
			var stored []string
			for _, e := range data.Alerts.Edges {
				stored = append(stored, e.Node.SystemAlertID)
			}
			if slices.Sort(stored); !slices.Equal(stored, goodIDs) {
				t.Errorf("stored of the batch: %v, want the good items %v", stored, goodIDs)
			}
		})
	})
}

// TestPostAlertsRefused covers the answers of POST /api/alerts to bodies it
// cannot take; none of them is a 5xx and none stores anything.
func TestPostAlertsRefused(t *testing.T) {
	const limit = 64 << 10
	csvBody := readFile(t, alertListCSV)
	restBody := readFile(t, rest2022)
	if len(csvBody) <= limit || len(restBody) >= limit {
		t.Fatalf("the sample sizes (%d, %d) no longer straddle the %d limit", len(csvBody), len(restBody), limit)
	}
	tests := []struct {
		name        string
		method      string
		contentType string
		body        []byte
		want        int
	}{
		{"text that is neither JSON nor CSV is 400", http.MethodPost, "application/json", []byte("this is not JSON"), http.StatusBadRequest},
		{"the REST example cut in half is 400", http.MethodPost, "application/json", restBody[:len(restBody)/2], http.StatusBadRequest},
		{"an empty body is 400", http.MethodPost, "application/json", nil, http.StatusBadRequest},
		{"alertlist.csv (583 KB) over a 64 KiB limit is 413", http.MethodPost, "text/csv", csvBody, http.StatusRequestEntityTooLarge},
		{"the REST example as application/xml is 415", http.MethodPost, "application/xml", restBody, http.StatusUnsupportedMediaType},
		{"GET is 405", http.MethodGet, "", nil, http.StatusMethodNotAllowed},
		{"PUT of the REST example is 405", http.MethodPut, "application/json", restBody, http.StatusMethodNotAllowed},
	}
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		ts := startServer(t, dsn, func(c *Config) { c.MaxBody = limit })
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				req, _ := http.NewRequest(tc.method, ts.URL+"/api/alerts", bytes.NewReader(tc.body))
				if tc.contentType != "" {
					req.Header.Set("Content-Type", tc.contentType)
				}
				ts.authorize(req)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != tc.want {
					t.Errorf("status %d, want %d: %s", resp.StatusCode, tc.want, body)
				}
				var answer struct{ Error string }
				if err := json.Unmarshal(body, &answer); err != nil || answer.Error == "" {
					t.Errorf("answer %q is not a JSON error", body)
				}
				assertNoLeaks(t, "the error answer", body)
			})
		}
		t.Run("a GraphQL body over the limit is 413", func(t *testing.T) {
			query, _ := json.Marshal(map[string]string{"query": "{ __typename }", "pad": strings.Repeat("x", limit)})
			status, body := ts.post(t, "/graphql", "application/json", query)
			if status != http.StatusRequestEntityTooLarge || !bytes.Contains(body, []byte("BAD_USER_INPUT")) {
				t.Errorf("status %d, answer %s; want 413", status, body)
			}
		})
		var data struct{ Alerts struct{ TotalCount int } }
		ts.mustGraphQL(t, `{ alerts { totalCount } }`, nil, &data)
		if data.Alerts.TotalCount != 0 {
			t.Errorf("%d alerts stored from refused bodies", data.Alerts.TotalCount)
		}
		t.Run("the REST example under the limit is accepted (the control)", func(t *testing.T) {
			if got := ts.ingest(t, "application/json", restBody); got.Accepted != 1 {
				t.Errorf("POST 2022 example under the limit = %+v, want 1 accepted", got)
			}
		})
	})
}

// TestAlertListCorrelation ingests alertlist.csv and checks the incidents
// correlation makes of it, and that sending the file again changes nothing.
func TestAlertListCorrelation(t *testing.T) {
	rows := alertList(t)
	var win1 string // the resource id of MSTICAlertsWin1 as the file spells it
	for _, r := range rows {
		if strings.HasSuffix(r["ResourceId"], "/virtualMachines/MSTICAlertsWin1") {
			win1 = r["ResourceId"]
		}
	}
	if win1 == "" {
		t.Fatal("alertlist.csv names no MSTICAlertsWin1")
	}
	vm1Names := []string{"Successful RDP brute force attack", "Suspicious SVCHOST process executed", "Network communication with a malicious machine detected"}
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		ts := startServer(t, dsn)
		ws := connect(t, ts)
		ws.subscribe(t, "created", subCreated)
		ws.subscribe(t, "updated", subUpdated)
		ts.subscribers(t, 2)

		ts.ingest(t, "text/csv", readFile(t, alertListCSV))
		var vm1Inc incidentNode
		eventually(t, time.Second, "an incident on vm1", func() bool {
			incs := incidentsOn(ts.allIncidents(t), "vm1")
			if len(incs) > 0 {
				vm1Inc = incs[0]
			}
			return len(incs) > 0
		})
		ts.settle(t)
		incs := ts.allIncidents(t)

		t.Run("vm1: one incident with the brute force, the SVCHOST process and the malicious IP", func(t *testing.T) {
			on := incidentsOn(incs, "vm1")
			if len(on) != 1 {
				t.Fatalf("%d incidents on vm1, want 1", len(on))
			}
			inc := on[0]
			if inc.Title != "Security incident detected on vm1" {
				t.Errorf("title %q", inc.Title)
			}
			if !strings.EqualFold(inc.Resource.ResourceID, vm1) {
				t.Errorf("resource %q, want %q", inc.Resource.ResourceID, vm1)
			}
			for _, name := range vm1Names {
				if !slices.Contains(inc.alertNames(), name) {
					t.Errorf("alerts %q miss %q", inc.alertNames(), name)
				}
			}
			if !slices.IsSortedFunc(inc.Alerts.Edges, func(a, b struct{ Node alertNode }) int { return a.Node.StartTime.Compare(b.Node.StartTime) }) {
				t.Errorf("alerts not in start time order: %+v", inc.Alerts.Edges)
			}
			if !slices.Contains(inc.SourceIPs, "183.95.154.13") {
				t.Errorf("sourceIPs %v miss 183.95.154.13 (the malicious machine of the file's Entities)", inc.SourceIPs)
			}
			if !inc.IsActive || inc.Status != "ACTIVE" {
				t.Errorf("isActive %v, status %s; want an active incident", inc.IsActive, inc.Status)
			}
			if len(inc.Tactics) < 2 || !slices.IsSortedFunc(inc.Tactics, func(a, b string) int {
				return slices.Index(killChain, a) - slices.Index(killChain, b)
			}) || len(slices.Compact(slices.Clone(inc.Tactics))) != len(inc.Tactics) {
				t.Errorf("tactics %v, want two or more distinct ones in kill-chain order", inc.Tactics)
			}
			for _, tactic := range inc.Tactics {
				if !slices.Contains(killChain, tactic) {
					t.Errorf("tactic %q is not in the contract's enum", tactic)
				}
			}
			if vm1Inc.ID != inc.ID {
				t.Errorf("the first incident seen on vm1 (%s) is not the settled one (%s)", vm1Inc.ID, inc.ID)
			}
		})
		t.Run("MSTICAlertsWin1: exactly one incident", func(t *testing.T) {
			on := incidentsOn(incs, "MSTICAlertsWin1")
			if len(on) != 1 {
				t.Fatalf("%d incidents on MSTICAlertsWin1, want 1", len(on))
			}
			if on[0].Resource.ResourceID != win1 || on[0].Title != "Security incident detected on MSTICAlertsWin1" {
				t.Errorf("incident %q on %q, want one on %q", on[0].Title, on[0].Resource.ResourceID, win1)
			}
		})
		t.Run("sqlserver2ascdemo and vm1lin: no incident", func(t *testing.T) {
			for _, name := range []string{"sqlserver2ascdemo", "vm1lin"} {
				if on := incidentsOn(incs, name); len(on) != 0 {
					t.Errorf("%d incidents on %s (it has one alert), want none", len(on), name)
				}
			}
		})
		t.Run("alerts stay listed on their own and name their incident", func(t *testing.T) {
			var data struct{ Alerts struct{ TotalCount int } }
			ts.mustGraphQL(t, `{ alerts { totalCount } }`, nil, &data)
			if data.Alerts.TotalCount != len(rows) {
				t.Errorf("alerts totalCount %d, want the file's %d", data.Alerts.TotalCount, len(rows))
			}
			member := vm1Inc.Alerts.Edges[0].Node
			a := ts.alertBySystemID(t, member.SystemAlertID)
			if len(a.Incidents) != 1 || a.Incidents[0].ID != vm1Inc.ID {
				t.Errorf("alert %q lists incidents %+v, want the vm1 incident %s", a.DisplayName, a.Incidents, vm1Inc.ID)
			}
		})
		t.Run("sending the file again makes no incident and no event", func(t *testing.T) {
			// Every incident so far was announced once; a sentinel chain
			// marks the end of those announcements.
			ts.ingest(t, "application/json", chain(t, "vm-sentinel-1", time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)))
			announced := map[string]bool{}
			for {
				var ev createdEvent
				ws.next(t, "created", 5*time.Second, &ev)
				if ev.IncidentCreated.Resource.Name == "vm-sentinel-1" {
					break
				}
				if announced[ev.IncidentCreated.ID] {
					t.Errorf("incident %s announced twice", ev.IncidentCreated.ID)
				}
				announced[ev.IncidentCreated.ID] = true
			}
			if len(announced) != len(incs) {
				t.Errorf("%d incidentCreated events for %d incidents", len(announced), len(incs))
			}
			ts.setIncidentStatus(t, vm1Inc.ID, "IN_PROGRESS")
			for {
				var ev updatedEvent
				ws.next(t, "updated", 5*time.Second, &ev)
				if ev.IncidentUpdated.ID == vm1Inc.ID && ev.IncidentUpdated.Status == "IN_PROGRESS" {
					break
				}
			}
			ts.settle(t)

			got := ts.ingest(t, "text/csv", readFile(t, alertListCSV))
			if got.Duplicates != len(rows) || got.Accepted+got.Updated != 0 {
				t.Errorf("POST alertlist.csv again = %+v, want %d duplicates", got, len(rows))
			}
			// As after a restart: recompute every resource.
			keys, err := ts.db.Client.Resource.Query().Select("key").Strings(authz.System(context.Background()))
			if err != nil {
				t.Fatal(err)
			}
			ts.job.Schedule(keys...)
			ts.settle(t)

			// The next events must be the second sentinels'.
			ts.ingest(t, "application/json", chain(t, "vm-sentinel-2", time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)))
			var ev createdEvent
			ws.next(t, "created", 5*time.Second, &ev)
			if ev.IncidentCreated.Resource.Name != "vm-sentinel-2" {
				t.Errorf("incidentCreated %q after sending the file again", ev.IncidentCreated.Title)
			}
			ts.setIncidentStatus(t, vm1Inc.ID, "ACTIVE")
			var up updatedEvent
			ws.next(t, "updated", 5*time.Second, &up)
			if up.IncidentUpdated.ID != vm1Inc.ID || up.IncidentUpdated.Status != "ACTIVE" {
				t.Errorf("incidentUpdated %+v after sending the file again", up.IncidentUpdated)
			}
			if n := len(ts.allIncidents(t)); n != len(incs)+2 {
				t.Errorf("%d incidents, want the %d of the file and the 2 sentinels'", n, len(incs))
			}
		})
	})
}

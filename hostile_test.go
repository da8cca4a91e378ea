package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/store/storetest"
)

// hostileCase is one row of testdata/hostile/cases.json: a malformed or
// hostile body, where it is posted, and what the server must answer.
type hostileCase struct {
	Name string `json:"name"`
	// The body: a file under testdata/hostile, or a generator of
	// hostile_gen_test.go for the big ones (kept out of the repository).
	File      string `json:"file,omitempty"`
	Generator string `json:"generator,omitempty"`

	Path        string            `json:"path"` // /api/alerts or /graphql
	ContentType string            `json:"contentType"`
	Headers     map[string]string `json:"headers,omitempty"` // more request headers

	Status int `json:"status"` // the exact status
	// Error is a substring of the answer's error: of {"error"} for
	// /api/alerts, of the first GraphQL error's message for /graphql.
	Error string `json:"error,omitempty"`
	Code  string `json:"code,omitempty"` // the first GraphQL error's extensions.code; "" for none

	// For a 200 from /api/alerts: the counts, the rejected items (index →
	// a substring of the error, naming the item and the field), or only
	// how many, and the system alert ids stored.
	Accepted      int               `json:"accepted"`
	Updated       int               `json:"updated,omitempty"`
	Duplicates    int               `json:"duplicates,omitempty"`
	Rejected      map[string]string `json:"rejected,omitempty"`
	RejectedCount *int              `json:"rejectedCount,omitempty"`
	Stored        []string          `json:"stored,omitempty"`

	Deadline string `json:"deadline,omitempty"` // answered within, default 10s
}

// Beyond a case's deadline an answer is a failure; a request that has no
// answer this long is a hang, and the test binary stops with every
// goroutine's stack.
const (
	hostileDeadline = 10 * time.Second
	hostileHang     = 2 * time.Minute
)

func loadHostileCases(t *testing.T) []hostileCase {
	t.Helper()
	var cases []hostileCase
	if err := json.Unmarshal(readFile(t, "testdata/hostile/cases.json"), &cases); err != nil {
		t.Fatalf("testdata/hostile/cases.json: %v", err)
	}
	seen := map[string]bool{}
	for _, c := range cases {
		if seen[c.Name] || (c.File == "") == (c.Generator == "") || c.Status == 0 {
			t.Fatalf("case %q: a unique name, one of file and generator, and a status, please", c.Name)
		}
		seen[c.Name] = true
	}
	return cases
}

// TestHostileInputs posts every case of the corpus over real HTTP, on
// SQLite and PostgreSQL, and checks the exact status, the error text, the
// deadline, that nothing is partly written (a refused body changes no
// count; a 200 stores exactly its valid items), no 5xx, no internals in an
// answer and no unbounded log line.
func TestHostileInputs(t *testing.T) {
	cases := loadHostileCases(t)
	if len(cases) < 60 {
		t.Fatalf("the corpus has %d cases, the issue asks for at least 60", len(cases))
	}
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		ts := startServer(t, dsn)
		for _, c := range cases {
			t.Run(c.Name, func(t *testing.T) {
				body := hostileBody(t, c)
				ts.settle(t)
				before := ts.snapshot(t)
				var status int
				var answer []byte
				within(t, c, func() { status, answer = ts.postHostile(t, c, body) })
				ts.settle(t)
				after := ts.snapshot(t)
				if status != c.Status {
					t.Errorf("status %d, want %d: %.600s", status, c.Status, answer)
				}
				if status >= 500 {
					t.Errorf("a 5xx: %.600s", answer)
				}
				if c.Path == "/graphql" {
					checkHostileGraphQL(t, c, answer)
				} else {
					checkHostileIngest(t, c, status, answer, before, after)
				}
				refused := status != http.StatusOK || (c.Path == "/graphql" && c.Code != "")
				if refused && after.counts != before.counts {
					t.Errorf("a refused body changed the counts: %+v, then %+v", before.counts, after.counts)
				}
			})
		}
		for _, line := range strings.Split(ts.logs.String(), "\n") {
			if len(line) > 4<<10 {
				t.Errorf("an unbounded log line (%d bytes): %.300s…", len(line), line)
			}
		}
	})
}

// within runs post under the case's deadline, and stops the test binary
// with every goroutine's stack when it hangs.
func within(t *testing.T, c hostileCase, post func()) {
	t.Helper()
	deadline := hostileDeadline
	if c.Deadline != "" {
		d, err := time.ParseDuration(c.Deadline)
		if err != nil {
			t.Fatalf("deadline: %v", err)
		}
		deadline = d
	}
	hang := time.AfterFunc(hostileHang, func() {
		pprof.Lookup("goroutine").WriteTo(os.Stderr, 2)
		panic(fmt.Sprintf("%s: no answer within %s: the server hangs", t.Name(), hostileHang))
	})
	defer hang.Stop()
	start := time.Now()
	post()
	if took := time.Since(start); took > deadline {
		t.Errorf("answered after %s, the deadline is %s", took.Round(time.Millisecond), deadline)
	}
}

// postHostile sends the case's body with ts.post, or with postHeaders when
// the case sets more headers.
func (ts *testServer) postHostile(t *testing.T, c hostileCase, body []byte) (int, []byte) {
	t.Helper()
	if len(c.Headers) == 0 {
		return ts.post(t, c.Path, c.ContentType, body)
	}
	h := http.Header{}
	for k, v := range c.Headers {
		h.Set(k, v)
	}
	return ts.postHeaders(t, c.Path, c.ContentType, h, body)
}

// postHeaders is ts.post with more request headers (Content-Encoding);
// it must send what ts.post sends, credentials included.
func (ts *testServer) postHeaders(t *testing.T, path, contentType string, h http.Header, body []byte) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, ts.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header = h
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	ts.authorize(req)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	var out bytes.Buffer
	if _, err := out.ReadFrom(resp.Body); err != nil {
		t.Fatalf("POST %s: reading the answer: %v", path, err)
	}
	return resp.StatusCode, out.Bytes()
}

func hostileBody(t *testing.T, c hostileCase) []byte {
	t.Helper()
	if c.File != "" {
		return readFile(t, filepath.Join("testdata/hostile", c.File))
	}
	gen, ok := hostileGenerators[c.Generator]
	if !ok {
		t.Fatalf("no generator %q in hostile_gen_test.go", c.Generator)
	}
	return gen()
}

// snapshot is what the database holds: the counts, and the system alert ids.
type snapshot struct {
	counts struct{ alerts, resources, incidents, entities int }
	ids    map[string]bool
}

func (ts *testServer) snapshot(t *testing.T) snapshot {
	t.Helper()
	ctx := authz.System(t.Context())
	c := ts.db.Client
	var s snapshot
	var err error
	for _, q := range []struct {
		n     *int
		count func() (int, error)
	}{
		{&s.counts.alerts, func() (int, error) { return c.Alert.Query().Count(ctx) }},
		{&s.counts.resources, func() (int, error) { return c.Resource.Query().Count(ctx) }},
		{&s.counts.incidents, func() (int, error) { return c.Incident.Query().Count(ctx) }},
		{&s.counts.entities, func() (int, error) { return c.Entity.Query().Count(ctx) }},
	} {
		if *q.n, err = q.count(); err != nil {
			t.Fatalf("counting: %v", err)
		}
	}
	ids, err := c.Alert.Query().Select("system_alert_id").Strings(ctx)
	if err != nil {
		t.Fatalf("listing alert ids: %v", err)
	}
	s.ids = map[string]bool{}
	for _, id := range ids {
		s.ids[id] = true
	}
	return s
}

func checkHostileIngest(t *testing.T, c hostileCase, status int, answer []byte, before, after snapshot) {
	t.Helper()
	assertNoLeaks(t, "the answer", answer)
	if status != http.StatusOK {
		var e struct{ Error string }
		if err := json.Unmarshal(answer, &e); err != nil || e.Error == "" {
			t.Errorf("answer %.300q is not a JSON error", answer)
		} else if !strings.Contains(e.Error, c.Error) {
			t.Errorf("error %q does not say %q", e.Error, c.Error)
		}
		return
	}
	var res ingestResult
	if err := json.Unmarshal(answer, &res); err != nil {
		t.Fatalf("answer: %v in %.300s", err, answer)
	}
	if res.Accepted != c.Accepted || res.Updated != c.Updated || res.Duplicates != c.Duplicates {
		t.Errorf("accepted %d, updated %d, duplicates %d; want %d, %d, %d", res.Accepted, res.Updated, res.Duplicates, c.Accepted, c.Updated, c.Duplicates)
	}
	switch {
	case c.RejectedCount != nil:
		if len(res.Rejected) != *c.RejectedCount {
			t.Errorf("%d rejected, want %d", len(res.Rejected), *c.RejectedCount)
		}
	default:
		got := map[string]string{}
		for _, r := range res.Rejected {
			got[fmt.Sprint(r.Index)] = r.Error
		}
		for idx, want := range c.Rejected {
			if msg, ok := got[idx]; !ok {
				t.Errorf("item %s not rejected, want %q", idx, want)
			} else if !strings.Contains(msg, want) {
				t.Errorf("item %s: error %q does not say %q", idx, msg, want)
			}
		}
		if len(got) != len(c.Rejected) {
			t.Errorf("rejected %v, want exactly %v", got, c.Rejected)
		}
	}
	// Exactly the valid items are stored: the accepted count of new ids,
	// and when the case names them, those.
	var added []string
	for id := range after.ids {
		if !before.ids[id] {
			added = append(added, id)
		}
	}
	if len(added) != c.Accepted {
		t.Errorf("%d new alerts stored, %d accepted", len(added), c.Accepted)
	}
	if c.Stored != nil {
		slices.Sort(added)
		want := slices.Sorted(slices.Values(c.Stored))
		if !slices.Equal(added, want) {
			t.Errorf("stored %q, want %q", added, want)
		}
	}
}

func checkHostileGraphQL(t *testing.T, c hostileCase, answer []byte) {
	t.Helper()
	var resp struct {
		Data   json.RawMessage `json:"data"`
		Errors []gqlError      `json:"errors"`
	}
	if err := json.Unmarshal(answer, &resp); err != nil {
		t.Fatalf("the answer is not a GraphQL response (%v): %.300s", err, answer)
	}
	for _, e := range resp.Errors {
		if internalCodes[e.code()] {
			t.Errorf("an internal error: %+v", e)
		}
	}
	if len(resp.Errors) > 0 {
		raw, _ := json.Marshal(resp.Errors)
		assertNoLeaks(t, "GraphQL errors", raw)
	}
	switch {
	case c.Code == "" && c.Error == "":
		if len(resp.Errors) > 0 {
			t.Errorf("errors %+v, want none", resp.Errors)
		}
	case len(resp.Errors) == 0:
		t.Errorf("no error, want %s %q: %.300s", c.Code, c.Error, answer)
	default:
		e := resp.Errors[0]
		if e.code() != c.Code || !strings.Contains(e.Message, c.Error) {
			t.Errorf("error %s %q, want %s with %q", e.code(), e.Message, c.Code, c.Error)
		}
	}
}

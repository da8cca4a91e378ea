package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"

	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/broker"
	"github.com/vigil-soc/vigil/store/storetest"
)

// wsMessage is a message of the graphql-transport-ws protocol.
type wsMessage struct {
	ID      string          `json:"id,omitempty"`
	Type    string          `json:"type"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

// wsClient speaks graphql-transport-ws over a real websocket.
type wsClient struct {
	conn *websocket.Conn
}

// dialGraphQL opens a websocket to /graphql with the graphql-transport-ws
// subprotocol and the given request headers.
func dialGraphQL(ts *testServer, header http.Header) (*websocket.Conn, *http.Response, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return websocket.Dial(ctx, "ws"+strings.TrimPrefix(ts.URL, "http")+"/graphql", &websocket.DialOptions{
		Subprotocols: []string{"graphql-transport-ws"},
		HTTPHeader:   header,
	})
}

// connect opens a websocket and completes connection_init/connection_ack.
// The socket is closed when t ends.
func connect(t *testing.T, ts *testServer) *wsClient {
	t.Helper()
	conn, _, err := dialGraphQL(ts, nil)
	if err != nil {
		t.Fatalf("dialing /graphql: %v", err)
	}
	t.Cleanup(func() { conn.CloseNow() })
	if got := conn.Subprotocol(); got != "graphql-transport-ws" {
		t.Fatalf("subprotocol %q, want graphql-transport-ws", got)
	}
	c := &wsClient{conn: conn}
	init, _ := json.Marshal(map[string]string{"Authorization": "Bearer " + ts.token})
	c.send(t, wsMessage{Type: "connection_init", Payload: init})
	if m := c.read(t, 5*time.Second); m.Type != "connection_ack" {
		t.Fatalf("answer to connection_init: %+v, want connection_ack", m)
	}
	return c
}

func (c *wsClient) send(t *testing.T, m wsMessage) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := wsjson.Write(ctx, c.conn, m); err != nil {
		t.Fatalf("sending %s: %v", m.Type, err)
	}
}

// readErr returns the next message other than a ping (which it answers),
// or the error that ended the connection. A read that takes longer than d
// closes the connection.
func (c *wsClient) readErr(t *testing.T, d time.Duration) (wsMessage, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	for {
		var m wsMessage
		if err := wsjson.Read(ctx, c.conn, &m); err != nil {
			return m, err
		}
		if m.Type != "ping" {
			return m, nil
		}
		if err := wsjson.Write(ctx, c.conn, wsMessage{Type: "pong"}); err != nil {
			return m, err
		}
	}
}

func (c *wsClient) read(t *testing.T, d time.Duration) wsMessage {
	t.Helper()
	m, err := c.readErr(t, d)
	if err != nil {
		t.Fatalf("reading a message within %s: %v", d, err)
	}
	return m
}

func (c *wsClient) subscribe(t *testing.T, id, query string) {
	t.Helper()
	payload, _ := json.Marshal(map[string]any{"query": query})
	c.send(t, wsMessage{ID: id, Type: "subscribe", Payload: payload})
}

// next reads the next message, requires it to be a "next" of subscription
// id, and decodes its data into out.
func (c *wsClient) next(t *testing.T, id string, d time.Duration, out any) {
	t.Helper()
	m := c.read(t, d)
	if m.Type != "next" || m.ID != id {
		t.Fatalf("got %+v (%s), want next of %s", m, m.Payload, id)
	}
	decodeNext(t, m.Payload, out)
}

func decodeNext(t *testing.T, payload []byte, out any) {
	t.Helper()
	var p struct {
		Data   json.RawMessage
		Errors json.RawMessage
	}
	if err := json.Unmarshal(payload, &p); err != nil {
		t.Fatalf("payload %s: %v", payload, err)
	}
	if len(p.Errors) > 0 {
		t.Fatalf("subscription errors: %s", p.Errors)
	}
	if err := json.Unmarshal(p.Data, out); err != nil {
		t.Fatalf("data %s: %v", p.Data, err)
	}
}

// subscribers waits until the broker has n subscribers: a subscription is
// live only once its resolver has subscribed, after the protocol's
// messages.
func (ts *testServer) subscribers(t *testing.T, n int) {
	t.Helper()
	eventually(t, 5*time.Second, "broker subscribers", func() bool { return ts.broker.Subscribers() == n })
}

const (
	subCreated = `subscription { incidentCreated { id title status isActive resource { name }
		alerts { totalCount edges { node { systemAlertId } } } } }`
	subUpdated = `subscription { incidentUpdated { id title status isActive } }`
)

type createdEvent struct {
	IncidentCreated incidentNode
}

type updatedEvent struct {
	IncidentUpdated incidentNode
}

// setIncidentStatus sets an incident's status through the API.
func (ts *testServer) setIncidentStatus(t *testing.T, id, status string) {
	t.Helper()
	ts.mustGraphQL(t, `mutation($id: ID!, $s: IncidentStatus!) { setIncidentStatus(id: $id, status: $s) { id } }`,
		map[string]any{"id": id, "s": status}, nil)
}

func TestSubscriptionsOverWebsocket(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		ts := startServer(t, dsn)
		c := connect(t, ts)

		c.send(t, wsMessage{Type: "ping"})
		if m := c.read(t, 2*time.Second); m.Type != "pong" {
			t.Errorf("answer to ping: %+v, want pong", m)
		}

		c.subscribe(t, "created", subCreated)
		ts.subscribers(t, 1)
		ts.ingest(t, "application/json", chain(t, "vm-ws", time.Date(2024, 2, 1, 12, 0, 0, 0, time.UTC)))
		var created createdEvent
		c.next(t, "created", 2*time.Second, &created)
		inc := created.IncidentCreated
		if inc.Title != "Security incident detected on vm-ws" || inc.Resource.Name != "vm-ws" || inc.Status != "ACTIVE" || !inc.IsActive {
			t.Errorf("incidentCreated = %+v, want the active incident on vm-ws", inc)
		}
		if inc.Alerts.TotalCount != 2 || inc.Alerts.Edges[0].Node.SystemAlertID != "vm-ws-initial-access" || inc.Alerts.Edges[1].Node.SystemAlertID != "vm-ws-execution" {
			t.Errorf("incidentCreated alerts = %+v, want vm-ws-initial-access then vm-ws-execution", inc.Alerts)
		}

		c.subscribe(t, "updated", subUpdated)
		ts.subscribers(t, 2)
		ts.setIncidentStatus(t, inc.ID, "IN_PROGRESS")
		var updated updatedEvent
		c.next(t, "updated", 2*time.Second, &updated)
		if updated.IncidentUpdated.ID != inc.ID || updated.IncidentUpdated.Status != "IN_PROGRESS" {
			t.Errorf("incidentUpdated = %+v, want incident %s IN_PROGRESS", updated.IncidentUpdated, inc.ID)
		}

		c.send(t, wsMessage{ID: "created", Type: "complete"})
		ts.subscribers(t, 1)

		c.subscribe(t, "bad", `subscription { incidentCreated { noSuchField } }`)
		m := c.read(t, 2*time.Second)
		if m.Type == "complete" && m.ID == "created" { // gqlgen confirms the client's complete
			m = c.read(t, 2*time.Second)
		}
		if m.Type != "error" || m.ID != "bad" {
			t.Errorf("answer to an invalid subscription: %+v, want error of bad", m)
		} else {
			assertNoLeaks(t, "the subscription error", m.Payload)
		}
	})
}

func TestWebsocketOrigin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		ts := startServer(t, dsn, func(c *Config) { c.AllowedOrigins = []string{"console.example.com"} })
		self, _ := url.Parse(ts.URL) // http://127.0.0.1:PORT
		tests := []struct {
			name   string
			origin string
			ok     bool
		}{
			{"no Origin header (not a browser) is accepted", "", true},
			{"the server's own origin is accepted", ts.URL, true},
			{"an origin listed in --allowed-origins is accepted", "https://console.example.com", true},
			{"a foreign origin https://evil.example is refused", "https://evil.example", false},
			{"an allowed origin's look-alike is refused", "https://console.example.com.evil.example", false},
			{"the server's host on another port is refused", "http://" + self.Hostname() + ":1", false},
			{"the null origin of a sandboxed page is refused", "null", false},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				h := http.Header{}
				if tc.origin != "" {
					h.Set("Origin", tc.origin)
				}
				conn, resp, err := dialGraphQL(ts, h)
				if conn != nil {
					defer conn.CloseNow()
				}
				switch {
				case tc.ok && err != nil:
					t.Errorf("Origin %q refused: %v", tc.origin, err)
				case !tc.ok && err == nil:
					t.Errorf("Origin %q accepted", tc.origin)
				case !tc.ok && (resp == nil || resp.StatusCode != http.StatusForbidden):
					t.Errorf("Origin %q: answer %v, want 403", tc.origin, resp)
				}
			})
		}
	})
}

// sseEvent is one server-sent event.
type sseEvent struct {
	Event string
	Data  []byte
}

// sseSubscribe starts a subscription over server-sent events and returns
// its events; the channel closes when the stream ends. cancel ends it from
// the client's side.
func sseSubscribe(t *testing.T, ts *testServer, query string) (events <-chan sseEvent, cancel func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	body, _ := json.Marshal(map[string]any{"query": query})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, ts.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	ts.authorize(req)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatalf("POST /graphql (SSE): %v", err)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		cancel()
		resp.Body.Close()
		t.Fatalf("SSE answer: %d %s, want 200 text/event-stream", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	ch := make(chan sseEvent, 16)
	go func() {
		defer close(ch)
		defer resp.Body.Close()
		r := bufio.NewReader(resp.Body)
		var ev sseEvent
		for {
			line, err := r.ReadString('\n')
			line = strings.TrimRight(line, "\r\n")
			switch {
			case strings.HasPrefix(line, "event:"):
				ev.Event = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
			case strings.HasPrefix(line, "data:"):
				ev.Data = append(ev.Data, strings.TrimSpace(strings.TrimPrefix(line, "data:"))...)
			case line == "" && (ev.Event != "" || len(ev.Data) > 0):
				ch <- ev
				ev = sseEvent{}
			}
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(cancel)
	return ch, cancel
}

// nextEvent returns the next event within d; ok is false if the stream
// ended first.
func nextEvent(t *testing.T, events <-chan sseEvent, d time.Duration) (sseEvent, bool) {
	t.Helper()
	select {
	case ev, ok := <-events:
		return ev, ok
	case <-time.After(d):
		t.Fatalf("no server-sent event within %s", d)
	}
	return sseEvent{}, false
}

func TestSubscriptionsOverSSE(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		ts := startServer(t, dsn)
		created, stopCreated := sseSubscribe(t, ts, subCreated)
		ts.subscribers(t, 1)
		ts.ingest(t, "application/json", chain(t, "vm-sse", time.Date(2024, 2, 3, 12, 0, 0, 0, time.UTC)))
		ev, ok := nextEvent(t, created, 2*time.Second)
		if !ok || ev.Event != "next" {
			t.Fatalf("first event %+v (stream open: %v), want next", ev, ok)
		}
		var c createdEvent
		decodeNext(t, ev.Data, &c)
		if c.IncidentCreated.Title != "Security incident detected on vm-sse" || c.IncidentCreated.Alerts.TotalCount != 2 {
			t.Errorf("incidentCreated over SSE = %+v, want the incident on vm-sse with its 2 alerts", c.IncidentCreated)
		}

		updated, _ := sseSubscribe(t, ts, subUpdated)
		ts.subscribers(t, 2)
		ts.setIncidentStatus(t, c.IncidentCreated.ID, "DISMISSED")
		ev, ok = nextEvent(t, updated, 2*time.Second)
		if !ok || ev.Event != "next" {
			t.Fatalf("first event %+v (stream open: %v), want next", ev, ok)
		}
		var u updatedEvent
		decodeNext(t, ev.Data, &u)
		if u.IncidentUpdated.ID != c.IncidentCreated.ID || u.IncidentUpdated.Status != "DISMISSED" || u.IncidentUpdated.IsActive {
			t.Errorf("incidentUpdated over SSE = %+v, want incident %s DISMISSED and inactive", u.IncidentUpdated, c.IncidentCreated.ID)
		}

		stopCreated()
		ts.subscribers(t, 1)
	})
}

// TestSubscriptionsEndWithTheirConnections opens many subscriptions, closes
// them from the client's side, and checks that the server's goroutines
// return to their baseline. It must not run in parallel with other tests.
func TestSubscriptionsEndWithTheirConnections(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ts := startServer(t, dsn)
		// Warm up: one connection of each kind, so that pools and lazily
		// started goroutines exist before the baseline is taken.
		ts.mustGraphQL(t, `{ incidents { totalCount } }`, nil, nil)
		warm := connect(t, ts)
		warm.subscribe(t, "1", subUpdated)
		ts.subscribers(t, 1)
		warm.conn.Close(websocket.StatusNormalClosure, "")
		ts.subscribers(t, 0)
		settleGoroutines()
		baseline := runtime.NumGoroutine()

		const sockets, streams = 50, 10
		var clients []*wsClient
		for i := 0; i < sockets; i++ {
			c := connect(t, ts)
			c.subscribe(t, "created", subCreated)
			clients = append(clients, c)
		}
		var cancels []func()
		for i := 0; i < streams; i++ {
			_, cancel := sseSubscribe(t, ts, subUpdated)
			cancels = append(cancels, cancel)
		}
		ts.subscribers(t, sockets+streams)
		if n := runtime.NumGoroutine(); n <= baseline+sockets {
			t.Errorf("%d goroutines with %d subscriptions open, baseline %d: the test cannot see a leak", n, sockets+streams, baseline)
		}
		for _, c := range clients {
			c.conn.Close(websocket.StatusNormalClosure, "")
		}
		for _, cancel := range cancels {
			cancel()
		}
		ts.subscribers(t, 0)
		deadline := time.Now().Add(5 * time.Second)
		for runtime.NumGoroutine() > baseline {
			if time.Now().After(deadline) {
				var dump bytes.Buffer
				pprof.Lookup("goroutine").WriteTo(&dump, 1)
				t.Fatalf("%d goroutines after closing every subscription, baseline %d:\n%s", runtime.NumGoroutine(), baseline, dump.String())
			}
			time.Sleep(10 * time.Millisecond)
		}
	})
}

// settleGoroutines gives goroutines that are on their way out a moment to
// finish, so that a baseline does not count them.
func settleGoroutines() {
	last := runtime.NumGoroutine()
	for i := 0; i < 50; i++ {
		time.Sleep(10 * time.Millisecond)
		n := runtime.NumGoroutine()
		if n == last {
			return
		}
		last = n
	}
}

// TestCloseEndsSubscriptions checks that Server.Close ends open
// subscriptions: websocket clients get complete (or the socket closes) and
// event streams end.
func TestCloseEndsSubscriptions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		ts := startServer(t, dsn)
		c := connect(t, ts)
		c.subscribe(t, "created", subCreated)
		c.subscribe(t, "updated", subUpdated)
		events, _ := sseSubscribe(t, ts, subCreated)
		ts.subscribers(t, 3)

		done := make(chan error, 1)
		go func() { done <- ts.Close() }()

		open := map[string]bool{"created": true, "updated": true}
		for len(open) > 0 {
			m, err := c.readErr(t, 2*time.Second)
			if err != nil {
				var ce websocket.CloseError
				if !errors.As(err, &ce) && !errors.Is(err, io.EOF) {
					t.Fatalf("websocket after Close: %v, want complete messages or a closed socket", err)
				}
				break
			}
			if m.Type != "complete" || !open[m.ID] {
				t.Fatalf("websocket after Close: %+v, want complete", m)
			}
			delete(open, m.ID)
		}
		for {
			ev, ok := nextEvent(t, events, 2*time.Second)
			if !ok || ev.Event == "complete" {
				break
			}
			t.Fatalf("event stream after Close: %+v, want complete or the end", ev)
		}
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Close: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("Close did not return")
		}
	})
}

// TestASlowSubscriberIsToldItFellBehind publishes a burst of events faster
// than a websocket subscriber takes them: the server ends the subscription
// with a graphql-transport-ws `error` naming why (code
// SUBSCRIBER_TOO_SLOW, the buffer's size) after the events it had queued —
// not a `complete`, which would read as a normal end — and the same
// connection subscribes again. On SQLite only: the PostgreSQL broker hands
// events to the same in-process broker, but each of its publishes is a
// round trip, too slow to outrun a subscriber on demand.
func TestASlowSubscriberIsToldItFellBehind(t *testing.T) {
	ts := startServer(t, storetest.SQLite(t))
	ctx := authz.System(context.Background())
	ts.ingest(t, "application/json", chain(t, "vm-slow", time.Date(2024, 2, 1, 12, 0, 0, 0, time.UTC)))
	var id int
	eventually(t, 5*time.Second, "the incident on vm-slow", func() bool {
		ids, err := ts.db.Client.Incident.Query().IDs(ctx)
		if err != nil || len(ids) != 1 {
			return false
		}
		id = ids[0]
		return true
	})
	c := connect(t, ts)
	const light = `subscription { incidentCreated { id resource { name } } }`
	c.subscribe(t, "created", light)
	ts.subscribers(t, 1)
	const burst = 20_000
	for i := 0; i < burst; i++ {
		ts.broker.Publish(broker.Event{Kind: broker.IncidentCreated, IncidentID: id})
	}
	nexts := 0
	for {
		m := c.read(t, 30*time.Second)
		if m.Type == "next" && m.ID == "created" {
			var created createdEvent
			decodeNext(t, m.Payload, &created)
			if created.IncidentCreated.Resource.Name != "vm-slow" {
				t.Fatalf("event %d: %+v, want the incident on vm-slow", nexts, created.IncidentCreated)
			}
			nexts++
			continue
		}
		if m.Type != "error" || m.ID != "created" {
			t.Fatalf("after %d events: %+v (%s), want an error of created", nexts, m, m.Payload)
		}
		var errs []struct {
			Message    string
			Extensions struct{ Code string }
		}
		if err := json.Unmarshal(m.Payload, &errs); err != nil || len(errs) != 1 {
			t.Fatalf("error payload %s: %v", m.Payload, err)
		}
		if errs[0].Extensions.Code != "SUBSCRIBER_TOO_SLOW" || !strings.Contains(errs[0].Message, "1024 events behind") ||
			!strings.Contains(errs[0].Message, "subscribe again") {
			t.Fatalf("error %+v, want SUBSCRIBER_TOO_SLOW saying it fell 1024 events behind and to subscribe again", errs[0])
		}
		break
	}
	if nexts == 0 || nexts >= burst {
		t.Fatalf("%d events before the error, want some and fewer than the %d published", nexts, burst)
	}
	if got := ts.broker.Dropped(); got != 1 {
		t.Fatalf("Dropped() = %d, want 1", got)
	}
	ts.subscribers(t, 0)
	c.subscribe(t, "again", light)
	ts.subscribers(t, 1)
	ts.broker.Publish(broker.Event{Kind: broker.IncidentCreated, IncidentID: id})
	var created createdEvent
	c.next(t, "again", 5*time.Second, &created)
	if created.IncidentCreated.Resource.Name != "vm-slow" {
		t.Fatalf("after subscribing again: %+v, want the incident on vm-slow", created.IncidentCreated)
	}
}

// TestASlowSSESubscriberIsEnded: server-sent events cannot carry an error
// once the stream has started, so a subscriber over SSE that falls behind
// sees its stream end (`complete`) after the events it had queued — and
// the server goes on serving (the error gqlgen keeps for websockets only
// is not there to add to).
func TestASlowSSESubscriberIsEnded(t *testing.T) {
	ts := startServer(t, storetest.SQLite(t))
	ctx := authz.System(context.Background())
	ts.ingest(t, "application/json", chain(t, "vm-sse", time.Date(2024, 2, 1, 12, 0, 0, 0, time.UTC)))
	var id int
	eventually(t, 5*time.Second, "the incident on vm-sse", func() bool {
		ids, err := ts.db.Client.Incident.Query().IDs(ctx)
		if err != nil || len(ids) != 1 {
			return false
		}
		id = ids[0]
		return true
	})
	events, _ := sseSubscribe(t, ts, `subscription { incidentCreated { id resource { name } } }`)
	ts.subscribers(t, 1)
	for i := 0; i < 20_000; i++ {
		ts.broker.Publish(broker.Event{Kind: broker.IncidentCreated, IncidentID: id})
	}
	nexts, completed := 0, false
	for {
		ev, ok := nextEvent(t, events, 30*time.Second)
		if !ok {
			break
		}
		switch ev.Event {
		case "next":
			nexts++
		case "complete":
			completed = true
		}
	}
	if nexts == 0 || nexts >= 20_000 || !completed {
		t.Fatalf("%d events, complete %t: want some of the 20,000, then the stream's end", nexts, completed)
	}
	if got := ts.broker.Dropped(); got != 1 {
		t.Fatalf("Dropped() = %d, want 1", got)
	}
	var out struct{ Incidents struct{ TotalCount int } }
	ts.mustGraphQL(t, `{ incidents { totalCount } }`, nil, &out)
	if out.Incidents.TotalCount != 1 {
		t.Fatalf("after the burst, incidents totalCount %d, want 1", out.Incidents.TotalCount)
	}
}

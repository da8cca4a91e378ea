package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"
)

// incrementalResult is one run of the incremental suite.
type incrementalResult struct {
	db           string
	stored       int           // alerts in the database before the run
	catchUp      time.Duration // from start until the start-up backlog was empty
	sent, chains int           // alerts posted, chains completed by them
	sending      time.Duration // from the first POST to the last response
	latencies    []time.Duration
	early        int // events seen before the client had the POST's response
	multi        int // multi-resource incidents created (not matched to a chain)
	unexpected   int // per-resource incidents of no chain sent
	maxBacklog   int
	peakRSS      int64 // KiB
	failedPosts  int
	dropped      int   // subscribers the server dropped for falling behind
	spent        spent // correlation's rounds and time, from the first POST to the end
	// before and after are the incidents in the database around the run.
	before, after incidentCounts
}

// liveStride walks the resources so that consecutive live chains land on
// resources far apart; it is prime, so it visits every resource once
// before any twice.
const liveStride = 7919

// incremental starts `vigil serve` on dsn (which holds a correlated
// backlog of w), waits for its start-up pass, subscribes to
// incidentCreated over a websocket, and then posts new chains at rate
// alerts per second for d, in batches of batch alerts (whole chains). Each
// chain makes one new per-resource incident; the latency of a chain is from
// the response to the POST that carried it to the incidentCreated event of
// its incident.
func incremental(bin, dsn string, w workload, chainSlot int, o options) (incrementalResult, error) {
	rate, batch, d := o.rate, o.liveBatch, o.duration
	r := incrementalResult{}
	var err error
	if r.stored, err = countAlerts(dsn); err != nil {
		return r, err
	}
	if r.before, err = countIncidents(dsn); err != nil {
		return r, err
	}
	start := time.Now()
	srv, err := startServer(bin, dsn)
	if err != nil {
		return r, err
	}
	defer srv.kill()
	// `vigil serve` correlates at start what its work items record as left
	// undone (every resource, once, on a seed from before work items).
	if err := srv.waitBacklog(60 * time.Minute); err != nil {
		return r, err
	}
	r.catchUp = time.Since(start)
	progress(os.Stderr, "  start-up correlation pass done in %s", r.catchUp)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sub, err := subscribe(ctx, srv)
	if err != nil {
		return r, err
	}
	for deadline := time.Now().Add(10 * time.Second); ; {
		n, err := srv.gauge("vigil_subscriptions")
		if err != nil {
			return r, err
		}
		if n > 0 {
			break
		}
		if time.Now().After(deadline) {
			return r, fmt.Errorf("the subscription did not start")
		}
		time.Sleep(10 * time.Millisecond)
	}

	var (
		mu      sync.Mutex
		ackedAt = map[string]time.Time{} // chain (its first alert's id) → POST response
		wg      sync.WaitGroup
		slots   = make(chan struct{}, 8) // POSTs in flight
	)
	perBatch := max(1, batch/len(steps))
	interval := time.Duration(float64(time.Second) * float64(perBatch*len(steps)) / float64(rate))
	client := &http.Client{Timeout: time.Minute}
	stopWatch := make(chan struct{})
	watched := make(chan struct{})
	go func() { // the backlog and memory while it runs
		defer close(watched)
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stopWatch:
				return
			case <-t.C:
			}
			if b, err := srv.gauge("vigil_correlation_backlog"); err == nil {
				r.maxBacklog = max(r.maxBacklog, b)
			}
		}
	}()
	before, err := srv.spent()
	if err != nil {
		return r, err
	}
	progress(os.Stderr, "  posting %d alerts/s for %s in batches of %d…", rate, d, perBatch*len(steps))
	tick := time.NewTicker(interval)
	sendStart := time.Now()
	var lastAck time.Time
	for chain := 0; time.Since(sendStart) < d; chain += perBatch {
		var part []flatAlert
		var ids []string
		for c := chain; c < chain+perBatch; c++ {
			res := (c * liveStride) % w.resources
			slot := chainSlot + c/w.resources
			for s := range steps {
				part = append(part, w.alert("live", c*len(steps)+s, res, slot, s))
			}
			ids = append(ids, part[len(part)-len(steps)].SystemAlertID)
		}
		body := encode(part)
		r.sent += len(part)
		r.chains += len(ids)
		slots <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			err := srv.ingest(client, body)
			at := time.Now()
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				r.failedPosts++
				fmt.Fprintf(os.Stderr, "  POST failed: %v\n", err)
				return
			}
			for _, id := range ids {
				ackedAt[id] = at
			}
			lastAck = at
		}()
		<-tick.C
	}
	tick.Stop()
	wg.Wait()
	r.sending = lastAck.Sub(sendStart)

	// Wait for the events still due: until every chain has its incident,
	// or the backlog is empty and nothing more arrives for a while.
	expected := r.chains - r.failedPosts*perBatch
	for deadline := time.Now().Add(o.drain); time.Now().Before(deadline); {
		if sub.perResource() >= expected {
			break
		}
		if b, err := srv.gauge("vigil_correlation_backlog"); err == nil && b == 0 && time.Since(sub.lastEvent()) > 3*time.Second {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	close(stopWatch)
	<-watched
	r.peakRSS = srv.peakRSS()
	if r.dropped, err = srv.gauge("vigil_subscriptions_dropped_total"); err != nil {
		return r, err
	}
	after, err := srv.spent()
	if err != nil {
		return r, err
	}
	r.spent = after.minus(before)
	cancel()
	events := sub.wait()

	mu.Lock()
	defer mu.Unlock()
	for _, e := range events {
		if e.multi {
			r.multi++
			continue
		}
		acked, ok := ackedAt[e.first]
		if !ok {
			r.unexpected++
			continue
		}
		lat := e.at.Sub(acked)
		if lat < 0 {
			r.early++
			lat = 0
		}
		r.latencies = append(r.latencies, lat)
	}
	slices.Sort(r.latencies)
	if err := srv.stop(); err != nil {
		return r, err
	}
	r.after, err = countIncidents(dsn)
	return r, err
}

// event is one incidentCreated message as the client saw it.
type event struct {
	at    time.Time
	first string // the systemAlertId of the incident's earliest alert
	multi bool
}

// subscription reads incidentCreated events from one websocket.
type subscription struct {
	mu     sync.Mutex
	events []event
	done   chan struct{}
	err    error
}

const createdQuery = `subscription { incidentCreated { id title alerts(first: 1) { edges { node { systemAlertId } } } } }`

// subscribe opens a graphql-transport-ws websocket to srv with its token in
// connection_init, subscribes to incidentCreated and reads events until
// ctx ends.
func subscribe(ctx context.Context, srv *server) (*subscription, error) {
	conn, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(srv.base, "http")+"/graphql", &websocket.DialOptions{
		Subprotocols: []string{"graphql-transport-ws"},
	})
	if err != nil {
		return nil, fmt.Errorf("dialing /graphql: %w", err)
	}
	conn.SetReadLimit(1 << 20)
	type message struct {
		ID      string          `json:"id,omitempty"`
		Type    string          `json:"type"`
		Payload json.RawMessage `json:"payload,omitempty"`
	}
	init, _ := json.Marshal(map[string]string{"Authorization": "Bearer " + srv.token})
	if err := wsjson.Write(ctx, conn, message{Type: "connection_init", Payload: init}); err != nil {
		conn.CloseNow()
		return nil, err
	}
	var ack message
	if err := wsjson.Read(ctx, conn, &ack); err != nil || ack.Type != "connection_ack" {
		conn.CloseNow()
		return nil, fmt.Errorf("connection_init: got %q, %v", ack.Type, err)
	}
	payload, _ := json.Marshal(map[string]string{"query": createdQuery})
	if err := wsjson.Write(ctx, conn, message{ID: "created", Type: "subscribe", Payload: payload}); err != nil {
		conn.CloseNow()
		return nil, err
	}
	s := &subscription{done: make(chan struct{})}
	go func() {
		defer close(s.done)
		defer conn.CloseNow()
		for {
			var m message
			if err := wsjson.Read(ctx, conn, &m); err != nil {
				if ctx.Err() == nil {
					s.err = err
				}
				return
			}
			at := time.Now()
			switch m.Type {
			case "ping":
				wsjson.Write(ctx, conn, message{Type: "pong"})
				continue
			case "next":
			default:
				s.err = fmt.Errorf("subscription: %s %s", m.Type, m.Payload)
				return
			}
			var p struct {
				Data struct {
					IncidentCreated struct {
						Title  string
						Alerts struct {
							Edges []struct {
								Node struct{ SystemAlertID string }
							}
						}
					} `json:"incidentCreated"`
				}
			}
			if err := json.Unmarshal(m.Payload, &p); err != nil {
				s.err = err
				return
			}
			inc := p.Data.IncidentCreated
			e := event{at: at, multi: strings.HasSuffix(inc.Title, "multiple resources")}
			if len(inc.Alerts.Edges) > 0 {
				e.first = inc.Alerts.Edges[0].Node.SystemAlertID
			}
			s.mu.Lock()
			s.events = append(s.events, e)
			s.mu.Unlock()
		}
	}()
	return s, nil
}

// perResource counts the per-resource incidents seen so far.
func (s *subscription) perResource() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, e := range s.events {
		if !e.multi {
			n++
		}
	}
	return n
}

// lastEvent is when the latest event arrived (the zero time before any).
func (s *subscription) lastEvent() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.events) == 0 {
		return time.Time{}
	}
	return s.events[len(s.events)-1].at
}

// wait returns the events once the reader has stopped.
func (s *subscription) wait() []event {
	<-s.done
	if s.err != nil {
		fmt.Fprintln(os.Stderr, "  subscription ended:", s.err)
	}
	return s.events
}

// percentile returns the p-th percentile (0 < p ≤ 100) of sorted values.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p/100+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

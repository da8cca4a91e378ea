// Package broker fans incident events out to subscribers. The Broker
// interface lets an in-process broker (Memory) and a PostgreSQL
// LISTEN/NOTIFY broker stand in for each other.
//
//	b := broker.NewMemory(64)
//	sub, err := b.Subscribe(ctx) // sub.Events closes when ctx ends or the subscriber falls behind
//	b.Publish(broker.Event{Kind: broker.IncidentCreated, IncidentID: 42})
//	for e := range sub.Events { … }
//	if err := sub.Err(); err != nil { … } // ErrTooSlow, or events were lost
package broker

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
)

// Kind says what happened to an incident.
type Kind string

// Event kinds.
const (
	IncidentCreated Kind = "incidentCreated"
	IncidentUpdated Kind = "incidentUpdated"
)

// Event is one change of an incident. Subscribers load the incident itself.
type Event struct {
	Kind       Kind `json:"kind"`
	IncidentID int  `json:"incidentId"`
}

// Broker publishes events to every current subscriber.
type Broker interface {
	// Publish sends e to every subscriber without blocking: a subscriber
	// whose buffer is full is dropped (its channel closed) and counted.
	Publish(e Event)
	// Subscribe returns a subscription whose channel of events is closed
	// when ctx ends, when the broker closes, when the subscriber falls too
	// far behind, or when events may have been lost on the way; its Err
	// then says which.
	Subscribe(ctx context.Context) (*Subscription, error)
	// Close closes every subscription.
	Close() error
}

// Memory is the in-process Broker.
type Memory struct {
	buffer int

	mu     sync.Mutex
	subs   map[*subscriber]struct{}
	closed bool

	dropped atomic.Int64
}

type subscriber struct {
	ch   chan Event
	done bool                   // guarded by Memory.mu
	err  atomic.Pointer[ending] // why ch was closed; stored before the close
}

type ending struct{ err error }

// Subscription is one subscriber's stream of events.
type Subscription struct {
	// Events delivers the events in order; it is closed when the
	// subscription ends.
	Events <-chan Event
	s      *subscriber
}

// Err returns, once Events is closed, why the broker ended the
// subscription: an *ErrTooSlow, ErrLost, or nil when its context ended or
// the broker closed. Before Events is closed it returns nil.
func (s *Subscription) Err() error {
	if e := s.s.err.Load(); e != nil {
		return e.err
	}
	return nil
}

// ErrTooSlow ends a subscriber that fell Buffer events behind.
type ErrTooSlow struct{ Buffer int }

func (e *ErrTooSlow) Error() string {
	return fmt.Sprintf("the subscriber fell %d events behind and was ended", e.Buffer)
}

// ErrLost ends the subscriptions of a broker that may have lost events
// (the PostgreSQL broker's connection dropped and reconnected).
var ErrLost = errors.New("events may have been lost (the broker reconnected) and the subscription was ended")

// NewMemory returns an in-process broker whose subscribers each buffer up
// to buffer events.
func NewMemory(buffer int) *Memory {
	if buffer < 1 {
		buffer = 1
	}
	return &Memory{buffer: buffer, subs: map[*subscriber]struct{}{}}
}

// Publish implements Broker.
func (m *Memory) Publish(e Event) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for s := range m.subs {
		select {
		case s.ch <- e:
		default:
			m.dropped.Add(1)
			m.end(s, &ErrTooSlow{Buffer: m.buffer})
		}
	}
}

// Subscribe implements Broker.
func (m *Memory) Subscribe(ctx context.Context) (*Subscription, error) {
	s := &subscriber{ch: make(chan Event, m.buffer)}
	sub := &Subscription{Events: s.ch, s: s}
	m.mu.Lock()
	if m.closed {
		m.mu.Unlock()
		close(s.ch)
		return sub, nil
	}
	m.subs[s] = struct{}{}
	m.mu.Unlock()
	go func() {
		<-ctx.Done()
		m.mu.Lock()
		m.end(s, nil)
		m.mu.Unlock()
	}()
	return sub, nil
}

// end closes s once, for err; m.mu must be held.
func (m *Memory) end(s *subscriber, err error) {
	if s.done {
		return
	}
	s.done = true
	s.err.Store(&ending{err})
	delete(m.subs, s)
	close(s.ch)
}

// Lost ends every current subscription with ErrLost: the caller may have
// missed events they were due.
func (m *Memory) Lost() {
	m.mu.Lock()
	defer m.mu.Unlock()
	for s := range m.subs {
		m.end(s, ErrLost)
	}
}

// Close implements Broker.
func (m *Memory) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.closed = true
	for s := range m.subs {
		m.end(s, nil)
	}
	return nil
}

// Subscribers returns the number of current subscribers.
func (m *Memory) Subscribers() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.subs)
}

// Dropped returns how many subscribers were dropped for falling behind.
func (m *Memory) Dropped() int64 { return m.dropped.Load() }

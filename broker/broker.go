// Package broker fans incident events out to subscribers. The Broker
// interface lets an in-process broker (Memory) and a PostgreSQL
// LISTEN/NOTIFY broker stand in for each other.
//
//	b := broker.NewMemory(64)
//	events, err := b.Subscribe(ctx) // closed when ctx ends or the subscriber falls behind
//	b.Publish(broker.Event{Kind: broker.IncidentCreated, IncidentID: 42})
package broker

import (
	"context"
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
	// Subscribe returns a channel of events that is closed when ctx ends,
	// when the broker closes, or when the subscriber falls too far behind.
	Subscribe(ctx context.Context) (<-chan Event, error)
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
	done bool // guarded by Memory.mu
}

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
			m.remove(s)
		}
	}
}

// Subscribe implements Broker.
func (m *Memory) Subscribe(ctx context.Context) (<-chan Event, error) {
	s := &subscriber{ch: make(chan Event, m.buffer)}
	m.mu.Lock()
	if m.closed {
		m.mu.Unlock()
		close(s.ch)
		return s.ch, nil
	}
	m.subs[s] = struct{}{}
	m.mu.Unlock()
	go func() {
		<-ctx.Done()
		m.mu.Lock()
		m.remove(s)
		m.mu.Unlock()
	}()
	return s.ch, nil
}

// remove closes s once; m.mu must be held.
func (m *Memory) remove(s *subscriber) {
	if s.done {
		return
	}
	s.done = true
	delete(m.subs, s)
	close(s.ch)
}

// Close implements Broker.
func (m *Memory) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.closed = true
	for s := range m.subs {
		m.remove(s)
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

package broker

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"
)

func TestMemoryDeliversToEverySubscriber(t *testing.T) {
	b := NewMemory(4)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a, _ := b.Subscribe(ctx)
	c, _ := b.Subscribe(ctx)
	b.Publish(Event{Kind: IncidentCreated, IncidentID: 7})
	for _, ch := range []<-chan Event{a.Events, c.Events} {
		if e := <-ch; e.IncidentID != 7 || e.Kind != IncidentCreated {
			t.Fatalf("got %+v, want incident 7 created", e)
		}
	}
}

func TestMemoryDropsASlowSubscriberWithoutBlocking(t *testing.T) {
	b := NewMemory(2)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	slow, _ := b.Subscribe(ctx)
	fast, _ := b.Subscribe(ctx)
	done := make(chan struct{})
	go func() {
		for i := 0; i < 10; i++ {
			b.Publish(Event{Kind: IncidentUpdated, IncidentID: i})
			<-fast.Events
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Publish blocked on a slow subscriber")
	}
	n := 0
	for range slow.Events {
		n++
	}
	if n != 2 {
		t.Fatalf("slow subscriber got %d events before being dropped, want its buffer of 2", n)
	}
	var slowErr *ErrTooSlow
	if err := slow.Err(); !errors.As(err, &slowErr) || slowErr.Buffer != 2 {
		t.Fatalf("slow subscriber's Err() = %v, want ErrTooSlow with its buffer of 2", err)
	}
	if err := fast.Err(); err != nil {
		t.Fatalf("fast subscriber's Err() = %v while it is open", err)
	}
	if b.Dropped() != 1 {
		t.Fatalf("Dropped() = %d, want 1", b.Dropped())
	}
}

func TestMemorySubscriptionsEndWithTheirContext(t *testing.T) {
	before := runtime.NumGoroutine()
	b := NewMemory(1)
	ctx, cancel := context.WithCancel(context.Background())
	var chans []<-chan Event
	for i := 0; i < 200; i++ {
		sub, _ := b.Subscribe(ctx)
		chans = append(chans, sub.Events)
	}
	cancel()
	for _, ch := range chans {
		for range ch {
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if got := runtime.NumGoroutine(); got > before {
		t.Fatalf("goroutines: %d after, %d before", got, before)
	}
	if b.Subscribers() != 0 {
		t.Fatalf("Subscribers() = %d after every context ended", b.Subscribers())
	}
}

func TestMemoryCloseEndsSubscriptions(t *testing.T) {
	b := NewMemory(1)
	sub, _ := b.Subscribe(context.Background())
	b.Close()
	if _, ok := <-sub.Events; ok {
		t.Fatal("channel still open after Close")
	}
	if err := sub.Err(); err != nil {
		t.Fatalf("Err() = %v after Close, want nil: nothing was missed", err)
	}
	late, _ := b.Subscribe(context.Background())
	if _, ok := <-late.Events; ok {
		t.Fatal("subscription after Close is open")
	}
}

func TestMemoryLostEndsSubscriptionsWithErrLost(t *testing.T) {
	b := NewMemory(4)
	sub, _ := b.Subscribe(context.Background())
	b.Publish(Event{Kind: IncidentCreated, IncidentID: 3})
	b.Lost()
	var got []int
	for e := range sub.Events {
		got = append(got, e.IncidentID)
	}
	if len(got) != 1 || got[0] != 3 {
		t.Fatalf("events before the loss %v, want [3]", got)
	}
	if err := sub.Err(); !errors.Is(err, ErrLost) {
		t.Fatalf("Err() = %v, want ErrLost", err)
	}
}

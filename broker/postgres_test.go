package broker

import (
	"context"
	"database/sql"
	"log/slog"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/store/storetest"
)

// TestPostgresDeliversAcrossProcesses stands two brokers — two vigil
// processes — on one database: an event published by either reaches the
// subscribers of both.
func TestPostgresDeliversAcrossProcesses(t *testing.T) {
	dsn := storetest.Postgres(t)
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	log := slog.New(slog.DiscardHandler)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	a, err := NewPostgres(ctx, db, dsn, 8, log)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := NewPostgres(ctx, db, dsn, 8, log)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	onA, _ := a.Subscribe(ctx)
	onB, _ := b.Subscribe(ctx)
	a.Publish(Event{Kind: IncidentCreated, IncidentID: 41})
	b.Publish(Event{Kind: IncidentUpdated, IncidentID: 42})
	for name, ch := range map[string]<-chan Event{"a": onA.Events, "b": onB.Events} {
		got := map[int]Kind{}
		for len(got) < 2 {
			select {
			case e := <-ch:
				got[e.IncidentID] = e.Kind
			case <-ctx.Done():
				t.Fatalf("subscriber of %s got %v before the deadline, want incidents 41 and 42", name, got)
			}
		}
		if got[41] != IncidentCreated || got[42] != IncidentUpdated {
			t.Fatalf("subscriber of %s got %v", name, got)
		}
	}
	a.Close()
	if _, ok := <-onA.Events; ok {
		t.Fatal("a subscription outlived its broker's Close")
	}
}

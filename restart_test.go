package main

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/ent/incident"
	"github.com/vigil-soc/vigil/store/storetest"
)

// TestStartCorrelatesWhatWasLeftUndone stores a chain through a server
// whose correlation job never runs (as if the process died before it got
// to the chain), then starts a server on the same database: it correlates
// that resource — the incident forms — and nothing else, and once it has,
// the database records nothing left to do, so the next start schedules
// nothing at all.
func TestStartCorrelatesWhatWasLeftUndone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := authz.System(context.Background())
		cfg := defaultConfig()
		cfg.DB = dsn
		if err := cfg.validate(); err != nil {
			t.Fatal(err)
		}
		// A resource correlated before, and one left undone.
		done := startServer(t, dsn)
		done.ingest(t, "application/json", chain(t, "vm-done", time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)))
		eventually(t, 10*time.Second, "vm-done correlated", func() bool { return done.job.Backlog() == 0 && done.db.Client.Incident.Query().CountX(ctx) == 1 })
		done.Close()

		s, err := newServer(ctx, cfg, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		body := chain(t, "vm-undone", time.Date(2024, 3, 2, 9, 0, 0, 0, time.UTC))
		if res, err := s.ingester.Read(ctx, bytes.NewReader(body), "application/json"); err != nil || res.Accepted != 2 {
			t.Fatalf("ingest: %+v %v", res, err)
		}
		if n := s.db.Client.WorkItem.Query().CountX(ctx); n != 1 {
			t.Fatalf("%d work items after storing one resource's chain uncorrelated, want 1", n)
		}
		s.Close() // the job never ran

		ts := startServer(t, dsn)
		if !strings.Contains(ts.logs.String(), "correlating what was left undone") || !strings.Contains(ts.logs.String(), "resources=1") {
			t.Errorf("start-up log %q, want it to correlate the 1 resource left undone", ts.logs.String())
		}
		eventually(t, 10*time.Second, "vm-undone correlated", func() bool {
			n, err := ts.db.Client.Incident.Query().Where(incident.Title("Security incident detected on vm-undone")).Count(ctx)
			return err == nil && n == 1 && ts.job.Backlog() == 0
		})
		eventually(t, 5*time.Second, "the work item deleted", func() bool { return ts.db.Client.WorkItem.Query().CountX(ctx) == 0 })
		ts.Close()

		again := startServer(t, dsn)
		if strings.Contains(again.logs.String(), "left undone") || again.job.Backlog() != 0 {
			t.Errorf("a start with nothing left undone: backlog %d, log %q", again.job.Backlog(), again.logs.String())
		}
		if n := again.db.Client.Incident.Query().CountX(ctx); n != 2 {
			t.Errorf("%d incidents, want vm-done's and vm-undone's", n)
		}
	})
}

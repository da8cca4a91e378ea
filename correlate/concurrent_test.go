package correlate_test

import (
	"context"
	"math/rand"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/correlate"
	"github.com/vigil-soc/vigil/ingest"
	"github.com/vigil-soc/vigil/store/storetest"
)

// TestConcurrentJobsGiveTheSameIncidents posts generated multi-resource
// scenarios in small batches from four clients at once to one database
// served by two correlation jobs (two processes, four workers each on
// PostgreSQL): once both backlogs are empty, the incidents must be those of
// ingesting everything at once.
func TestConcurrentJobsGiveTheSameIncidents(t *testing.T) {
	storetest.EachFresh(t, func(t *testing.T, fresh func(testing.TB) string) {
		r := rand.New(rand.NewSource(4))
		as := multiScenario(r, 60)
		ref := newFixture(t, fresh(t), 24*time.Hour)
		ref.full = true
		ref.ingest(copies(as)...)
		want := ref.outcome()
		if len(ref.multi()) == 0 {
			t.Fatal("the scenario makes no multi-resource incident: it tests too little")
		}

		f := newFixture(t, fresh(t), 24*time.Hour)
		ctx, cancel := context.WithCancel(authz.System(context.Background()))
		defer cancel()
		jobs := []*correlate.Job{correlate.NewJob(f.db, nil, f.cfg, nil), correlate.NewJob(f.db, nil, f.cfg, nil)}
		var running sync.WaitGroup
		for _, j := range jobs {
			j.Debounce = time.Millisecond
			running.Add(1)
			go func() { defer running.Done(); j.Run(ctx) }()
		}
		order := copies(as)
		r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		var clients sync.WaitGroup
		for c := 0; c < 4; c++ {
			in := ingest.New(f.db, ingest.Options{OnCommit: jobs[c%2].Schedule})
			part := order[c*len(order)/4 : (c+1)*len(order)/4]
			clients.Add(1)
			go func() {
				defer clients.Done()
				for len(part) > 0 {
					n := min(len(part), 1+len(part)%3)
					if _, err := in.Items(ctx, itemsOf(part[:n])); err != nil {
						t.Errorf("ingest: %v", err)
						return
					}
					part = part[n:]
				}
			}()
		}
		clients.Wait()
		wait, stop := context.WithTimeout(ctx, time.Minute)
		defer stop()
		for _, j := range jobs {
			if err := j.Wait(wait); err != nil {
				t.Fatalf("waiting for the backlog: %v", err)
			}
		}
		cancel()
		running.Wait()
		if got := f.outcome(); !slices.Equal(got, want) {
			t.Fatalf("incidents differ from ingesting all at once\n got: %q\nwant: %q", got, want)
		}
	})
}

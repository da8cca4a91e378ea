package correlate_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/correlate"
	"github.com/vigil-soc/vigil/ent/incident"
	"github.com/vigil-soc/vigil/killchain"
	"github.com/vigil-soc/vigil/store/storetest"
)

// TestAFailingPassHoldsBackNoOtherResource makes the pass of one of five
// resources fail while the job runs (on SQLite their passes share a
// transaction): the other four get their incidents, the failing one stays
// in the backlog and gets its incident once its pass succeeds again.
func TestAFailingPassHoldsBackNoOtherResource(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn, 24*time.Hour)
		job := correlate.NewJob(f.db, nil, f.cfg, nil)
		job.Debounce = time.Millisecond
		var failing atomic.Bool
		failing.Store(true)
		bad := strings.ToLower(vm1 + "-2")
		correlate.FailPass(job, func(key string) error {
			if key == bad && failing.Load() {
				return errors.New("injected failure")
			}
			return nil
		})
		ctx, cancel := context.WithCancel(authz.System(context.Background()))
		defer cancel()
		done := make(chan struct{})
		go func() { defer close(done); job.Run(ctx) }()
		defer func() { cancel(); <-done }()

		var as []*alerts.Alert
		for r := 0; r < 5; r++ {
			vm := fmt.Sprintf("%s-%d", vm1, r)
			as = append(as, alert(fmt.Sprintf("a%d", r), vm, 0, killchain.InitialAccess), alert(fmt.Sprintf("b%d", r), vm, time.Hour, killchain.Execution))
		}
		res, err := f.in.Items(ctx, itemsOf(as))
		if err != nil || res.Accepted != 10 {
			t.Fatalf("ingest: %+v %v", res, err)
		}
		if _, ok := res.Changed[bad]; !ok {
			t.Fatalf("ingest changed %v, not %s", res.Keys, bad)
		}
		job.ScheduleAlerts(res.Changed, res.Work)
		incidents := func(key string) int {
			n, err := f.db.Client.Incident.Query().Where(incident.ResourceKey(key)).Count(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		others := func() int {
			n := 0
			for k := range res.Changed {
				if k != bad {
					n += incidents(k)
				}
			}
			return n
		}
		for deadline := time.Now().Add(30 * time.Second); others() < 4; time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("the other resources have %d incidents, want 4", others())
			}
		}
		if n := incidents(bad); n != 0 {
			t.Errorf("the failing resource has %d incidents, want 0", n)
		}
		if job.Backlog() == 0 {
			t.Error("the failing resource is not in the backlog")
		}
		failing.Store(false)
		wait, stop := context.WithTimeout(ctx, 30*time.Second)
		defer stop()
		if err := job.Wait(wait); err != nil {
			t.Fatalf("waiting for the retry: %v", err)
		}
		if n := incidents(bad); n != 1 {
			t.Errorf("after the retry the resource has %d incidents, want 1", n)
		}
		if n := others(); n != 4 {
			t.Errorf("after the retry the others have %d incidents, want 4", n)
		}
	})
}

// TestRoundsDoNotWaitForTheCrossResourcePass holds the first
// cross-resource pass while new alerts arrive on another resource: their
// incident is made all the same, by the next round; once the pass is let
// go, the backlog empties.
func TestRoundsDoNotWaitForTheCrossResourcePass(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn, 24*time.Hour)
		job := correlate.NewJob(f.db, nil, f.cfg, nil)
		job.Debounce = time.Millisecond
		held, release := make(chan struct{}), make(chan struct{})
		var first atomic.Bool
		correlate.CrossHook(job, func() {
			if first.CompareAndSwap(false, true) {
				close(held)
				<-release
			}
		})
		ctx, cancel := context.WithCancel(authz.System(context.Background()))
		defer cancel()
		done := make(chan struct{})
		go func() { defer close(done); job.Run(ctx) }()
		defer func() { cancel(); <-done }()
		var once sync.Once
		let := func() { once.Do(func() { close(release) }) }
		defer let()

		ingest := func(vm string, ids ...string) string {
			t.Helper()
			res, err := f.in.Items(ctx, itemsOf([]*alerts.Alert{
				alert(ids[0], vm, 0, killchain.InitialAccess), alert(ids[1], vm, time.Hour, killchain.Execution)}))
			if err != nil || res.Accepted != 2 {
				t.Fatalf("ingest: %+v %v", res, err)
			}
			job.ScheduleAlerts(res.Changed, res.Work)
			return strings.ToLower(vm)
		}
		incidents := func(key string) int {
			n, err := f.db.Client.Incident.Query().Where(incident.ResourceKey(key)).Count(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		ingest(vm1+"-a", "a1", "a2")
		select {
		case <-held:
		case <-time.After(30 * time.Second):
			t.Fatal("no cross-resource pass began after the first round")
		}
		second := ingest(vm1+"-b", "b1", "b2")
		for deadline := time.Now().Add(30 * time.Second); incidents(second) < 1; time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal("with the first round's cross-resource pass held, the second resource got no incident in 30 s: rounds wait for it")
			}
		}
		if job.Backlog() == 0 {
			t.Error("the backlog is empty while a cross-resource pass is held")
		}
		let()
		wait, stop := context.WithTimeout(ctx, 30*time.Second)
		defer stop()
		if err := job.Wait(wait); err != nil {
			t.Fatalf("waiting for the backlog to empty: %v", err)
		}
	})
}

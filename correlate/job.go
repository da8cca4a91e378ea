package correlate

import (
	"context"
	"fmt"
	"log/slog"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/broker"
	"github.com/vigil-soc/vigil/ent"
	"github.com/vigil-soc/vigil/ent/incident"
	"github.com/vigil-soc/vigil/ent/resource"
	"github.com/vigil-soc/vigil/store"
)

// Job recomputes the incidents of the resources that ingest touched, off the
// request path: Schedule records keys, and Run works through them after a
// short debounce, one transaction per resource, publishing events after each
// commit.
type Job struct {
	db     *store.DB
	broker broker.Broker
	cfg    Config
	log    *slog.Logger

	// Debounce is how long Run waits after a Schedule for more keys to
	// arrive before it starts (default 50 ms).
	Debounce time.Duration
	// Workers is how many resources are recomputed at once: 1 on SQLite,
	// which has one writer; 4 on PostgreSQL, where each resource's advisory
	// lock keeps two workers (or two processes) off the same resource.
	Workers int

	mu      sync.Mutex
	pending map[string]bool
	wake    chan struct{}
	busy    atomic.Int64 // keys taken from pending but not finished
}

// NewJob returns a Job over db that publishes to b (which may be nil).
func NewJob(db *store.DB, b broker.Broker, cfg Config, log *slog.Logger) *Job {
	cfg.Dialect = db.Dialect
	workers := 1
	if db.Postgres() {
		workers = 4
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Job{
		db: db, broker: b, cfg: cfg, log: log,
		Debounce: 50 * time.Millisecond,
		Workers:  workers,
		pending:  map[string]bool{},
		wake:     make(chan struct{}, 1),
	}
}

// Schedule asks for the given resource keys to be recomputed. It never blocks.
func (j *Job) Schedule(keys ...string) {
	j.mu.Lock()
	for _, k := range keys {
		if k != "" {
			j.pending[k] = true
		}
	}
	j.mu.Unlock()
	select {
	case j.wake <- struct{}{}:
	default:
	}
}

// Backlog returns how many resources wait to be recomputed (or are being).
func (j *Job) Backlog() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return len(j.pending) + int(j.busy.Load())
}

// Wait returns when the backlog is empty, or when ctx ends.
func (j *Job) Wait(ctx context.Context) error {
	t := time.NewTicker(5 * time.Millisecond)
	defer t.Stop()
	for j.Backlog() > 0 {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
	return nil
}

// Run works through scheduled keys until ctx ends.
func (j *Job) Run(ctx context.Context) error {
	ctx = authz.System(ctx)
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-j.wake:
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(j.Debounce):
		}
		j.mu.Lock()
		keys := make([]string, 0, len(j.pending))
		for k := range j.pending {
			keys = append(keys, k)
		}
		j.pending = map[string]bool{}
		j.busy.Add(int64(len(keys)))
		j.mu.Unlock()
		sort.Strings(keys)
		failed := j.work(ctx, keys)
		if len(failed) > 0 {
			// Keep them pending: a later wake (or the next start's catch-up) retries.
			j.mu.Lock()
			for _, k := range failed {
				j.pending[k] = true
			}
			j.mu.Unlock()
			if ctx.Err() == nil {
				go func() {
					select {
					case <-time.After(time.Second):
						j.Schedule()
					case <-ctx.Done():
					}
				}()
			}
		}
	}
}

// work recomputes keys with the job's workers and returns those that failed.
func (j *Job) work(ctx context.Context, keys []string) []string {
	var (
		mu     sync.Mutex
		failed []string
		wg     sync.WaitGroup
		next   = make(chan string)
	)
	for w := 0; w < j.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				err := ctx.Err()
				if err == nil {
					err = j.Key(ctx, k)
					if err != nil && ctx.Err() == nil {
						j.log.Error("correlation failed; will retry", "resource", bounded(k), "err", err)
					}
				}
				if err != nil {
					mu.Lock()
					failed = append(failed, k)
					mu.Unlock()
				}
				j.busy.Add(-1)
			}
		}()
	}
	for _, k := range keys {
		next <- k
	}
	close(next)
	wg.Wait()
	return failed
}

// Key recomputes one resource in its own transaction and publishes the
// resulting events after commit.
func (j *Job) Key(ctx context.Context, key string) error {
	_, err := j.KeyStats(ctx, key)
	return err
}

// KeyStats is Key, and it counts what it did.
func (j *Job) KeyStats(ctx context.Context, key string) (Stats, error) {
	ctx = authz.System(ctx)
	st := Stats{Resources: 1}
	var events []broker.Event
	err := store.WithTx(ctx, j.db.Client, func(tx *ent.Tx) error {
		var err error
		events, err = Resource(ctx, tx, key, j.cfg)
		return err
	})
	if err != nil {
		return st, err
	}
	for _, e := range events {
		if e.Kind == broker.IncidentCreated {
			st.Created++
		} else {
			st.Updated++
		}
		if j.broker != nil {
			j.broker.Publish(e)
		}
	}
	return st, nil
}

// Stats counts what a pass over all resources did.
type Stats struct {
	Resources int
	Created   int
	Updated   int
}

// All recomputes every resource once. With rebuild it first deletes the
// incidents correlation made and no analyst touched (closed or in progress ones are kept), so they are
// recomputed from scratch: per resource, in the transaction (and under the
// lock) that recomputes it, so that a running `vigil serve` never works on
// incidents deleted under it. Events are not published.
func All(ctx context.Context, db *store.DB, cfg Config, rebuild bool) (Stats, error) {
	ctx = authz.System(ctx)
	cfg.Dialect = db.Dialect
	var st Stats
	keys, err := db.Client.Resource.Query().Order(resource.ByKey()).Select(resource.FieldKey).Strings(ctx)
	if err != nil {
		return st, fmt.Errorf("listing resources: %w", err)
	}
	for _, k := range keys {
		var events []broker.Event
		err := store.WithTx(ctx, db.Client, func(tx *ent.Tx) error {
			if rebuild {
				if err := lock(ctx, tx, k, cfg); err != nil {
					return err
				}
				if _, err := tx.Incident.Delete().
					Where(incident.ResourceKey(k), incident.ClosedByAnalyst(false), incident.StatusEQ(alerts.Active)).Exec(ctx); err != nil {
					return fmt.Errorf("deleting incidents: %w", err)
				}
			}
			var err error
			events, err = Resource(ctx, tx, k, cfg)
			return err
		})
		if err != nil {
			return st, fmt.Errorf("resource %s: %w", bounded(k), err)
		}
		st.Resources++
		for _, e := range events {
			if e.Kind == broker.IncidentCreated {
				st.Created++
			} else {
				st.Updated++
			}
		}
	}
	return st, nil
}

// bounded shortens an attacker-influenced value for a log line.
func bounded(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

package correlate

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"entgo.io/ent/dialect"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/broker"
	"github.com/vigil-soc/vigil/ent"
	"github.com/vigil-soc/vigil/ent/incident"
	"github.com/vigil-soc/vigil/ent/resource"
	"github.com/vigil-soc/vigil/store"
)

// Job recomputes the incidents of the resources that ingest touched, off the
// request path: ScheduleAlerts records the alerts changed per resource (and
// Schedule whole resources), and Run works through them after a short
// debounce, one transaction per resource, publishing events after each
// commit.
//
// What is due lives in memory, as resource keys with the ids of their
// changed alerts, not as a watermark in the database: ids are what lets a
// pass read only the chains around them (ResourceAlerts), and a watermark
// over ids or times would miss the rows of a transaction that commits after
// a later one. Nothing is lost with the process: each change is also
// recorded in its own transaction as a work item (store.MarkWork), which
// the job deletes once the resource's passes have committed; at start
// `vigil serve` recomputes whole the resources that still have one.
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
	pending map[string]*due
	cross   map[string]*due // recomputed resources whose cross-resource pass is due, and for what
	wake    chan struct{}
	// crossWake wakes the cross-resource loop: a round has finished.
	crossWake chan struct{}
	busy      atomic.Int64 // keys taken from pending (or cross) but not finished

	// What Run has done, for /metrics: rounds, and the time spent in each
	// kind of pass (nanoseconds).
	rounds, resourceNanos, crossNanos atomic.Int64

	crossWhole bool                   // tests: every cross-resource pass is Multi's
	failPass   func(key string) error // tests: a per-resource pass fails when it returns an error
	crossHook  func()                 // tests: called as each cross-resource pass begins
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
		pending:  map[string]*due{},
		cross:    map[string]*due{},
		wake:     make(chan struct{}, 1),

		crossWake: make(chan struct{}, 1),
	}
}

// due is what is due for one resource: a full pass, or the changed alerts;
// and the work items that record it, deleted once it is done.
type due struct {
	full bool
	ids  map[int]bool
	work []int
}

func (d *due) add(o *due) {
	d.work = append(d.work, o.work...)
	if o.full {
		d.full, d.ids = true, nil
	}
	if d.full {
		return
	}
	if d.ids == nil {
		d.ids = map[int]bool{}
	}
	for id := range o.ids {
		d.ids[id] = true
	}
}

func (j *Job) due(k string, d *due) {
	if k == "" {
		return
	}
	if have := j.pending[k]; have != nil {
		have.add(d)
	} else {
		j.pending[k] = d
	}
}

// Schedule asks for the given resources to be recomputed whole (the full
// pass: after analysts' decisions, at start). It never blocks.
func (j *Job) Schedule(keys ...string) {
	j.mu.Lock()
	for _, k := range keys {
		j.due(k, &due{full: true})
	}
	j.mu.Unlock()
	j.poke()
}

// ScheduleAlerts asks for the resources to be recomputed for the alerts
// created or changed on them (ids by resource key, as ingest reports
// them), and for the work items that record it to be deleted once that is
// done. It never blocks.
func (j *Job) ScheduleAlerts(changed map[string][]int, work store.Work) {
	j.mu.Lock()
	for k, ids := range changed {
		d := &due{ids: make(map[int]bool, len(ids)), work: work[k]}
		for _, id := range ids {
			d.ids[id] = true
		}
		j.due(k, d)
	}
	for k, ids := range work {
		if _, ok := changed[k]; !ok {
			j.due(k, &due{full: true, work: ids})
		}
	}
	j.mu.Unlock()
	j.poke()
}

// ScheduleWork asks for the resources of work to be recomputed whole, and
// its work items deleted once that is done: at start, for what the
// database records as left undone; after analysts' decisions. It never
// blocks.
func (j *Job) ScheduleWork(work store.Work) {
	j.mu.Lock()
	for k, ids := range work {
		j.due(k, &due{full: true, work: ids})
	}
	j.mu.Unlock()
	j.poke()
}

func (j *Job) poke() { pokeChan(j.wake) }

// pokeChan wakes the loop waiting on wake, or leaves it awake.
func pokeChan(wake chan struct{}) {
	select {
	case wake <- struct{}{}:
	default:
	}
}

// Backlog returns how many resources wait to be recomputed (or are being),
// counting a resource again while its cross-resource pass is due.
func (j *Job) Backlog() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return len(j.pending) + len(j.cross) + int(j.busy.Load())
}

// Spent returns how many rounds Run has worked through, and the time they
// spent in per-resource and in cross-resource passes.
func (j *Job) Spent() (rounds int64, resources, cross time.Duration) {
	return j.rounds.Load(), time.Duration(j.resourceNanos.Load()), time.Duration(j.crossNanos.Load())
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
//
// Rounds of per-resource passes and the cross-resource passes that follow
// them run side by side: while the cross-resource pass of one round runs
// (in its own goroutine, one at a time), the next round's per-resource
// passes do, so that an alert's per-resource incident does not wait for
// the cross-resource work of the alerts before it. It is what two
// processes over one PostgreSQL database already do; each cross-resource
// pass starts after the per-resource passes it is due for have committed,
// and a resource recomputed again meanwhile has its cross-resource pass
// due again.
func (j *Job) Run(ctx context.Context) error {
	ctx = authz.System(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		j.crossLoop(ctx)
	}()
	defer wg.Wait()
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
		work := j.pending
		keys := make([]string, 0, len(work))
		for k := range work {
			keys = append(keys, k)
		}
		j.pending = map[string]*due{}
		j.busy.Add(int64(len(keys)))
		j.mu.Unlock()
		sort.Strings(keys)
		began := time.Now()
		failed := j.work(ctx, keys, work)
		j.rounds.Add(1)
		j.resourceNanos.Add(int64(time.Since(began)))
		pokeChan(j.crossWake)
		if len(failed) > 0 {
			// Keep them pending: a later wake (or the next start's catch-up) retries.
			j.mu.Lock()
			for _, k := range failed {
				j.due(k, work[k])
			}
			j.mu.Unlock()
			retry(ctx, j.wake)
		}
	}
}

// crossLoop runs the cross-resource pass whenever a round has made one
// due, until ctx ends.
func (j *Job) crossLoop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-j.crossWake:
		}
		if j.crossHook != nil {
			j.crossHook()
		}
		began := time.Now()
		ok := j.crossPass(ctx)
		j.crossNanos.Add(int64(time.Since(began)))
		if !ok {
			retry(ctx, j.crossWake)
		}
	}
}

// retry pokes wake a second after a failure, unless ctx ends first.
func retry(ctx context.Context, wake chan struct{}) {
	if ctx.Err() != nil {
		return
	}
	go func() {
		select {
		case <-time.After(time.Second):
			pokeChan(wake)
		case <-ctx.Done():
		}
	}()
}

// work recomputes keys, each for what is due, with the job's workers and
// returns those that failed.
func (j *Job) work(ctx context.Context, keys []string, work map[string]*due) []string {
	var (
		mu     sync.Mutex
		failed []string
		wg     sync.WaitGroup
	)
	finish := func(k string, err error) {
		mu.Lock()
		if err != nil {
			failed = append(failed, k)
		} else {
			j.mu.Lock()
			j.crossDue(k, work[k])
			j.mu.Unlock()
		}
		mu.Unlock()
		j.busy.Add(-1)
	}
	one := func(k string) {
		err := ctx.Err()
		if err == nil {
			_, err = j.pass(ctx, k, work[k])
			if err != nil && ctx.Err() == nil {
				j.log.Error("correlation failed; will retry", "resource", bounded(k), "err", err)
			}
		}
		finish(k, err)
	}
	// Several resources' passes share a transaction: on SQLite, whose one
	// writer runs every pass one after another anyway, it writes the pages
	// they share (the ends of the incident, membership and link tables)
	// once, not once per resource; on PostgreSQL it is one commit — one
	// flush of the log — for them all. Groups are in key order, and so are
	// the resource locks each takes. Should a group fail, each of its
	// resources is run again on its own, so that the others are not held
	// back by one.
	size := min(passGroup, max(1, (len(keys)+j.Workers-1)/j.Workers))
	groups := make(chan []string)
	for w := 0; w < j.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for group := range groups {
				if len(group) > 1 && ctx.Err() == nil && j.together(ctx, group, work) {
					for _, k := range group {
						finish(k, nil)
					}
					continue
				}
				for _, k := range group {
					one(k)
				}
			}
		}()
	}
	for start := 0; start < len(keys); start += size {
		groups <- keys[start:min(start+size, len(keys))]
	}
	close(groups)
	wg.Wait()
	return failed
}

// passGroup is how many resources' passes share a transaction at most.
const passGroup = 32

// together reports whether the passes due on keys committed in one
// transaction; when not, each is for its own transaction to tell why.
func (j *Job) together(ctx context.Context, keys []string, work map[string]*due) bool {
	_, err := j.passes(ctx, keys, work)
	return err == nil
}

// passes runs the passes due on keys in one transaction and publishes
// their events after it commits.
func (j *Job) passes(ctx context.Context, keys []string, work map[string]*due) (Stats, error) {
	ctx = authz.System(ctx)
	st := Stats{Resources: len(keys)}
	var events []broker.Event
	err := j.withTx(ctx, func(tx *ent.Tx) error {
		for _, k := range keys {
			evs, err := j.passIn(ctx, tx, k, work[k])
			if err != nil {
				return err
			}
			events = append(events, evs...)
		}
		return nil
	})
	if err != nil {
		return st, err
	}
	j.publish(&st, events)
	return st, nil
}

// crossDue records that k's cross-resource pass is due for d (a copy: the
// per-resource pass's due may be merged into later). Call with j.mu held.
func (j *Job) crossDue(k string, d *due) {
	c := &due{}
	if d == nil {
		d = &due{full: true}
	}
	c.add(d)
	if have := j.cross[k]; have != nil {
		have.add(c)
	} else {
		j.cross[k] = c
	}
}

// crossPass runs the cross-resource pass over the resources recomputed
// since the last one and publishes its events after each commit. It
// reports false when it failed (what failed stays due).
func (j *Job) crossPass(ctx context.Context) bool {
	j.mu.Lock()
	work := j.cross
	j.cross = map[string]*due{}
	j.busy.Add(int64(len(work)))
	j.mu.Unlock()
	defer j.busy.Add(-int64(len(work)))
	_, err := j.crossWork(ctx, work)
	if err == nil {
		err = j.done(ctx, work)
	}
	if err != nil {
		if ctx.Err() == nil {
			j.log.Error("cross-resource correlation failed; will retry", "resources", len(work), "err", err)
		}
		j.mu.Lock()
		for k, d := range work {
			j.crossDue(k, d)
		}
		j.mu.Unlock()
		return false
	}
	return true
}

// done deletes the work items of work, whose passes have all committed.
// Should it fail, the work stays due, and doing it again changes nothing.
func (j *Job) done(ctx context.Context, work map[string]*due) error {
	w := store.Work{}
	for k, d := range work {
		if len(d.work) > 0 {
			w[k] = d.work
		}
	}
	return store.DoneWork(ctx, j.db.Client, w)
}

// crossWork runs the cross-resource passes due on work: Multi over the
// resources recomputed whole, in batches of crossBatch, and MultiAlerts
// over the changed alerts of the others, in batches of crossAlerts. Each
// is its own transaction, its events published after it commits. Passes
// that committed before one failed are not undone, and running them again
// changes nothing.
func (j *Job) crossWork(ctx context.Context, work map[string]*due) (Stats, error) {
	var st Stats
	var whole []string
	var ids []int
	for k, d := range work {
		if d.full || j.crossWhole {
			whole = append(whole, k)
		} else {
			ids = append(ids, sortedKeys(d.ids)...)
		}
	}
	sort.Strings(whole)
	sort.Ints(ids)
	for start := 0; start < len(whole); start += crossBatch {
		s, err := j.multi(ctx, func(tx *ent.Tx) ([]broker.Event, error) {
			return Multi(ctx, tx, whole[start:min(start+crossBatch, len(whole))], j.cfg)
		})
		if err != nil {
			return st, err
		}
		st = st.add(s)
	}
	for start := 0; start < len(ids); start += crossAlerts {
		s, err := j.multi(ctx, func(tx *ent.Tx) ([]broker.Event, error) {
			return MultiAlerts(ctx, tx, ids[start:min(start+crossAlerts, len(ids))], j.cfg)
		})
		if err != nil {
			return st, err
		}
		st = st.add(s)
	}
	return st, nil
}

// crossBatch bounds the resources one cross-resource pass starts from, so
// that a pass over many resources (at start after an upgrade, a rebuild) does not
// hold them all in memory at once. Each pass is complete for the campaigns
// it reaches, whatever the split: Multi follows the ties transitively.
const crossBatch = 256

// crossAlerts bounds the changed alerts one cross-resource pass starts
// from; MultiAlerts too follows the ties from them to the end.
const crossAlerts = 5000

// multi runs a cross-resource pass in its own transaction and publishes
// the resulting events after commit.
func (j *Job) multi(ctx context.Context, pass func(*ent.Tx) ([]broker.Event, error)) (Stats, error) {
	var st Stats
	var events []broker.Event
	err := j.withTx(ctx, func(tx *ent.Tx) error {
		var err error
		events, err = pass(tx)
		return err
	})
	if err != nil {
		return st, err
	}
	j.publish(&st, events)
	return st, nil
}

func (j *Job) publish(st *Stats, events []broker.Event) {
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
}

// Correlate recomputes the given resources, one transaction each, then runs
// their cross-resource pass, publishing events after each commit: what Run
// does for one batch, synchronously.
func (j *Job) Correlate(ctx context.Context, keys ...string) (Stats, error) {
	return j.correlate(ctx, slices.Clone(keys), func(string) *due { return &due{full: true} })
}

// correlate runs the pass due on each of keys, in key order, then the
// cross-resource pass over them.
func (j *Job) correlate(ctx context.Context, keys []string, dueOn func(key string) *due) (Stats, error) {
	ctx = authz.System(ctx)
	var st Stats
	sort.Strings(keys)
	cross := map[string]*due{}
	for _, k := range keys {
		d := dueOn(k)
		s, err := j.pass(ctx, k, d)
		if err != nil {
			return st, fmt.Errorf("resource %s: %w", bounded(k), err)
		}
		st = st.add(s)
		cross[k] = d
	}
	s, err := j.crossWork(ctx, cross)
	if err == nil {
		err = j.done(ctx, cross)
	}
	if err != nil {
		return st, fmt.Errorf("cross-resource pass: %w", err)
	}
	s.Resources = 0
	return st.add(s), nil
}

// Key recomputes one resource in its own transaction and publishes the
// resulting events after commit; its cross-resource pass is not run (Run
// and Correlate run it).
func (j *Job) Key(ctx context.Context, key string) error {
	_, err := j.KeyStats(ctx, key)
	return err
}

// KeyStats is Key, and it counts what it did.
func (j *Job) KeyStats(ctx context.Context, key string) (Stats, error) {
	return j.pass(ctx, key, &due{full: true})
}

// CorrelateAlerts is Correlate for the alerts created or changed on each
// resource (as ingest reports them): the passes read only what those
// alerts can affect. The work items of work (ingest's, may be nil) are
// deleted once all passes have committed.
func (j *Job) CorrelateAlerts(ctx context.Context, changed map[string][]int, work store.Work) (Stats, error) {
	keys := make([]string, 0, len(changed))
	for k := range changed {
		keys = append(keys, k)
	}
	return j.correlate(ctx, keys, func(k string) *due {
		ids := map[int]bool{}
		for _, id := range changed[k] {
			ids[id] = true
		}
		return &due{ids: ids, work: work[k]}
	})
}

// pass recomputes one resource for what is due, in its own transaction,
// and publishes the resulting events after commit.
func (j *Job) pass(ctx context.Context, key string, d *due) (Stats, error) {
	return j.passes(ctx, []string{key}, map[string]*due{key: d})
}

// withTx runs fn in a transaction of the job's. On PostgreSQL its commit
// does not wait for the log to reach the disk (synchronous_commit off):
// what the job writes is derived from stored alerts, and the work items
// of a round are deleted (done) by an ordinary commit after its passes,
// which flushes the log up to it. A crash before that loses at most the
// end of the log — passes whose work items are still recorded, so their
// resources are recomputed at the next start. Ingest and analysts'
// decisions commit as usual.
func (j *Job) withTx(ctx context.Context, fn func(tx *ent.Tx) error) error {
	return store.WithTx(ctx, j.db.Client, func(tx *ent.Tx) error {
		if j.db.Postgres() {
			if _, err := tx.ExecContext(ctx, "SET LOCAL synchronous_commit TO OFF"); err != nil {
				return fmt.Errorf("setting synchronous_commit: %w", err)
			}
		}
		return fn(tx)
	})
}

// passIn runs the pass due on key (d) in tx.
func (j *Job) passIn(ctx context.Context, tx *ent.Tx, key string, d *due) ([]broker.Event, error) {
	if j.failPass != nil {
		if err := j.failPass(key); err != nil {
			return nil, err
		}
	}
	if d == nil || d.full {
		return Resource(ctx, tx, key, j.cfg)
	}
	return ResourceAlerts(ctx, tx, key, sortedKeys(d.ids), j.cfg)
}

// Stats counts what a pass over all resources did.
type Stats struct {
	Resources int
	Created   int
	Updated   int
}

func (s Stats) add(t Stats) Stats {
	return Stats{s.Resources + t.Resources, s.Created + t.Created, s.Updated + t.Updated}
}

// All recomputes every resource once. With rebuild it first deletes the
// incidents correlation made and no analyst touched (closed or in progress
// ones are kept), so they are recomputed from scratch: per resource, in the
// transaction (and under the lock) that recomputes it, so that a running
// `vigil serve` never works on incidents deleted under it. The
// cross-resource pass follows, over every resource. Events are not
// published.
//
// The work items recorded before it started (see store.PendingWork) are
// done once it has finished: they are deleted.
func All(ctx context.Context, db *store.DB, cfg Config, rebuild bool) (Stats, error) {
	ctx = authz.System(ctx)
	work, err := store.PendingWork(ctx, db.Client)
	if err != nil {
		return Stats{}, err
	}
	st, err := all(ctx, db.Client, cfg, db.Dialect, rebuild, func(fn func(*ent.Tx) error) error {
		return store.WithTx(ctx, db.Client, fn)
	})
	if err != nil {
		return st, err
	}
	return st, store.DoneWork(ctx, db.Client, work)
}

// Plan is All, and it tells what changed: incidents created, merged and
// unchanged, comparing their member sets before and after. With dryRun it
// works in one transaction that it rolls back, so nothing is written.
func Plan(ctx context.Context, db *store.DB, cfg Config, rebuild, dryRun bool) (Diff, error) {
	ctx = authz.System(ctx)
	before, err := snapshot(ctx, db.Client)
	if err != nil {
		return Diff{}, err
	}
	if !dryRun {
		if _, err := All(ctx, db, cfg, rebuild); err != nil {
			return Diff{}, err
		}
		after, err := snapshot(ctx, db.Client)
		if err != nil {
			return Diff{}, err
		}
		return diff(before, after), nil
	}
	tx, err := db.Client.Tx(ctx)
	if err != nil {
		return Diff{}, err
	}
	defer tx.Rollback()
	if _, err := all(ctx, tx.Client(), cfg, db.Dialect, rebuild, func(fn func(*ent.Tx) error) error { return fn(tx) }); err != nil {
		return Diff{}, err
	}
	after, err := snapshot(ctx, tx.Client())
	if err != nil {
		return Diff{}, err
	}
	return diff(before, after), nil
}

// all is All with the transactions run gives (one each, or one for all).
func all(ctx context.Context, c *ent.Client, cfg Config, dia string, rebuild bool, run func(func(*ent.Tx) error) error) (Stats, error) {
	cfg.Dialect = dia
	var st Stats
	keys, err := c.Resource.Query().Order(resource.ByKey()).Select(resource.FieldKey).Strings(ctx)
	if err != nil {
		return st, fmt.Errorf("listing resources: %w", err)
	}
	for _, k := range keys {
		var events []broker.Event
		err := run(func(tx *ent.Tx) error {
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
		count(&st, events)
	}
	for start := 0; start < len(keys) || start == 0; start += crossBatch {
		part := keys[start:min(start+crossBatch, len(keys))]
		var events []broker.Event
		err = run(func(tx *ent.Tx) error {
			if rebuild && start == 0 {
				// Multi takes the lock again: a no-op within one transaction.
				if cfg.Dialect == dialect.Postgres {
					if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtextextended($1, 7))", crossLock); err != nil {
						return fmt.Errorf("locking cross-resource correlation: %w", err)
					}
				}
				if _, err := tx.Incident.Delete().
					Where(incident.MultiResource(true), incident.ClosedByAnalyst(false), incident.StatusEQ(alerts.Active)).Exec(ctx); err != nil {
					return fmt.Errorf("deleting multi-resource incidents: %w", err)
				}
			}
			var err error
			events, err = Multi(ctx, tx, part, cfg)
			return err
		})
		if err != nil {
			return st, fmt.Errorf("cross-resource pass: %w", err)
		}
		count(&st, events)
	}
	return st, nil
}

func count(st *Stats, events []broker.Event) {
	for _, e := range events {
		if e.Kind == broker.IncidentCreated {
			st.Created++
		} else {
			st.Updated++
		}
	}
}

// bounded shortens an attacker-influenced value for a log line.
func bounded(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

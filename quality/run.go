package quality

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/correlate"
	"github.com/vigil-soc/vigil/ent"
	entalert "github.com/vigil-soc/vigil/ent/alert"
	"github.com/vigil-soc/vigil/ent/incident"
	"github.com/vigil-soc/vigil/ingest"
	"github.com/vigil-soc/vigil/killchain"
	"github.com/vigil-soc/vigil/store"
)

// Options configure Run.
type Options struct {
	// DSN returns the DSN of a new, empty database; Run calls it once per
	// scenario. Required.
	DSN func() (string, error)
	// Window is the correlation window of vigil and of the per-resource
	// baseline (default 24h).
	Window time.Duration
	// Parallel is how many scenarios run at once (default GOMAXPROCS).
	Parallel int
}

// Scores are the figures of the three systems.
type Scores struct {
	Vigil, PerResource, PerEntity Figures
}

// Add returns the sum of s and t.
func (s Scores) Add(t Scores) Scores {
	return Scores{s.Vigil.Add(t.Vigil), s.PerResource.Add(t.PerResource), s.PerEntity.Add(t.PerEntity)}
}

// Groups are the incidents each system predicts, as sorted alert ids.
type Groups struct {
	Vigil, PerResource, PerEntity [][]string
}

// Result is one scenario, run.
type Result struct {
	Scenario *Scenario
	// Stored are the scenario's alerts as the database holds them, by id.
	Stored []Observed
	Groups Groups
	Scores Scores
}

// Observed is what the report reads of a stored alert: the baselines use
// the first four fields, the detail view all of them.
type Observed struct {
	ID       string    // system alert id
	Resource string    // the correlation key of its resource; "" when it has none
	Start    time.Time // start time
	Entities []string  // keys of its ip, account and host entities
	Tactics  []killchain.Tactic
	Status   alerts.Status
}

// Run runs every scenario on a fresh database and scores the three systems.
// Results are in the order of scenarios.
func Run(ctx context.Context, scenarios []*Scenario, opts Options) (*Report, error) {
	if opts.DSN == nil {
		return nil, errors.New("quality: Options.DSN is required")
	}
	if opts.Window <= 0 {
		opts.Window = 24 * time.Hour
	}
	if opts.Parallel <= 0 {
		opts.Parallel = runtime.GOMAXPROCS(0)
	}
	rep := &Report{Window: opts.Window, Results: make([]Result, len(scenarios))}
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(opts.Parallel)
	for i, s := range scenarios {
		g.Go(func() error {
			dsn, err := opts.DSN()
			if err != nil {
				return fmt.Errorf("scenario %s: a database: %w", s.Name, err)
			}
			r, err := RunScenario(ctx, s, dsn, opts.Window)
			if err != nil {
				return fmt.Errorf("scenario %s: %w", s.Name, err)
			}
			rep.Results[i] = r
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return rep, nil
}

// RunScenario ingests s into the empty database at dsn, batch by batch with
// correlate.All after each, and scores vigil and the baselines on what is
// stored.
func RunScenario(ctx context.Context, s *Scenario, dsn string, window time.Duration) (Result, error) {
	ctx = authz.System(ctx) // the report reads everything it stored
	res := Result{Scenario: s}
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return res, err
	}
	defer db.Close()
	in := ingest.New(db, ingest.Options{})
	for _, batch := range s.Batches() {
		its, err := items(batch)
		if err != nil {
			return res, err
		}
		r, err := in.Items(ctx, its)
		if err != nil {
			return res, err
		}
		if len(r.Rejected) > 0 {
			return res, fmt.Errorf("ingest rejected %d alerts: %s", len(r.Rejected), r.Rejected[0].Error)
		}
		if _, err := correlate.All(ctx, db, correlate.Config{Window: window}, false); err != nil {
			return res, err
		}
	}
	if res.Stored, err = stored(ctx, db.Client); err != nil {
		return res, err
	}
	if res.Groups.Vigil, err = incidents(ctx, db.Client); err != nil {
		return res, err
	}
	res.Groups.PerResource = PerResource(res.Stored, window)
	res.Groups.PerEntity = PerEntity(res.Stored)
	labels := s.Labels()
	res.Scores = Scores{
		Vigil:       Score(labels, res.Groups.Vigil),
		PerResource: Score(labels, res.Groups.PerResource),
		PerEntity:   Score(labels, res.Groups.PerEntity),
	}
	return res, nil
}

// linkKinds are the entity kinds the per-entity baseline joins on.
var linkKinds = map[string]bool{alerts.EntityIP: true, alerts.EntityAccount: true, alerts.EntityHost: true}

func stored(ctx context.Context, c *ent.Client) ([]Observed, error) {
	as, err := c.Alert.Query().WithEntities().Order(entalert.ByID()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading alerts: %w", err)
	}
	out := make([]Observed, 0, len(as))
	for _, a := range as {
		o := Observed{ID: a.SystemAlertID, Resource: a.ResourceKey, Start: a.StartTime, Tactics: a.Tactics, Status: a.Status}
		for _, e := range a.Edges.Entities {
			if linkKinds[e.Kind] && e.Key != nil && *e.Key != "" {
				o.Entities = append(o.Entities, *e.Key)
			}
		}
		out = append(out, o)
	}
	return out, nil
}

// incidents returns the members of every incident that was not merged into
// another (a merged one keeps no members anyway).
func incidents(ctx context.Context, c *ent.Client) ([][]string, error) {
	incs, err := c.Incident.Query().Where(incident.MergedIntoIDIsNil()).
		WithAlerts().Order(incident.ByID()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading incidents: %w", err)
	}
	var out [][]string
	for _, inc := range incs {
		g := make([]Observed, 0, len(inc.Edges.Alerts))
		for _, a := range inc.Edges.Alerts {
			g = append(g, Observed{ID: a.SystemAlertID})
		}
		out = append(out, ids(g))
	}
	return out, nil
}

package correlate

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/broker"
	"github.com/vigil-soc/vigil/ent"
	entalert "github.com/vigil-soc/vigil/ent/alert"
	"github.com/vigil-soc/vigil/ent/entity"
	"github.com/vigil-soc/vigil/ent/incident"
	"github.com/vigil-soc/vigil/ent/predicate"
	"github.com/vigil-soc/vigil/ent/resource"
	"github.com/vigil-soc/vigil/store"
)

// MultiAlerts is Multi for a pass that knows which alerts were created or
// changed since the last one (ids, on any resources): it gives the
// incidents Multi would over their resources, reading only what those
// alerts can affect — the chains and the tying runs around them, not every
// alert of every resource they touch.
//
// Why that is enough: Campaigns joins an alert to its resource's chain
// (alerts of one resource, consecutive starts within the window) and to
// the run of each linking entity value it carries (alerts carrying the
// value, consecutive starts within the window) when that run spans at most
// the rule's number of resources. A campaign is a connected set, so only
// the sets holding a changed alert can differ from the last pass's, and
// the walk reads exactly those: out from each eligible alert reached, the
// window before and after it on its resource and on each of its values,
// until nothing new is reached. A run is followed only while what is read
// of it spans few enough resources: what is read of a run is part of it,
// so once that part spans too many the whole does too, and the value ties
// nothing there — the walk drops it from the alerts it reached in that run
// instead of reading a scanner's every alert. A changed alert that is out
// of correlation (dismissed, or in an incident an analyst closed) joins no
// set, but its neighbours are read: taking it out can split a chain or
// shrink a run below the bound.
//
// The multi-resource incidents that own a changed alert are brought up to
// date with it (derived fields, covered incidents). Run it after the
// per-resource passes of the alerts' resources have committed.
func MultiAlerts(ctx context.Context, tx *ent.Tx, ids []int, cfg Config) ([]broker.Event, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	ctx = authz.System(ctx)
	if err := lockCross(ctx, tx, cfg); err != nil {
		return nil, err
	}
	rule := cfg.rule()
	w := &crossWalk{
		tx: tx, cfg: cfg, sc: newScope(),
		window: time.Duration(rule.For("").Window), max: rule.MaxLinkResources,
		exp: map[int]bool{}, byKey: map[string]map[int]bool{},
		alone: map[int]bool{}, blocks: map[int]bool{}, types: map[string]string{},
		resDone: map[string][]interval{}, keyDone: map[string][]interval{},
	}
	if w.max <= 0 {
		w.max = DefaultMaxLinkResources
	}
	changed := slices.Clone(ids)
	slices.Sort(changed)
	changed = slices.Compact(changed)
	if err := w.walk(ctx, changed); err != nil {
		return nil, err
	}
	reached := sortedKeys(w.exp)
	w.strip(reached)
	cfg.observe(Pass{Cross: true, AlertsRead: w.read})
	return reconcile(ctx, tx, w.sc, reached, changed, cfg)
}

// crossWalk is one walk of MultiAlerts.
type crossWalk struct {
	tx     *ent.Tx
	cfg    Config
	sc     *scope
	window time.Duration
	max    int // resources a run may span and still tie them

	exp     map[int]bool            // eligible alerts reached: their chain and runs are read
	alone   map[int]bool            // alerts reached whose chain ties nothing (see untied)
	blocks  map[int]bool            // per-resource incidents looked at: whether their chain ties nothing
	types   map[string]string       // resource types, by key
	byKey   map[string]map[int]bool // eligible alerts read, by linking value they carry
	resDone map[string][]interval   // time ranges read, by resource
	keyDone map[string][]interval   // time ranges read, by linking value
	read    int                     // alert rows read
}

// walk reads, from the changed alerts, every set they can be in.
func (w *crossWalk) walk(ctx context.Context, changed []int) error {
	resNeed, keyNeed := map[string][]interval{}, map[string][]interval{}
	for start := 0; start < len(changed); start += chunk {
		as, err := w.load(ctx, entalert.IDIn(changed[start:min(start+chunk, len(changed))]...))
		if err != nil {
			return err
		}
		for _, a := range as {
			if w.sc.eligible(a.ID) {
				w.exp[a.ID] = true
				continue
			}
			// Out of correlation: read its neighbours, which it may have
			// held together.
			around := interval{a.StartTime.Add(-w.window), a.StartTime.Add(w.window)}
			if a.ResourceKey != "" {
				resNeed[a.ResourceKey] = append(resNeed[a.ResourceKey], around)
			}
			for _, k := range w.sc.keys[a.ID] {
				keyNeed[k] = append(keyNeed[k], around)
			}
		}
	}
	// The neighbours of those out of correlation are reached whatever run
	// they are in: they are where a set may have split or a run shrunk.
	if err := w.readResources(ctx, resNeed); err != nil {
		return err
	}
	if err := w.readKeys(ctx, keyNeed, true); err != nil {
		return err
	}
	for {
		w.promote()
		if err := w.untied(ctx); err != nil {
			return err
		}
		resNeed, keyNeed = map[string][]interval{}, map[string][]interval{}
		w.needs(resNeed, keyNeed)
		if len(resNeed) == 0 && len(keyNeed) == 0 {
			return nil
		}
		if err := w.readResources(ctx, resNeed); err != nil {
			return err
		}
		if err := w.readKeys(ctx, keyNeed, false); err != nil {
			return err
		}
	}
}

// load reads the alerts where says, with their linking values, classifies
// them and records them in the scope and under each of their values.
func (w *crossWalk) load(ctx context.Context, where ...predicate.Alert) ([]*ent.Alert, error) {
	as, err := w.fetch(ctx, where...)
	w.read += len(as)
	return as, err
}

// fetch is load, the rows not counted as read (carriers counted them).
func (w *crossWalk) fetch(ctx context.Context, where ...predicate.Alert) ([]*ent.Alert, error) {
	as, err := w.tx.Alert.Query().Where(where...).Select(alertFields...).
		WithEntities(func(q *ent.EntityQuery) { q.Select(entity.FieldID, entity.FieldKey) }).
		Order(entalert.ByID()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("loading alerts: %w", err)
	}
	var fresh []int
	for _, a := range as {
		if w.sc.alerts[a.ID] != nil {
			continue
		}
		w.sc.alerts[a.ID] = a
		var ks []string
		for _, e := range a.Edges.Entities {
			if e.Key != nil && w.cfg.links(*e.Key) && !slices.Contains(ks, *e.Key) {
				ks = append(ks, *e.Key)
			}
		}
		sort.Strings(ks)
		w.sc.keys[a.ID] = ks
		fresh = append(fresh, a.ID)
	}
	if err := w.sc.classify(ctx, w.tx, w.cfg, fresh); err != nil {
		return nil, err
	}
	for _, id := range fresh {
		if !w.sc.eligible(id) {
			continue
		}
		for _, k := range w.sc.keys[id] {
			if w.byKey[k] == nil {
				w.byKey[k] = map[int]bool{}
			}
			w.byKey[k][id] = true
		}
	}
	return as, nil
}

// keyRun is a run of one value's alerts read so far.
type keyRun struct {
	alerts []int
	noisy  bool // spans more resources than a run may tie
}

// runs splits the alerts read that carry k into runs, as Campaigns does.
// Each is part of a run of all the alerts that carry k, and spans at most
// as many resources.
func (w *crossWalk) runs(k string) []keyRun {
	ids := sortedKeys(w.byKey[k])
	sort.SliceStable(ids, func(i, j int) bool {
		return w.sc.alerts[ids[i]].StartTime.Before(w.sc.alerts[ids[j]].StartTime)
	})
	var out []keyRun
	start := 0
	for i := 1; i <= len(ids); i++ {
		if i < len(ids) && w.sc.alerts[ids[i]].StartTime.Sub(w.sc.alerts[ids[i-1]].StartTime) <= w.window {
			continue
		}
		res := map[string]bool{}
		for _, id := range ids[start:i] {
			res[w.sc.alerts[id].ResourceKey] = true
		}
		out = append(out, keyRun{alerts: ids[start:i], noisy: len(res) > w.max})
		start = i
	}
	return out
}

// promote reaches every alert read in a run, not too noisy to tie, of a
// value that an alert reached carries.
func (w *crossWalk) promote() {
	for more := true; more; {
		more = false
		for _, k := range w.reachedKeys() {
			for _, r := range w.runs(k) {
				if r.noisy || !slices.ContainsFunc(r.alerts, func(id int) bool { return w.exp[id] }) {
					continue
				}
				for _, id := range r.alerts {
					if !w.exp[id] {
						w.exp[id] = true
						more = true
					}
				}
			}
		}
	}
}

// reachedKeys returns the linking values the alerts reached carry, sorted.
func (w *crossWalk) reachedKeys() []string {
	seen := map[string]bool{}
	for id := range w.exp {
		for _, k := range w.sc.keys[id] {
			seen[k] = true
		}
	}
	return sortedStrings(seen)
}

// needs adds to resNeed and keyNeed the time ranges, not read yet, within
// the window of an alert reached: on its resource, and on each value it
// carries in a run not too noisy to tie.
func (w *crossWalk) needs(resNeed, keyNeed map[string][]interval) {
	byRes := map[string][]time.Time{}
	for id := range w.exp {
		if w.alone[id] {
			continue
		}
		a := w.sc.alerts[id]
		byRes[a.ResourceKey] = append(byRes[a.ResourceKey], a.StartTime)
	}
	for r, starts := range byRes {
		for _, c := range w.around(starts) {
			resNeed[r] = append(resNeed[r], subtract(c, w.resDone[r])...)
		}
	}
	for _, k := range w.reachedKeys() {
		var starts []time.Time
		for _, r := range w.runs(k) {
			if r.noisy {
				continue
			}
			for _, id := range r.alerts {
				if w.exp[id] && !w.alone[id] {
					starts = append(starts, w.sc.alerts[id].StartTime)
				}
			}
		}
		for _, c := range w.around(starts) {
			keyNeed[k] = append(keyNeed[k], subtract(c, w.keyDone[k])...)
		}
	}
	for _, m := range []map[string][]interval{resNeed, keyNeed} {
		for k, v := range m {
			if len(v) == 0 {
				delete(m, k)
			}
		}
	}
}

// around returns the ranges within the window of starts, overlapping ones
// merged.
func (w *crossWalk) around(starts []time.Time) []interval {
	ivs := make([]interval, len(starts))
	for i, s := range starts {
		ivs[i] = interval{s.Add(-w.window), s.Add(w.window)}
	}
	return merged(ivs)
}

// readResources reads the alerts of each resource within its ranges,
// several resources a query; the eligible ones are in the chain of an
// alert reached.
func (w *crossWalk) readResources(ctx context.Context, need map[string][]interval) error {
	keys := make([]string, 0, len(need))
	for k := range need {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var terms []predicate.Alert
	flush := func() error {
		if len(terms) == 0 {
			return nil
		}
		as, err := w.load(ctx, entalert.Or(terms...))
		terms = terms[:0]
		if err != nil {
			return err
		}
		for _, a := range as {
			if w.sc.eligible(a.ID) {
				w.exp[a.ID] = true
			}
		}
		return nil
	}
	for _, k := range keys {
		for _, iv := range need[k] {
			terms = append(terms, entalert.And(entalert.ResourceKey(k), entalert.StartTimeGTE(iv.lo), entalert.StartTimeLTE(iv.hi)))
			if len(terms) == 50 {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		w.resDone[k] = append(w.resDone[k], need[k]...)
	}
	return flush()
}

// readKeys reads the alerts carrying each value within its ranges; which
// of them are reached is promote's to say, from the runs they make, unless
// reach says every eligible one is.
//
// A batch's new alerts carry values that mostly no other alert does, so a
// query per value would cost a statement (and its eager load of entities
// and incident memberships) per value to learn that: the values are asked
// for in groups instead — which alerts carry one of them, and when they
// start, within the ranges of the group — and only the alerts that fall
// within a range of a value they carry, and are not read yet, are loaded.
func (w *crossWalk) readKeys(ctx context.Context, need map[string][]interval, reach bool) error {
	for _, g := range keyGroups(need, 4*w.window) {
		ids, err := w.carriers(ctx, g, need)
		if err != nil {
			return err
		}
		var fresh []int
		for _, id := range ids {
			if w.sc.alerts[id] == nil {
				fresh = append(fresh, id)
			}
		}
		for start := 0; start < len(fresh); start += chunk {
			if _, err := w.fetch(ctx, entalert.IDIn(fresh[start:min(start+chunk, len(fresh))]...)); err != nil {
				return err
			}
		}
		for _, id := range ids {
			if reach && w.sc.alerts[id] != nil && w.sc.eligible(id) {
				w.exp[id] = true
			}
		}
		for _, k := range g {
			w.keyDone[k] = append(w.keyDone[k], need[k]...)
		}
	}
	return nil
}

// keyGroups splits the values of need into groups asked for in one
// query: at most 100 values, whose ranges fall within span of each other
// and are at most 50 once merged.
func keyGroups(need map[string][]interval, span time.Duration) [][]string {
	keys := make([]string, 0, len(need))
	for k := range need {
		keys = append(keys, k)
	}
	first := func(k string) time.Time {
		lo := need[k][0].lo
		for _, iv := range need[k] {
			if iv.lo.Before(lo) {
				lo = iv.lo
			}
		}
		return lo
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := first(keys[i]), first(keys[j])
		return a.Before(b) || a.Equal(b) && keys[i] < keys[j]
	})
	var groups [][]string
	var g []string
	var ivs []interval
	for _, k := range keys {
		with := merged(append(slices.Clone(ivs), need[k]...))
		if len(g) > 0 && (len(g) == 100 || len(with) > 50 || with[len(with)-1].hi.Sub(with[0].lo) > span) {
			groups = append(groups, g)
			g, with = nil, merged(slices.Clone(need[k]))
		}
		g, ivs = append(g, k), with
	}
	if len(g) > 0 {
		groups = append(groups, g)
	}
	return groups
}

// merged returns ivs sorted, overlapping ones joined.
func merged(ivs []interval) []interval {
	sort.Slice(ivs, func(i, j int) bool { return ivs[i].lo.Before(ivs[j].lo) })
	var out []interval
	for _, iv := range ivs {
		if n := len(out); n > 0 && !iv.lo.After(out[n-1].hi) {
			if iv.hi.After(out[n-1].hi) {
				out[n-1].hi = iv.hi
			}
			continue
		}
		out = append(out, iv)
	}
	return out
}

// carriers returns, sorted, the alerts that carry a value of keys and
// start within one of that value's ranges in need.
func (w *crossWalk) carriers(ctx context.Context, keys []string, need map[string][]interval) ([]int, error) {
	var ivs []interval
	args := make([]any, len(keys))
	for i, k := range keys {
		ivs = append(ivs, need[k]...)
		args[i] = k
	}
	ents, links, alerts := entsql.Table(entity.Table), entsql.Table(entalert.EntitiesTable).As("l"), entsql.Table(entalert.Table).As("a")
	var during []*entsql.Predicate
	for _, iv := range merged(ivs) {
		during = append(during, entsql.And(entsql.GTE(alerts.C(entalert.FieldStartTime), iv.lo), entsql.LTE(alerts.C(entalert.FieldStartTime), iv.hi)))
	}
	q, qargs := entsql.Dialect(w.cfg.dialect()).
		Select(links.C(entalert.EntitiesPrimaryKey[0]), ents.C(entity.FieldKey), alerts.C(entalert.FieldStartTime)).
		From(ents).
		Join(links).On(ents.C(entity.FieldID), links.C(entalert.EntitiesPrimaryKey[1])).
		Join(alerts).On(alerts.C(entalert.FieldID), links.C(entalert.EntitiesPrimaryKey[0])).
		Where(entsql.And(entsql.In(ents.C(entity.FieldKey), args...), entsql.Or(during...))).
		Query()
	// Planned for its values: PostgreSQL's plan for any values reads every
	// alert of the time ranges (48 ms a group under load, against 0.5 ms).
	rows, err := w.tx.QueryContext(store.Unprepared(ctx), q, qargs...)
	if err != nil {
		return nil, fmt.Errorf("loading the alerts of entities: %w", err)
	}
	defer rows.Close()
	seen, in := map[int]bool{}, map[int]bool{}
	for rows.Next() {
		var (
			id  int
			key string
			at  time.Time
		)
		if err := rows.Scan(&id, &key, &at); err != nil {
			return nil, fmt.Errorf("loading the alerts of entities: %w", err)
		}
		seen[id] = true
		for _, iv := range need[key] {
			if !at.Before(iv.lo) && !at.After(iv.hi) {
				in[id] = true
				break
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("loading the alerts of entities: %w", err)
	}
	w.read += len(seen)
	return sortedKeys(in), nil
}

// strip drops from the alerts reached each value whose run, as read, spans
// too many resources: it ties nothing there, and the rest of the run is
// not read.
func (w *crossWalk) strip(reached []int) {
	noisy := map[int]map[string]bool{}
	for _, k := range w.reachedKeys() {
		for _, r := range w.runs(k) {
			if !r.noisy {
				continue
			}
			for _, id := range r.alerts {
				if noisy[id] == nil {
					noisy[id] = map[string]bool{}
				}
				noisy[id][k] = true
			}
		}
	}
	for _, id := range reached {
		if w.alone[id] {
			w.sc.keys[id] = nil
			continue
		}
		if len(noisy[id]) == 0 {
			continue
		}
		w.sc.keys[id] = slices.DeleteFunc(slices.Clone(w.sc.keys[id]), func(k string) bool { return noisy[id][k] })
	}
}

// untied marks the alerts reached whose chain is known to tie nothing, so
// that the walk reads neither the rest of the chain nor the runs of its
// values — for a chain of 100,000 alerts, all on one resource, what makes
// a pass over a few new ones cost as much as they do.
//
// A chain is known through its open per-resource incident when that
// incident's aggregate says its members form one clean chain (see
// aggregate.Clean) under settings that split chains as the cross-resource
// rule does (the same window and maximum lifetime): after the per-resource
// pass, the chain of any of its members is its members. It ties nothing
// when no linking value any member carries is carried by an alert on
// another resource within the window of the chain's span: then no run of
// those values spans two resources, and the chain is a set of its own,
// on one resource, which is never a campaign. Both are answered in SQL —
// the distinct values of the members, then one bounded look per value —
// without loading the members.
func (w *crossWalk) untied(ctx context.Context) error {
	rule := w.cfg.rule()
	p0 := rule.For("")
	for id := range w.exp {
		if w.alone[id] {
			continue
		}
		a := w.sc.alerts[id]
		holders := w.sc.covering[id]
		if len(holders) != 1 || len(w.sc.owners[id]) > 0 {
			continue
		}
		inc := holders[0]
		if i := w.sc.incidents[inc]; i == nil || i.AlertCount < readChainBelow {
			continue // cheaper to read than to look at
		}
		alone, known := w.blocks[inc]
		if !known {
			typ, err := w.resourceType(ctx, a.ResourceKey)
			if err != nil {
				return err
			}
			p := rule.For(typ)
			alone = false
			if p.Window == p0.Window && p.MaxLifetime == p0.MaxLifetime {
				if alone, err = w.chainTiesNothing(ctx, inc, a.ResourceKey, p); err != nil {
					return err
				}
			}
			w.blocks[inc] = alone
		}
		if alone {
			w.alone[id] = true
		}
	}
	return nil
}

// readChainBelow is the size below which a chain is read rather than
// looked at in SQL (see untied): four queries cost more than reading a
// chain of a few hundred alerts.
const readChainBelow = 500

func (w *crossWalk) resourceType(ctx context.Context, key string) (string, error) {
	if t, ok := w.types[key]; ok {
		return t, nil
	}
	ts, err := w.tx.Resource.Query().Where(resource.Key(key)).Select(resource.FieldType).Strings(ctx)
	if err != nil {
		return "", fmt.Errorf("loading a resource's type: %w", err)
	}
	t := ""
	if len(ts) > 0 {
		t = ts[0]
	}
	w.types[key] = t
	return t, nil
}

// chainTiesNothing reports whether the open per-resource incident id on
// resource key is one clean chain under p whose members' linking values
// appear on no other resource within the window of its span.
func (w *crossWalk) chainTiesNothing(ctx context.Context, id int, key string, p Params) (bool, error) {
	inc, err := w.tx.Incident.Query().Where(incident.ID(id)).Select(incident.FieldID, incident.FieldAggregate).Only(ctx)
	if err != nil {
		return false, fmt.Errorf("loading an incident's aggregate: %w", err)
	}
	g := decodeAggregate(inc.Aggregate)
	if !g.block(p) {
		return false, nil
	}
	arg := "?"
	if w.cfg.dialect() == dialect.Postgres {
		arg = "$1"
	}
	q := fmt.Sprintf("SELECT DISTINCT l.%s FROM %s m JOIN %s l ON l.%s = m.%s WHERE m.%s = %s",
		entalert.EntitiesPrimaryKey[1], incident.AlertsTable, entalert.EntitiesTable,
		entalert.EntitiesPrimaryKey[0], incident.AlertsPrimaryKey[1], incident.AlertsPrimaryKey[0], arg)
	rows, err := w.tx.QueryContext(ctx, q, id)
	if err != nil {
		return false, fmt.Errorf("loading the entities of an incident: %w", err)
	}
	var ents []int
	for rows.Next() {
		var e int
		if err := rows.Scan(&e); err != nil {
			rows.Close()
			return false, fmt.Errorf("loading the entities of an incident: %w", err)
		}
		ents = append(ents, e)
	}
	if err := rows.Close(); err != nil {
		return false, fmt.Errorf("loading the entities of an incident: %w", err)
	}
	if err := rows.Err(); err != nil {
		return false, fmt.Errorf("loading the entities of an incident: %w", err)
	}
	var linking []int
	for start := 0; start < len(ents); start += chunk {
		es, err := w.tx.Entity.Query().Where(entity.IDIn(ents[start:min(start+chunk, len(ents))]...)).
			Select(entity.FieldID, entity.FieldKey).All(ctx)
		if err != nil {
			return false, fmt.Errorf("loading entities: %w", err)
		}
		for _, e := range es {
			if e.Key != nil && w.cfg.links(*e.Key) {
				linking = append(linking, e.ID)
			}
		}
	}
	sort.Ints(linking)
	lo, hi := g.From.Add(-w.window), g.To.Add(w.window)
	for _, e := range linking {
		n, err := w.tx.Alert.Query().Where(entalert.HasEntitiesWith(entity.ID(e)), entalert.ResourceKeyNEQ(key),
			entalert.StartTimeGTE(lo), entalert.StartTimeLTE(hi)).Limit(1).Count(ctx)
		if err != nil {
			return false, fmt.Errorf("looking for a value on other resources: %w", err)
		}
		if n > 0 {
			return false, nil
		}
	}
	return true, nil
}

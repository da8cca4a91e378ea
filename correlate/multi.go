package correlate

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"entgo.io/ent/dialect"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/broker"
	"github.com/vigil-soc/vigil/ent"
	entalert "github.com/vigil-soc/vigil/ent/alert"
	"github.com/vigil-soc/vigil/ent/alertremoval"
	"github.com/vigil-soc/vigil/ent/entity"
	"github.com/vigil-soc/vigil/ent/incident"
	"github.com/vigil-soc/vigil/ent/incidentlink"
	"github.com/vigil-soc/vigil/ent/resource"
)

// MultiTitle is the title of every multi-resource incident.
const MultiTitle = "Security incident detected on multiple resources"

// alertFields are the alert columns the rule and derive read.
var alertFields = []string{
	entalert.FieldID, entalert.FieldSystemAlertID, entalert.FieldDisplayName, entalert.FieldSeverity, entalert.FieldStatus,
	entalert.FieldTactics, entalert.FieldStartTime, entalert.FieldEndTime,
	entalert.FieldSourceIps, entalert.FieldRemediationSteps, entalert.FieldResourceKey,
}

// Multi recomputes, inside tx, the multi-resource incidents that the alerts
// of the resources keys take part in (see Campaigns for the rule), and
// reconciles them with what is stored as Resource does for one resource: an
// incident keeps its id as its campaign grows; when one campaign covers
// several incidents the oldest absorbs the others; membership never shrinks.
// Each multi-resource incident covers the open per-resource incidents that
// hold any of its alerts. Run it after the per-resource passes of keys have
// committed. It returns the events to publish once tx commits.
//
// On PostgreSQL it first takes one transaction-scoped advisory lock for all
// cross-resource work: campaigns cross the per-resource locks, and
// serialising them is what keeps two writers from building the same
// campaign twice.
func Multi(ctx context.Context, tx *ent.Tx, keys []string, cfg Config) ([]broker.Event, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	ctx = authz.System(ctx)
	if err := lockCross(ctx, tx, cfg); err != nil {
		return nil, err
	}
	sc, err := loadScope(ctx, tx, keys, cfg)
	if err != nil {
		return nil, err
	}
	ids := make([]int, 0, len(sc.alerts))
	for id := range sc.alerts {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	if err := sc.classify(ctx, tx, cfg, ids); err != nil {
		return nil, err
	}
	return reconcile(ctx, tx, sc, ids, nil, cfg)
}

// lockCross takes, on PostgreSQL, the transaction-scoped advisory lock of
// all cross-resource work.
func lockCross(ctx context.Context, tx *ent.Tx, cfg Config) error {
	if cfg.Dialect == dialect.Postgres {
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtextextended($1, 7))", crossLock); err != nil {
			return fmt.Errorf("locking cross-resource correlation: %w", err)
		}
	}
	return nil
}

// classify records who holds each of the alerts ids (already in sc):
// analysts' closed incidents and removals exclude an alert from
// correlation; open multi-resource incidents own it; open per-resource ones
// are covered by the multi-resource incident that takes it. It reads the
// join table by alert id itself (see holdersOf).
func (sc *scope) classify(ctx context.Context, tx *ent.Tx, cfg Config, ids []int) error {
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		held, err := holdersOf(ctx, tx, cfg, part)
		if err != nil {
			return err
		}
		var incIDs []int
		for _, incs := range held {
			for _, inc := range incs {
				if sc.incidents[inc] == nil {
					incIDs = append(incIDs, inc)
				}
			}
		}
		slices.Sort(incIDs)
		incIDs = slices.Compact(incIDs)
		for s := 0; s < len(incIDs); s += chunk {
			incs, err := tx.Incident.Query().Where(incident.IDIn(incIDs[s:min(s+chunk, len(incIDs))]...)).
				Select(incident.FieldID, incident.FieldStatus, incident.FieldClosedByAnalyst, incident.FieldMultiResource,
					incident.FieldAlertCount).All(ctx)
			if err != nil {
				return fmt.Errorf("loading incidents of alerts: %w", err)
			}
			for _, inc := range incs {
				sc.incidents[inc.ID] = inc
			}
		}
		gone, err := tx.AlertRemoval.Query().Where(alertremoval.AlertIDIn(part...)).
			Select(alertremoval.FieldAlertID).Ints(ctx)
		if err != nil {
			return fmt.Errorf("loading removed alerts: %w", err)
		}
		for _, id := range gone {
			sc.excluded[id] = true
		}
		for _, id := range part {
			sc.classified[id] = true
			slices.Sort(held[id])
			for _, incID := range held[id] {
				inc := sc.incidents[incID]
				switch {
				case inc == nil:
				case inc.ClosedByAnalyst || inc.Status.Closed():
					sc.excluded[id] = true
				case inc.MultiResource:
					sc.owners[id] = append(sc.owners[id], inc.ID)
				default:
					sc.covering[id] = append(sc.covering[id], inc.ID)
				}
			}
		}
	}
	return nil
}

// eligible reports whether a classified alert of the scope takes part in
// cross-resource correlation.
func (sc *scope) eligible(id int) bool {
	a := sc.alerts[id]
	return a != nil && a.Status != alerts.Dismissed && !sc.excluded[id] && a.ResourceKey != ""
}

// reconcile applies the cross-resource rule to the alerts ids of sc (a set
// closed under the rule's links: every chain and every tying run of each
// is in it) and reconciles the campaigns with the multi-resource incidents
// that own them or any of also (alerts whose owners must be brought up to
// date: changed ones).
func reconcile(ctx context.Context, tx *ent.Tx, sc *scope, ids, also []int, cfg Config) ([]broker.Event, error) {
	ownerIDs := map[int]bool{}
	for _, list := range [][]int{ids, also} {
		for _, id := range list {
			for _, inc := range sc.owners[id] {
				ownerIDs[inc] = true
			}
		}
	}
	var eligible []Linked
	for _, id := range ids {
		if !sc.eligible(id) {
			continue
		}
		a := sc.alerts[id]
		eligible = append(eligible, Linked{Member: Member{ID: id, Start: a.StartTime, Tactics: a.Tactics, Severity: a.Severity.Rank()},
			Resource: a.ResourceKey, Keys: sc.keys[id]})
	}
	rule := cfg.rule()
	camps := Campaigns(eligible, rule.For(""), rule.MaxLinkResources)
	why := map[int]reason{}
	for _, c := range camps {
		for _, id := range c.Alerts {
			why[id] = reason{kind: incidentlink.ReasonRESOURCE_CHAIN}
		}
		for _, t := range c.Ties {
			for _, id := range t.Alerts {
				if why[id].kind != incidentlink.ReasonENTITY {
					why[id] = reason{kind: incidentlink.ReasonENTITY, key: t.Key}
				}
			}
		}
	}
	alertFn := func(id int) *ent.Alert { return sc.alerts[id] }

	stored, err := tx.Incident.Query().Where(incident.IDIn(sortedKeys(ownerIDs)...)).
		WithAlerts(func(q *ent.AlertQuery) { q.Select(entalert.FieldID) }).
		WithCovers(func(q *ent.IncidentQuery) { q.Select(incident.FieldID) }).
		WithResource(func(q *ent.ResourceQuery) { q.Select(resource.FieldID) }).
		Order(incident.ByID()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("loading multi-resource incidents: %w", err)
	}
	groups := newUnion()
	for ci, c := range camps {
		node := fmt.Sprintf("c%d", ci)
		groups.add(node)
		for _, id := range c.Alerts {
			groups.member(node, id)
			for _, inc := range sc.owners[id] {
				groups.join(node, incNode(inc))
			}
		}
	}

	w := &multiWriter{tx: tx, sc: sc, cfg: cfg}
	var events []broker.Event
	merged := map[int]bool{}
	for _, g := range groups.groups() {
		members := map[int]bool{}
		for _, id := range g.alerts {
			members[id] = true
		}
		var holders []*ent.Incident
		for _, inc := range stored {
			if g.has(incNode(inc.ID)) {
				holders = append(holders, inc)
			}
		}
		if len(holders) == 0 {
			ids := sortedKeys(members)
			id, err := w.create(ctx, ids)
			if err != nil {
				return nil, err
			}
			if err := writeLinks(ctx, tx, id, ids, why, alertFn, rule); err != nil {
				return nil, err
			}
			events = append(events, broker.Event{Kind: broker.IncidentCreated, IncidentID: id})
			continue
		}
		survivor := holders[0]
		add, evs, err := absorb(ctx, tx, survivor, holders[1:], members, merged,
			func(u *ent.IncidentUpdateOne) { u.ClearCovers() })
		if err != nil {
			return nil, err
		}
		events = append(events, evs...)
		if err := writeLinks(ctx, tx, survivor.ID, add, why, alertFn, rule); err != nil {
			return nil, err
		}
	}
	for _, inc := range stored {
		if merged[inc.ID] {
			continue
		}
		changed, err := w.refresh(ctx, inc)
		if err != nil {
			return nil, err
		}
		if changed {
			events = append(events, broker.Event{Kind: broker.IncidentUpdated, IncidentID: inc.ID})
		}
	}
	return events, nil
}

// crossLock names the advisory lock of cross-resource correlation.
const crossLock = "vigil: cross-resource correlation"

// chunk bounds the ids one IN (…) list carries.
const chunk = 500

// scopePage bounds the alerts loadScope reads at once.
const scopePage = 5000

// scope is the alerts Multi works on: every alert of each resource it
// reached, and the linking keys of each.
type scope struct {
	alerts    map[int]*ent.Alert
	keys      map[int][]string
	resources map[string]*ent.Resource // filled by multiWriter

	// Filled by classify.
	classified map[int]bool
	incidents  map[int]*ent.Incident // the incidents holding alerts, by id
	excluded   map[int]bool          // out of correlation: an analyst's decision
	owners     map[int][]int         // alert → open multi-resource incidents
	covering   map[int][]int         // alert → open per-resource incidents
}

func newScope() *scope {
	return &scope{alerts: map[int]*ent.Alert{}, keys: map[int][]string{}, resources: map[string]*ent.Resource{},
		classified: map[int]bool{}, incidents: map[int]*ent.Incident{}, excluded: map[int]bool{},
		owners: map[int][]int{}, covering: map[int][]int{}}
}

// loadScope loads the alerts of the resources keys and, transitively, of
// every resource that one of their linking entity values ties to them
// (within a window, over at most the configured number of resources), so
// that the set is closed under the rule's links.
func loadScope(ctx context.Context, tx *ent.Tx, keys []string, cfg Config) (*scope, error) {
	sc := newScope()
	queued := map[string]bool{}
	var frontier []string
	for _, k := range keys {
		if k != "" && !queued[k] {
			queued[k] = true
			frontier = append(frontier, k)
		}
	}
	sort.Strings(frontier)
	seen := map[string]bool{}
	noisy := map[string]map[int]bool{} // value → alerts in its runs over too many resources
	for len(frontier) > 0 {
		var fresh []string
		for start, after := 0, 0; start < len(frontier); {
			// A page at a time: the entities of a page are loaded with one
			// IN (…) of its alert ids, which SQLite bounds.
			as, err := tx.Alert.Query().Where(entalert.ResourceKeyIn(frontier[start:min(start+chunk, len(frontier))]...), entalert.IDGT(after)).
				Select(alertFields...).
				WithEntities(func(q *ent.EntityQuery) { q.Select(entity.FieldID, entity.FieldKey) }).
				Order(entalert.ByID()).Limit(scopePage).
				All(ctx)
			if err != nil {
				return nil, fmt.Errorf("loading alerts: %w", err)
			}
			if len(as) < scopePage {
				start, after = start+chunk, 0
			} else {
				after = as[len(as)-1].ID
			}
			for _, a := range as {
				sc.alerts[a.ID] = a
				var ks []string
				for _, e := range a.Edges.Entities {
					if e.Key == nil || !cfg.links(*e.Key) || slices.Contains(ks, *e.Key) {
						continue
					}
					ks = append(ks, *e.Key)
					if !seen[*e.Key] {
						seen[*e.Key] = true
						fresh = append(fresh, *e.Key)
					}
				}
				sort.Strings(ks)
				sc.keys[a.ID] = ks
			}
		}
		frontier = nil
		sort.Strings(fresh)
		for start := 0; start < len(fresh); start += chunk {
			es, err := tx.Entity.Query().Where(entity.KeyIn(fresh[start:min(start+chunk, len(fresh))]...)).
				Select(entity.FieldID, entity.FieldKey).
				// The alerts without a resource or dismissed are left out
				// here, not in SQL: with those conditions PostgreSQL's plan
				// for the statement prepared, made for any values, walked
				// every alert (1.7 s a page on 100,000 alerts).
				WithAlerts(func(q *ent.AlertQuery) {
					q.Select(entalert.FieldID, entalert.FieldResourceKey, entalert.FieldStartTime, entalert.FieldStatus)
				}).All(ctx)
			if err != nil {
				return nil, fmt.Errorf("loading alerts of entities: %w", err)
			}
			for _, e := range es {
				var ls []Linked
				for _, a := range e.Edges.Alerts {
					if a.ResourceKey == "" || a.Status == alerts.Dismissed {
						continue
					}
					ls = append(ls, Linked{Member: Member{ID: a.ID, Start: a.StartTime}, Resource: a.ResourceKey})
				}
				tied, quiet := tiedResources(ls, cfg)
				if len(quiet) > 0 && e.Key != nil {
					noisy[*e.Key] = quiet
				}
				for _, r := range tied {
					if !queued[r] {
						queued[r] = true
						frontier = append(frontier, r)
					}
				}
			}
		}
		sort.Strings(frontier)
	}
	// A run over too many resources ties nothing, but the scope holds only
	// part of it (the alerts of its resources the scope reached): the
	// value is dropped from those, or Campaigns would see a smaller run
	// that ties.
	for id, ks := range sc.keys {
		sc.keys[id] = slices.DeleteFunc(ks, func(k string) bool { return noisy[k][id] })
	}
	return sc, nil
}

// tiedResources returns the resources of the runs (as Campaigns splits them)
// of one entity value's alerts that tie resources together, and the alerts
// of its runs over too many resources to tie.
func tiedResources(ls []Linked, cfg Config) (tied []string, noisy map[int]bool) {
	sort.Slice(ls, func(i, j int) bool {
		if !ls[i].Start.Equal(ls[j].Start) {
			return ls[i].Start.Before(ls[j].Start)
		}
		return ls[i].ID < ls[j].ID
	})
	start := 0
	for i := 1; i <= len(ls); i++ {
		if i < len(ls) && ls[i].Start.Sub(ls[i-1].Start) <= cfg.window() {
			continue
		}
		res := map[string]bool{}
		for _, l := range ls[start:i] {
			res[l.Resource] = true
		}
		run := start
		start = i
		switch {
		case len(res) > cfg.maxLinkResources():
			if noisy == nil {
				noisy = map[int]bool{}
			}
			for _, l := range ls[run:i] {
				noisy[l.ID] = true
			}
		case len(res) >= 2:
			tied = append(tied, sortedStrings(res)...)
		}
	}
	return tied, noisy
}

// multiWriter writes multi-resource incidents.
type multiWriter struct {
	tx  *ent.Tx
	sc  *scope
	cfg Config
}

// members returns the alerts with the given ids, from the scope or, for
// alerts outside it, from the database.
func (w *multiWriter) members(ctx context.Context, ids []int) ([]*ent.Alert, error) {
	out := make([]*ent.Alert, 0, len(ids))
	var missing []int
	for _, id := range ids {
		if a := w.sc.alerts[id]; a != nil {
			out = append(out, a)
		} else {
			missing = append(missing, id)
		}
	}
	for start := 0; start < len(missing); start += chunk {
		as, err := w.tx.Alert.Query().Where(entalert.IDIn(missing[start:min(start+chunk, len(missing))]...)).Select(alertFields...).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("loading member alerts: %w", err)
		}
		out = append(out, as...)
	}
	return out, nil
}

// resources returns the stored resources with the given keys.
func (w *multiWriter) resources(ctx context.Context, keys []string) (map[string]*ent.Resource, error) {
	var missing []string
	for _, k := range keys {
		if w.sc.resources[k] == nil {
			missing = append(missing, k)
		}
	}
	for start := 0; start < len(missing); start += chunk {
		rs, err := w.tx.Resource.Query().Where(resource.KeyIn(missing[start:min(start+chunk, len(missing))]...)).
			Select(resource.FieldID, resource.FieldKey, resource.FieldName).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("loading resources: %w", err)
		}
		for _, r := range rs {
			w.sc.resources[r.Key] = r
		}
	}
	return w.sc.resources, nil
}

// shape is what a multi-resource incident's members make of it.
type shape struct {
	d       derived
	primary int   // resource id of the earliest member
	covers  []int // open per-resource incidents holding a member, sorted
}

func (w *multiWriter) shape(ctx context.Context, ids []int, status alerts.Status) (shape, error) {
	ms, err := w.members(ctx, ids)
	if err != nil {
		return shape{}, err
	}
	sortMembers(ms)
	var keys []string
	for _, a := range ms {
		if a.ResourceKey != "" && !slices.Contains(keys, a.ResourceKey) {
			keys = append(keys, a.ResourceKey)
		}
	}
	res, err := w.resources(ctx, keys)
	if err != nil {
		return shape{}, err
	}
	var names []string
	for _, k := range keys {
		if r := res[k]; r != nil {
			names = append(names, r.Name)
		}
	}
	s := shape{d: deriveTitled(MultiTitle, placeOf(names), status, ms)}
	if len(keys) > 0 && res[keys[0]] != nil {
		s.primary = res[keys[0]].ID
	}
	// Every member's per-resource incidents, not only the scope's: a
	// member outside it may be covered too.
	var unknown []int
	for _, id := range ids {
		if !w.sc.classified[id] {
			unknown = append(unknown, id)
		}
	}
	if err := w.sc.classify(ctx, w.tx, w.cfg, unknown); err != nil {
		return shape{}, err
	}
	cov := map[int]bool{}
	for _, id := range ids {
		for _, inc := range w.sc.covering[id] {
			cov[inc] = true
		}
	}
	s.covers = sortedKeys(cov)
	return s, nil
}

// placeOf names several resources for a story: "a, b and c", or "a, b, c, d
// and 3 more".
func placeOf(names []string) string {
	const shown = 4
	switch n := len(names); {
	case n == 0:
		return "multiple resources"
	case n == 1:
		return names[0]
	case n > shown+1:
		return strings.Join(names[:shown], ", ") + fmt.Sprintf(" and %d more", n-shown)
	default:
		return strings.Join(names[:n-1], ", ") + " and " + names[n-1]
	}
}

func (w *multiWriter) create(ctx context.Context, ids []int) (int, error) {
	s, err := w.shape(ctx, ids, alerts.Active)
	if err != nil {
		return 0, err
	}
	if s.primary == 0 {
		return 0, fmt.Errorf("multi-resource incident without a resource")
	}
	c := w.tx.Incident.Create().SetResourceID(s.primary).SetResourceKey("").SetMultiResource(true).
		AddAlertIDs(ids[:min(len(ids), linkChunk)]...).AddCoverIDs(s.covers...)
	s.d.set(c.Mutation())
	created, err := c.Save(ctx)
	if err != nil {
		return 0, fmt.Errorf("creating multi-resource incident: %w", err)
	}
	if err := addAlerts(ctx, w.tx, created.ID, ids[min(len(ids), linkChunk):]); err != nil {
		return 0, err
	}
	return created.ID, nil
}

// refresh brings a stored multi-resource incident's derived fields, primary
// resource and covered incidents up to date with its members.
func (w *multiWriter) refresh(ctx context.Context, inc *ent.Incident) (bool, error) {
	ids := make([]int, 0, len(inc.Edges.Alerts))
	for _, a := range inc.Edges.Alerts {
		ids = append(ids, a.ID)
	}
	sort.Ints(ids)
	s, err := w.shape(ctx, ids, inc.Status)
	if err != nil {
		return false, err
	}
	var had []int
	for _, c := range inc.Edges.Covers {
		had = append(had, c.ID)
	}
	sort.Ints(had)
	primary := 0
	if inc.Edges.Resource != nil {
		primary = inc.Edges.Resource.ID
	}
	if same(inc, s.d) && slices.Equal(had, s.covers) && (primary == s.primary || s.primary == 0) {
		return false, nil
	}
	u := w.tx.Incident.UpdateOne(inc)
	s.d.set(u.Mutation())
	if s.primary != 0 && primary != s.primary {
		u.SetResourceID(s.primary)
	}
	if !slices.Equal(had, s.covers) {
		u.ClearCovers().AddCoverIDs(s.covers...)
	}
	if err := u.Exec(ctx); err != nil {
		return false, fmt.Errorf("updating multi-resource incident: %w", err)
	}
	return true, nil
}

// sortMembers orders alerts by start, then system alert id (not the
// database id, which follows arrival order).
func sortMembers(ms []*ent.Alert) {
	sort.SliceStable(ms, func(i, j int) bool {
		if !ms[i].StartTime.Equal(ms[j].StartTime) {
			return ms[i].StartTime.Before(ms[j].StartTime)
		}
		return ms[i].SystemAlertID < ms[j].SystemAlertID
	})
}

package correlate

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"entgo.io/ent/dialect"

	"github.com/vigil-soc/vigil/alerts"
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
	if cfg.Dialect == dialect.Postgres {
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtextextended($1, 7))", crossLock); err != nil {
			return nil, fmt.Errorf("locking cross-resource correlation: %w", err)
		}
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

	// Who holds the scope's alerts already.
	excluded := map[int]bool{}
	owners := map[int][]int{}   // alert → open multi-resource incidents
	covering := map[int][]int{} // alert → open per-resource incidents
	ownerIDs := map[int]bool{}
	for start := 0; start < len(ids); start += chunk {
		as, err := tx.Alert.Query().Where(entalert.IDIn(ids[start:min(start+chunk, len(ids))]...)).
			Select(entalert.FieldID).
			WithIncidents(func(q *ent.IncidentQuery) {
				q.Select(incident.FieldID, incident.FieldStatus, incident.FieldClosedByAnalyst, incident.FieldMultiResource)
			}).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("loading incidents of alerts: %w", err)
		}
		gone, err := tx.AlertRemoval.Query().Where(alertremoval.AlertIDIn(ids[start:min(start+chunk, len(ids))]...)).
			Select(alertremoval.FieldAlertID).Ints(ctx)
		if err != nil {
			return nil, fmt.Errorf("loading removed alerts: %w", err)
		}
		for _, id := range gone {
			excluded[id] = true
		}
		for _, a := range as {
			for _, inc := range a.Edges.Incidents {
				switch {
				case inc.ClosedByAnalyst || inc.Status.Closed():
					excluded[a.ID] = true
				case inc.MultiResource:
					owners[a.ID] = append(owners[a.ID], inc.ID)
					ownerIDs[inc.ID] = true
				default:
					covering[a.ID] = append(covering[a.ID], inc.ID)
				}
			}
		}
	}
	var eligible []Linked
	for _, id := range ids {
		a := sc.alerts[id]
		if a.Status == alerts.Dismissed || excluded[id] || a.ResourceKey == "" {
			continue
		}
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
			for _, inc := range owners[id] {
				groups.join(node, incNode(inc))
			}
		}
	}

	w := &multiWriter{tx: tx, sc: sc, covering: covering}
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
}

// loadScope loads the alerts of the resources keys and, transitively, of
// every resource that one of their linking entity values ties to them
// (within a window, over at most the configured number of resources), so
// that the set is closed under the rule's links.
func loadScope(ctx context.Context, tx *ent.Tx, keys []string, cfg Config) (*scope, error) {
	sc := &scope{alerts: map[int]*ent.Alert{}, keys: map[int][]string{}, resources: map[string]*ent.Resource{}}
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
				Select(entity.FieldID).
				WithAlerts(func(q *ent.AlertQuery) {
					q.Where(entalert.ResourceKeyNEQ(""), entalert.StatusNEQ(alerts.Dismissed)).
						Select(entalert.FieldID, entalert.FieldResourceKey, entalert.FieldStartTime)
				}).All(ctx)
			if err != nil {
				return nil, fmt.Errorf("loading alerts of entities: %w", err)
			}
			for _, e := range es {
				var ls []Linked
				for _, a := range e.Edges.Alerts {
					ls = append(ls, Linked{Member: Member{ID: a.ID, Start: a.StartTime}, Resource: a.ResourceKey})
				}
				for _, r := range tiedResources(ls, cfg) {
					if !queued[r] {
						queued[r] = true
						frontier = append(frontier, r)
					}
				}
			}
		}
		sort.Strings(frontier)
	}
	return sc, nil
}

// tiedResources returns the resources of the runs (as Campaigns splits them)
// of one entity value's alerts that tie resources together.
func tiedResources(ls []Linked, cfg Config) []string {
	sort.Slice(ls, func(i, j int) bool {
		if !ls[i].Start.Equal(ls[j].Start) {
			return ls[i].Start.Before(ls[j].Start)
		}
		return ls[i].ID < ls[j].ID
	})
	var out []string
	start := 0
	for i := 1; i <= len(ls); i++ {
		if i < len(ls) && ls[i].Start.Sub(ls[i-1].Start) <= cfg.window() {
			continue
		}
		res := map[string]bool{}
		for _, l := range ls[start:i] {
			res[l.Resource] = true
		}
		start = i
		if len(res) >= 2 && len(res) <= cfg.maxLinkResources() {
			out = append(out, sortedStrings(res)...)
		}
	}
	return out
}

// multiWriter writes multi-resource incidents.
type multiWriter struct {
	tx       *ent.Tx
	sc       *scope
	covering map[int][]int
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
	cov := map[int]bool{}
	for _, id := range ids {
		for _, inc := range w.covering[id] {
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

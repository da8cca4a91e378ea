package correlate

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sort"
	"time"

	"entgo.io/ent/dialect"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/broker"
	"github.com/vigil-soc/vigil/ent"
	entalert "github.com/vigil-soc/vigil/ent/alert"
	"github.com/vigil-soc/vigil/ent/alertremoval"
	"github.com/vigil-soc/vigil/ent/incident"
	"github.com/vigil-soc/vigil/ent/incidentlink"
	"github.com/vigil-soc/vigil/ent/resource"
)

// Config holds the correlation settings.
type Config struct {
	// Window is the inactivity gap that ends a chain (default 24h).
	Window time.Duration
	// Dialect is the database's (entgo.io/ent/dialect): on PostgreSQL each
	// resource is locked with an advisory lock while it is recomputed.
	Dialect string
	// Rule is the correlation rule (a rules file's); what it leaves out
	// takes the defaults, its window Window.
	Rule Rule
	// Observe, when set, is told what each per-resource pass and each
	// cross-resource pass over changed alerts did (tests and benchmarks
	// read it).
	Observe func(Pass)
}

// Pass is what one per-resource pass, or one cross-resource pass, did.
type Pass struct {
	Key string
	// Cross is set for a cross-resource pass over changed alerts
	// (MultiAlerts); Key is empty.
	Cross bool
	// Full is set when the pass recomputed the resource from all its
	// alerts; Why says what made it (empty: it was asked for).
	Full bool
	Why  string
	// AlertsRead counts the alert rows the pass read.
	AlertsRead int
}

func (c Config) observe(p Pass) {
	if c.Observe != nil {
		c.Observe(p)
	}
}

// dialect returns the database's dialect, SQLite when none is set.
func (c Config) dialect() string {
	if c.Dialect == "" {
		return dialect.SQLite
	}
	return c.Dialect
}

// rule returns the rule with its defaults filled in.
func (c Config) rule() Rule { return c.Rule.Resolved(c.Window) }

// ResolvedRule returns the rule correlation applies under c.
func (c Config) ResolvedRule() Rule { return c.rule() }

func (c Config) maxLinkResources() int { return c.rule().MaxLinkResources }

// links reports whether an entity key may tie resources under c.
func (c Config) links(key string) bool {
	return slices.Contains(c.rule().LinkKinds, kindOf(key)) && Strong(key)
}

func (c Config) window() time.Duration { return time.Duration(c.rule().Window) }

// Resource recomputes the incidents of the resource with correlation key
// key inside tx from all its alerts, and reconciles them with what is stored: an incident keeps
// its id when its chain grows or gains an earlier alert; when one chain
// covers several incidents the oldest absorbs the others (they are marked
// merged into it); membership never shrinks. It returns the events to
// publish once tx commits. Running it again over the same data changes
// nothing and returns no events.
//
// On PostgreSQL it first takes a transaction-scoped advisory lock on the key,
// so that one writer at a time works on a resource across processes.
//
// It reads every alert of the resource and every member of its incidents:
// ResourceAlerts is the pass that reads only what given alerts can change.
func Resource(ctx context.Context, tx *ent.Tx, key string, cfg Config) ([]broker.Event, error) {
	ctx = authz.System(ctx) // correlation sees every alert of the resource
	res, err := lockResource(ctx, tx, key, cfg)
	if res == nil || err != nil {
		return nil, err
	}
	return full(ctx, tx, res, cfg, "")
}

// lockResource takes the resource's lock and loads it; nil when there is
// no such resource.
func lockResource(ctx context.Context, tx *ent.Tx, key string, cfg Config) (*ent.Resource, error) {
	if key == "" {
		return nil, nil
	}
	if err := lock(ctx, tx, key, cfg); err != nil {
		return nil, err
	}
	res, err := tx.Resource.Query().Where(resource.Key(key)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("loading resource: %w", err)
	}
	return res, nil
}

// full is Resource on the locked resource res; why says what made the
// pass a full one.
func full(ctx context.Context, tx *ent.Tx, res *ent.Resource, cfg Config, why string) ([]broker.Event, error) {
	key := res.Key
	all, err := tx.Alert.Query().
		Where(entalert.ResourceKey(key)).
		Select(entalert.FieldID, entalert.FieldSystemAlertID, entalert.FieldDisplayName, entalert.FieldSeverity, entalert.FieldStatus,
			entalert.FieldTactics, entalert.FieldStartTime, entalert.FieldEndTime,
			entalert.FieldSourceIps, entalert.FieldRemediationSteps).
		Order(entalert.ByStartTime(), entalert.ByID()).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("loading alerts: %w", err)
	}
	cfg.observe(Pass{Key: key, Full: true, Why: why, AlertsRead: len(all)})
	incs, err := tx.Incident.Query().
		Where(incident.ResourceKey(key), incident.MergedIntoIDIsNil()).
		WithAlerts(func(q *ent.AlertQuery) { q.Select(entalert.FieldID) }).
		Order(incident.ByID()).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("loading incidents: %w", err)
	}
	byID := make(map[int]*ent.Alert, len(all))
	for _, a := range all {
		byID[a.ID] = a
	}

	// Alerts in a closed incident stay out; so do dismissed ones, and those
	// an analyst took out of an incident.
	excluded := map[int]bool{}
	removed, err := tx.AlertRemoval.Query().Where(alertremoval.HasAlertWith(entalert.ResourceKey(key))).
		Select(alertremoval.FieldAlertID).Ints(ctx)
	if err != nil {
		return nil, fmt.Errorf("loading removed alerts: %w", err)
	}
	for _, id := range removed {
		excluded[id] = true
	}
	var open []*ent.Incident
	owner := map[int][]*ent.Incident{} // alert id -> open incidents holding it
	for _, inc := range incs {
		closed := inc.ClosedByAnalyst || inc.Status.Closed()
		for _, a := range inc.Edges.Alerts {
			if closed {
				excluded[a.ID] = true
			} else {
				owner[a.ID] = append(owner[a.ID], inc)
			}
		}
		if !closed {
			open = append(open, inc)
		}
	}
	var eligible []Member
	for _, a := range all {
		if a.Status == alerts.Dismissed || excluded[a.ID] {
			continue
		}
		eligible = append(eligible, memberOf(a))
	}
	isEligible := func(id int) bool {
		a := byID[id]
		return a != nil && a.Status != alerts.Dismissed && !excluded[id]
	}

	// Each qualifying chain, with the open incidents that share an alert
	// with it, forms a group; groups that share an incident are one.
	groups := newUnion()
	rule := cfg.rule()
	params := rule.For(res.Type)
	for ci, chain := range ChainsWith(eligible, params) {
		if !QualifiesWith(chain, params) {
			continue
		}
		node := fmt.Sprintf("c%d", ci)
		groups.add(node)
		for _, m := range chain {
			groups.member(node, m.ID)
			for _, inc := range owner[m.ID] {
				groups.join(node, incNode(inc.ID))
			}
		}
	}

	// Within the window of an earlier incident, a new one exists only when
	// an analyst closed that one or the rule's lifetime ended it.
	var prior []past
	for _, inc := range incs {
		prior = append(prior, past{id: inc.ID, first: inc.FirstActivityTime, last: inc.LastActivityTime})
	}
	var events []broker.Event
	merged := map[int]bool{}
	for _, g := range groups.groups() {
		members := map[int]bool{}
		for _, id := range g.alerts {
			members[id] = true
		}
		var holders []*ent.Incident
		for _, inc := range open {
			if g.has(incNode(inc.ID)) {
				holders = append(holders, inc)
			}
		}
		if len(holders) == 0 {
			created, err := createIncident(ctx, tx, res, sortedKeys(members), byID, isEligible, params, rule, prior)
			if err != nil {
				return nil, err
			}
			prior = append(prior, created)
			events = append(events, broker.Event{Kind: broker.IncidentCreated, IncidentID: created.id})
			continue
		}
		survivor := holders[0] // the oldest: open is ordered by id
		add, evs, err := absorb(ctx, tx, survivor, holders[1:], members, merged, nil)
		if err != nil {
			return nil, err
		}
		events = append(events, evs...)
		if err := writeLinks(ctx, tx, survivor.ID, add, chainReasons(g.alerts), alertOf(byID), rule); err != nil {
			return nil, err
		}
	}

	// Derived fields of every incident of the resource: members may have
	// grown, and member statuses may have changed.
	for _, inc := range incs {
		if inc.MergedIntoID != nil || merged[inc.ID] {
			continue
		}
		ids := make([]int, 0, len(inc.Edges.Alerts))
		for _, a := range inc.Edges.Alerts {
			ids = append(ids, a.ID)
		}
		ms := pick(byID, ids)
		g := aggregateOf(ms)
		g.judge(membersOf(ms), isEligible, params)
		d := g.derived(titleOn(res.Name), res.Name, inc.Status)
		enc := g.encode()
		changed := !same(inc, d)
		if !changed && bytes.Equal(inc.Aggregate, enc) {
			continue
		}
		u := tx.Incident.UpdateOne(inc).SetAggregate(enc)
		d.set(u.Mutation())
		if err := u.Exec(ctx); err != nil {
			return nil, fmt.Errorf("updating incident: %w", err)
		}
		if changed { // the aggregate alone is no news to subscribers
			events = append(events, broker.Event{Kind: broker.IncidentUpdated, IncidentID: inc.ID})
		}
	}
	return events, nil
}

// titleOn is the title of a per-resource incident.
func titleOn(name string) string { return "Security incident detected on " + name }

// memberOf is what the rule reads of an alert.
func memberOf(a *ent.Alert) Member {
	return Member{ID: a.ID, Start: a.StartTime, Tactics: a.Tactics, Severity: a.Severity.Rank()}
}

func membersOf(as []*ent.Alert) []Member {
	out := make([]Member, len(as))
	for i, a := range as {
		out[i] = memberOf(a)
	}
	return out
}

// createIncident creates the incident of one chain on res — members ids,
// read from byID, of which eligible tells which count for its chain — with
// its aggregate, derived fields, memberships and links, following the
// latest of prior that ended within the window before it.
func createIncident(ctx context.Context, tx *ent.Tx, res *ent.Resource, ids []int, byID map[int]*ent.Alert,
	eligible func(int) bool, params Params, rule Rule, prior []past) (past, error) {
	ms := pick(byID, ids)
	g := aggregateOf(ms)
	g.judge(membersOf(ms), eligible, params)
	d := g.derived(titleOn(res.Name), res.Name, alerts.Active)
	c := tx.Incident.Create().SetResource(res).SetResourceKey(res.Key).
		AddAlertIDs(ids[:min(len(ids), linkChunk)]...).SetAggregate(g.encode())
	if prev := follows(prior, d.First, params.Window); prev != 0 {
		c.SetFollowsID(prev)
	}
	d.set(c.Mutation())
	inc, err := c.Save(ctx)
	if err != nil {
		return past{}, fmt.Errorf("creating incident: %w", err)
	}
	if err := addAlerts(ctx, tx, inc.ID, ids[min(len(ids), linkChunk):]); err != nil {
		return past{}, err
	}
	if err := writeLinks(ctx, tx, inc.ID, ids, chainReasons(ids), alertOf(byID), rule); err != nil {
		return past{}, err
	}
	return past{id: inc.ID, first: d.First, last: d.Last}, nil
}

// lock takes the resource's advisory lock on PostgreSQL, until tx ends
// (again in the same transaction is a no-op).
func lock(ctx context.Context, tx *ent.Tx, key string, cfg Config) error {
	if cfg.Dialect != dialect.Postgres {
		return nil
	}
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtextextended($1, 7))", key); err != nil {
		return fmt.Errorf("locking resource: %w", err)
	}
	return nil
}

// linkChunk bounds the incident-alert links one statement writes (two
// parameters each; SQLite allows 32,766 a statement).
const linkChunk = 5000

// addAlerts adds alerts to an incident, linkChunk at a time.
// absorb merges others into survivor, as a bridging alert demands: each is
// marked merged into it, emptied (and adjusted by clear, when given) and
// loses its links; survivor gains every alert of theirs and of members it
// lacks. It returns the alerts survivor gained and the events of the
// merged incidents, and records them in merged.
func absorb(ctx context.Context, tx *ent.Tx, survivor *ent.Incident, others []*ent.Incident, members, merged map[int]bool,
	clear func(*ent.IncidentUpdateOne)) ([]int, []broker.Event, error) {
	have := map[int]bool{}
	for _, a := range survivor.Edges.Alerts {
		have[a.ID] = true
	}
	var events []broker.Event
	for _, other := range others {
		for _, a := range other.Edges.Alerts {
			members[a.ID] = true
		}
		u := tx.Incident.UpdateOne(other).SetMergedIntoID(survivor.ID).ClearAlerts().SetAlertCount(0).SetIsActive(false)
		if clear != nil {
			clear(u)
		}
		if err := u.Exec(ctx); err != nil {
			return nil, nil, fmt.Errorf("merging incident: %w", err)
		}
		if err := dropLinks(ctx, tx, other.ID); err != nil {
			return nil, nil, err
		}
		merged[other.ID] = true
		events = append(events, broker.Event{Kind: broker.IncidentUpdated, IncidentID: other.ID})
	}
	var add []int
	for _, id := range sortedKeys(members) {
		if !have[id] {
			add = append(add, id)
			survivor.Edges.Alerts = append(survivor.Edges.Alerts, &ent.Alert{ID: id})
		}
	}
	return add, events, addAlerts(ctx, tx, survivor.ID, add)
}

func addAlerts(ctx context.Context, tx *ent.Tx, incidentID int, ids []int) error {
	for start := 0; start < len(ids); start += linkChunk {
		if err := tx.Incident.UpdateOneID(incidentID).AddAlertIDs(ids[start:min(start+linkChunk, len(ids))]...).Exec(ctx); err != nil {
			return fmt.Errorf("adding alerts to incident: %w", err)
		}
	}
	return nil
}

// past is what follows reads of an earlier incident on the same resource.
type past struct {
	id          int
	first, last time.Time
}

// follows returns the incident a new one starting at first follows: the
// latest earlier one on the resource that ended — an analyst closed it, or
// its chain reached the rule's maximum lifetime — no more than window
// before; 0 when there is none.
func follows(prior []past, first time.Time, window time.Duration) int {
	best := -1
	for i, p := range prior {
		if !p.first.Before(first) || first.Sub(p.last) > window {
			continue
		}
		if best < 0 || p.first.After(prior[best].first) {
			best = i
		}
	}
	if best < 0 {
		return 0
	}
	return prior[best].id
}

// chainReasons says that each of ids joined as a member of a kill chain on
// its resource.
func chainReasons(ids []int) map[int]reason {
	m := make(map[int]reason, len(ids))
	for _, id := range ids {
		m[id] = reason{kind: incidentlink.ReasonCHAIN}
	}
	return m
}

func alertOf(byID map[int]*ent.Alert) func(int) *ent.Alert {
	return func(id int) *ent.Alert { return byID[id] }
}

func incNode(id int) string { return fmt.Sprintf("i%d", id) }

// same reports whether the stored incident already has the derived fields.
func same(inc *ent.Incident, d derived) bool {
	return inc.Title == d.Title && inc.Description == d.Description &&
		inc.Severity == d.Severity && inc.IsActive == d.Active &&
		inc.FirstActivityTime.Equal(d.First) && inc.LastActivityTime.Equal(d.Last) &&
		slices.Equal(inc.Tactics, d.Tactics) && slices.Equal(inc.SourceIps, d.SourceIPs) &&
		slices.Equal(inc.RemediationSteps, d.Remediation) && inc.AlertCount == d.Count
}

func pick(byID map[int]*ent.Alert, ids []int) []*ent.Alert {
	out := make([]*ent.Alert, 0, len(ids))
	for _, id := range ids {
		if a := byID[id]; a != nil {
			out = append(out, a)
		}
	}
	return out
}

func sortedKeys(m map[int]bool) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}

package correlate

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/broker"
	"github.com/vigil-soc/vigil/ent"
	entalert "github.com/vigil-soc/vigil/ent/alert"
	"github.com/vigil-soc/vigil/ent/alertremoval"
	"github.com/vigil-soc/vigil/ent/incident"
	"github.com/vigil-soc/vigil/ent/predicate"
)

// ResourceAlerts is Resource for a pass that knows which alerts of the
// resource were created or changed since the last one (ids): it gives the
// incidents Resource would, reading only what those alerts can affect.
//
// Why that is enough: after a pass, every qualifying chain is held whole
// by one open incident. Only chains that hold a changed alert can differ
// from the last pass's (alerts only leave chains through analyst decisions,
// which ask for a full pass, or through a dismissal, which changes no
// membership: membership never shrinks). So the pass walks, from each
// changed alert, the chain around it: it reads the alerts within the
// window of what it has reached, and when it reaches a member of an open
// incident whose aggregate says its members form one clean chain (see
// aggregate.Clean) it takes the whole incident as one block, from its
// first to its last start, without reading its members: the chain holds
// them all and qualifies. New members extend the block's stored aggregate.
//
// What it cannot settle from there it leaves to the full pass, never
// guessing: a chain that reaches two incidents (a merge), an incident that
// is not one clean chain (after a dismissal, a removal, a merge by an
// analyst, a rules change, or from before aggregates were kept), a chain
// longer than the rule's maximum lifetime (where a new incident starts
// depends on where the chain starts), and a changed member whose incident's
// time span moved. A changed member of an incident otherwise — a vendor
// re-sending it with a new status or end time — makes the pass recompute
// that incident's aggregate from its members, read in chunks.
func ResourceAlerts(ctx context.Context, tx *ent.Tx, key string, ids []int, cfg Config) ([]broker.Event, error) {
	ctx = authz.System(ctx)
	res, err := lockResource(ctx, tx, key, cfg)
	if res == nil || err != nil {
		return nil, err
	}
	w := &walk{tx: tx, res: res, key: key, cfg: cfg, rule: cfg.rule()}
	w.p = w.rule.For(res.Type)
	why, err := w.plan(ctx, ids)
	if err != nil {
		return nil, err
	}
	if why != "" {
		return full(ctx, tx, res, cfg, why)
	}
	cfg.observe(Pass{Key: key, AlertsRead: w.read})
	return w.apply(ctx)
}

// walk is one incremental pass over a resource.
type walk struct {
	tx   *ent.Tx
	res  *ent.Resource
	key  string
	cfg  Config
	rule Rule
	p    Params

	incs    map[int]*ent.Incident // the resource's incidents not merged away
	order   []int                 // their ids, oldest first
	aggs    map[int]*aggregate    // their aggregates, as stored or recomputed
	redo    map[int]bool          // incidents with a changed member: aggregate recomputed
	removed map[int]bool          // alerts read that an analyst took out of an incident
	member  map[int][]int         // alerts read → the incidents holding them
	seen    map[int]bool          // alerts whose incidents and removal were read

	loose    map[int]*ent.Alert // eligible alerts reached that no incident holds
	blocks   map[int]bool       // open incidents reached, each one clean chain
	explored []interval         // time ranges read
	read     int                // alert rows read
}

// interval is a closed range of start times.
type interval struct{ lo, hi time.Time }

func (w *walk) open(id int) bool {
	inc := w.incs[id]
	return inc != nil && !inc.ClosedByAnalyst && !inc.Status.Closed()
}

// plan reads what the changed alerts ids can affect. It returns why the
// full pass must run instead, or "" when the walk settles everything.
func (w *walk) plan(ctx context.Context, ids []int) (string, error) {
	incs, err := w.tx.Incident.Query().
		Where(incident.ResourceKey(w.key), incident.MergedIntoIDIsNil()).
		Order(incident.ByID()).All(ctx)
	if err != nil {
		return "", fmt.Errorf("loading incidents: %w", err)
	}
	w.incs, w.aggs = map[int]*ent.Incident{}, map[int]*aggregate{}
	for _, inc := range incs {
		w.incs[inc.ID] = inc
		w.order = append(w.order, inc.ID)
		w.aggs[inc.ID] = decodeAggregate(inc.Aggregate)
	}
	w.removed, w.member, w.seen = map[int]bool{}, map[int][]int{}, map[int]bool{}
	w.loose, w.blocks, w.redo = map[int]*ent.Alert{}, map[int]bool{}, map[int]bool{}

	// The changed alerts themselves.
	ids = append([]int(nil), ids...)
	sort.Ints(ids)
	for start := 0; start < len(ids); start += chunk {
		as, err := w.alerts(ctx, entalert.IDIn(ids[start:min(start+chunk, len(ids))]...))
		if err != nil {
			return "", err
		}
		for _, a := range as {
			holders := w.holders(a)
			for _, h := range holders {
				w.redo[h] = true
			}
			if why := w.reach(a, holders); why != "" {
				return why, nil
			}
		}
	}
	for _, id := range sortedKeys(w.redo) {
		if why, err := w.recompute(ctx, id); why != "" || err != nil {
			return why, err
		}
	}
	if why := w.clean(); why != "" {
		return why, nil
	}

	// Out from them, a window at a time, until the chains end.
	for {
		if why := w.reachBlocks(); why != "" {
			return why, nil
		}
		need := w.need()
		if len(need) == 0 {
			break
		}
		for start := 0; start < len(need); start += 50 {
			part := need[start:min(start+50, len(need))]
			ors := make([]predicate.Alert, 0, len(part))
			for _, s := range part {
				ors = append(ors, entalert.And(entalert.StartTimeGTE(s.lo), entalert.StartTimeLTE(s.hi)))
			}
			as, err := w.alerts(ctx, entalert.ResourceKey(w.key), entalert.Or(ors...))
			if err != nil {
				return "", err
			}
			for _, a := range as {
				if why := w.reach(a, w.holders(a)); why != "" {
					return why, nil
				}
			}
		}
		w.explored = append(w.explored, need...)
		if why := w.clean(); why != "" {
			return why, nil
		}
	}

	// What the full pass would decide differently.
	for _, r := range w.runs() {
		if len(r.blocks) > 1 {
			return "a chain reaches several incidents", nil
		}
		if w.p.MaxLifetime > 0 && r.hi.Sub(r.lo) > w.p.MaxLifetime {
			return "a chain is longer than the maximum lifetime", nil
		}
		reach := interval{r.lo.Add(-w.p.Window), r.hi.Add(w.p.Window)}
		for _, id := range w.order {
			if !w.open(id) || w.blocks[id] {
				continue
			}
			if ext := w.extent(id); ext.hi.Before(reach.lo) || ext.lo.After(reach.hi) {
				continue
			}
			return "a chain comes near an incident it did not reach", nil
		}
	}
	return "", nil
}

// reachBlocks adds, as blocks, the open incidents that the chains reached
// so far come within the window of. A clean incident's chain has its
// members no more than the window apart from its first start to its last,
// so its extent alone says whether a chain reaches it — without reading
// the members, however many. It returns why the full pass must run: an
// incident reached that is not one clean chain.
func (w *walk) reachBlocks() string {
	for grown := true; grown; {
		grown = false
		for _, r := range w.runs() {
			reach := interval{r.lo.Add(-w.p.Window), r.hi.Add(w.p.Window)}
			for _, id := range w.order {
				if !w.open(id) || w.blocks[id] {
					continue
				}
				if ext := w.extent(id); ext.hi.Before(reach.lo) || ext.lo.After(reach.hi) {
					continue
				}
				if !w.aggs[id].block(w.p) {
					return "a chain reaches an incident that is not one clean chain"
				}
				w.blocks[id] = true
				grown = true
			}
		}
	}
	return ""
}

// clean returns why the full pass must run when a block reached is not
// one clean chain under the rule.
func (w *walk) clean() string {
	for id := range w.blocks {
		if !w.aggs[id].block(w.p) {
			return "a chain reaches an incident that is not one clean chain"
		}
	}
	return ""
}

// alerts reads alerts with what the rule and derive need, and the ids of
// their incidents.
func (w *walk) alerts(ctx context.Context, where ...predicate.Alert) ([]*ent.Alert, error) {
	as, err := w.tx.Alert.Query().Where(where...).Select(alertFields...).
		Order(entalert.ByStartTime(), entalert.ByID()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("loading alerts: %w", err)
	}
	w.read += len(as)
	// An alert read again (the changed ones are within their own window)
	// keeps what was read of it the first time.
	fresh := make([]*ent.Alert, 0, len(as))
	for _, a := range as {
		if !w.seen[a.ID] {
			w.seen[a.ID] = true
			fresh = append(fresh, a)
		}
	}
	if err := w.memberships(ctx, fresh); err != nil {
		return nil, err
	}
	return as, w.removals(ctx, fresh)
}

// memberships records the incidents holding each of as (see holdersOf).
func (w *walk) memberships(ctx context.Context, as []*ent.Alert) error {
	ids := make([]int, len(as))
	for i, a := range as {
		ids[i] = a.ID
	}
	held, err := holdersOf(ctx, w.tx, w.cfg, ids)
	if err != nil {
		return err
	}
	for alert, incs := range held {
		w.member[alert] = append(w.member[alert], incs...)
	}
	return nil
}

// holdersOf returns the incidents holding each of the alerts ids, read
// from the join table by alert id itself: ent's eager load of the edge
// joins incidents first, which SQLite answers by walking every membership
// of an incident — all 100,000 of a large one.
func holdersOf(ctx context.Context, tx *ent.Tx, cfg Config, ids []int) (map[int][]int, error) {
	held := map[int][]int{}
	for start := 0; start < len(ids); start += chunk {
		q, args := entsql.Dialect(cfg.dialect()).Select(incident.AlertsPrimaryKey[0], incident.AlertsPrimaryKey[1]).
			From(entsql.Table(incident.AlertsTable)).Where(entsql.InInts(incident.AlertsPrimaryKey[1], ids[start:min(start+chunk, len(ids))]...)).Query()
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("loading the incidents of alerts: %w", err)
		}
		for rows.Next() {
			var inc, alert int
			if err := rows.Scan(&inc, &alert); err != nil {
				rows.Close()
				return nil, fmt.Errorf("loading the incidents of alerts: %w", err)
			}
			held[alert] = append(held[alert], inc)
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("loading the incidents of alerts: %w", err)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("loading the incidents of alerts: %w", err)
		}
	}
	return held, nil
}

// removals records which of as an analyst took out of an incident (of the
// resource: removals name alerts of their incident's resource), asking
// for those alerts only — not every removal on the resource, which takes
// a look at every alert of it.
func (w *walk) removals(ctx context.Context, as []*ent.Alert) error {
	for start := 0; start < len(as); start += chunk {
		ids := make([]int, 0, chunk)
		for _, a := range as[start:min(start+chunk, len(as))] {
			ids = append(ids, a.ID)
		}
		gone, err := w.tx.AlertRemoval.Query().Where(alertremoval.AlertIDIn(ids...)).Select(alertremoval.FieldAlertID).Ints(ctx)
		if err != nil {
			return fmt.Errorf("loading removed alerts: %w", err)
		}
		for _, id := range gone {
			w.removed[id] = true
		}
	}
	return nil
}

// holders returns the resource's incidents (not merged away) holding a.
func (w *walk) holders(a *ent.Alert) []int {
	var out []int
	for _, id := range w.member[a.ID] {
		if w.incs[id] != nil {
			out = append(out, id)
		}
	}
	return out
}

// reach records an alert the walk reached: a loose one, or the block of
// the open incident holding it. It returns why the full pass must run.
func (w *walk) reach(a *ent.Alert, holders []int) string {
	if a.ResourceKey != w.key || a.Status == alerts.Dismissed || w.removed[a.ID] {
		return ""
	}
	var open []int
	for _, h := range holders {
		if !w.open(h) {
			return "" // in a closed incident: out of correlation
		}
		open = append(open, h)
	}
	switch len(open) {
	case 0:
		w.loose[a.ID] = a
	case 1:
		w.blocks[open[0]] = true // checked by clean
	default:
		return "an alert is in several open incidents"
	}
	return ""
}

// recompute refolds an incident's aggregate from its members, read in
// chunks, and judges it again.
func (w *walk) recompute(ctx context.Context, id int) (string, error) {
	g := &aggregate{}
	var ms []Member
	eligible := map[int]bool{}
	last := 0
	for {
		as, err := w.tx.Alert.Query().
			Where(entalert.HasIncidentsWith(incident.ID(id)), entalert.IDGT(last)).
			Select(alertFields...).Order(entalert.ByID()).Limit(linkChunk).All(ctx)
		if err != nil {
			return "", fmt.Errorf("loading members: %w", err)
		}
		w.read += len(as)
		if err := w.removals(ctx, as); err != nil {
			return "", err
		}
		for _, a := range as {
			g.add(a)
			ms = append(ms, memberOf(a))
			eligible[a.ID] = a.Status != alerts.Dismissed && !w.removed[a.ID]
			last = a.ID
		}
		if len(as) < linkChunk {
			break
		}
	}
	g.judge(ms, func(id int) bool { return eligible[id] }, w.p)
	old := w.aggs[id]
	if w.open(id) && g.Clean && (old == nil || !old.Clean || g.From.Before(old.From) || g.To.After(old.To)) {
		// Its chain now spans times that were never read with it.
		return "a changed alert widened its incident's time span", nil
	}
	w.aggs[id] = g
	return "", nil
}

// extent is the span of an open incident's starts: of its chain (see
// aggregate.Clean), of all its members, or (no aggregate kept) its activity
// times, which hold them.
func (w *walk) extent(id int) interval {
	if g := w.aggs[id]; g.block(w.p) {
		return interval{g.From, g.To}
	} else if g != nil && g.Count > 0 {
		return interval{g.First, g.LastStart}
	}
	inc := w.incs[id]
	return interval{inc.FirstActivityTime, inc.LastActivityTime}
}

// run is one chain as far as the walk reached it.
type run struct {
	lo, hi time.Time
	loose  []*ent.Alert
	blocks []int
}

// runs joins the loose alerts and blocks reached into chains: pieces
// whose starts are no more than the window apart.
func (w *walk) runs() []run {
	type piece struct {
		s     interval
		alert *ent.Alert
		block int
	}
	var ps []piece
	for _, a := range w.loose {
		ps = append(ps, piece{s: interval{a.StartTime, a.StartTime}, alert: a})
	}
	for id := range w.blocks {
		ext := w.extent(id)
		ps = append(ps, piece{s: ext, block: id})
	}
	sort.Slice(ps, func(i, j int) bool {
		if !ps[i].s.lo.Equal(ps[j].s.lo) {
			return ps[i].s.lo.Before(ps[j].s.lo)
		}
		if (ps[i].alert == nil) != (ps[j].alert == nil) {
			return ps[i].alert == nil
		}
		if ps[i].alert != nil {
			return ps[i].alert.ID < ps[j].alert.ID
		}
		return ps[i].block < ps[j].block
	})
	var out []run
	for _, p := range ps {
		if n := len(out); n == 0 || p.s.lo.Sub(out[n-1].hi) > w.p.Window {
			out = append(out, run{lo: p.s.lo, hi: p.s.hi})
		}
		r := &out[len(out)-1]
		if p.s.hi.After(r.hi) {
			r.hi = p.s.hi
		}
		if p.alert != nil {
			r.loose = append(r.loose, p.alert)
		} else {
			r.blocks = append(r.blocks, p.block)
		}
	}
	return out
}

// need returns the time ranges within the window of a chain reached that
// are neither read yet nor inside a block.
func (w *walk) need() []interval {
	var cut []interval
	cut = append(cut, w.explored...)
	for id := range w.blocks {
		ext := w.extent(id)
		cut = append(cut, ext)
	}
	var out []interval
	for _, r := range w.runs() {
		out = append(out, subtract(interval{r.lo.Add(-w.p.Window), r.hi.Add(w.p.Window)}, cut)...)
	}
	return out
}

// subtract returns what of s none of cut covers, in pieces of positive
// length (with their ends: reading an end twice is harmless).
func subtract(s interval, cut []interval) []interval {
	parts := []interval{s}
	for _, c := range cut {
		var next []interval
		for _, p := range parts {
			if !c.hi.After(p.lo) || !c.lo.Before(p.hi) {
				next = append(next, p)
				continue
			}
			if c.lo.After(p.lo) {
				next = append(next, interval{p.lo, c.lo})
			}
			if c.hi.Before(p.hi) {
				next = append(next, interval{c.hi, p.hi})
			}
		}
		parts = next
	}
	return parts
}

// apply writes what the walk found: the incidents whose members changed
// get their aggregate refolded, chains with new members extend their
// incident or, qualifying, start one.
func (w *walk) apply(ctx context.Context) ([]broker.Event, error) {
	tx, res := w.tx, w.res
	var events []broker.Event
	extended := map[int][]*ent.Alert{}
	var created []run
	for _, r := range w.runs() {
		if len(r.loose) == 0 {
			continue
		}
		if len(r.blocks) == 1 {
			extended[r.blocks[0]] = r.loose
			continue
		}
		if QualifiesWith(sortedMembers(r.loose), w.p) {
			created = append(created, r)
		}
	}

	for _, id := range w.order {
		add := extended[id]
		if len(add) == 0 && !w.redo[id] {
			continue
		}
		inc, g := w.incs[id], w.aggs[id]
		ids := make([]int, 0, len(add))
		byID := map[int]*ent.Alert{}
		for _, a := range add {
			g.extend(a)
			ids = append(ids, a.ID)
			byID[a.ID] = a
		}
		sort.Ints(ids)
		d := g.derived(titleOn(res.Name), res.Name, inc.Status)
		enc := g.encode()
		changed := !same(inc, d)
		if !changed && len(add) == 0 && bytes.Equal(inc.Aggregate, enc) {
			continue
		}
		u := tx.Incident.UpdateOne(inc).SetAggregate(enc)
		d.set(u.Mutation())
		if err := u.Exec(ctx); err != nil {
			return nil, fmt.Errorf("updating incident: %w", err)
		}
		if err := addAlerts(ctx, tx, id, ids); err != nil {
			return nil, err
		}
		if err := writeLinks(ctx, tx, id, ids, chainReasons(ids), alertOf(byID), w.rule); err != nil {
			return nil, err
		}
		if changed {
			events = append(events, broker.Event{Kind: broker.IncidentUpdated, IncidentID: id})
		}
	}

	var prior []past
	for _, id := range w.order {
		inc := w.incs[id]
		prior = append(prior, past{id: id, first: inc.FirstActivityTime, last: inc.LastActivityTime})
	}
	for _, r := range created {
		ids := make([]int, 0, len(r.loose))
		byID := map[int]*ent.Alert{}
		for _, a := range r.loose {
			ids = append(ids, a.ID)
			byID[a.ID] = a
		}
		sort.Ints(ids)
		inc, err := createIncident(ctx, tx, res, ids, byID, func(int) bool { return true }, w.p, w.rule, prior)
		if err != nil {
			return nil, err
		}
		prior = append(prior, inc)
		events = append(events, broker.Event{Kind: broker.IncidentCreated, IncidentID: inc.id})
	}
	return events, nil
}

// sortedMembers returns what the rule reads of as, in chain order.
func sortedMembers(as []*ent.Alert) []Member {
	ms := membersOf(as)
	sort.SliceStable(ms, func(i, j int) bool {
		if !ms[i].Start.Equal(ms[j].Start) {
			return ms[i].Start.Before(ms[j].Start)
		}
		return ms[i].ID < ms[j].ID
	})
	return ms
}

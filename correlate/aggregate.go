package correlate

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/ent"
	"github.com/vigil-soc/vigil/killchain"
)

// aggregate is what an incident keeps of its members (in its aggregate
// column) so that its derived fields follow from it and new members alone,
// without loading the members it has: every derived field is a fold that
// a new member can only extend — the highest severity, the union of
// tactics, the first and last activity, counts — or an ordered union
// whose order is each value's first appearance among the members ordered
// by start time and system alert id, which the aggregate records per value
// so that a member arriving late, anywhere in time, takes its place.
//
// What a new member cannot undo needs no more. A member that changes
// (a vendor re-sends it), leaves (an analyst removes it) or merges in
// with another incident's is recomputed: from the member rows in bounded
// chunks, or by the full pass.
type aggregate struct {
	Count int `json:"count"`
	// Open counts the members whose status is not closed.
	Open      int                `json:"open"`
	Severity  alerts.Severity    `json:"severity"`
	Tactics   []killchain.Tactic `json:"tactics"`
	First     time.Time          `json:"first"`
	Last      time.Time          `json:"last"` // the latest start or end
	LastStart time.Time          `json:"lastStart"`
	IPs       []seen             `json:"ips"`
	Steps     []seen             `json:"steps"`
	Names     []seen             `json:"names"`
	// Clean says that the members still eligible for correlation (not
	// dismissed, not removed) form one chain that qualifies under the rule
	// settings Params names: then any chain that reaches one of them holds
	// them all and qualifies, which is what lets a pass treat the incident
	// as one block, from From to To (their first and last start), without
	// loading it (see incremental.go).
	Clean  bool      `json:"clean"`
	Params string    `json:"params"`
	From   time.Time `json:"from"`
	To     time.Time `json:"to"`

	index map[string]map[string]int // list → key → position, built on demand
}

// seen is a value's first appearance among an incident's members.
type seen struct {
	Key  string    `json:"k"`           // what values are told apart by
	Text string    `json:"t,omitempty"` // as first written, when not Key
	At   time.Time `json:"at"`          // the member's start
	ID   string    `json:"id"`          // the member's system alert id
	N    int       `json:"n"`           // its position in the member's list
}

func (s seen) before(o seen) bool {
	if !s.At.Equal(o.At) {
		return s.At.Before(o.At)
	}
	if s.ID != o.ID {
		return s.ID < o.ID
	}
	return s.N < o.N
}

func (s seen) text() string {
	if s.Text != "" {
		return s.Text
	}
	return s.Key
}

// aggregateOf folds members into a new aggregate (Clean unset).
func aggregateOf(members []*ent.Alert) *aggregate {
	g := &aggregate{}
	for _, a := range members {
		g.add(a)
	}
	return g
}

// add folds one member in.
func (g *aggregate) add(a *ent.Alert) {
	start := a.StartTime.UTC()
	end := maxTime(start, a.EndTime.UTC())
	if g.Count == 0 || start.Before(g.First) {
		g.First = start
	}
	if g.Count == 0 || end.After(g.Last) {
		g.Last = end
	}
	if g.Count == 0 || start.After(g.LastStart) {
		g.LastStart = start
	}
	g.Count++
	if !a.Status.Closed() {
		g.Open++
	}
	if a.Severity.Rank() > g.Severity.Rank() {
		g.Severity = a.Severity
	}
	g.Tactics = killchain.Sorted(append(g.Tactics, a.Tactics...))
	for i, ip := range a.SourceIps {
		g.see("ips", &g.IPs, seen{Key: ip, At: start, ID: a.SystemAlertID, N: i})
	}
	for i, s := range a.RemediationSteps {
		if k := strings.TrimSpace(s); k != "" {
			text := ""
			if s != k {
				text = s
			}
			g.see("steps", &g.Steps, seen{Key: k, Text: text, At: start, ID: a.SystemAlertID, N: i})
		}
	}
	if a.DisplayName != "" {
		g.see("names", &g.Names, seen{Key: a.DisplayName, At: start, ID: a.SystemAlertID})
	}
}

// see records v in list unless an earlier appearance of its key is there.
func (g *aggregate) see(list string, vs *[]seen, v seen) {
	if g.index == nil {
		g.index = map[string]map[string]int{}
	}
	idx := g.index[list]
	if idx == nil {
		idx = make(map[string]int, len(*vs))
		for i, s := range *vs {
			idx[s.Key] = i
		}
		g.index[list] = idx
	}
	if i, ok := idx[v.Key]; ok {
		if v.before((*vs)[i]) {
			(*vs)[i] = v
		}
		return
	}
	idx[v.Key] = len(*vs)
	*vs = append(*vs, v)
}

// derived computes the incident's fields from the aggregate, as derive
// does from the members.
func (g *aggregate) derived(title, place string, status alerts.Status) derived {
	d := derived{
		Title:       title,
		Severity:    alerts.Informational,
		Tactics:     killchain.Sorted(g.Tactics),
		First:       g.First,
		Last:        g.Last,
		SourceIPs:   []string{},
		Remediation: []string{},
		Count:       g.Count,
		Active:      g.Open > 0 && !status.Closed(),
	}
	if g.Severity.Rank() > d.Severity.Rank() {
		d.Severity = g.Severity
	}
	for _, s := range ordered(g.IPs) {
		d.SourceIPs = append(d.SourceIPs, s.text())
	}
	for _, s := range ordered(g.Steps) {
		d.Remediation = append(d.Remediation, s.text())
	}
	var names []string
	for _, s := range ordered(g.Names) {
		names = append(names, s.text())
	}
	d.Description = story(place, g.Count, names, d)
	return d
}

func ordered(vs []seen) []seen {
	out := append([]seen(nil), vs...)
	sort.Slice(out, func(i, j int) bool { return out[i].before(out[j]) })
	return out
}

// paramsKey names the rule settings a Clean aggregate holds under.
func paramsKey(p Params) string {
	return fmt.Sprintf("w=%d l=%d t=%d f=%t s=%s", p.Window, p.MaxLifetime, p.MinTactics, p.ForwardStep, p.SeverityFloor)
}

// judge sets Clean, Params, From and To: whether the members eligible for
// correlation form one qualifying chain under p, and its span.
func (g *aggregate) judge(ms []Member, eligible func(int) bool, p Params) {
	g.Params = paramsKey(p)
	g.Clean, g.From, g.To = false, time.Time{}, time.Time{}
	var el []Member
	for _, m := range ms {
		if eligible(m.ID) {
			el = append(el, m)
		}
	}
	if len(el) == 0 {
		return
	}
	chains := ChainsWith(el, p)
	g.Clean = len(chains) == 1 && QualifiesWith(chains[0], p)
	g.From, g.To = chains[0][0].Start.UTC(), chains[len(chains)-1][len(chains[len(chains)-1])-1].Start.UTC()
}

// extend folds in a new member that joins the chain the aggregate is
// Clean for.
func (g *aggregate) extend(a *ent.Alert) {
	g.add(a)
	if s := a.StartTime.UTC(); s.Before(g.From) {
		g.From = s
	} else if s.After(g.To) {
		g.To = s
	}
}

// block reports whether the incident may be treated as one block under p.
func (g *aggregate) block(p Params) bool {
	return g != nil && g.Clean && g.Params == paramsKey(p) && g.Count > 0
}

// encode gives the stored form, deterministic for a given aggregate.
func (g *aggregate) encode() []byte {
	c := *g
	c.IPs, c.Steps, c.Names = ordered(g.IPs), ordered(g.Steps), ordered(g.Names)
	c.index = nil
	b, err := json.Marshal(&c)
	if err != nil {
		panic(err) // plain data: cannot fail
	}
	return b
}

// decodeAggregate reads a stored aggregate; nil when there is none (an
// incident from before aggregates were kept) or it does not parse.
func decodeAggregate(b []byte) *aggregate {
	if len(b) == 0 {
		return nil
	}
	g := &aggregate{}
	if json.Unmarshal(b, g) != nil {
		return nil
	}
	return g
}

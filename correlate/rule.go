// Package correlate turns the alerts of one resource into kill-chain
// incidents.
//
// The rule, per resource: take its alerts that are not dismissed and not in
// an incident an analyst closed, ordered by start time; split them into
// chains wherever consecutive alerts start more than the correlation window
// apart; a chain becomes an incident when it has at least two distinct
// tactics and at least one forward step — an alert that starts at or after
// another alert and has a tactic later in the kill chain than one of that
// alert's. Every alert of a qualifying chain is a member.
//
//	chains := correlate.Chains(members, 24*time.Hour) // pure: the rule
//	err := correlate.Resource(ctx, client, "…/virtualmachines/vm1", cfg) // one resource, in one transaction
//	job := correlate.NewJob(db, broker, cfg, log); job.Schedule(keys...) // debounced, off the request path
package correlate

import (
	"sort"
	"time"

	"github.com/vigil-soc/vigil/killchain"
)

// Member is what the rule reads of an alert.
type Member struct {
	ID      int
	Start   time.Time
	Tactics []killchain.Tactic
	// Severity is the alert's severity rank (alerts.Severity.Rank).
	Severity int
}

// Chains sorts ms by start time (then id) and splits them wherever two
// consecutive alerts start more than window apart. It returns every chain,
// qualifying or not.
func Chains(ms []Member, window time.Duration) [][]Member {
	return ChainsWith(ms, Params{Window: window})
}

// ChainsWith is Chains with a rule's settings: it also splits where an
// alert starts more than p.MaxLifetime (when set) after its chain's first.
func ChainsWith(ms []Member, p Params) [][]Member {
	window := p.Window
	sorted := append([]Member(nil), ms...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if !sorted[i].Start.Equal(sorted[j].Start) {
			return sorted[i].Start.Before(sorted[j].Start)
		}
		return sorted[i].ID < sorted[j].ID
	})
	var chains [][]Member
	start := 0
	for i := 1; i <= len(sorted); i++ {
		if i == len(sorted) || sorted[i].Start.Sub(sorted[i-1].Start) > window ||
			(p.MaxLifetime > 0 && sorted[i].Start.Sub(sorted[start].Start) > p.MaxLifetime) {
			if i > start {
				chains = append(chains, sorted[start:i:i])
			}
			start = i
		}
	}
	return chains
}

// Qualifies reports whether a chain (ordered as Chains returns it) aligns with
// the kill chain: at least two distinct tactics and at least one forward step.
func Qualifies(chain []Member) bool { return QualifiesWith(chain, DefaultParams) }

// QualifiesWith is Qualifies with a rule's settings: at least p.MinTactics
// distinct tactics, a forward step when p.ForwardStep, and at least one
// alert of p.SeverityFloor or above.
func QualifiesWith(chain []Member, p Params) bool {
	floor := 0
	if p.SeverityFloor != "" {
		floor = p.SeverityFloor.Rank()
	}
	high := false
	for _, m := range chain {
		if m.Severity >= floor {
			high = true
			break
		}
	}
	if !high {
		return false
	}
	distinct := map[killchain.Tactic]bool{}
	for _, m := range chain {
		for _, t := range m.Tactics {
			if t.Valid() {
				distinct[t] = true
			}
		}
	}
	need := p.MinTactics
	if need <= 0 {
		need = DefaultMinTactics
	}
	return len(distinct) >= need && (!p.ForwardStep || hasForwardStep(chain))
}

// hasForwardStep reports whether some alert b starts at or after another
// alert a and has a tactic later than one of a's. Since chain is ordered by
// start, the candidates for a are the alerts before b and those starting at
// the same instant as b; it is enough to compare b's latest tactic with the
// earliest tactic among them.
func hasForwardStep(chain []Member) bool {
	none := len(killchain.All)
	earliest := func(m Member) int {
		e := none
		for _, t := range m.Tactics {
			if i := killchain.Index(t); i >= 0 && i < e {
				e = i
			}
		}
		return e
	}
	latest := func(m Member) int {
		l := -1
		for _, t := range m.Tactics {
			if i := killchain.Index(t); i > l {
				l = i
			}
		}
		return l
	}
	minBefore := none // earliest tactic of the alerts that start before the current group
	for g := 0; g < len(chain); {
		end := g
		for end < len(chain) && chain[end].Start.Equal(chain[g].Start) {
			end++
		}
		group := chain[g:end]
		for bi, b := range group {
			lb := latest(b)
			if lb < 0 {
				continue
			}
			if minBefore < lb {
				return true
			}
			for ai, a := range group {
				if ai != bi && earliest(a) < lb {
					return true
				}
			}
		}
		for _, m := range group {
			if e := earliest(m); e < minBefore {
				minBefore = e
			}
		}
		g = end
	}
	return false
}

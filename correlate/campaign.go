package correlate

import (
	"sort"
	"time"
)

// Linked is what the cross-resource rule reads of an alert: the rule's
// Member, its resource, and the keys of its entities that may tie resources
// (already filtered: strong, of a linking kind).
type Linked struct {
	Member
	Resource string
	Keys     []string
}

// Tie is one entity value that ties resources of a campaign together.
type Tie struct {
	Key       string   // the entity key, e.g. "ip:203.0.113.7"
	Resources []string // the resources (correlation keys) it ties, sorted
	Alerts    []int    // the campaign's alerts that carry it, sorted
}

// Campaign is a group of alerts on two or more resources that together
// align with the kill chain.
type Campaign struct {
	Alerts    []int    // sorted
	Resources []string // sorted
	Ties      []Tie    // sorted by key
}

// Campaigns applies the cross-resource rule, with settings p (a rule's
// default ones, not a resource type's), to ls, a set of eligible alerts
// that is closed under linking (every alert of each resource, and every
// alert that carries one of their keys):
//
//  1. the alerts of one resource are split into chains as ChainsWith does; a
//     chain is one unit, qualifying or not;
//  2. the alerts carrying one entity key are ordered by start and split
//     wherever consecutive starts are more than window apart; each such run
//     that spans at least two and at most maxResources resources ties its
//     alerts (and so their chains) together; a run over more resources is
//     background noise — a scanner, a shared proxy — and ties nothing;
//  3. every connected set spanning two or more resources that QualifiesWith p
//     (ordered by start) is a campaign.
//
// The result depends only on the set ls, not on its order.
func Campaigns(ls []Linked, p Params, maxResources int) []Campaign {
	window := p.Window
	if maxResources <= 0 {
		maxResources = DefaultMaxLinkResources
	}
	sort.Slice(ls, func(i, j int) bool { return ls[i].ID < ls[j].ID })
	parent := make([]int, len(ls))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		if parent[i] != i {
			parent[i] = find(parent[i])
		}
		return parent[i]
	}
	join := func(a, b int) {
		if ra, rb := find(a), find(b); ra != rb {
			if ra < rb {
				parent[rb] = ra
			} else {
				parent[ra] = rb
			}
		}
	}
	index := make(map[int]int, len(ls))
	byRes := map[string][]Member{}
	byKey := map[string][]int{}
	for i, l := range ls {
		index[l.ID] = i
		byRes[l.Resource] = append(byRes[l.Resource], l.Member)
		for _, k := range l.Keys {
			byKey[k] = append(byKey[k], i)
		}
	}
	for _, ms := range byRes {
		for _, chain := range ChainsWith(ms, p) {
			for _, m := range chain[1:] {
				join(index[chain[0].ID], index[m.ID])
			}
		}
	}
	type run struct {
		key    string
		alerts []int // indexes into ls
		res    []string
	}
	var runs []run
	for k, is := range byKey {
		sort.Slice(is, func(a, b int) bool {
			x, y := ls[is[a]], ls[is[b]]
			if !x.Start.Equal(y.Start) {
				return x.Start.Before(y.Start)
			}
			return x.ID < y.ID
		})
		start := 0
		for i := 1; i <= len(is); i++ {
			if i < len(is) && ls[is[i]].Start.Sub(ls[is[i-1]].Start) <= window {
				continue
			}
			seg := is[start:i]
			start = i
			res := map[string]bool{}
			for _, x := range seg {
				res[ls[x].Resource] = true
			}
			if len(res) < 2 || len(res) > maxResources {
				continue
			}
			for _, x := range seg[1:] {
				join(seg[0], x)
			}
			runs = append(runs, run{key: k, alerts: seg, res: sortedStrings(res)})
		}
	}

	comps := map[int][]int{}
	for i := range ls {
		r := find(i)
		comps[r] = append(comps[r], i)
	}
	ties := map[int]map[string]*Tie{}
	for _, rn := range runs {
		r := find(rn.alerts[0])
		if ties[r] == nil {
			ties[r] = map[string]*Tie{}
		}
		t := ties[r][rn.key]
		if t == nil {
			t = &Tie{Key: rn.key}
			ties[r][rn.key] = t
		}
		t.Resources = mergeSorted(t.Resources, rn.res)
		for _, x := range rn.alerts {
			t.Alerts = append(t.Alerts, ls[x].ID)
		}
	}
	var out []Campaign
	for r, is := range comps {
		res := map[string]bool{}
		ms := make([]Member, 0, len(is))
		for _, i := range is {
			res[ls[i].Resource] = true
			ms = append(ms, ls[i].Member)
		}
		if len(res) < 2 {
			continue
		}
		chain := Chains(ms, maxDuration)[0] // one chain: only the ordering
		if !QualifiesWith(chain, p) {
			continue
		}
		c := Campaign{Resources: sortedStrings(res)}
		for _, i := range is {
			c.Alerts = append(c.Alerts, ls[i].ID)
		}
		sort.Ints(c.Alerts)
		for _, t := range ties[r] {
			sort.Ints(t.Alerts)
			c.Ties = append(c.Ties, *t)
		}
		sort.Slice(c.Ties, func(i, j int) bool { return c.Ties[i].Key < c.Ties[j].Key })
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Alerts[0] < out[j].Alerts[0] })
	return out
}

const maxDuration = time.Duration(1<<63 - 1)

func sortedStrings(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func mergeSorted(a, b []string) []string {
	m := map[string]bool{}
	for _, s := range a {
		m[s] = true
	}
	for _, s := range b {
		m[s] = true
	}
	return sortedStrings(m)
}

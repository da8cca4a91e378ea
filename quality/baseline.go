package quality

import (
	"sort"
	"time"
)

// PerResource is the baseline "one incident per resource per window": each
// resource's alerts, ordered by start, split wherever consecutive starts are
// more than window apart; every chain of two or more alerts is an incident.
// Alerts without a resource and the kill chain play no part.
func PerResource(as []Observed, window time.Duration) [][]string {
	byRes := map[string][]Observed{}
	for _, a := range as {
		if a.Resource != "" {
			byRes[a.Resource] = append(byRes[a.Resource], a)
		}
	}
	keys := make([]string, 0, len(byRes))
	for k := range byRes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out [][]string
	for _, k := range keys {
		rs := byRes[k]
		sort.SliceStable(rs, func(i, j int) bool {
			if !rs[i].Start.Equal(rs[j].Start) {
				return rs[i].Start.Before(rs[j].Start)
			}
			return rs[i].ID < rs[j].ID
		})
		start := 0
		for i := 1; i <= len(rs); i++ {
			if i == len(rs) || rs[i].Start.Sub(rs[i-1].Start) > window {
				if i-start >= 2 {
					out = append(out, ids(rs[start:i]))
				}
				start = i
			}
		}
	}
	return out
}

// PerEntity is the baseline "one incident per shared entity": alerts that
// share an entity key are connected, transitively, with no window; every
// connected group of two or more alerts is an incident.
func PerEntity(as []Observed) [][]string {
	parent := make([]int, len(as))
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
	holder := map[string]int{} // entity key → first alert that has it
	for i, a := range as {
		for _, k := range a.Entities {
			if j, ok := holder[k]; ok {
				parent[find(i)] = find(j)
			} else {
				holder[k] = i
			}
		}
	}
	groups := map[int][]Observed{}
	for i := range as {
		r := find(i)
		groups[r] = append(groups[r], as[i])
	}
	var out [][]string
	for _, g := range groups {
		if len(g) >= 2 {
			out = append(out, ids(g))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

func ids(as []Observed) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.ID
	}
	sort.Strings(out)
	return out
}

package correlate

import "sort"

// union groups nodes (chains and incidents) that share alerts or are joined
// explicitly; it is a small union-find.
type union struct {
	parent map[string]string
	alerts map[string][]int // root-independent: alerts recorded per node
	order  []string
}

func newUnion() *union {
	return &union{parent: map[string]string{}, alerts: map[string][]int{}}
}

func (u *union) add(n string) {
	if _, ok := u.parent[n]; !ok {
		u.parent[n] = n
		u.order = append(u.order, n)
	}
}

func (u *union) find(n string) string {
	for u.parent[n] != n {
		u.parent[n] = u.parent[u.parent[n]]
		n = u.parent[n]
	}
	return n
}

func (u *union) join(a, b string) {
	u.add(a)
	u.add(b)
	ra, rb := u.find(a), u.find(b)
	if ra != rb {
		u.parent[rb] = ra
	}
}

func (u *union) member(n string, alertID int) { u.alerts[n] = append(u.alerts[n], alertID) }

// group is one connected set of nodes with their alerts.
type group struct {
	nodes  map[string]bool
	alerts []int
}

func (g group) has(n string) bool { return g.nodes[n] }

// groups returns the connected sets in the order their first node was added.
func (u *union) groups() []group {
	idx := map[string]int{}
	var out []group
	for _, n := range u.order {
		r := u.find(n)
		i, ok := idx[r]
		if !ok {
			i = len(out)
			idx[r] = i
			out = append(out, group{nodes: map[string]bool{}})
		}
		out[i].nodes[n] = true
		out[i].alerts = append(out[i].alerts, u.alerts[n]...)
	}
	for i := range out {
		sort.Ints(out[i].alerts)
	}
	return out
}

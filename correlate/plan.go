package correlate

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/vigil-soc/vigil/ent"
	entalert "github.com/vigil-soc/vigil/ent/alert"
	"github.com/vigil-soc/vigil/ent/incident"
)

// Diff is what a correlation run changed, by the member sets of the
// incidents not merged into another.
type Diff struct {
	// Created counts incidents whose members no incident had before.
	Created int
	// Merged counts incidents of before whose members are now, with those
	// of another incident of before, in one incident.
	Merged int
	// Unchanged counts incidents with the same members as before.
	Unchanged int
	// Grown counts incidents that hold all the members of one incident of
	// before (or of several, merged) and more.
	Grown int
	// Removed counts incidents of before whose members no incident holds
	// together any more (a rebuild under a stricter rule).
	Removed int
}

func (d Diff) String() string {
	return fmt.Sprintf("%d incidents created, %d merged, %d grown, %d unchanged, %d removed", d.Created, d.Merged, d.Grown, d.Unchanged, d.Removed)
}

// snapshot returns the member sets (sorted alert ids) of the incidents not
// merged into another. It reads them a page of incidents at a time: eager
// loading all members at once binds every incident id in one IN list, which
// SQLite refuses above 32,766 and PostgreSQL above 65,535 (a rebuild of
// 1,000,000 alerts makes 210,000 incidents).
func snapshot(ctx context.Context, c *ent.Client) ([][]int, error) {
	var out [][]int
	for after := 0; ; {
		incs, err := c.Incident.Query().Where(incident.MergedIntoIDIsNil(), incident.IDGT(after)).
			WithAlerts(func(q *ent.AlertQuery) { q.Select(entalert.FieldID) }).
			Order(incident.ByID()).Limit(snapshotPage).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("reading incidents: %w", err)
		}
		for _, inc := range incs {
			ids := make([]int, 0, len(inc.Edges.Alerts))
			for _, a := range inc.Edges.Alerts {
				ids = append(ids, a.ID)
			}
			sort.Ints(ids)
			out = append(out, ids)
		}
		if len(incs) < snapshotPage {
			return out, nil
		}
		after = incs[len(incs)-1].ID
	}
}

// snapshotPage is how many incidents snapshot reads per query; a variable
// so that a test can make pages small.
var snapshotPage = 5000

func setKey(ids []int) string {
	var b strings.Builder
	for _, id := range ids {
		b.WriteString(strconv.Itoa(id))
		b.WriteByte(',')
	}
	return b.String()
}

// diff compares two snapshots. An incident of after that holds no
// incident of before whole is created; one identical to an incident of
// before is unchanged; one that holds k ≥ 1 vanished incidents of before
// whole grew, and k−1 of them were merged into it.
func diff(before, after [][]int) Diff {
	var d Diff
	exact := map[string][]int{} // member set → after incidents with exactly it
	holder := map[int][]int{}   // alert → after incidents holding it
	for i, s := range after {
		exact[setKey(s)] = append(exact[setKey(s)], i)
		for _, id := range s {
			holder[id] = append(holder[id], i)
		}
	}
	absorbed := map[int]int{} // after incident → vanished incidents of before it holds whole
	same := map[int]bool{}
	for _, s := range before {
		if len(s) == 0 {
			continue
		}
		// An incident whose members are exactly as before is unchanged,
		// whatever larger incident (one across resources covering it)
		// also holds them.
		if hs := exact[setKey(s)]; len(hs) > 0 {
			same[hs[0]] = true
			exact[setKey(s)] = hs[1:]
			continue
		}
		// Otherwise the smallest incident holding them all took them in:
		// not one across resources that also covers it.
		best := -1
		for _, h := range holder[s[0]] {
			if containsAll(after[h], s) && (best < 0 || len(after[h]) < len(after[best])) {
				best = h
			}
		}
		if best < 0 {
			d.Removed++
		} else {
			absorbed[best]++
		}
	}
	for h := range after {
		switch {
		case same[h]:
			d.Unchanged++
		case absorbed[h] == 0:
			d.Created++
		default:
			d.Grown++
			d.Merged += absorbed[h] - 1
		}
	}
	return d
}

func containsAll(sorted, sub []int) bool {
	for _, x := range sub {
		i := sort.SearchInts(sorted, x)
		if i == len(sorted) || sorted[i] != x {
			return false
		}
	}
	return true
}

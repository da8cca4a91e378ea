package correlate_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/correlate"
	"github.com/vigil-soc/vigil/killchain"
	"github.com/vigil-soc/vigil/store/storetest"
)

// TestPlanReadsIncidentsInPages: the before/after snapshots of a rebuild
// read incidents a page at a time (one IN list of every incident failed on
// SQLite past 32,766 incidents), and every page counts.
func TestPlanReadsIncidentsInPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		f := newFixture(t, dsn, 24*time.Hour)
		const resources = 7
		for r := 0; r < resources; r++ {
			res := fmt.Sprintf("/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/plan%d", r)
			f.ingest(alert(fmt.Sprintf("p%d-a", r), res, 0, killchain.InitialAccess),
				alert(fmt.Sprintf("p%d-b", r), res, time.Hour, killchain.Execution))
		}
		defer correlate.SetSnapshotPage(2)()
		ctx := authz.System(context.Background())
		for _, dry := range []bool{true, false} {
			d, err := correlate.Plan(ctx, f.db, f.cfg, true, dry)
			if err != nil {
				t.Fatal(err)
			}
			if d != (correlate.Diff{Unchanged: resources}) {
				t.Errorf("rebuild (dry run %v) of %d one-chain resources in pages of 2: %v, want %d unchanged", dry, resources, d, resources)
			}
		}
	})
}

// TestPlanCountsNestedIncidentsAsUnchanged: an incident across resources
// holds the members of the per-resource incidents it covers; when neither
// changed, both are unchanged, whichever comes first (the per-resource one
// is newer when it formed after its alerts joined the other).
func TestPlanCountsNestedIncidentsAsUnchanged(t *testing.T) {
	multi, perResource, other := []int{1, 2, 3, 4}, []int{1, 2}, []int{7, 8}
	for _, after := range [][][]int{{multi, perResource, other}, {perResource, multi, other}} {
		if d := correlate.DiffSets([][]int{perResource, multi, other}, after); d != (correlate.Diff{Unchanged: 3}) {
			t.Errorf("after %v: %+v, want 3 unchanged", after, d)
		}
	}
	// A per-resource incident that grew, and one merged into it.
	d := correlate.DiffSets([][]int{{1, 2}, {3}, multi}, [][]int{multi, {1, 2, 3}})
	if d != (correlate.Diff{Unchanged: 1, Grown: 1, Merged: 1}) {
		t.Errorf("grown and merged: %+v, want 1 unchanged, 1 grown, 1 merged", d)
	}
	if d := correlate.DiffSets([][]int{{5, 6}}, [][]int{{9}}); d != (correlate.Diff{Created: 1, Removed: 1}) {
		t.Errorf("replaced: %+v, want 1 created, 1 removed", d)
	}
}

package store

import (
	"context"
	"fmt"
	"sort"

	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/ent"
	"github.com/vigil-soc/vigil/ent/workitem"
)

// Work is what correlation has to do after a change, by resource key: the
// ids of the work items (ent.WorkItem) that record it in the database.
// The correlation job deletes them once it has done it (Done).
type Work map[string][]int

// Add merges o into w.
func (w Work) Add(o Work) {
	for k, ids := range o {
		w[k] = append(w[k], ids...)
	}
}

// MarkWork records, with c (the client of the transaction that makes the
// change), one work item for each of keys, and returns them.
func MarkWork(ctx context.Context, c *ent.Client, keys []string) (Work, error) {
	ctx = authz.System(ctx)
	keys = append([]string(nil), keys...)
	sort.Strings(keys)
	w := Work{}
	const chunk = 500
	for start := 0; start < len(keys); start += chunk {
		part := keys[start:min(start+chunk, len(keys))]
		creates := make([]*ent.WorkItemCreate, 0, len(part))
		for _, k := range part {
			if k != "" {
				creates = append(creates, c.WorkItem.Create().SetResourceKey(k))
			}
		}
		items, err := c.WorkItem.CreateBulk(creates...).Save(ctx)
		if err != nil {
			return nil, fmt.Errorf("recording work for correlation: %w", err)
		}
		for _, it := range items {
			w[it.ResourceKey] = append(w[it.ResourceKey], it.ID)
		}
	}
	return w, nil
}

// PendingWork returns every work item left in the database: what a stop or
// a crash left undone, and what other processes sharing the database have
// not finished yet.
func PendingWork(ctx context.Context, c *ent.Client) (Work, error) {
	items, err := c.WorkItem.Query().Select(workitem.FieldID, workitem.FieldResourceKey).All(authz.System(ctx))
	if err != nil {
		return nil, fmt.Errorf("reading work left for correlation: %w", err)
	}
	w := Work{}
	for _, it := range items {
		w[it.ResourceKey] = append(w[it.ResourceKey], it.ID)
	}
	return w, nil
}

// DoneWork deletes the work items of w.
func DoneWork(ctx context.Context, c *ent.Client, w Work) error {
	var ids []int
	for _, list := range w {
		ids = append(ids, list...)
	}
	sort.Ints(ids)
	const chunk = 500
	for start := 0; start < len(ids); start += chunk {
		if _, err := c.WorkItem.Delete().Where(workitem.IDIn(ids[start:min(start+chunk, len(ids))]...)).Exec(authz.System(ctx)); err != nil {
			return fmt.Errorf("deleting work done: %w", err)
		}
	}
	return nil
}

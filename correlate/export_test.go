package correlate

// SetSnapshotPage makes Plan's snapshots read n incidents per query until
// the returned function restores the default.
func SetSnapshotPage(n int) (restore func()) {
	old := snapshotPage
	snapshotPage = n
	return func() { snapshotPage = old }
}

// CrossWhole makes j's cross-resource passes take every alert of the
// resources recomputed (Multi), as a reference for MultiAlerts.
func CrossWhole(j *Job) { j.crossWhole = true }

// DiffSets is Plan's comparison of member sets, before and after.
func DiffSets(before, after [][]int) Diff { return diff(before, after) }

// FailPass makes j's per-resource passes fail where fail returns an error.
// Set it before j runs.
func FailPass(j *Job, fail func(key string) error) { j.failPass = fail }

// CrossHook makes j call hook as each of its cross-resource passes
// begins. Set it before j runs.
func CrossHook(j *Job, hook func()) { j.crossHook = hook }

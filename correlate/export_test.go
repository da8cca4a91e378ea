package correlate

// SetSnapshotPage makes Plan's snapshots read n incidents per query until
// the returned function restores the default.
func SetSnapshotPage(n int) (restore func()) {
	old := snapshotPage
	snapshotPage = n
	return func() { snapshotPage = old }
}

// Package demo bundles sample alerts — real exports from Microsoft's public
// repositories, and two invented campaigns on multiple resources written
// from the quality corpus; see data/NOTICE.md — and loads them into an
// empty database.
//
//	n, err := demo.Load(ctx, db, ingester) // 0 when the database already holds alerts
package demo

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"

	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/ingest"
	"github.com/vigil-soc/vigil/store"
)

// ErrNotEmpty is returned by Load for a database that already holds alerts.
var ErrNotEmpty = errors.New("the database is not empty")

//go:embed data/*.csv data/*.json
var files embed.FS

// Files returns the names of the bundled sample files, sorted.
func Files() []string {
	names, _ := fs.Glob(files, "data/*")
	sort.Strings(names)
	return names
}

// Load ingests every bundled sample file when the database holds no alerts,
// and returns how many alerts it stored; with alerts already there it does
// nothing and returns ErrNotEmpty.
func Load(ctx context.Context, db *store.DB, in *ingest.Ingester) (int, error) {
	ctx = authz.System(ctx)
	n, err := db.Client.Alert.Query().Count(ctx)
	if err != nil {
		return 0, err
	}
	if n > 0 {
		return 0, fmt.Errorf("%w: it holds %d alerts", ErrNotEmpty, n)
	}
	total := 0
	for _, name := range Files() {
		data, err := files.ReadFile(name)
		if err != nil {
			return total, err
		}
		ct := "application/json"
		if path.Ext(name) == ".csv" {
			ct = "text/csv"
		}
		res, err := in.Read(ctx, bytes.NewReader(data), ct)
		if err != nil {
			return total, fmt.Errorf("%s: %w", path.Base(name), err)
		}
		if len(res.Rejected) > 0 {
			return total, fmt.Errorf("%s: %d alerts rejected, the first: %s", path.Base(name), len(res.Rejected), res.Rejected[0].Error)
		}
		total += res.Accepted // distinct alerts: a file may hold two versions of one
	}
	return total, nil
}

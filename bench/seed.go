package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vigil-soc/vigil/ingest"
	"github.com/vigil-soc/vigil/store"
)

// seed stores the first n alerts of w through ingest — the parser and the
// writer POST /api/alerts and `vigil import` use — with no correlation job
// listening, so the alerts wait as a backlog. Batches of batch alerts go in
// from two goroutines on SQLite (one parses while the other writes) and
// four on PostgreSQL (which waits on round trips). It returns how long
// that took.
func seed(ctx context.Context, dsn string, w workload, n, batch int) (time.Duration, error) {
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	in := ingest.New(db, ingest.Options{})
	var (
		next     atomic.Int64 // the next batch to store
		stored   atomic.Int64
		firstErr error
		mu       sync.Mutex
		wg       sync.WaitGroup
	)
	start := time.Now()
	nBatches := (n + batch - 1) / batch
	workers := 2
	if db.Postgres() {
		workers = 4
	}
	for g := 0; g < workers; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				b := int(next.Add(1) - 1)
				if b >= nBatches || ctx.Err() != nil {
					return
				}
				part := make([]flatAlert, 0, batch)
				for i := b * batch; i < min((b+1)*batch, n); i++ {
					part = append(part, w.stored(i))
				}
				res, err := in.Read(ctx, bytes.NewReader(encode(part)), "application/json")
				if err == nil && (res.Accepted != len(part) || len(res.Rejected) > 0) {
					err = fmt.Errorf("batch %d: %d accepted of %d, %d rejected", b, res.Accepted, len(part), len(res.Rejected))
				}
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					next.Store(int64(nBatches))
					return
				}
				if s := stored.Add(int64(len(part))); s%100000 < int64(len(part)) {
					progress(os.Stderr, "  seeded %d of %d alerts (%s)", s, n, time.Since(start))
				}
			}
		}()
	}
	wg.Wait()
	return time.Since(start), firstErr
}

// progress prints one line of progress.
func progress(w io.Writer, format string, args ...any) {
	for i, a := range args {
		if d, ok := a.(time.Duration); ok {
			args[i] = d.Round(100 * time.Millisecond)
		}
	}
	fmt.Fprintf(w, format+"\n", args...)
}

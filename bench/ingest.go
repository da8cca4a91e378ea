package main

import (
	"fmt"
	"net/http"
	"os"
	"time"
)

// result is one run of the ingest suite.
type result struct {
	db                 string
	alerts             int
	ingest, catchUp    time.Duration
	peakRSS            int64 // KiB
	plain              time.Duration
	incidents, batches int
}

// ingestSuite starts `vigil serve` on a fresh database of kind, posts the
// ingest workload to POST /api/alerts in batches, waits until /metrics
// shows an empty correlation backlog, reads the server's peak RSS (VmHWM),
// stops it, and then inserts the same rows with multi-row INSERT statements
// into a copy of the alerts table.
func ingestSuite(kind, bin, dir string, o options) (result, error) {
	data := ingestWorkload(o.resources).generate(o.alerts)
	bodies := batches(data, o.batch)
	r := result{db: kind, alerts: len(data), batches: len(bodies)}
	dsn, cleanup, err := database(kind, dir, "")
	if err != nil {
		return r, err
	}
	defer cleanup()
	srv, err := startServer(bin, dsn)
	if err != nil {
		return r, err
	}
	defer srv.kill()
	progress(os.Stderr, "ingest, %s: posting %d batches…", kind, len(bodies))
	start := time.Now()
	client := &http.Client{Timeout: 2 * time.Minute}
	for i, body := range bodies {
		if err := srv.ingest(client, body); err != nil {
			return r, fmt.Errorf("batch %d: %w", i, err)
		}
	}
	r.ingest = time.Since(start)
	if err := srv.waitBacklog(30 * time.Minute); err != nil {
		return r, err
	}
	r.catchUp = time.Since(start)
	r.peakRSS = srv.peakRSS()
	if r.incidents, err = srv.incidentCount(); err != nil {
		return r, err
	}
	if err := srv.stop(); err != nil {
		return r, err
	}
	r.plain, err = plainInsert(dsn, data, o.batch)
	return r, err
}

package main

import (
	"bytes"
	"database/sql"
	"fmt"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// rebuildResult is one run of `vigil correlate --rebuild`.
type rebuildResult struct {
	db        string
	alerts    int
	resources int
	seed      time.Duration
	wall      time.Duration
	cpu       time.Duration // user + system time of the child
	peakRSS   int64         // KiB, of the child
	incidents incidentCounts
	summary   string // what vigil printed
	failed    bool   // vigil correlate --rebuild exited non-zero (summary says why)
}

// rebuild runs `vigil correlate --rebuild` on dsn as a child process and
// measures its wall time, its CPU time (which a machine shared with other
// work inflates less) and its peak RSS (the kernel's maxrss of the child,
// from wait4). A run that exits non-zero still has its figures; err then
// carries what it printed.
func rebuild(bin, dsn string) (wall, cpu time.Duration, rss int64, summary string, err error) {
	cmd := exec.Command(bin, "correlate", "--rebuild", "--db", dsn)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err = cmd.Run()
	wall = time.Since(start)
	summary = strings.TrimSpace(out.String())
	if cmd.ProcessState == nil { // it did not start: no figures
		return 0, 0, 0, summary, fmt.Errorf("vigil correlate --rebuild: %v", err)
	}
	cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss // KiB on Linux
	}
	if err != nil {
		err = fmt.Errorf("vigil correlate --rebuild: %v: %s", err, summary)
	}
	return wall, cpu, rss, summary, err
}

// incidentCounts are the incidents not merged into another.
type incidentCounts struct {
	total, multi int
}

// countIncidents reads them from the database directly.
func countIncidents(dsn string) (incidentCounts, error) {
	db, err := openSQL(dsn)
	if err != nil {
		return incidentCounts{}, err
	}
	defer db.Close()
	var c incidentCounts
	err = db.QueryRow(`SELECT COUNT(*), COALESCE(SUM(CASE WHEN multi_resource THEN 1 ELSE 0 END), 0)
		FROM incidents WHERE merged_into_id IS NULL`).Scan(&c.total, &c.multi)
	return c, err
}

// countAlerts returns how many alerts are stored.
func countAlerts(dsn string) (int, error) {
	db, err := openSQL(dsn)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int
	err = db.QueryRow(`SELECT COUNT(*) FROM alerts`).Scan(&n)
	return n, err
}

// openSQL opens dsn with database/sql, for the benchmark's own reads and
// the plain INSERT baseline.
func openSQL(dsn string) (*sql.DB, error) {
	if path, ok := strings.CutPrefix(dsn, "sqlite://"); ok {
		return sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-65536)")
	}
	return sql.Open("postgres", dsn)
}

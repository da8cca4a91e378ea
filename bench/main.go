// Command bench measures ingest and correlation through the real vigil
// binary, on SQLite and on PostgreSQL. It has three suites:
//
//   - ingest: `vigil serve` on a fresh database; alerts posted to
//     POST /api/alerts in batches until the correlation backlog is empty,
//     next to a plain multi-row INSERT of the same rows into the same
//     database, measured in the same run.
//   - rebuild: a backlog of stored alerts (1,000,000 over 20,000 resources
//     by default) seeded through ingest with no correlation running, then
//     `vigil correlate --rebuild` as a child process: wall time, alerts per
//     second, the child's peak RSS, incidents made.
//   - incremental: `vigil serve` on that correlated backlog, a websocket
//     subscribed to incidentCreated, and new chains posted at 1,000 alerts/s:
//     the time from the response of the POST that completed a chain to the
//     event of its incident (p50, p90, p99, max), and whether any was missed.
//
// Usage:
//
//	go run ./bench                                   # every suite, both databases; PostgreSQL from VIGIL_TEST_POSTGRES
//	go run ./bench -suite rebuild,incremental -db sqlite -backlog 50000 -backlog-resources 1000 -duration 10s
//	go run ./bench -suite ingest -alerts 5000 -resources 100
package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	_ "github.com/lib/pq"
	_ "modernc.org/sqlite"
)

// options are the benchmark's flags.
type options struct {
	suites, dbs []string

	alerts, resources, batch int // the ingest suite

	backlog, backlogResources, seedBatch int // the rebuild and incremental suites
	rate, liveBatch                      int
	duration                             time.Duration
	sqliteSeed                           string
}

func main() {
	var o options
	suites := flag.String("suite", "ingest,rebuild,incremental", "suites to run: ingest, rebuild, incremental")
	dbs := flag.String("db", "sqlite,postgres", "databases to measure")
	flag.IntVar(&o.alerts, "alerts", 50000, "ingest: alerts to post")
	flag.IntVar(&o.resources, "resources", 1000, "ingest: resources they are spread over")
	flag.IntVar(&o.batch, "batch", 500, "ingest: alerts per POST")
	flag.IntVar(&o.backlog, "backlog", 1000000, "rebuild, incremental: alerts stored before correlation")
	flag.IntVar(&o.backlogResources, "backlog-resources", 20000, "rebuild, incremental: resources the backlog is spread over")
	flag.IntVar(&o.seedBatch, "seed-batch", 1000, "rebuild, incremental: alerts per ingest transaction while seeding")
	flag.IntVar(&o.rate, "rate", 1000, "incremental: alerts per second posted")
	flag.IntVar(&o.liveBatch, "live-batch", 100, "incremental: alerts per POST (whole chains of 5)")
	flag.DurationVar(&o.duration, "duration", 60*time.Second, "incremental: how long to post")
	flag.StringVar(&o.sqliteSeed, "sqlite-seed", "", "rebuild, incremental: a SQLite file holding the seeded backlog; copied when it exists, written after seeding when not")
	flag.Parse()
	o.suites, o.dbs = strings.Split(*suites, ","), strings.Split(*dbs, ",")
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func (o options) has(suite string) bool {
	for _, s := range o.suites {
		if s == suite {
			return true
		}
	}
	return false
}

func run(o options) error {
	for _, s := range o.suites {
		if s != "ingest" && s != "rebuild" && s != "incremental" {
			return fmt.Errorf("unknown suite %q", s)
		}
	}
	if o.backlog < o.backlogResources*len(steps) {
		return fmt.Errorf("-backlog must hold at least one chain of %d per resource", len(steps))
	}
	began := time.Now()
	dir, err := os.MkdirTemp("", "vigil-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "vigil")
	fmt.Fprintln(os.Stderr, "building vigil…")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	fmt.Printf("vigil bench, %s; %d CPUs, load average %s; %s\n", time.Now().UTC().Format("2006-01-02 15:04 MST"), runtime.NumCPU(), loadAverage(), strings.Join(os.Args[1:], " "))

	var ingests []result
	var rebuilds []rebuildResult
	var incs []incrementalResult
	for _, kind := range o.dbs {
		if o.has("ingest") {
			phase := time.Now()
			r, err := ingestSuite(kind, bin, dir, o)
			if err != nil {
				return fmt.Errorf("ingest, %s: %w", kind, err)
			}
			ingests = append(ingests, r)
			progress(os.Stderr, "ingest, %s: %s", kind, time.Since(phase))
		}
		if o.has("rebuild") || o.has("incremental") {
			rb, inc, err := backlogSuites(kind, bin, dir, o)
			if err != nil {
				return fmt.Errorf("%s: %w", kind, err)
			}
			if o.has("rebuild") {
				rebuilds = append(rebuilds, rb)
			}
			if o.has("incremental") {
				incs = append(incs, inc)
			}
		}
	}
	if len(ingests) > 0 {
		printIngest(o, ingests)
	}
	if len(rebuilds) > 0 {
		printRebuild(o, rebuilds)
	}
	if len(incs) > 0 {
		printIncremental(o, incs)
	}
	fmt.Printf("\nload average at the end %s; the whole run took %s\n", loadAverage(), time.Since(began).Round(time.Second))
	return nil
}

// backlogSuites seeds the backlog on a fresh database of kind, rebuilds its
// incidents, then runs the incremental suite on it, as the flags ask.
func backlogSuites(kind, bin, dir string, o options) (rebuildResult, incrementalResult, error) {
	rb := rebuildResult{db: kind, alerts: o.backlog, resources: o.backlogResources}
	var inc incrementalResult
	dsn, cleanup, err := database(kind, dir)
	if err != nil {
		return rb, inc, err
	}
	defer cleanup()
	chains := o.backlog / o.backlogResources / len(steps)
	n := chains * o.backlogResources * len(steps) // whole chains only
	rb.alerts = n
	w := backlogWorkload(o.backlogResources, chains, time.Now())
	phase := time.Now()
	if err := seedDatabase(kind, dsn, w, n, o); err != nil {
		return rb, inc, fmt.Errorf("seeding: %w", err)
	}
	rb.seed = time.Since(phase)
	progress(os.Stderr, "%s: %d alerts over %d resources seeded in %s", kind, n, o.backlogResources, rb.seed)
	if o.has("rebuild") {
		phase = time.Now()
		progress(os.Stderr, "%s: vigil correlate --rebuild…", kind)
		rb.wall, rb.peakRSS, rb.summary, err = rebuild(bin, dsn)
		if err != nil {
			return rb, inc, err
		}
		if rb.incidents, err = countIncidents(dsn); err != nil {
			return rb, inc, err
		}
		progress(os.Stderr, "%s: rebuild in %s: %s", kind, time.Since(phase), rb.summary)
	}
	if o.has("incremental") {
		phase = time.Now()
		inc, err = incremental(bin, dsn, w, chains, o.rate, o.liveBatch, o.duration)
		inc.db = kind
		if err != nil {
			return rb, inc, fmt.Errorf("incremental: %w", err)
		}
		progress(os.Stderr, "%s: incremental in %s", kind, time.Since(phase))
	}
	return rb, inc, nil
}

// seedDatabase seeds dsn, or on SQLite copies -sqlite-seed when it holds
// a backlog of the same size (and writes it after seeding when it does
// not exist).
func seedDatabase(kind, dsn string, w workload, n int, o options) error {
	ctx := context.Background()
	if kind != "sqlite" || o.sqliteSeed == "" {
		_, err := seed(ctx, dsn, w, n, o.seedBatch)
		return err
	}
	path := strings.TrimPrefix(dsn, "sqlite://")
	if _, err := os.Stat(o.sqliteSeed); err == nil {
		if err := copyFile(o.sqliteSeed, path); err != nil {
			return err
		}
		got, err := countAlerts(dsn)
		if err != nil {
			return err
		}
		if got != n {
			return fmt.Errorf("%s holds %d alerts, not %d: remove it to seed again", o.sqliteSeed, got, n)
		}
		progress(os.Stderr, "sqlite: copied the seeded backlog from %s", o.sqliteSeed)
		return nil
	}
	if _, err := seed(ctx, dsn, w, n, o.seedBatch); err != nil {
		return err
	}
	// Fold the WAL into the file so that one file is the whole database.
	db, err := openSQL(dsn)
	if err != nil {
		return err
	}
	_, err = db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	db.Close()
	if err != nil {
		return err
	}
	return copyFile(path, o.sqliteSeed)
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// database returns the DSN of a fresh database of kind, and a function that
// drops it.
func database(kind, dir string) (string, func(), error) {
	switch kind {
	case "sqlite":
		f, err := os.CreateTemp(dir, "bench-*.db")
		if err != nil {
			return "", nil, err
		}
		f.Close()
		os.Remove(f.Name())
		return "sqlite://" + f.Name(), func() {
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(f.Name() + suffix)
			}
		}, nil
	case "postgres":
		base := os.Getenv("VIGIL_TEST_POSTGRES")
		if base == "" {
			return "", nil, errors.New("VIGIL_TEST_POSTGRES is not set (make bench sets it)")
		}
		admin, err := sql.Open("postgres", base)
		if err != nil {
			return "", nil, err
		}
		name := fmt.Sprintf("vigil_bench_%d", time.Now().UnixNano())
		if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
			admin.Close()
			return "", nil, err
		}
		i := strings.LastIndex(base, "/")
		q := ""
		if j := strings.Index(base[i:], "?"); j >= 0 {
			q = base[i+j:]
		}
		return base[:i+1] + name + q, func() {
			admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			admin.Close()
		}, nil
	}
	return "", nil, fmt.Errorf("unknown database %q", kind)
}

// loadAverage is the first three fields of /proc/loadavg.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(bytes.TrimSpace(b)))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

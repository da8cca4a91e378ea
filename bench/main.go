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

	"github.com/vigil-soc/vigil/store"
	_ "modernc.org/sqlite"
)

// options are the benchmark's flags.
type options struct {
	suites, dbs []string

	alerts, resources, batch int // the ingest suite

	backlog, backlogResources, seedBatch int // the rebuild and incremental suites
	rate, liveBatch                      int
	duration, drain                      time.Duration
	sqliteSeed, postgresSeed             string
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
	flag.DurationVar(&o.drain, "drain", 5*time.Minute, "incremental: how long to wait after the last POST for the incidents still due")
	flag.StringVar(&o.sqliteSeed, "sqlite-seed", "", "rebuild, incremental: a SQLite file holding the seeded backlog; copied when it exists, written after seeding when not. The rebuild suite keeps its result as NAME.correlated.db, which the incremental suite run without it starts from")
	flag.StringVar(&o.postgresSeed, "postgres-seed", "", "rebuild, incremental: a PostgreSQL database (on the server of VIGIL_TEST_POSTGRES) holding the seeded backlog; used as the template of the run's database when it exists, made after seeding when not; kept. The rebuild suite keeps its result as NAME_correlated, which the incremental suite run without it starts from")
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
	keep := seedName(kind, o)
	// The kept backlog to start from: without the rebuild suite, the one an
	// earlier run's rebuild correlated (see correlatedSeed), else the
	// seeded one.
	from := ""
	if keep != "" {
		if c := correlatedSeed(kind, keep); !o.has("rebuild") && seedExists(kind, c) {
			from = c
		} else if seedExists(kind, keep) {
			from = keep
		}
	}
	template := ""
	if kind == "postgres" {
		template = from
	}
	dsn, cleanup, err := database(kind, dir, template)
	if err != nil {
		return rb, inc, err
	}
	defer cleanup()
	chains := o.backlog / o.backlogResources / len(steps)
	n := chains * o.backlogResources * len(steps) // whole chains only
	rb.alerts = n
	w := backlogWorkload(o.backlogResources, chains, time.Now())
	phase := time.Now()
	reused := from != ""
	if reused {
		err = reuseSeed(kind, from, dsn, n)
	} else {
		err = seedDatabase(kind, dsn, w, n, keep, o.seedBatch)
	}
	if err != nil {
		return rb, inc, fmt.Errorf("seeding: %w", err)
	}
	if !reused {
		rb.seed = time.Since(phase)
		progress(os.Stderr, "%s: %d alerts over %d resources seeded in %s", kind, n, o.backlogResources, rb.seed)
	}
	// A reused backlog may predate a migration (an index): run it here,
	// outside the figures.
	phase = time.Now()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		return rb, inc, err
	}
	db.Close()
	progress(os.Stderr, "%s: migrated in %s", kind, time.Since(phase))
	if o.has("rebuild") {
		phase = time.Now()
		progress(os.Stderr, "%s: vigil correlate --rebuild…", kind)
		rb.wall, rb.cpu, rb.peakRSS, rb.summary, err = rebuild(bin, dsn)
		if err != nil && rb.wall == 0 { // it did not start
			return rb, inc, err
		}
		if err != nil {
			// Its work may be committed (it writes one transaction per
			// resource): report the failure and go on.
			rb.failed = true
			fmt.Fprintln(os.Stderr, err)
		}
		if rb.incidents, err = countIncidents(dsn); err != nil {
			return rb, inc, err
		}
		progress(os.Stderr, "%s: rebuild in %s (CPU %s, peak RSS %d MiB, %d incidents, %d multi-resource): %s",
			kind, time.Since(phase), rb.cpu, rb.peakRSS/1024, rb.incidents.total, rb.incidents.multi, rb.summary)
		if keep != "" && !rb.failed {
			if err := saveSeed(kind, dsn, correlatedSeed(kind, keep)); err != nil {
				return rb, inc, fmt.Errorf("keeping the correlated backlog: %w", err)
			}
		}
	}
	if o.has("incremental") {
		phase = time.Now()
		inc, err = incremental(bin, dsn, w, chains, o)
		inc.db = kind
		if err != nil {
			return rb, inc, fmt.Errorf("incremental: %w", err)
		}
		progress(os.Stderr, "%s: incremental in %s", kind, time.Since(phase))
	}
	return rb, inc, nil
}

// seedName is the seeded backlog the flags name for kind ("" for none).
func seedName(kind string, o options) string {
	return map[string]string{"sqlite": o.sqliteSeed, "postgres": o.postgresSeed}[kind]
}

// correlatedSeed names the copy of the seeded backlog keep that the
// rebuild suite correlated: runs of the incremental suite alone start from
// it, without the start-up pass over every resource (a quarter of an hour
// on PostgreSQL at 1,000,000 alerts). Remove it after a change to what
// correlation writes.
func correlatedSeed(kind, keep string) string {
	if kind == "sqlite" {
		return strings.TrimSuffix(keep, ".db") + ".correlated.db"
	}
	return keep + "_correlated"
}

// seedExists reports whether the kept backlog name exists: a file on
// SQLite, a database on PostgreSQL.
func seedExists(kind, name string) bool {
	if kind == "sqlite" {
		_, err := os.Stat(name)
		return err == nil
	}
	return databaseExists(name)
}

// seedDatabase seeds dsn with n alerts of w and, when keep names a kept
// backlog (one that does not exist yet), keeps the result as keep.
func seedDatabase(kind, dsn string, w workload, n int, keep string, batch int) error {
	if _, err := seed(context.Background(), dsn, w, n, batch); err != nil {
		return err
	}
	if keep == "" {
		return nil
	}
	return saveSeed(kind, dsn, keep)
}

// reuseSeed makes dsn the kept backlog keep — on SQLite a copy of the
// file; on PostgreSQL dsn was made from it — and checks it holds n alerts.
func reuseSeed(kind, keep, dsn string, n int) error {
	if kind == "sqlite" {
		if err := copyFile(keep, strings.TrimPrefix(dsn, "sqlite://")); err != nil {
			return err
		}
	}
	got, err := countAlerts(dsn)
	if err != nil {
		return err
	}
	if got != n {
		return fmt.Errorf("the kept backlog %s holds %d alerts, not %d: remove it to seed again", keep, got, n)
	}
	progress(os.Stderr, "%s: the backlog comes from %s", kind, keep)
	return nil
}

// saveSeed keeps the database dsn as keep, in place of any earlier keep: a
// database made from it on PostgreSQL (no one may be connected to dsn), a
// copy of the file on SQLite.
func saveSeed(kind, dsn, keep string) error {
	if kind == "postgres" {
		admin, err := sql.Open("postgres", os.Getenv("VIGIL_TEST_POSTGRES"))
		if err != nil {
			return err
		}
		defer admin.Close()
		// A correlated copy an earlier rebuild kept is replaced, as the
		// SQLite file is.
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + keep); err != nil {
			return err
		}
		if _, err := admin.Exec("CREATE DATABASE " + keep + " TEMPLATE " + dbName(dsn)); err != nil {
			return err
		}
		// The copy went through the log: flush it to the disk before the
		// next suite starts, as copyFile does on SQLite.
		_, err = admin.Exec("CHECKPOINT")
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
	return copyFile(strings.TrimPrefix(dsn, "sqlite://"), keep)
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
	// On the disk before the next suite starts: writing back a copy of
	// 1.5 GB during the incremental suite's minute took its p99 on SQLite
	// from 195 to 870 ms.
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// database returns the DSN of a fresh database of kind (on PostgreSQL a
// copy of template, when one is named), and a function that drops it.
func database(kind, dir, template string) (string, func(), error) {
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
		create := "CREATE DATABASE " + name
		if template != "" {
			create += " TEMPLATE " + template
		}
		if _, err := admin.Exec(create); err != nil {
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

// databaseExists reports whether the PostgreSQL server of
// VIGIL_TEST_POSTGRES has a database called name.
func databaseExists(name string) bool {
	admin, err := sql.Open("postgres", os.Getenv("VIGIL_TEST_POSTGRES"))
	if err != nil {
		return false
	}
	defer admin.Close()
	var n int
	err = admin.QueryRow("SELECT COUNT(*) FROM pg_database WHERE datname = $1", name).Scan(&n)
	return err == nil && n == 1
}

// dbName is the database a PostgreSQL DSN names.
func dbName(dsn string) string {
	name := dsn[strings.LastIndex(dsn, "/")+1:]
	name, _, _ = strings.Cut(name, "?")
	return name
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

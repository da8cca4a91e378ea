package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/vigil-soc/vigil/correlate"
	"github.com/vigil-soc/vigil/ingest"
	"github.com/vigil-soc/vigil/store"
)

// importCmd loads alert files into the database directly and correlates the
// resources they touched. It prints one summary line per file on stdout,
// progress on stderr, and fails if any file did not parse.
func importCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	cfg, fs, err := parse("import", args, false, stderr, nil)
	if err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("name at least one file (- for standard input)")
	}
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer db.Close()
	changed, work := map[string][]int{}, store.Work{}
	in := ingest.New(db, ingest.Options{OnChange: func(c map[string][]int, w store.Work) {
		for k, ids := range c {
			changed[k] = append(changed[k], ids...)
		}
		work.Add(w)
	}})
	failed := 0
	var total ingest.Result
	for _, name := range fs.Args() {
		res, err := importFile(ctx, in, name, stdin, stderr)
		if err != nil {
			failed++
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			continue
		}
		fmt.Fprintf(stdout, "%s: %d accepted, %d updated, %d duplicates, %d rejected\n",
			name, res.Accepted, res.Updated, res.Duplicates, len(res.Rejected))
		for i, r := range res.Rejected {
			if i == 20 {
				fmt.Fprintf(stderr, "%s: … and %d more rejected\n", name, len(res.Rejected)-20)
				break
			}
			fmt.Fprintf(stderr, "%s: %s\n", name, r.Error)
		}
		total.Accepted += res.Accepted
		total.Updated += res.Updated
		total.Duplicates += res.Duplicates
		total.Rejected = append(total.Rejected, res.Rejected...)
	}
	cc := cfg.correlation()
	job := correlate.NewJob(db, nil, cc, nil)
	st, err := job.CorrelateAlerts(ctx, changed, work)
	if err != nil {
		return fmt.Errorf("correlating: %w", err)
	}
	created, updated := st.Created, st.Updated
	if len(fs.Args()) > 1 {
		fmt.Fprintf(stdout, "total: %d accepted, %d updated, %d duplicates, %d rejected\n",
			total.Accepted, total.Updated, total.Duplicates, len(total.Rejected))
	}
	fmt.Fprintf(stdout, "correlation: %d resources, %d incidents created, %d updated\n", len(changed), created, updated)
	if failed > 0 {
		return exitError(1)
	}
	return nil
}

func importFile(ctx context.Context, in *ingest.Ingester, name string, stdin io.Reader, stderr io.Writer) (ingest.Result, error) {
	var r io.Reader = stdin
	ct := ""
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return ingest.Result{}, err
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.Size() > 8<<20 {
			fmt.Fprintf(stderr, "%s: reading %d MiB…\n", name, fi.Size()>>20)
		}
		r = f
		if len(name) > 4 && name[len(name)-4:] == ".csv" {
			ct = "text/csv"
		}
	}
	start := time.Now()
	res, err := in.Read(ctx, r, ct)
	if err == nil && time.Since(start) > 2*time.Second {
		fmt.Fprintf(stderr, "%s: stored in %s\n", name, time.Since(start).Round(time.Millisecond))
	}
	return res, err
}

func correlateCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var rebuild, dryRun bool
	cfg, fs, err := parse("correlate", args, false, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&rebuild, "rebuild", false, "delete the incidents correlation made (not those an analyst closed or took in progress) and recompute from scratch")
		fs.BoolVar(&dryRun, "dry-run", false, "print what the run would change (incidents created, merged, unchanged) and write nothing")
	})
	if err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	rule := cfg.correlation().ResolvedRule()
	// A rebuild fills the incident tables anew, faster than autovacuum
	// may analyze them: keep PostgreSQL's statistics up with them.
	keep, stop := context.WithCancel(ctx)
	kept := make(chan struct{})
	go func() {
		defer close(kept)
		db.KeepStatistics(keep, statisticsEvery, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	}()
	defer func() { stop(); <-kept }() // before db.Close
	d, err := correlate.Plan(ctx, db, cfg.correlation(), rebuild, dryRun)
	if err != nil {
		return err
	}
	verb := "correlated"
	if dryRun {
		verb = "dry run, nothing written:"
	}
	fmt.Fprintf(stdout, "%s rule %s v%d in %s: %s\n", verb, rule.Name, rule.Version, time.Since(start).Round(time.Millisecond), d)
	return nil
}

// Command report runs the labelled scenario corpus through Vigil's
// correlation and two baselines, each scenario on a fresh SQLite database,
// and prints pairwise precision and recall per scenario, per category and in
// total (see package quality). `make quality` runs it.
//
//	go run ./quality/cmd/report                 # the table
//	go run ./quality/cmd/report -v -run gap     # and each matching scenario's alerts and incidents
//	go run ./quality/cmd/report -dir my/scenarios
//
// It exits 0 whether or not the target is met (the target is reported, not
// enforced), and 1 when the corpus cannot be read or run.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"sync/atomic"
	"time"

	"github.com/vigil-soc/vigil/quality"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "quality report:", err)
		os.Exit(1)
	}
}

func run() error {
	var (
		window  = flag.Duration("window", 24*time.Hour, "correlation window of vigil and of the per-resource baseline")
		verbose = flag.Bool("v", false, "also print each scenario's alerts and the incident each system put them in")
		only    = flag.String("run", "", "only the scenarios whose name matches this regular expression")
		dir     = flag.String("dir", "", "read scenarios from this directory instead of the built-in corpus")
	)
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	var (
		scenarios []*quality.Scenario
		err       error
	)
	if *dir != "" {
		scenarios, err = quality.Load(os.DirFS(*dir), ".")
	} else {
		scenarios, err = quality.Corpus()
	}
	if err != nil {
		return err
	}
	if *only != "" {
		re, err := regexp.Compile(*only)
		if err != nil {
			return fmt.Errorf("-run: %w", err)
		}
		var keep []*quality.Scenario
		for _, s := range scenarios {
			if re.MatchString(s.Name) {
				keep = append(keep, s)
			}
		}
		scenarios = keep
	}

	tmp, err := os.MkdirTemp("", "vigil-quality-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	var n atomic.Int64
	fresh := func() (string, error) {
		return "sqlite://" + filepath.Join(tmp, fmt.Sprintf("scenario-%d.db", n.Add(1))), nil
	}

	began := time.Now()
	rep, err := quality.Run(ctx, scenarios, quality.Options{DSN: fresh, Window: *window})
	if err != nil {
		return err
	}
	if *verbose {
		if err := rep.WriteDetail(os.Stdout); err != nil {
			return err
		}
		fmt.Println()
	}
	if err := rep.WriteTable(os.Stdout); err != nil {
		return err
	}
	fmt.Printf("%d scenarios on SQLite in %s\n", len(rep.Results), time.Since(began).Round(time.Millisecond))
	return nil
}

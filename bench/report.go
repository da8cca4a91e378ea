package main

import (
	"fmt"
	"time"
)

func printIngest(o options, results []result) {
	fmt.Printf("\n== ingest: %d alerts over %d resources (chains of 5 along the kill chain), POST /api/alerts in batches of %d\n\n", o.alerts, o.resources, o.batch)
	fmt.Printf("%-9s %8s %12s %14s %10s %14s %8s %10s\n", "database", "alerts", "ingest a/s", "correlated in", "peak RSS", "plain a/s", "ratio", "incidents")
	for _, r := range results {
		ingestRate := float64(r.alerts) / r.ingest.Seconds()
		plainRate := float64(r.alerts) / r.plain.Seconds()
		fmt.Printf("%-9s %8d %12.0f %14s %8d MiB %14.0f %7.2f %10d\n", r.db, r.alerts, ingestRate,
			r.catchUp.Round(time.Millisecond), r.peakRSS/1024, plainRate, ingestRate/plainRate, r.incidents)
	}
	fmt.Println("\ningest a/s: alerts per second through POST /api/alerts (parse, validate, dedupe, store in one transaction per batch);")
	fmt.Println("correlated in: from the first POST until the correlation backlog was empty; plain a/s: multi-row INSERT of the same rows;")
	fmt.Println("ratio: ingest a/s ÷ plain a/s (aim ≥ 0.5).")
}

func printRebuild(o options, results []rebuildResult) {
	fmt.Printf("\n== rebuild: vigil correlate --rebuild over a stored backlog of %d alerts on %d resources\n", results[0].alerts, o.backlogResources)
	fmt.Printf("   (chains of 5 along the kill chain, 3 days apart; one resource in %d attacked together with %d others from one address per chain)\n\n", campaignEvery, campaignSize-1)
	fmt.Printf("%-9s %9s %10s %11s %11s %11s %12s %10s %10s %14s\n", "database", "alerts", "seeded in", "rebuild", "alerts/s", "CPU time", "alerts/CPU-s", "peak RSS", "incidents", "of them multi")
	for _, r := range results {
		seeded := "reused"
		if r.seed > 0 {
			seeded = r.seed.Round(time.Second).String()
		}
		fmt.Printf("%-9s %9d %10s %11s %11.0f %11s %12.0f %6d MiB %10d %14d\n", r.db, r.alerts, seeded, r.wall.Round(100*time.Millisecond),
			float64(r.alerts)/r.wall.Seconds(), r.cpu.Round(100*time.Millisecond), float64(r.alerts)/r.cpu.Seconds(), r.peakRSS/1024, r.incidents.total, r.incidents.multi)
	}
	fmt.Println("\nseeded in: the alerts stored through ingest (parse and write, no correlation), not a headline figure;")
	fmt.Println("rebuild: wall time of the child process; CPU time: its user + system time (on PostgreSQL the server's own work is not in it);")
	fmt.Println("peak RSS: its maxrss; incidents: not merged into another, after the rebuild.")
	for _, r := range results {
		if r.failed {
			fmt.Printf("%s: FAILED (exit status non-zero after the figures above): %s\n", r.db, r.summary)
			continue
		}
		fmt.Printf("%s: %s\n", r.db, r.summary)
	}
}

func printIncremental(o options, results []incrementalResult) {
	fmt.Printf("\n== incremental: vigil serve on the correlated backlog, new chains posted at %d alerts/s for %s in batches of %d (whole chains),\n", o.rate, o.duration, max(1, o.liveBatch/len(steps))*len(steps))
	fmt.Println("   latency from the POST's response to the incidentCreated event (graphql-transport-ws) of each chain's incident (aim: p99 < 500 ms)")
	fmt.Println()
	fmt.Printf("%-9s %9s %9s %9s %7s %9s %7s %8s %8s %8s %8s %8s %10s\n", "database", "stored", "start-up", "sent a/s", "chains", "incidents", "missed", "p50", "p90", "p99", "max", "backlog", "peak RSS")
	for _, r := range results {
		missed := r.chains - len(r.latencies)
		fmt.Printf("%-9s %9d %9s %9.0f %7d %9d %7d %8s %8s %8s %8s %8d %6d MiB\n", r.db, r.stored, r.catchUp.Round(time.Second), float64(r.sent)/r.sending.Seconds(),
			r.chains, len(r.latencies), missed, ms(percentile(r.latencies, 50)), ms(percentile(r.latencies, 90)),
			ms(percentile(r.latencies, 99)), ms(percentile(r.latencies, 100)), r.maxBacklog, r.peakRSS/1024)
	}
	fmt.Println("\nstart-up: vigil serve's correlation at start of what the database records as left undone (work items), before the subscription; sent a/s: alerts posted ÷ time to the last response;")
	fmt.Println("incidents: per-resource incidentCreated events matched to a chain; backlog: the highest correlation backlog seen (resources).")
	for _, r := range results {
		fmt.Printf("%s: %d multi-resource incidents created as well; %d events of no chain sent; %d events before the POST's response (counted as 0 ms); %d POSTs failed;\n",
			r.db, r.multi, r.unexpected, r.early, r.failedPosts)
		fmt.Printf("%s: in the database, %d → %d incidents (%d → %d multi-resource); %d subscribers dropped by the server for falling behind\n",
			r.db, r.before.total, r.after.total, r.before.multi, r.after.multi, r.dropped)
		fmt.Printf("%s: correlation from the first POST to the end: %.0f rounds, %.1f s in per-resource passes, %.1f s in cross-resource passes\n",
			r.db, r.spent.rounds, r.spent.resource, r.spent.cross)
	}
}

// ms formats a latency in milliseconds.
func ms(d time.Duration) string {
	return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond))
}

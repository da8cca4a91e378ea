// Command bench measures ingest and correlation through the real vigil
// binary, on SQLite and on PostgreSQL, next to a plain batched INSERT of the
// same rows into the same database measured in the same run.
//
//	go run ./bench                       # both databases; PostgreSQL from VIGIL_TEST_POSTGRES
//	go run ./bench -alerts 50000 -resources 1000 -batch 500 -db sqlite
//
// For each database it builds vigil, starts `vigil serve`, posts the alerts
// to POST /api/alerts in batches, waits until /metrics shows an empty
// correlation backlog, reads the server's peak RSS (VmHWM), stops it, and
// then inserts the same rows with multi-row INSERT statements into a copy of
// the alerts table.
package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	_ "github.com/lib/pq"
	_ "modernc.org/sqlite"
)

func main() {
	var (
		nAlerts   = flag.Int("alerts", 50000, "alerts to ingest")
		resources = flag.Int("resources", 1000, "resources they are spread over")
		batch     = flag.Int("batch", 500, "alerts per POST")
		which     = flag.String("db", "sqlite,postgres", "databases to measure")
	)
	flag.Parse()
	if err := run(*nAlerts, *resources, *batch, strings.Split(*which, ",")); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

type result struct {
	db                 string
	alerts             int
	ingest, catchUp    time.Duration
	peakRSS            int64 // KiB
	plain              time.Duration
	incidents, batches int
}

func run(n, resources, batch int, dbs []string) error {
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
	data := generate(n, resources)
	bodies := batches(data, batch)
	fmt.Printf("workload: %d alerts over %d resources (chains of 5 along the kill chain), POST /api/alerts in batches of %d\n\n", n, resources, batch)
	var results []result
	for _, kind := range dbs {
		dsn, cleanup, err := database(kind, dir)
		if err != nil {
			return err
		}
		r, err := measure(kind, bin, dsn, bodies, data, batch)
		cleanup()
		if err != nil {
			return fmt.Errorf("%s: %w", kind, err)
		}
		results = append(results, r)
	}
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
	return nil
}

func database(kind, dir string) (string, func(), error) {
	switch kind {
	case "sqlite":
		return "sqlite://" + filepath.Join(dir, "bench.db"), func() {}, nil
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

func measure(kind, bin, dsn string, bodies [][]byte, data []flatAlert, batch int) (result, error) {
	r := result{db: kind, alerts: len(data), batches: len(bodies)}
	addr, err := freeAddr()
	if err != nil {
		return r, err
	}
	// An admin token, made as an operator would; the rate limit is lifted
	// (the benchmark posts as fast as the server answers).
	out, err := exec.Command(bin, "token", "create", "--db", dsn, "--name", "bench", "--role", "admin").Output()
	if err != nil {
		return r, fmt.Errorf("vigil token create: %w", err)
	}
	token = strings.TrimSpace(string(out))
	cmd := exec.Command(bin, "serve", "--db", dsn, "--addr", addr, "--ingest-rate", "100000")
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		return r, err
	}
	defer func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	}()
	base := "http://" + addr
	if err := waitHealthy(base); err != nil {
		return r, fmt.Errorf("%w\n%s", err, logs.String())
	}
	fmt.Fprintf(os.Stderr, "%s: posting %d batches…\n", kind, len(bodies))
	start := time.Now()
	client := &http.Client{Timeout: 2 * time.Minute}
	for i, body := range bodies {
		resp, err := post(client, base+"/api/alerts", bytes.NewReader(body))
		if err != nil {
			return r, fmt.Errorf("batch %d: %w", i, err)
		}
		var res struct {
			Accepted int               `json:"accepted"`
			Rejected []json.RawMessage `json:"rejected"`
		}
		err = json.NewDecoder(resp.Body).Decode(&res)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 || len(res.Rejected) > 0 {
			return r, fmt.Errorf("batch %d: status %d, %d rejected, %v", i, resp.StatusCode, len(res.Rejected), err)
		}
	}
	r.ingest = time.Since(start)
	for {
		b, err := gauge(base, "vigil_correlation_backlog")
		if err != nil {
			return r, err
		}
		if b == 0 {
			break
		}
		if time.Since(start) > 30*time.Minute {
			return r, errors.New("correlation did not catch up within 30 minutes")
		}
		time.Sleep(20 * time.Millisecond)
	}
	r.catchUp = time.Since(start)
	r.peakRSS = vmHWM(cmd.Process.Pid)
	r.incidents, err = incidentCount(base)
	if err != nil {
		return r, err
	}
	cmd.Process.Signal(os.Interrupt)
	if err := cmd.Wait(); err != nil {
		return r, fmt.Errorf("vigil serve did not exit cleanly: %v\n%s", err, logs.String())
	}
	r.plain, err = plainInsert(dsn, data, batch)
	return r, err
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// token is the API token of the server being measured.
var token string

// post sends a JSON body with the token.
func post(c *http.Client, url string, body io.Reader) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodPost, url, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	return c.Do(req)
}

func waitHealthy(base string) error {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return errors.New("vigil serve did not become healthy")
}

func gauge(base, name string) (int, error) {
	req, _ := http.NewRequest(http.MethodGet, base+"/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for _, line := range strings.Split(string(body), "\n") {
		if v, ok := strings.CutPrefix(line, name+" "); ok {
			return strconv.Atoi(strings.TrimSpace(v))
		}
	}
	return 0, fmt.Errorf("no %s in /metrics", name)
}

func incidentCount(base string) (int, error) {
	q := `{"query":"{ incidents(first: 1) { totalCount } }"}`
	resp, err := post(http.DefaultClient, base+"/graphql", strings.NewReader(q))
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var out struct {
		Data struct {
			Incidents struct{ TotalCount int } `json:"incidents"`
		} `json:"data"`
	}
	err = json.NewDecoder(resp.Body).Decode(&out)
	return out.Data.Incidents.TotalCount, err
}

// vmHWM returns the peak resident set size of a process, in KiB.
func vmHWM(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return n
		}
	}
	return 0
}

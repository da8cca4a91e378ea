package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// server is a running `vigil serve` child process.
type server struct {
	cmd   *exec.Cmd
	base  string // http://host:port
	token string // an admin token: ingest, /metrics and subscriptions
	logs  bytes.Buffer
}

// startServer creates an admin token on dsn, as an operator would, starts
// `vigil serve` on a free port with the ingest rate limit lifted (the
// benchmarks post as fast as they mean to), and waits until it is healthy.
func startServer(bin, dsn string) (*server, error) {
	out, err := exec.Command(bin, "token", "create", "--db", dsn, "--name", "bench", "--role", "admin").Output()
	if err != nil {
		return nil, fmt.Errorf("vigil token create: %w", err)
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	s := &server{base: "http://" + addr, token: strings.TrimSpace(string(out))}
	s.cmd = exec.Command(bin, "serve", "--db", dsn, "--addr", addr, "--ingest-rate", "100000")
	s.cmd.Stdout, s.cmd.Stderr = &s.logs, &s.logs
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	if err := s.waitHealthy(); err != nil {
		s.kill()
		return nil, fmt.Errorf("%w\n%s", err, s.logs.String())
	}
	return s, nil
}

// stop interrupts the server and waits for a clean exit.
func (s *server) stop() error {
	s.cmd.Process.Signal(os.Interrupt)
	if err := s.cmd.Wait(); err != nil {
		return fmt.Errorf("vigil serve did not exit cleanly: %v\n%s", err, s.logs.String())
	}
	return nil
}

// kill ends the server if it still runs.
func (s *server) kill() {
	if s.cmd.ProcessState == nil {
		s.cmd.Process.Kill()
		s.cmd.Wait()
	}
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// post sends a JSON body with the token.
func (s *server) post(c *http.Client, path string, body io.Reader) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodPost, s.base+path, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+s.token)
	return c.Do(req)
}

// ingest posts one batch to POST /api/alerts and requires every alert accepted.
func (s *server) ingest(c *http.Client, body []byte) error {
	resp, err := s.post(c, "/api/alerts", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var res struct {
		Accepted int               `json:"accepted"`
		Rejected []json.RawMessage `json:"rejected"`
	}
	err = json.NewDecoder(resp.Body).Decode(&res)
	if err != nil || resp.StatusCode != 200 || len(res.Rejected) > 0 {
		return fmt.Errorf("status %d, %d rejected, %v", resp.StatusCode, len(res.Rejected), err)
	}
	return nil
}

func (s *server) waitHealthy() error {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(s.base + "/healthz")
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

// waitBacklog polls /metrics until the correlation backlog is empty.
func (s *server) waitBacklog(limit time.Duration) error {
	start := time.Now()
	for {
		b, err := s.gauge("vigil_correlation_backlog")
		if err != nil {
			return err
		}
		if b == 0 {
			return nil
		}
		if time.Since(start) > limit {
			return fmt.Errorf("correlation did not catch up within %s (backlog %d)", limit, b)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (s *server) gauge(name string) (int, error) {
	v, err := s.metric(name)
	return int(v), err
}

// metric reads one sample of /metrics, by its name and labels as written
// there (`vigil_correlation_seconds_total{pass="cross"}`).
func (s *server) metric(name string) (float64, error) {
	req, _ := http.NewRequest(http.MethodGet, s.base+"/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+s.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for _, line := range strings.Split(string(body), "\n") {
		if v, ok := strings.CutPrefix(line, name+" "); ok {
			return strconv.ParseFloat(strings.TrimSpace(v), 64)
		}
	}
	return 0, fmt.Errorf("no %s in /metrics", name)
}

// spent is what the correlation counters of /metrics say.
type spent struct {
	rounds, resource, cross float64 // rounds; seconds in per-resource and cross-resource passes
}

func (s *server) spent() (spent, error) {
	var sp spent
	var err error
	for _, m := range []struct {
		name string
		v    *float64
	}{
		{"vigil_correlation_rounds_total", &sp.rounds},
		{`vigil_correlation_seconds_total{pass="resource"}`, &sp.resource},
		{`vigil_correlation_seconds_total{pass="cross"}`, &sp.cross},
	} {
		if *m.v, err = s.metric(m.name); err != nil {
			return sp, err
		}
	}
	return sp, nil
}

func (a spent) minus(b spent) spent {
	return spent{a.rounds - b.rounds, a.resource - b.resource, a.cross - b.cross}
}

func (s *server) incidentCount() (int, error) {
	q := `{"query":"{ incidents(first: 1) { totalCount } }"}`
	resp, err := s.post(http.DefaultClient, "/graphql", strings.NewReader(q))
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

// peakRSS returns the server's peak resident set size, in KiB.
func (s *server) peakRSS() int64 { return vmHWM(s.cmd.Process.Pid) }

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

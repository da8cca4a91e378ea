package main

import (
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect"

	"github.com/vigil-soc/vigil/auth"
)

// Config is the whole configuration of a vigil command, built once in main
// from flags and VIGIL_* environment variables and passed down.
type Config struct {
	DB                string        // --db, VIGIL_DB
	Addr              string        // --addr, VIGIL_ADDR
	Demo              bool          // --demo
	CorrelationWindow time.Duration // --correlation-window, VIGIL_CORRELATION_WINDOW
	MaxBody           int64         // --max-body, VIGIL_MAX_BODY: bytes of one POST /api/alerts
	AllowedOrigins    []string      // --allowed-origins, VIGIL_ALLOWED_ORIGINS: extra websocket origins (host patterns)
	ShutdownTimeout   time.Duration // --shutdown-timeout
	ComplexityLimit   int           // --complexity-limit
	MaxDepth          int           // --max-depth: nesting of one GraphQL selection

	AdminPassword string        // VIGIL_ADMIN_PASSWORD: the first admin's password (environment only)
	SessionTTL    time.Duration // --session-ttl, VIGIL_SESSION_TTL: idle time that ends a console session
	TLSCert       string        // --tls-cert, VIGIL_TLS_CERT
	TLSKey        string        // --tls-key, VIGIL_TLS_KEY
	IngestRate    float64       // --ingest-rate, VIGIL_INGEST_RATE: POST /api/alerts per second and identity
	Auth          auth.Options  // login throttle and sessions; tests shorten them

	// wrapDriver, set only by tests, wraps the database driver (to count
	// the SQL statements a request takes).
	wrapDriver func(dialect.Driver) dialect.Driver
}

func defaultConfig() Config {
	return Config{
		DB:                "sqlite://vigil.db",
		Addr:              "127.0.0.1:8080",
		CorrelationWindow: 24 * time.Hour,
		MaxBody:           32 << 20,
		ShutdownTimeout:   15 * time.Second,
		ComplexityLimit:   100000,
		MaxDepth:          16,
		SessionTTL:        12 * time.Hour,
		IngestRate:        20,
	}
}

// flags registers the common flags on fs, with defaults taken from the
// environment where it sets them. Errors in the environment are returned
// by validate after parsing.
func (c *Config) flags(fs *flag.FlagSet, serve bool) *envErrors {
	errs := &envErrors{}
	fs.StringVar(&c.DB, "db", envString("VIGIL_DB", c.DB), "database: sqlite://PATH or postgres://user:pass@host:port/db?sslmode=… (VIGIL_DB)")
	fs.DurationVar(&c.CorrelationWindow, "correlation-window", errs.duration("VIGIL_CORRELATION_WINDOW", c.CorrelationWindow), "inactivity gap that ends a chain of alerts on one resource (VIGIL_CORRELATION_WINDOW)")
	if serve {
		fs.StringVar(&c.Addr, "addr", envString("VIGIL_ADDR", c.Addr), "listen address (VIGIL_ADDR)")
		fs.BoolVar(&c.Demo, "demo", false, "on an empty database, load the bundled sample alerts at start")
		fs.Int64Var(&c.MaxBody, "max-body", errs.int64("VIGIL_MAX_BODY", c.MaxBody), "size limit in bytes of one POST /api/alerts body (VIGIL_MAX_BODY)")
		fs.Func("allowed-origins", "comma-separated extra origins (host patterns) allowed to open GraphQL websockets; same-origin is always allowed (VIGIL_ALLOWED_ORIGINS)", func(s string) error {
			c.AllowedOrigins = splitList(s)
			return nil
		})
		c.AllowedOrigins = splitList(os.Getenv("VIGIL_ALLOWED_ORIGINS"))
		fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", c.ShutdownTimeout, "how long in-flight requests may take to finish at shutdown")
		fs.IntVar(&c.ComplexityLimit, "complexity-limit", c.ComplexityLimit, "maximum complexity of one GraphQL operation")
		fs.IntVar(&c.MaxDepth, "max-depth", c.MaxDepth, "maximum nesting depth of one GraphQL operation")
		c.AdminPassword = os.Getenv("VIGIL_ADMIN_PASSWORD")
		fs.DurationVar(&c.SessionTTL, "session-ttl", errs.duration("VIGIL_SESSION_TTL", c.SessionTTL), "idle time that ends a console session; a session never lasts more than 7 days (VIGIL_SESSION_TTL)")
		fs.StringVar(&c.TLSCert, "tls-cert", envString("VIGIL_TLS_CERT", ""), "PEM certificate file: serve HTTPS (with --tls-key) (VIGIL_TLS_CERT)")
		fs.StringVar(&c.TLSKey, "tls-key", envString("VIGIL_TLS_KEY", ""), "PEM private key file of --tls-cert (VIGIL_TLS_KEY)")
		fs.Float64Var(&c.IngestRate, "ingest-rate", errs.float("VIGIL_INGEST_RATE", c.IngestRate), "POST /api/alerts requests per second per token or user, bursts of twice that (VIGIL_INGEST_RATE)")
	}
	return errs
}

func (c Config) validate() error {
	var errs []error
	if c.CorrelationWindow <= 0 {
		errs = append(errs, errors.New("--correlation-window must be positive"))
	}
	if c.MaxBody <= 0 {
		errs = append(errs, errors.New("--max-body must be positive"))
	}
	if c.MaxDepth <= 0 {
		errs = append(errs, errors.New("--max-depth must be positive"))
	}
	if c.SessionTTL <= 0 {
		errs = append(errs, errors.New("--session-ttl must be positive"))
	}
	if c.IngestRate <= 0 {
		errs = append(errs, errors.New("--ingest-rate must be positive"))
	}
	if c.AdminPassword != "" {
		if err := auth.CheckPassword(c.AdminPassword); err != nil {
			errs = append(errs, fmt.Errorf("VIGIL_ADMIN_PASSWORD: %w", err))
		}
	}
	if (c.TLSCert == "") != (c.TLSKey == "") {
		errs = append(errs, errors.New("--tls-cert and --tls-key go together"))
	} else if c.TLSCert != "" {
		if _, err := tls.LoadX509KeyPair(c.TLSCert, c.TLSKey); err != nil {
			errs = append(errs, fmt.Errorf("--tls-cert/--tls-key: %w", err))
		}
	}
	if !strings.HasPrefix(c.DB, "sqlite://") && !strings.HasPrefix(c.DB, "postgres://") && !strings.HasPrefix(c.DB, "postgresql://") {
		errs = append(errs, errors.New("--db must start with sqlite:// or postgres://"))
	}
	return errors.Join(errs...)
}

// envErrors collects unparseable environment values.
type envErrors struct{ errs []error }

func (e *envErrors) err() error { return errors.Join(e.errs...) }

func (e *envErrors) duration(name string, def time.Duration) time.Duration {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		e.errs = append(e.errs, fmt.Errorf("%s: %q is not a duration such as 24h", name, v))
		return def
	}
	return d
}

func (e *envErrors) int64(name string, def int64) int64 {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		e.errs = append(e.errs, fmt.Errorf("%s: %q is not a whole number", name, v))
		return def
	}
	return n
}

func (e *envErrors) float(name string, def float64) float64 {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil {
		e.errs = append(e.errs, fmt.Errorf("%s: %q is not a number", name, v))
		return def
	}
	return n
}

func envString(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

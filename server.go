package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/coder/websocket"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/vigil-soc/vigil/broker"
	"github.com/vigil-soc/vigil/correlate"
	"github.com/vigil-soc/vigil/demo"
	"github.com/vigil-soc/vigil/frontend"
	"github.com/vigil-soc/vigil/graph"
	"github.com/vigil-soc/vigil/graph/generated"
	"github.com/vigil-soc/vigil/ingest"
	"github.com/vigil-soc/vigil/store"
)

// Server is the console: the HTTP API, GraphQL, the SPA and the correlation
// job over one database. `vigil serve` and the tests build it with
// newServer.
type Server struct {
	cfg      Config
	log      *slog.Logger
	db       *store.DB
	broker   eventBroker
	job      *correlate.Job
	ingester *ingest.Ingester
	handler  http.Handler

	stop    context.CancelFunc // ends the background work and every request context
	baseCtx context.Context
	wg      sync.WaitGroup
}

// eventBroker is a broker.Broker that counts its subscribers.
type eventBroker interface {
	broker.Broker
	Subscribers() int
	Dropped() int64
}

// newServer opens and migrates the database and wires the parts together.
// Nothing runs until Start.
func newServer(ctx context.Context, cfg Config, log *slog.Logger) (*Server, error) {
	db, err := store.OpenWith(ctx, cfg.DB, store.Options{Driver: cfg.wrapDriver})
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, log: log, db: db, broker: broker.NewMemory(1024)}
	if db.Postgres() {
		// Several vigil processes may share the database: events travel
		// through it, so each process's subscribers see all incidents.
		pb, err := broker.NewPostgres(ctx, db.SQL, cfg.DB, 1024, log)
		if err != nil {
			db.Close()
			return nil, err
		}
		s.broker = pb
	}
	s.baseCtx, s.stop = context.WithCancel(context.Background())
	s.job = correlate.NewJob(db, s.broker, cfg.correlation(), log)
	s.ingester = ingest.New(db, ingest.Options{OnCommit: s.job.Schedule})
	s.handler = s.routes()
	return s, nil
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /metrics", s.metrics)
	mux.Handle("/api/alerts", ingest.Handler(s.ingester, s.cfg.MaxBody, s.log))
	mux.Handle("/api/", http.NotFoundHandler())
	mux.Handle("/graphql", limitBody(s.graphql(), s.cfg.MaxBody))
	mux.Handle("/", frontend.Handler())
	return securityHeaders(mux)
}

func (s *Server) graphql() http.Handler {
	srv := handler.New(generated.NewExecutableSchema(generated.Config{
		Resolvers: &graph.Resolver{Deps: graph.Deps{
			Client:   s.db.Client,
			Ingester: s.ingester,
			Broker:   s.broker,
			Schedule: s.job.Schedule,
			Backlog:  s.job.Backlog,
			Rule:     s.cfg.correlation().ResolvedRule(),
		}},
		Complexity: graph.Complexity(),
	}))
	srv.AddTransport(transport.Websocket{
		Implementation: transport.CoderWebsocketImplementation{
			AcceptOptions: websocket.AcceptOptions{OriginPatterns: s.cfg.AllowedOrigins},
		},
		PingPongInterval: 20 * time.Second,
		InitTimeout:      10 * time.Second,
	})
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.SSE{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	// Validation compares the fields of a selection pairwise: a few
	// thousand tokens already take a second, so a query may not have more.
	srv.SetParserTokenLimit(graph.MaxTokens)
	srv.AroundFields(graph.PageLimits)
	srv.Use(extension.Introspection{})
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	srv.Use(extension.FixedComplexityLimit(s.cfg.ComplexityLimit))
	srv.Use(graph.Transactioner{Transactioner: entgql.Transactioner{TxOpener: s.db.Client}})
	srv.SetErrorPresenter(graph.ErrorPresenter(s.log))
	srv.SetRecoverFunc(graph.Recover(s.log))
	return srv
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := s.db.Ping(ctx); err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, "database unavailable")
		return
	}
	fmt.Fprintln(w, "ok")
}

// metrics serves a few gauges in the Prometheus text format.
func (s *Server) metrics(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	fmt.Fprintf(w, "# HELP vigil_correlation_backlog Resources waiting to be correlated.\n# TYPE vigil_correlation_backlog gauge\nvigil_correlation_backlog %d\n", s.job.Backlog())
	fmt.Fprintf(w, "# HELP vigil_subscriptions Open incident subscriptions.\n# TYPE vigil_subscriptions gauge\nvigil_subscriptions %d\n", s.broker.Subscribers())
	fmt.Fprintf(w, "# HELP vigil_subscriptions_dropped_total Subscriptions dropped for falling behind.\n# TYPE vigil_subscriptions_dropped_total counter\nvigil_subscriptions_dropped_total %d\n", s.broker.Dropped())
}

// Start runs the correlation job in the background, schedules every stored
// resource once (so that nothing ingested before a restart stays
// uncorrelated), and with --demo loads the sample alerts into an empty
// database.
func (s *Server) Start(ctx context.Context) error {
	if s.cfg.Demo {
		n, err := demo.Load(ctx, s.db, s.ingester)
		switch {
		case errors.Is(err, demo.ErrNotEmpty):
			s.log.Info("not loading the demo alerts", "reason", err.Error())
		case err != nil:
			return fmt.Errorf("loading the demo alerts: %w", err)
		default:
			s.log.Info("loaded the demo alerts", "alerts", n)
		}
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.job.Run(s.baseCtx)
	}()
	keys, err := s.db.Client.Resource.Query().Select("key").Strings(ctx)
	if err != nil {
		return fmt.Errorf("listing resources: %w", err)
	}
	s.job.Schedule(keys...)
	return nil
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.handler }

// Close stops the background work, ends the subscriptions and closes the
// database.
func (s *Server) Close() error {
	s.broker.Close()
	s.stop()
	s.wg.Wait()
	return s.db.Close()
}

// ListenAndServe serves on cfg.Addr until ctx ends, then shuts down
// gracefully: the listener closes, in-flight requests finish (up to
// cfg.ShutdownTimeout), subscriptions are closed.
func (s *Server) ListenAndServe(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return err
	}
	hs := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return s.baseCtx },
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	s.log.Info("vigil is serving", "url", "http://"+ln.Addr().String(), "db", store.Redact(s.cfg.DB))
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	s.broker.Close() // ends every subscription, so websockets close
	err = hs.Shutdown(sctx)
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return err
}

// limitBody reads a request body of at most limit bytes before next sees
// it, and answers 413 to a longer one, as POST /api/alerts does.
func limitBody(next http.Handler, limit int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusRequestEntityTooLarge)
			fmt.Fprintf(w, `{"errors":[{"message":"request body larger than %d bytes","extensions":{"code":"BAD_USER_INPUT"}}],"data":null}`+"\n", limit)
			return
		case err != nil:
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

// securityHeaders sets the headers every response carries.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

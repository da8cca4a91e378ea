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

	"encoding/json"
	"strings"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/coder/websocket"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/vigil-soc/vigil/auth"
	"github.com/vigil-soc/vigil/authz"
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
	auth     *auth.Service
	handler  http.Handler

	// firstLogin says how to log in the first time, printed with the URL
	// once the server listens; set when Start created the first admin.
	firstLogin string

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
	s.ingester = ingest.New(db, ingest.Options{OnChange: s.job.ScheduleAlerts})
	authOpts := cfg.Auth
	authOpts.SessionTTL = cfg.SessionTTL
	s.auth = auth.New(db.Client, authOpts, log)
	s.handler = s.routes()
	return s, nil
}

func (s *Server) routes() http.Handler {
	// Open: /healthz, the login endpoint and the console's static files.
	// Everything else needs a token or a session (auth.Authenticate puts
	// the viewer in the context; auth.Require checks the role).
	a := s.auth
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.Handle("/api/login", a.LoginHandler())
	mux.Handle("/api/logout", a.LogoutHandler())
	mux.Handle("GET /api/session", a.SessionHandler())
	mux.Handle("GET /metrics", a.Authenticate(a.Require(authz.Reader, http.HandlerFunc(s.metrics))))
	mux.Handle("/api/alerts", a.Authenticate(a.Require(authz.Ingest,
		rateLimit(s.cfg.IngestRate, ingest.Handler(s.ingester, s.cfg.MaxBody, s.log)))))
	mux.Handle("/api/", http.NotFoundHandler())
	mux.Handle("/graphql", a.Authenticate(s.requireGraphQL(limitBody(s.graphql(), s.cfg.MaxBody))))
	mux.Handle("/", frontend.Handler())
	return securityHeaders(mux)
}

// requireGraphQL lets readers, responders and admins use /graphql. A
// websocket upgrade without credentials goes on: its connection_init
// payload must carry them (wsInit). Refusals are GraphQL-shaped.
func (s *Server) requireGraphQL(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := authz.FromContext(r.Context())
		upgrade := strings.EqualFold(r.Header.Get("Upgrade"), "websocket")
		switch {
		case v == nil && upgrade && auth.Refusal(r.Context()) == "authentication required":
		case v == nil:
			w.Header().Set("WWW-Authenticate", `Bearer realm="vigil"`)
			graphqlError(w, http.StatusUnauthorized, graph.CodeUnauthenticated, auth.Refusal(r.Context()))
			return
		case !v.Can(authz.Reader):
			s.auth.Audit(r.Context(), "access.denied", r.Method+" "+r.URL.Path, "role "+string(v.Role), auth.Address(r))
			graphqlError(w, http.StatusForbidden, graph.CodeForbidden, fmt.Sprintf("role %s may not use /graphql", v.Role))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// wsInit authenticates a websocket's connection_init: a Bearer token in
// its payload ({"Authorization": "Bearer …"}), else the session cookie or
// header the upgrade request carried. Refused with close code 4403.
func (s *Server) wsInit(ctx context.Context, p transport.InitPayload) (context.Context, *transport.InitPayload, error) {
	refuse := func(msg string) (context.Context, *transport.InitPayload, error) {
		ctx = transport.WithWebsocketCloseCode(ctx, 4403)
		return transport.AppendCloseReason(ctx, "Forbidden"), nil, errors.New(msg)
	}
	v := authz.FromContext(ctx)
	if h := p.Authorization(); h != "" {
		secret, ok := auth.Bearer(h)
		if !ok {
			return refuse(`Authorization must be "Bearer TOKEN"`)
		}
		tv, err := s.auth.TokenViewer(ctx, secret, "")
		if err != nil {
			return refuse(auth.ErrBadToken.Error())
		}
		v = tv
	}
	switch {
	case v == nil:
		return refuse("authentication required")
	case !v.Can(authz.Reader):
		return refuse(fmt.Sprintf("role %s may not use /graphql", v.Role))
	}
	return authz.NewContext(ctx, v), nil, nil
}

func graphqlError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"errors": []any{map[string]any{"message": msg, "extensions": map[string]string{"code": code}}}})
}

func (s *Server) graphql() http.Handler {
	srv := handler.New(generated.NewExecutableSchema(generated.Config{
		Resolvers: &graph.Resolver{Deps: graph.Deps{
			Client:   s.db.Client,
			Auth:     s.auth,
			Ingester: s.ingester,
			Broker:   s.broker,
			Schedule: s.job.ScheduleWork,
			Backlog:  s.job.Backlog,
			Rule:     s.cfg.correlation().ResolvedRule(),
		}},
		Complexity: graph.Complexity(),
		Directives: generated.DirectiveRoot{Requires: graph.Requires},
	}))
	srv.AddTransport(transport.Websocket{
		Implementation: transport.CoderWebsocketImplementation{
			AcceptOptions: websocket.AcceptOptions{OriginPatterns: s.cfg.AllowedOrigins},
		},
		PingPongInterval: 20 * time.Second,
		InitTimeout:      10 * time.Second,
		InitFunc:         s.wsInit,
	})
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.SSE{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(graph.OneShot(transport.POST{}))
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	// Validation compares the fields of a selection pairwise: a few
	// thousand tokens already take a second, so a query may not have more.
	srv.SetParserTokenLimit(graph.MaxTokens)
	srv.AroundFields(graph.PageLimits)
	srv.AroundFields(graph.FilterLimits)
	srv.Use(graph.VariableLimits{})
	srv.Use(extension.Introspection{})
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	srv.Use(graph.FieldLimit{Max: graph.MaxExpandedFields}) // before the complexity limit: see FieldLimit
	srv.Use(extension.FixedComplexityLimit(s.cfg.ComplexityLimit))
	srv.Use(graph.DepthLimit{Max: s.cfg.MaxDepth})
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
	rounds, resources, cross := s.job.Spent()
	fmt.Fprintf(w, "# HELP vigil_correlation_rounds_total Rounds of per-resource correlation run (each: the resources due then; their cross-resource pass runs alongside the next round).\n# TYPE vigil_correlation_rounds_total counter\nvigil_correlation_rounds_total %d\n", rounds)
	fmt.Fprintf(w, "# HELP vigil_correlation_seconds_total Time spent correlating, by pass.\n# TYPE vigil_correlation_seconds_total counter\nvigil_correlation_seconds_total{pass=\"resource\"} %.6f\nvigil_correlation_seconds_total{pass=\"cross\"} %.6f\n", resources.Seconds(), cross.Seconds())
	fmt.Fprintf(w, "# HELP vigil_subscriptions Open incident subscriptions.\n# TYPE vigil_subscriptions gauge\nvigil_subscriptions %d\n", s.broker.Subscribers())
	fmt.Fprintf(w, "# HELP vigil_subscriptions_dropped_total Subscriptions dropped for falling behind.\n# TYPE vigil_subscriptions_dropped_total counter\nvigil_subscriptions_dropped_total %d\n", s.broker.Dropped())
}

// Start runs the correlation job in the background, schedules the
// resources whose changes the database records as not yet correlated (what
// a stop or a crash left undone: see store.PendingWork), and with --demo
// loads the sample alerts into an empty database.
func (s *Server) Start(ctx context.Context) error {
	generated, created, err := s.auth.Bootstrap(ctx, s.cfg.AdminPassword)
	if err != nil {
		return err
	}
	switch {
	case created && generated != "":
		s.firstLogin = "log in as admin with password " + generated + " (generated: shown this once; change it with vigil user passwd)"
	case created:
		s.firstLogin = "log in as admin with the password in VIGIL_ADMIN_PASSWORD"
	}
	// What a stop or a crash left undone, read before the demo alerts are
	// loaded (those are scheduled as any ingest is).
	work, err := store.PendingWork(ctx, s.db.Client)
	if err != nil {
		return err
	}
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
	s.wg.Add(2)
	go func() {
		defer s.wg.Done()
		s.job.Run(s.baseCtx)
	}()
	go func() {
		defer s.wg.Done()
		s.db.KeepStatistics(s.baseCtx, statisticsEvery, s.log)
	}()
	if len(work) > 0 {
		s.log.Info("correlating what was left undone", "resources", len(work))
	}
	s.job.ScheduleWork(work)
	return nil
}

// statisticsEvery is how often `vigil serve` and `vigil correlate` look
// for PostgreSQL tables whose statistics fell behind (store.KeepStatistics).
const statisticsEvery = 30 * time.Second

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
	scheme := "http"
	if s.cfg.TLSCert != "" {
		scheme = "https"
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
	url := scheme + "://" + ln.Addr().String()
	s.log.Info("vigil is serving", "url", url, "db", store.Redact(s.cfg.DB))
	if s.firstLogin != "" {
		// The one line that may show a secret: the generated first password.
		s.log.Info("first start: " + s.firstLogin + " at " + url + "/login")
	}
	errc := make(chan error, 1)
	go func() {
		if s.cfg.TLSCert != "" {
			errc <- hs.ServeTLS(ln, s.cfg.TLSCert, s.cfg.TLSKey)
			return
		}
		errc <- hs.Serve(ln)
	}()
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
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if r.TLS != nil {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

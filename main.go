// Command vigil is a security incident console: it ingests alerts, correlates
// them into kill-chain incidents, and serves them over GraphQL and a
// single-page app.
//
//	vigil serve [--db DSN] [--addr HOST:PORT] [--demo]
//	vigil import [--db DSN] FILE...   (- is standard input)
//	vigil correlate [--db DSN] [--rebuild]
//	vigil user add|passwd|list|remove [--db DSN] …
//	vigil token create|list|revoke [--db DSN] …
//	vigil version
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

const usage = `vigil — a security incident console

Usage:
  vigil serve [flags]          run the console (HTTP API, GraphQL, the app, correlation)
  vigil import [flags] FILE... load alert files (Defender REST, workflow/continuous export,
                               Log Analytics query JSON or CSV); - reads standard input
  vigil correlate [flags]      run correlation once over everything stored (--rebuild: from scratch)
  vigil user add|passwd|list|remove    manage the console's users (roles reader, responder, admin)
  vigil token create|list|revoke       manage API tokens (roles reader, responder, admin, ingest)
  vigil version                print the version

Run 'vigil COMMAND -h' for a command's flags.
`

// run is main without the process: it returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	cmd, args := args[0], args[1:]
	var err error
	switch cmd {
	case "serve":
		err = serveCmd(ctx, args, log, stderr)
	case "import":
		err = importCmd(ctx, args, stdin, stdout, stderr)
	case "correlate":
		err = correlateCmd(ctx, args, stdout, stderr)
	case "user", "token":
		err = identityCmd(ctx, cmd, args, stdin, stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, "vigil", version)
		return 0
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "vigil: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	var exit exitError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &exit):
		return int(exit)
	}
	fmt.Fprintln(stderr, "vigil "+cmd+":", err)
	return 1
}

// exitError is an exit status whose reason was already printed.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// parse parses a command's flags and validates the configuration.
func parse(name string, args []string, serve bool, stderr io.Writer, extra func(*flag.FlagSet)) (Config, *flag.FlagSet, error) {
	cfg := defaultConfig()
	fs := flag.NewFlagSet("vigil "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	envErrs := cfg.flags(fs, serve)
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, fs, err
		}
		return cfg, fs, exitError(2)
	}
	if err := errors.Join(envErrs.err(), cfg.validate()); err != nil {
		return cfg, fs, err
	}
	return cfg, fs, nil
}

func serveCmd(ctx context.Context, args []string, log *slog.Logger, stderr io.Writer) error {
	cfg, fs, err := parse("serve", args, true, stderr, nil)
	if err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	s, err := newServer(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Start(ctx); err != nil {
		return err
	}
	return s.ListenAndServe(ctx)
}

package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/vigil-soc/vigil/auth"
	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/store"
)

const userUsage = `Usage:
  vigil user add [--db DSN] --role reader|responder|admin [--subscriptions ID,…] NAME
  vigil user passwd [--db DSN] NAME
  vigil user list [--db DSN]
  vigil user remove [--db DSN] NAME

add and passwd read the password from the first line of standard input.
`

const tokenUsage = `Usage:
  vigil token create [--db DSN] --name NAME --role reader|responder|admin|ingest [--subscriptions ID,…] [--expires 720h]
  vigil token list [--db DSN]
  vigil token revoke [--db DSN] ID|NAME

create prints only the token on standard output: it is shown this once.
`

// cliContext acts as vigil itself, named in the audit log as the CLI.
func cliContext(ctx context.Context) context.Context {
	return authz.NewContext(ctx, &authz.Viewer{Kind: authz.KindSystem, Name: "cli", Role: authz.Admin})
}

// identityCmd runs `vigil user …` and `vigil token …`.
func identityCmd(ctx context.Context, kind string, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	usage := userUsage
	if kind == "token" {
		usage = tokenUsage
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, usage)
		if len(args) == 0 {
			return exitError(2)
		}
		return nil
	}
	sub, args := args[0], args[1:]
	var role, subs, name string
	var expires time.Duration
	cfg, fs, err := parse(kind+" "+sub, args, false, stderr, func(fs *flag.FlagSet) {
		switch kind + " " + sub {
		case "user add":
			fs.StringVar(&role, "role", "", "reader, responder or admin")
			fs.StringVar(&subs, "subscriptions", "", "comma-separated Azure subscription ids the user is limited to (default: all)")
		case "token create":
			fs.StringVar(&name, "name", "", "what the token is for")
			fs.StringVar(&role, "role", "", "reader, responder, admin or ingest")
			fs.StringVar(&subs, "subscriptions", "", "comma-separated Azure subscription ids the token is limited to (default: all)")
			fs.DurationVar(&expires, "expires", 0, "lifetime, e.g. 720h (default: until revoked)")
		}
	})
	if err != nil {
		return err
	}
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := auth.New(db.Client, auth.Options{}, nil)
	ctx = cliContext(ctx)
	arg := func() (string, error) {
		if fs.NArg() != 1 {
			return "", fmt.Errorf("name one %s (flags go before it)\n\n%s", kind, usage)
		}
		return fs.Arg(0), nil
	}
	switch kind + " " + sub {
	case "user add":
		username, err := arg()
		if err != nil {
			return err
		}
		r, err := authz.ParseRole(role)
		if err != nil {
			return fmt.Errorf("--role: %w", err)
		}
		pw, err := readPassword(stdin)
		if err != nil {
			return err
		}
		if _, err := svc.AddUser(ctx, auth.UserSpec{Username: username, Password: pw, Role: r, Subscriptions: splitList(subs)}); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "added %s (%s)\n", username, r)
	case "user passwd":
		username, err := arg()
		if err != nil {
			return err
		}
		pw, err := readPassword(stdin)
		if err != nil {
			return err
		}
		if err := svc.SetPassword(ctx, username, pw); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "changed the password of %s; their sessions ended\n", username)
	case "user list":
		users, err := svc.Users(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "USERNAME\tROLE\tSUBSCRIPTIONS\tCREATED")
		for _, u := range users {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", u.Username, u.Role, scopeText(u.Subscriptions), u.CreatedAt.UTC().Format(time.RFC3339))
		}
		return tw.Flush()
	case "user remove":
		username, err := arg()
		if err != nil {
			return err
		}
		if err := svc.RemoveUser(ctx, username); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "removed %s\n", username)
	case "token create":
		if fs.NArg() > 0 {
			return fmt.Errorf("unexpected arguments: %v", fs.Args())
		}
		r, err := authz.ParseRole(role)
		if err != nil {
			return fmt.Errorf("--role: %w", err)
		}
		spec := auth.TokenSpec{Name: name, Role: r, Subscriptions: splitList(subs)}
		if expires < 0 {
			return errors.New("--expires must be positive")
		}
		if expires > 0 {
			t := time.Now().Add(expires)
			spec.ExpiresAt = &t
		}
		secret, _, err := svc.CreateToken(ctx, spec)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, secret)
	case "token list":
		tokens, err := svc.Tokens(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tPREFIX\tROLE\tSUBSCRIPTIONS\tEXPIRES\tLAST USED\tSTATE")
		for _, t := range tokens {
			state := "active"
			switch {
			case t.RevokedAt != nil:
				state = "revoked"
			case t.ExpiresAt != nil && !time.Now().Before(*t.ExpiresAt):
				state = "expired"
			}
			fmt.Fprintf(tw, "%d\t%s\t%s…\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Name, t.Prefix, t.Role, scopeText(t.Subscriptions),
				timeText(t.ExpiresAt), timeText(t.LastUsedAt), state)
		}
		return tw.Flush()
	case "token revoke":
		ref, err := arg()
		if err != nil {
			return err
		}
		id, perr := strconv.Atoi(ref)
		if perr != nil {
			if id, err = svc.TokenByName(ctx, ref); err != nil {
				return fmt.Errorf("token %q: %w", ref, err)
			}
		}
		t, err := svc.RevokeToken(ctx, id)
		if err != nil {
			return fmt.Errorf("token %s: %w", ref, err)
		}
		fmt.Fprintf(stderr, "revoked token %d (%s)\n", t.ID, t.Name)
	default:
		return fmt.Errorf("unknown command %q\n\n%s", kind+" "+sub, usage)
	}
	return nil
}

func readPassword(stdin io.Reader) (string, error) {
	line, err := bufio.NewReader(io.LimitReader(stdin, auth.MaxPasswordLen+2)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("reading the password from standard input: %w", err)
	}
	pw := strings.TrimRight(line, "\r\n")
	if pw == "" {
		return "", errors.New("give the password on the first line of standard input")
	}
	return pw, auth.CheckPassword(pw)
}

func scopeText(subs []string) string {
	if len(subs) == 0 {
		return "all"
	}
	return strings.Join(subs, ",")
}

func timeText(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.UTC().Format(time.RFC3339)
}

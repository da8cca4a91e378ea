package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/ent/incident"
	"github.com/vigil-soc/vigil/ent/resource"
	"github.com/vigil-soc/vigil/store"
	"github.com/vigil-soc/vigil/store/storetest"
)

// runCLI runs the command line as main does and returns the exit status and
// what it printed.
func runCLI(t *testing.T, ctx context.Context, stdin io.Reader, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var out, errOut bytes.Buffer
	code = run(ctx, args, stdin, &out, &errOut)
	return code, out.String(), errOut.String()
}

var incidentsCreated = regexp.MustCompile(`(\d+) incidents created`)

// createdCount reads "N incidents created" from a command's output.
func createdCount(t *testing.T, out string) int {
	t.Helper()
	m := incidentsCreated.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no %q in %q", incidentsCreated, out)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func TestCLIImportAndCorrelate(t *testing.T) {
	rows := alertList(t)
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		ctx := authz.System(context.Background())
		var firstCreated int

		t.Run("import alertlist.csv prints 189 accepted and exits 0", func(t *testing.T) {
			code, out, errOut := runCLI(t, context.Background(), nil, "import", "--db", dsn, alertListCSV)
			want := alertListCSV + ": " + strconv.Itoa(len(rows)) + " accepted, 0 updated, 0 duplicates, 0 rejected"
			if code != 0 || !strings.Contains(out, want) {
				t.Fatalf("exit %d, stdout %q, stderr %q; want 0 and %q", code, out, errOut, want)
			}
			if firstCreated = createdCount(t, out); firstCreated < 2 {
				t.Errorf("%d incidents created, want at least vm1's and MSTICAlertsWin1's", firstCreated)
			}
		})
		t.Run("importing it again prints 189 duplicates and creates no incident", func(t *testing.T) {
			code, out, errOut := runCLI(t, context.Background(), nil, "import", "--db", dsn, alertListCSV)
			want := ": 0 accepted, 0 updated, " + strconv.Itoa(len(rows)) + " duplicates, 0 rejected"
			if code != 0 || !strings.Contains(out, want) {
				t.Fatalf("exit %d, stdout %q, stderr %q; want 0 and %q", code, out, errOut, want)
			}
			if n := createdCount(t, out); n != 0 {
				t.Errorf("%d incidents created by a second import", n)
			}
		})
		t.Run("import - reads the 2022 REST example from standard input", func(t *testing.T) {
			code, out, errOut := runCLI(t, context.Background(), bytes.NewReader(readFile(t, rest2022)), "import", "--db", dsn, "-")
			if want := "-: 1 accepted, 1 updated, 0 duplicates, 0 rejected"; code != 0 || !strings.Contains(out, want) {
				t.Fatalf("exit %d, stdout %q, stderr %q; want 0 and %q", code, out, errOut, want)
			}
		})
		t.Run("import of a file that does not exist exits non-zero and names it", func(t *testing.T) {
			missing := filepath.Join(t.TempDir(), "no-such-alerts.json")
			code, out, errOut := runCLI(t, context.Background(), nil, "import", "--db", dsn, missing)
			if code == 0 || !strings.Contains(errOut, missing) {
				t.Errorf("exit %d, stdout %q, stderr %q; want non-zero naming %s", code, out, errOut, missing)
			}
		})
		t.Run("import of a file that does not parse exits non-zero, the good file is still stored", func(t *testing.T) {
			bad := filepath.Join(t.TempDir(), "broken.json")
			if err := os.WriteFile(bad, readFile(t, rest2022)[:500], 0o600); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := runCLI(t, context.Background(), nil, "import", "--db", dsn, bad, alertListCSV)
			if code == 0 || !strings.Contains(errOut, bad) || !strings.Contains(out, alertListCSV+": 0 accepted") {
				t.Errorf("exit %d, stdout %q, stderr %q; want non-zero naming %s, and the CSV's summary", code, out, errOut, bad)
			}
		})
		t.Run("import with no file exits non-zero", func(t *testing.T) {
			if code, out, errOut := runCLI(t, context.Background(), nil, "import", "--db", dsn); code == 0 {
				t.Errorf("exit 0, stdout %q, stderr %q", out, errOut)
			}
		})
		t.Run("correlate --rebuild --dry-run under a stricter rule tells what it would remove and writes nothing", func(t *testing.T) {
			// Every incident of the file has fewer than ten distinct tactics.
			rules := filepath.Join(t.TempDir(), "rules.yaml")
			if err := os.WriteFile(rules, []byte("name: strict\nversion: 2\nminTactics: 10\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := runCLI(t, context.Background(), nil, "correlate", "--db", dsn, "--rules", rules, "--rebuild", "--dry-run")
			want := "rule strict v2 "
			removed := fmt.Sprintf("0 incidents created, 0 merged, 0 grown, 0 unchanged, %d removed", firstCreated)
			if code != 0 || !strings.Contains(out, want) || !strings.Contains(out, removed) || !strings.Contains(out, "dry run") {
				t.Fatalf("exit %d, stdout %q, stderr %q; want %q and %q", code, out, errOut, want, removed)
			}
			db, err := store.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if n := db.Client.Incident.Query().CountX(ctx); n != firstCreated {
				t.Errorf("%d incidents stored after a dry run, want the %d of before", n, firstCreated)
			}
		})
		t.Run("correlate with a bad rules file names the field", func(t *testing.T) {
			rules := filepath.Join(t.TempDir(), "rules.yaml")
			if err := os.WriteFile(rules, []byte("name: x\nwindow: soon\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := runCLI(t, context.Background(), nil, "correlate", "--db", dsn, "--rules", rules)
			if code == 0 || !strings.Contains(errOut, "field window") {
				t.Errorf("exit %d, stdout %q, stderr %q; want non-zero naming field window", code, out, errOut)
			}
		})
		t.Run("correlate --rebuild of unchanged data and rules keeps every incident", func(t *testing.T) {
			code, out, errOut := runCLI(t, context.Background(), nil, "correlate", "--db", dsn, "--rebuild")
			if code != 0 {
				t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
			}
			// The REST example's alert on its vm1 is alone: no incident.
			if want := fmt.Sprintf("0 incidents created, 0 merged, 0 grown, %d unchanged, 0 removed", firstCreated); !strings.Contains(out, want) {
				t.Errorf("rebuild printed %q, want %q", out, want)
			}
			db, err := store.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			for _, name := range []string{"vm1", "MSTICAlertsWin1"} {
				n, err := db.Client.Incident.Query().Where(incident.HasResourceWith(resource.Name(name))).Count(ctx)
				if err != nil || n != 1 {
					t.Errorf("%d incidents on %s after the rebuild (%v), want 1", n, name, err)
				}
			}
			total, err := db.Client.Incident.Query().Count(ctx)
			if err != nil || total != firstCreated {
				t.Errorf("%d incidents stored after the rebuild (%v), want the %d it printed", total, err, firstCreated)
			}
		})
	})
}

func TestCLICommands(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		code       int
		stdout     string // printed on standard output, "" for anything
		stderr     string // printed on standard error, "" for anything
		notStderr  string // never printed on standard error
		shortCtx   bool   // run under a 10 s context
		mustReturn time.Duration
	}{
		{name: "version prints the version", args: []string{"version"}, code: 0, stdout: "vigil " + version + "\n"},
		{name: "--version prints the version", args: []string{"--version"}, code: 0, stdout: "vigil " + version + "\n"},
		{name: "help prints the usage", args: []string{"help"}, code: 0, stdout: "vigil serve"},
		{name: "no command exits 2 with the usage", args: nil, code: 2, stderr: "Usage:"},
		{name: "an unknown command exits 2", args: []string{"frobnicate"}, code: 2, stderr: `unknown command "frobnicate"`},
		{name: "an unknown flag exits 2", args: []string{"import", "--no-such-flag", "x.json"}, code: 2, stderr: "no-such-flag"},
		{name: "a --db of another kind exits 1", args: []string{"correlate", "--db", "mysql://root@localhost/vigil"}, code: 1, stderr: "--db must start with"},
		{name: "serve with a PostgreSQL host that does not resolve fails fast",
			args: []string{"serve", "--addr", "127.0.0.1:0", "--db", "postgres://vigil:s3cret-pw@db.invalid:5432/vigil?sslmode=disable"},
			code: 1, stderr: "does not answer", notStderr: "s3cret-pw", shortCtx: true, mustReturn: 10 * time.Second},
		{name: "serve with a PostgreSQL port that refuses fails fast",
			args: []string{"serve", "--addr", "127.0.0.1:0", "--db", "postgres://vigil:s3cret-pw@127.0.0.1:1/vigil?sslmode=disable"},
			code: 1, stderr: "does not answer", notStderr: "s3cret-pw", shortCtx: true, mustReturn: 10 * time.Second},
		{name: "serve with a password that is not URL-escaped fails without showing it",
			args: []string{"serve", "--addr", "127.0.0.1:0", "--db", "postgres://vigil:s3cret%zz-pw@127.0.0.1:1/vigil?sslmode=disable"},
			code: 1, stderr: `not a valid URL (URL-escape the password's special characters: %25 for %, %20 for a space, %40 for @): invalid URL escape "%zz"`, notStderr: "s3cret", shortCtx: true, mustReturn: 10 * time.Second},
		{name: "serve with a space in the password fails without showing it",
			args: []string{"serve", "--addr", "127.0.0.1:0", "--db", "postgres://vigil:s3cret pw@127.0.0.1:1/vigil?sslmode=disable"},
			code: 1, stderr: "not a valid URL", notStderr: "s3cret", shortCtx: true, mustReturn: 10 * time.Second},
		{name: "serve with unexpected arguments exits 1", args: []string{"serve", "--db", "sqlite://x.db", "extra"}, code: 1, stderr: "unexpected arguments"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := authz.System(context.Background())
			if tc.shortCtx {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, 10*time.Second)
				defer cancel()
			}
			start := time.Now()
			code, out, errOut := runCLI(t, context.Background(), nil, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d (stdout %q, stderr %q)", code, tc.code, out, errOut)
			}
			if tc.stdout != "" && !strings.Contains(out, tc.stdout) {
				t.Errorf("stdout %q, want %q", out, tc.stdout)
			}
			if tc.stderr != "" && !strings.Contains(errOut, tc.stderr) {
				t.Errorf("stderr %q, want %q", errOut, tc.stderr)
			}
			if tc.notStderr != "" && strings.Contains(errOut, tc.notStderr) {
				t.Errorf("stderr %q shows %q", errOut, tc.notStderr)
			}
			if tc.mustReturn > 0 && time.Since(start) >= tc.mustReturn {
				t.Errorf("returned after %s, want within %s", time.Since(start), tc.mustReturn)
			}
		})
	}
}

package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/store/storetest"
)

// TestUserAndTokenCommands: the CLI manages users and tokens on the
// database; token create prints only the token, which then works.
func TestUserAndTokenCommands(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		code, out, errOut := runCLI(t, ctx, nil, "token", "create", "--db", dsn, "--name", "pipeline", "--role", "ingest", "--expires", "24h")
		if code != 0 || !regexp.MustCompile(`^vigil_[A-Za-z0-9_-]{43}\n$`).MatchString(out) {
			t.Fatalf("token create: exit %d, stdout %q (want only the token), stderr %q", code, out, errOut)
		}
		secret := strings.TrimSpace(out)
		code, out, _ = runCLI(t, ctx, nil, "token", "list", "--db", dsn)
		if code != 0 || !strings.Contains(out, "pipeline") || !strings.Contains(out, secret[:12]+"…") || strings.Contains(out, secret) ||
			!strings.Contains(out, "ingest") || !strings.Contains(out, "active") {
			t.Errorf("token list: exit %d\n%s", code, out)
		}
		if code, _, errOut := runCLI(t, ctx, strings.NewReader("short\n"), "user", "add", "--db", dsn, "--role", "reader", "ana"); code == 0 ||
			!strings.Contains(errOut, "10 to 1024 characters") {
			t.Errorf("user add with a short password: exit %d, %q", code, errOut)
		}
		if code, _, errOut := runCLI(t, ctx, strings.NewReader("a long enough password\n"), "user", "add", "--db", dsn, "--role", "root", "ana"); code == 0 ||
			!strings.Contains(errOut, "unknown role") {
			t.Errorf("user add with role root: exit %d, %q", code, errOut)
		}
		if code, _, errOut := runCLI(t, ctx, strings.NewReader("a long enough password\n"), "user", "add", "--db", dsn, "--role", "responder",
			"--subscriptions", "20FF7FC3-E762-44DD-BD96-B71116DCDC23", "ana"); code != 0 {
			t.Fatalf("user add: exit %d, %q", code, errOut)
		}
		code, out, _ = runCLI(t, ctx, nil, "user", "list", "--db", dsn)
		if code != 0 || !regexp.MustCompile(`ana\s+responder\s+20ff7fc3-e762-44dd-bd96-b71116dcdc23`).MatchString(out) {
			t.Errorf("user list: exit %d\n%s", code, out)
		}
		if code, _, errOut := runCLI(t, ctx, strings.NewReader("a new long password\n"), "user", "passwd", "--db", dsn, "ana"); code != 0 {
			t.Errorf("user passwd: exit %d %q", code, errOut)
		}
		if code, _, errOut := runCLI(t, ctx, nil, "user", "remove", "--db", dsn, "nobody"); code == 0 || !strings.Contains(errOut, "no such user") {
			t.Errorf("user remove nobody: exit %d %q", code, errOut)
		}

		// The token works on a server over the same database, until revoked.
		ts := startServer(t, dsn)
		if status, body := ts.as(secret).post(t, "/api/alerts", "application/json", chain(t, "vm-cli", time.Now())); status != http.StatusOK {
			t.Errorf("POST /api/alerts with the ingest token: %d %s", status, body)
		}
		if status, _ := ts.as(secret).post(t, "/graphql", "application/json", []byte(`{"query":"{ incidents { totalCount } }"}`)); status != http.StatusForbidden {
			t.Errorf("GraphQL with the ingest token: %d, want 403", status)
		}
		if code, _, errOut := runCLI(t, ctx, nil, "token", "revoke", "--db", dsn, "pipeline"); code != 0 {
			t.Fatalf("token revoke: exit %d %q", code, errOut)
		}
		if status, _ := ts.as(secret).post(t, "/api/alerts", "application/json", chain(t, "vm-cli", time.Now())); status != http.StatusUnauthorized {
			t.Errorf("POST /api/alerts with the revoked token: %d, want 401", status)
		}
		code, out, _ = runCLI(t, ctx, nil, "token", "list", "--db", dsn)
		if !strings.Contains(out, "revoked") {
			t.Errorf("token list after revoke:\n%s", out)
		}
	})
}

// TestFirstStartPrintsTheLogin: `vigil serve` on an empty database creates
// admin with a generated password and prints it once with the URL; the
// password logs in. A second start prints no password.
func TestFirstStartPrintsTheLogin(t *testing.T) {
	dsn := storetest.SQLite(t)
	t.Setenv("VIGIL_ADMIN_PASSWORD", "")
	serveOnce := func(first bool) string {
		addr := freeAddr(t)
		ctx, stop := context.WithCancel(context.Background())
		var stderr syncBuffer
		exit := make(chan int, 1)
		go func() {
			exit <- run(ctx, []string{"serve", "--db", dsn, "--addr", addr, "--demo"}, strings.NewReader(""), io.Discard, &stderr)
		}()
		eventually(t, 30*time.Second, "serve to listen", func() bool { return strings.Contains(stderr.String(), "vigil is serving") })
		logs := stderr.String()
		if first && strings.Contains(logs, "left undone") {
			// The demo alerts just loaded are scheduled as any ingest is.
			t.Errorf("the first start reports work left undone: %s", logs)
		}
		m := regexp.MustCompile(`log in as admin with password (\S+) .* at (http://\S+/login)`).FindStringSubmatch(logs)
		if m != nil {
			body, _ := json.Marshal(map[string]string{"username": "admin", "password": m[1]})
			resp, err := http.Post(strings.TrimSuffix(m[2], "/login")+"/api/login", "application/json", bytes.NewReader(body))
			if err != nil || resp.StatusCode != http.StatusOK {
				t.Errorf("logging in with the printed password: %v %v", resp, err)
			} else {
				resp.Body.Close()
			}
		}
		stop()
		<-exit
		if m == nil {
			return ""
		}
		return m[1]
	}
	if pw := serveOnce(true); len(pw) < 10 {
		t.Fatalf("the first start printed no usable password")
	}
	if pw := serveOnce(false); pw != "" {
		t.Errorf("the second start printed a password again")
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestIngestRateLimit: a token gets bursts of twice the rate, then 429
// with Retry-After; another token is not affected.
func TestIngestRateLimit(t *testing.T) {
	ts := startServer(t, storetest.SQLite(t), func(c *Config) { c.IngestRate = 1 })
	body := []byte(`[]`)
	for i := 0; i < 2; i++ {
		if status, out := ts.post(t, "/api/alerts", "application/json", body); status == http.StatusTooManyRequests {
			t.Fatalf("request %d within the burst: %d %s", i+1, status, out)
		}
	}
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/alerts", bytes.NewReader(body))
	ts.authorize(req)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "1" {
		t.Errorf("third request: %d Retry-After %q, want 429 and 1", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	other := ts.as(ts.newToken(t, "other", "ingest"))
	if status, out := other.post(t, "/api/alerts", "application/json", body); status != http.StatusOK {
		t.Errorf("another token: %d %s", status, out)
	}
}

// TestDepthLimit: an operation nested deeper than --max-depth is refused
// before it runs; the console's deepest queries fit.
func TestDepthLimit(t *testing.T) {
	ts := startServer(t, storetest.SQLite(t), func(c *Config) { c.MaxDepth = 6 })
	deep := `{ incidents { edges { node { alerts { edges { node { resource { name } } } } } } } }` // 8 levels
	errs := ts.graphql(t, deep, nil, nil)
	if len(errs) != 1 || errs[0].code() != "BAD_USER_INPUT" || !strings.Contains(errs[0].Message, "at most 6") {
		t.Errorf("deep query: %+v, want BAD_USER_INPUT naming the limit", errs)
	}
	cyclic := `query { ...A } fragment A on Query { incidents { edges { node { id } } } }`
	if errs := ts.graphql(t, cyclic, nil, nil); len(errs) != 0 {
		t.Errorf("a query within the limit through a fragment: %+v", errs)
	}
}

// TestTLS: with --tls-cert and --tls-key, serve answers HTTPS; the session
// cookie is Secure and HSTS is sent.
func TestTLS(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	pool := writeSelfSigned(t, certFile, keyFile)
	addr := freeAddr(t)
	t.Setenv("VIGIL_ADMIN_PASSWORD", adminPassword)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	var stderr syncBuffer
	exit := make(chan int, 1)
	go func() {
		exit <- run(ctx, []string{"serve", "--db", storetest.SQLite(t), "--addr", addr, "--tls-cert", certFile, "--tls-key", keyFile},
			strings.NewReader(""), io.Discard, &stderr)
	}()
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}, Timeout: 10 * time.Second}
	base := "https://" + addr
	eventually(t, 30*time.Second, "serve to answer HTTPS", func() bool {
		resp, err := client.Get(base + "/healthz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == 200 && resp.Header.Get("Strict-Transport-Security") != ""
	})
	body, _ := json.Marshal(map[string]string{"username": "admin", "password": adminPassword})
	resp, err := client.Post(base+"/api/login", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if c := resp.Cookies(); resp.StatusCode != 200 || len(c) != 1 || !c[0].Secure {
		t.Errorf("login over TLS: %d, cookies %+v, want one Secure cookie", resp.StatusCode, c)
	}
	if !strings.Contains(stderr.String(), "url=https://") {
		t.Errorf("the log does not show the https URL:\n%s", stderr.String())
	}
	stop()
	if code := <-exit; code != 0 {
		t.Errorf("serve exited %d\n%s", code, stderr.String())
	}
	// A key that does not match is refused at start.
	otherKey := filepath.Join(dir, "other.pem")
	writeSelfSigned(t, filepath.Join(dir, "other-cert.pem"), otherKey)
	code, _, errOut := runCLI(t, context.Background(), nil, "serve", "--db", storetest.SQLite(t), "--tls-cert", certFile, "--tls-key", otherKey)
	if code == 0 || !strings.Contains(errOut, "--tls-cert/--tls-key") {
		t.Errorf("mismatched key: exit %d %q", code, errOut)
	}
}

// writeSelfSigned writes a certificate for 127.0.0.1 and its key, and
// returns a pool that trusts it.
func writeSelfSigned(t *testing.T, certFile, keyFile string) *x509.CertPool {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "vigil test"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, _ := x509.MarshalECPrivateKey(key)
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	cert, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return pool
}

// TestLoginRefusesMalformedInput: the login endpoint answers every
// malformed body with 400 and a JSON error, never a 5xx, and opens no
// session.
func TestLoginRefusesMalformedInput(t *testing.T) {
	ts := startServer(t, storetest.SQLite(t), func(c *Config) { c.AdminPassword = adminPassword })
	cases := map[string]string{
		"not JSON":               `username=admin&password=x`,
		"truncated":              `{"username": "admin", "password": "corr`,
		"wrong types":            `{"username": ["admin"], "password": 12}`,
		"unknown field":          `{"username": "admin", "password": "` + adminPassword + `", "role": "admin"}`,
		"empty password":         `{"username": "admin", "password": ""}`,
		"missing username":       `{"password": "` + adminPassword + `"}`,
		"over 8 KiB":             `{"username": "admin", "password": "` + strings.Repeat("x", 9000) + `"}`,
		"deep nesting":           strings.Repeat("[", 10000),
		"two objects":            `{"username": "admin", "password": "x"}{"username": "admin"}`,
		"invalid UTF-8 username": "{\"username\": \"adm\xffin\", \"password\": \"x\"}",
	}
	for name, body := range cases {
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/login", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		out, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var e struct{ Error string }
		if resp.StatusCode >= 500 || resp.StatusCode == 200 || json.Unmarshal(out, &e) != nil || e.Error == "" || len(resp.Cookies()) > 0 {
			t.Errorf("%s: %d %s, want a 4xx JSON error and no cookie", name, resp.StatusCode, out)
		}
	}
	if got, _, _ := ts.login(t, "admin", adminPassword, nil); got != http.StatusOK {
		t.Errorf("the right password after the malformed bodies: %d", got)
	}
}

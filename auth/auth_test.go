package auth

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/store/storetest"
)

func TestPasswordHash(t *testing.T) {
	h, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not argon2id with the stored parameters", h)
	}
	if ok, err := VerifyPassword(h, "correct horse battery"); !ok || err != nil {
		t.Errorf("the right password: %t %v", ok, err)
	}
	if ok, _ := VerifyPassword(h, "correct horse batterY"); ok {
		t.Error("a wrong password verified")
	}
	h2, _ := HashPassword("correct horse battery")
	if h2 == h {
		t.Error("two hashes of one password are equal: no salt")
	}
	for _, bad := range []string{"", "$argon2id$", "$argon2i$v=19$m=1,t=1,p=1$AA$AA", "$argon2id$v=19$m=99999999,t=1,p=1$AA$AA"} {
		if _, err := VerifyPassword(bad, "x"); err == nil {
			t.Errorf("malformed hash %q verified without error", bad)
		}
	}
	for _, pw := range []string{"short", strings.Repeat("x", MaxPasswordLen+1)} {
		if _, err := HashPassword(pw); err == nil {
			t.Errorf("a password of %d bytes was accepted", len(pw))
		}
	}
}

func TestThrottle(t *testing.T) {
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	th := NewThrottle(3, time.Minute, time.Second, 4*time.Second)
	th.now = func() time.Time { return now }
	for i := 0; i < 2; i++ {
		if d := th.Fail("k"); d != 0 {
			t.Fatalf("failure %d locked for %s", i+1, d)
		}
	}
	if d := th.Fail("k"); d != time.Second {
		t.Fatalf("third failure locked for %s, want 1s", d)
	}
	if d := th.Locked("k"); d != time.Second {
		t.Errorf("Locked = %s", d)
	}
	if th.Locked("other") != 0 {
		t.Error("another key is locked")
	}
	// Each further lock doubles, up to the maximum; each ends.
	for _, want := range []time.Duration{2 * time.Second, 4 * time.Second, 4 * time.Second} {
		now = now.Add(5 * time.Second)
		if th.Locked("k") != 0 {
			t.Fatal("the lockout did not end")
		}
		th.Fail("k")
		th.Fail("k")
		if d := th.Fail("k"); d != want {
			t.Errorf("next lock %s, want %s", d, want)
		}
	}
	// Failures older than the window do not count.
	now = now.Add(time.Hour)
	th.Fail("j")
	th.Fail("j")
	now = now.Add(2 * time.Minute)
	if d := th.Fail("j"); d != 0 {
		t.Errorf("failures outside the window locked for %s", d)
	}
	th.Succeed("k")
	if th.Locked("k") != 0 {
		t.Error("Succeed did not clear the key")
	}
}

func TestBootstrapAndTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		db := storetest.Open(t, dsn)
		svc := New(db.Client, Options{}, nil)
		ctx := authz.System(context.Background())
		pw, created, err := svc.Bootstrap(ctx, "")
		if err != nil || !created || len(pw) < MinPasswordLen {
			t.Fatalf("first Bootstrap: %q %t %v, want a generated password", pw, created, err)
		}
		if _, _, _, err := svc.Login(ctx, "admin", pw, "192.0.2.1"); err != nil {
			t.Errorf("logging in with the generated password: %v", err)
		}
		if pw2, created, err := svc.Bootstrap(ctx, ""); pw2 != "" || created || err != nil {
			t.Errorf("second Bootstrap: %q %t %v, want nothing", pw2, created, err)
		}
		if err := svc.RemoveUser(ctx, "admin"); err != ErrLastAdmin {
			t.Errorf("removing the last admin: %v, want ErrLastAdmin", err)
		}

		exp := time.Now().Add(time.Hour)
		secret, tok, err := svc.CreateToken(ctx, TokenSpec{Name: "ci", Role: authz.Ingest, Subscriptions: []string{" ABC ", "abc"}, ExpiresAt: &exp})
		if err != nil {
			t.Fatal(err)
		}
		if tok.Hash == secret || strings.Contains(tok.Hash, secret) || !strings.HasPrefix(secret, tok.Prefix) {
			t.Errorf("stored %+v for the secret", tok)
		}
		v, err := svc.TokenViewer(ctx, secret, "")
		if err != nil || v.Role != authz.Ingest || len(v.Subscriptions) != 1 || v.Subscriptions[0] != "abc" {
			t.Fatalf("viewer %+v %v", v, err)
		}
		if !svc.Valid(ctx, v) {
			t.Error("a fresh token is not valid")
		}
		// Just past it: PostgreSQL keeps microseconds, rounded.
		svc.now = func() time.Time { return exp.Add(time.Millisecond) }
		if _, err := svc.TokenViewer(ctx, secret, ""); err != ErrBadToken {
			t.Errorf("past its expiry: %v, want ErrBadToken", err)
		}
		svc.now = time.Now
		if _, err := svc.RevokeToken(ctx, tok.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.TokenViewer(ctx, secret, ""); err != ErrBadToken {
			t.Errorf("after revocation: %v, want ErrBadToken", err)
		}
		if svc.Valid(ctx, v) {
			t.Error("a revoked token is still valid")
		}
		if _, _, err := svc.CreateToken(ctx, TokenSpec{Name: "x", Role: "root"}); err == nil {
			t.Error("an unknown role was accepted")
		}
	})
}

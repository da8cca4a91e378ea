// Package auth is who may come in: local users with argon2id passwords,
// console sessions behind an HttpOnly cookie, API tokens for machines, the
// login throttle and the audit log. It turns a request's credentials into
// an authz.Viewer; what the viewer may then see is package authz/policy's
// business.
//
//	svc := auth.New(db.Client, auth.Options{}, log)
//	secret, tok, err := svc.CreateToken(ctx, auth.TokenSpec{Name: "pipeline", Role: authz.Ingest})
package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/ent"
	"github.com/vigil-soc/vigil/ent/session"
	"github.com/vigil-soc/vigil/ent/token"
	"github.com/vigil-soc/vigil/ent/user"
)

// Options tune the service; zero values take the defaults.
type Options struct {
	SessionTTL    time.Duration // idle time that ends a session (12h)
	SessionMaxAge time.Duration // age that ends a session however busy (7 days)
	// Login throttle: after MaxFailures failed logins for one account
	// within FailureWindow, the account is locked for Lockout, doubling
	// with each further lock up to MaxLockout. An address is locked after
	// four times as many failures.
	MaxFailures   int
	FailureWindow time.Duration
	Lockout       time.Duration
	MaxLockout    time.Duration
}

func (o *Options) defaults() {
	if o.SessionTTL <= 0 {
		o.SessionTTL = 12 * time.Hour
	}
	if o.SessionMaxAge <= 0 {
		o.SessionMaxAge = 7 * 24 * time.Hour
	}
	if o.MaxFailures <= 0 {
		o.MaxFailures = 5
	}
	if o.FailureWindow <= 0 {
		o.FailureWindow = 15 * time.Minute
	}
	if o.Lockout <= 0 {
		o.Lockout = time.Minute
	}
	if o.MaxLockout <= 0 {
		o.MaxLockout = 15 * time.Minute
	}
}

// Service manages identities on one database.
type Service struct {
	client   *ent.Client
	opts     Options
	log      *slog.Logger
	accounts *Throttle
	addrs    *Throttle
	now      func() time.Time
}

// New returns the service over client.
func New(client *ent.Client, opts Options, log *slog.Logger) *Service {
	opts.defaults()
	return &Service{
		client:   client,
		opts:     opts,
		log:      log,
		accounts: NewThrottle(opts.MaxFailures, opts.FailureWindow, opts.Lockout, opts.MaxLockout),
		addrs:    NewThrottle(4*opts.MaxFailures, opts.FailureWindow, opts.Lockout, opts.MaxLockout),
		now:      time.Now,
	}
}

// Errors of the service. Their texts are safe to show to the caller.
var (
	ErrBadLogin     = errors.New("wrong username or password")
	ErrBadToken     = errors.New("invalid, expired or revoked token")
	ErrNoSession    = errors.New("not logged in")
	ErrNotFound     = errors.New("no such user or token")
	ErrUserExists   = errors.New("a user with that name exists")
	ErrLastAdmin    = errors.New("the last unscoped admin cannot be removed or demoted")
	ErrBadUsername  = errors.New("a username has 1 to 64 letters, digits or . _ @ -")
	ErrNotPermitted = errors.New("only an admin of every subscription manages users and tokens")
)

// InputError is a caller's mistake in a user or token spec.
type InputError struct{ Msg string }

func (e *InputError) Error() string { return e.Msg }

// ThrottledError is returned by Login while the account or the address is
// locked out.
type ThrottledError struct{ RetryAfter time.Duration }

func (e *ThrottledError) Error() string {
	return fmt.Sprintf("too many failed logins, try again in %ds", int(e.RetryAfter.Round(time.Second).Seconds()))
}

// db is the client of ctx's transaction when there is one (a GraphQL
// mutation runs in one: on SQLite a second writer would wait for it
// forever), else the service's.
func (s *Service) db(ctx context.Context) *ent.Client {
	if c := ent.FromContext(ctx); c != nil {
		return c
	}
	return s.client
}

// sys is ctx acting as vigil itself, keeping the caller for the audit log.
func sys(ctx context.Context) context.Context { return authz.System(ctx) }

// CanManage reports whether v may manage users and tokens: an admin of
// every subscription (a scoped admin could otherwise mint wider tokens).
func CanManage(v *authz.Viewer) bool {
	return v != nil && v.Can(authz.Admin) && !v.Scoped()
}

func validUsername(name string) error {
	if name == "" || len(name) > 64 {
		return ErrBadUsername
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("._@-", c)) {
			return ErrBadUsername
		}
	}
	return nil
}

// UserSpec describes a user to add.
type UserSpec struct {
	Username      string
	Password      string
	Role          authz.Role
	Subscriptions []string
}

// AddUser adds a user. actor is who does it, for the audit log.
func (s *Service) AddUser(ctx context.Context, spec UserSpec) (*ent.User, error) {
	if err := validUsername(spec.Username); err != nil {
		return nil, err
	}
	if spec.Role == authz.Ingest {
		return nil, &InputError{"role ingest is for tokens: a user is reader, responder or admin"}
	}
	if _, err := authz.ParseRole(string(spec.Role)); err != nil {
		return nil, &InputError{err.Error()}
	}
	hash, err := HashPassword(spec.Password)
	if err != nil {
		return nil, err
	}
	u, err := s.db(ctx).User.Create().
		SetUsername(spec.Username).
		SetPasswordHash(hash).
		SetRole(spec.Role).
		SetSubscriptions(authz.NormalizeSubscriptions(spec.Subscriptions)).
		Save(sys(ctx))
	if ent.IsConstraintError(err) {
		return nil, ErrUserExists
	}
	if err != nil {
		return nil, err
	}
	s.Audit(ctx, "user.added", spec.Username, "role="+string(spec.Role)+scopeDetail(u.Subscriptions))
	return u, nil
}

func scopeDetail(subs []string) string {
	if len(subs) == 0 {
		return ""
	}
	return " subscriptions=" + strings.Join(subs, ",")
}

// SetPassword changes a user's password and ends their sessions.
func (s *Service) SetPassword(ctx context.Context, username, password string) error {
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	n, err := s.db(ctx).User.Update().Where(user.Username(username)).
		SetPasswordHash(hash).SetPasswordChangedAt(s.now()).Save(sys(ctx))
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	if _, err := s.db(ctx).Session.Delete().Where(session.HasUserWith(user.Username(username))).Exec(sys(ctx)); err != nil {
		return err
	}
	s.Audit(ctx, "user.password", username, "sessions ended")
	return nil
}

// Users lists the users by name.
func (s *Service) Users(ctx context.Context) ([]*ent.User, error) {
	return s.db(ctx).User.Query().Order(ent.Asc(user.FieldUsername)).All(sys(ctx))
}

// RemoveUser removes a user and their sessions. The last unscoped admin
// stays.
func (s *Service) RemoveUser(ctx context.Context, username string) error {
	ctx = sys(ctx)
	u, err := s.db(ctx).User.Query().Where(user.Username(username)).Only(ctx)
	if ent.IsNotFound(err) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	if u.Role == authz.Admin && len(u.Subscriptions) == 0 {
		admins, err := s.db(ctx).User.Query().Where(user.RoleEQ(authz.Admin)).All(ctx)
		if err != nil {
			return err
		}
		unscoped := 0
		for _, a := range admins {
			if len(a.Subscriptions) == 0 {
				unscoped++
			}
		}
		if unscoped <= 1 {
			return ErrLastAdmin
		}
	}
	if err := s.db(ctx).User.DeleteOne(u).Exec(ctx); err != nil {
		return err
	}
	s.Audit(ctx, "user.removed", username, "")
	return nil
}

// Bootstrap creates the first admin when there is no user at all: with
// password, else with a generated one, which it returns (the only time it
// is ever shown). created is false when users exist.
func (s *Service) Bootstrap(ctx context.Context, password string) (generated string, created bool, err error) {
	n, err := s.db(ctx).User.Query().Count(sys(ctx))
	if err != nil || n > 0 {
		return "", false, err
	}
	if password == "" {
		if password, err = generatePassword(); err != nil {
			return "", false, err
		}
		generated = password
	}
	_, err = s.AddUser(authz.System(ctx), UserSpec{Username: "admin", Password: password, Role: authz.Admin})
	if errors.Is(err, ErrUserExists) {
		return "", false, nil // another process was first
	}
	if err != nil {
		return "", false, fmt.Errorf("creating the first admin: %w", err)
	}
	return generated, true, nil
}

// TokenSpec describes a token to create.
type TokenSpec struct {
	Name          string
	Role          authz.Role
	Subscriptions []string
	ExpiresAt     *time.Time
}

// CreateToken creates an API token and returns its secret: shown this once,
// stored only as a digest.
func (s *Service) CreateToken(ctx context.Context, spec TokenSpec) (string, *ent.Token, error) {
	spec.Name = strings.TrimSpace(spec.Name)
	if spec.Name == "" || len(spec.Name) > 128 {
		return "", nil, &InputError{"a token needs a name of 1 to 128 characters"}
	}
	if _, err := authz.ParseRole(string(spec.Role)); err != nil {
		return "", nil, &InputError{err.Error()}
	}
	if spec.ExpiresAt != nil && !spec.ExpiresAt.After(s.now()) {
		return "", nil, &InputError{"the expiry must be in the future"}
	}
	secret, err := newSecret(TokenPrefix)
	if err != nil {
		return "", nil, err
	}
	actor := authz.FromContext(ctx).Actor()
	t, err := s.db(ctx).Token.Create().
		SetName(spec.Name).
		SetHash(digest(secret)).
		SetPrefix(secret[:len(TokenPrefix)+6]).
		SetRole(spec.Role).
		SetSubscriptions(authz.NormalizeSubscriptions(spec.Subscriptions)).
		SetNillableExpiresAt(spec.ExpiresAt).
		SetCreatedBy(actor).
		Save(sys(ctx))
	if err != nil {
		return "", nil, err
	}
	s.Audit(ctx, "token.created", tokenTarget(t), "role="+string(t.Role)+scopeDetail(t.Subscriptions))
	return secret, t, nil
}

func tokenTarget(t *ent.Token) string { return fmt.Sprintf("token:%s#%d", t.Name, t.ID) }

// Tokens lists the tokens, newest first.
func (s *Service) Tokens(ctx context.Context) ([]*ent.Token, error) {
	return s.db(ctx).Token.Query().Order(ent.Desc(token.FieldID)).All(sys(ctx))
}

// RevokeToken revokes the token with the id, at once: the next request
// with it is refused, and open subscriptions with it end.
func (s *Service) RevokeToken(ctx context.Context, id int) (*ent.Token, error) {
	t, err := s.db(ctx).Token.Get(sys(ctx), id)
	if ent.IsNotFound(err) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	if t.RevokedAt == nil {
		if t, err = s.db(ctx).Token.UpdateOne(t).SetRevokedAt(s.now()).Save(sys(ctx)); err != nil {
			return nil, err
		}
		s.Audit(ctx, "token.revoked", tokenTarget(t), "")
	}
	return t, nil
}

// TokenByName finds a token id by name, for the CLI; the newest if several
// share it.
func (s *Service) TokenByName(ctx context.Context, name string) (int, error) {
	t, err := s.db(ctx).Token.Query().Where(token.Name(name)).Order(ent.Desc(token.FieldID)).First(sys(ctx))
	if ent.IsNotFound(err) {
		return 0, ErrNotFound
	}
	if err != nil {
		return 0, err
	}
	return t.ID, nil
}

// tokenUseAudit is how often a token's use is written to the audit log.
const tokenUseAudit = time.Hour

// TokenViewer returns the viewer of an API token secret.
func (s *Service) TokenViewer(ctx context.Context, secret, address string) (*authz.Viewer, error) {
	if !strings.HasPrefix(secret, TokenPrefix) || len(secret) > 128 {
		return nil, ErrBadToken
	}
	t, err := s.db(ctx).Token.Query().Where(token.Hash(digest(secret))).Only(sys(ctx))
	if ent.IsNotFound(err) {
		return nil, ErrBadToken
	}
	if err != nil {
		return nil, err
	}
	now := s.now()
	if t.RevokedAt != nil || t.ExpiresAt != nil && !now.Before(*t.ExpiresAt) {
		s.Audit(ctx, "token.refused", tokenTarget(t), ternary(t.RevokedAt != nil, "revoked", "expired"), address)
		return nil, ErrBadToken
	}
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) > time.Minute {
		// Conditional, so concurrent requests write it once.
		q := s.db(ctx).Token.Update().Where(token.ID(t.ID))
		if t.LastUsedAt == nil {
			q.Where(token.LastUsedAtIsNil())
		} else {
			q.Where(token.LastUsedAt(*t.LastUsedAt))
		}
		if n, err := q.SetLastUsedAt(now).Save(sys(ctx)); err == nil && n == 1 &&
			(t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) > tokenUseAudit) {
			s.Audit(ctx, "token.used", tokenTarget(t), "", address)
		}
	}
	return &authz.Viewer{Kind: authz.KindToken, ID: t.ID, Name: t.Name, Role: t.Role, Subscriptions: t.Subscriptions}, nil
}

func ternary(c bool, a, b string) string {
	if c {
		return a
	}
	return b
}

// Login checks a password and opens a session; it returns the session's
// secret for the cookie. Failures are throttled per account and per
// address, and audited.
func (s *Service) Login(ctx context.Context, username, password, address string) (string, *ent.Session, *ent.User, error) {
	akey, ukey := "addr:"+address, "user:"+strings.ToLower(username)
	if d := max(s.accounts.Locked(ukey), s.addrs.Locked(akey)); d > 0 {
		// Not audited one by one: the lockout was, when it began.
		return "", nil, nil, &ThrottledError{RetryAfter: d}
	}
	u, err := s.db(ctx).User.Query().Where(user.Username(username)).Only(sys(ctx))
	if err != nil && !ent.IsNotFound(err) {
		return "", nil, nil, err
	}
	hash := dummyHash
	if u != nil {
		hash = u.PasswordHash
	}
	ok, verr := VerifyPassword(hash, password)
	if u == nil || !ok || verr != nil {
		d := max(s.accounts.Fail(ukey), s.addrs.Fail(akey))
		s.Audit(ctx, "login.failed", "user:"+bounded(username), "", address)
		if d > 0 {
			s.Audit(ctx, "login.locked", "user:"+bounded(username), fmt.Sprintf("locked for %s", d), address)
			return "", nil, nil, &ThrottledError{RetryAfter: d}
		}
		return "", nil, nil, ErrBadLogin
	}
	s.accounts.Succeed(ukey)
	secret, err := newSecret("")
	if err != nil {
		return "", nil, nil, err
	}
	now := s.now()
	sess, err := s.db(ctx).Session.Create().
		SetHash(digest(secret)).
		SetUser(u).
		SetCreatedAt(now).
		SetLastSeenAt(now).
		SetExpiresAt(now.Add(s.opts.SessionTTL)).
		Save(sys(ctx))
	if err != nil {
		return "", nil, nil, err
	}
	s.Audit(authz.NewContext(ctx, userViewer(u, sess.ID)), "login", "", "", address)
	return secret, sess, u, nil
}

func userViewer(u *ent.User, sessionID int) *authz.Viewer {
	return &authz.Viewer{Kind: authz.KindUser, ID: u.ID, Name: u.Username, Role: u.Role, Subscriptions: u.Subscriptions, SessionID: sessionID}
}

// SessionViewer returns the viewer of a session cookie's secret, extending
// the session's idle expiry.
func (s *Service) SessionViewer(ctx context.Context, secret string) (*authz.Viewer, *ent.Session, error) {
	if secret == "" || len(secret) > 128 {
		return nil, nil, ErrNoSession
	}
	sess, err := s.db(ctx).Session.Query().Where(session.Hash(digest(secret))).WithUser().Only(sys(ctx))
	if ent.IsNotFound(err) {
		return nil, nil, ErrNoSession
	}
	if err != nil {
		return nil, nil, err
	}
	now := s.now()
	if !now.Before(sess.ExpiresAt) || now.Sub(sess.CreatedAt) >= s.opts.SessionMaxAge {
		_ = s.db(ctx).Session.DeleteOne(sess).Exec(sys(ctx))
		return nil, nil, ErrNoSession
	}
	if now.Sub(sess.LastSeenAt) > time.Minute {
		exp := now.Add(s.opts.SessionTTL)
		if lim := sess.CreatedAt.Add(s.opts.SessionMaxAge); exp.After(lim) {
			exp = lim
		}
		if sess, err = s.db(ctx).Session.UpdateOne(sess).SetLastSeenAt(now).SetExpiresAt(exp).Save(sys(ctx)); err != nil {
			return nil, nil, err
		}
		sess.Edges.User, _ = sess.QueryUser().Only(sys(ctx))
	}
	if sess.Edges.User == nil {
		return nil, nil, ErrNoSession
	}
	return userViewer(sess.Edges.User, sess.ID), sess, nil
}

// Logout ends the session with the secret.
func (s *Service) Logout(ctx context.Context, secret, address string) error {
	n, err := s.db(ctx).Session.Delete().Where(session.Hash(digest(secret))).Exec(sys(ctx))
	if err == nil && n > 0 {
		s.Audit(ctx, "logout", "", "", address)
	}
	return err
}

// Valid reports whether the viewer's credentials still hold: the token is
// not revoked or expired, the session not ended. Long-lived subscriptions
// ask it from time to time.
func (s *Service) Valid(ctx context.Context, v *authz.Viewer) bool {
	ctx = sys(ctx)
	switch v.Kind {
	case authz.KindSystem:
		return true
	case authz.KindToken:
		n, err := s.db(ctx).Token.Query().Where(token.ID(v.ID), token.RevokedAtIsNil(),
			token.Or(token.ExpiresAtIsNil(), token.ExpiresAtGT(s.now()))).Count(ctx)
		return err == nil && n == 1
	case authz.KindUser:
		n, err := s.db(ctx).Session.Query().Where(session.ID(v.SessionID), session.ExpiresAtGT(s.now())).Count(ctx)
		return err == nil && n == 1
	}
	return false
}

// bounded cuts an attacker-chosen string for the audit log and the logs.
func bounded(s string) string {
	const limit = 64
	var b strings.Builder
	for i, c := range s {
		if i >= limit {
			b.WriteString("…")
			break
		}
		if c < 0x20 || c == 0x7f {
			c = '?'
		}
		b.WriteRune(c)
	}
	return b.String()
}

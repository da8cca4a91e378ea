package authz

import (
	"context"
	"errors"
	"slices"
	"strings"
)

// Kind is what sort of identity a viewer is.
type Kind string

// The kinds of viewer.
const (
	KindUser   Kind = "user"   // a person, logged in with a password
	KindToken  Kind = "token"  // a machine, with an API token
	KindSystem Kind = "system" // vigil itself: the correlation job, ingest, the CLI
)

// Viewer is the identity a request or a job acts as.
type Viewer struct {
	Kind Kind
	ID   int    // the user's or token's id; 0 for System
	Name string // username or token name
	Role Role
	// Subscriptions limits the viewer to these Azure subscription ids
	// (lowercase); empty means every subscription.
	Subscriptions []string
	// SessionID is the stored session's id for a cookie login.
	SessionID int
}

// Actor names the viewer in the audit log and in triage records:
// "user:ana", "token:pipeline", "system".
func (v *Viewer) Actor() string {
	if v == nil {
		return "anonymous"
	}
	if v.Kind == KindSystem {
		if v.Name != "" && v.Name != "system" {
			return "system:" + v.Name
		}
		return "system"
	}
	return string(v.Kind) + ":" + v.Name
}

// Scoped reports whether the viewer is limited to some subscriptions.
func (v *Viewer) Scoped() bool { return len(v.Subscriptions) > 0 }

// InScope reports whether the viewer may see data of the subscription id.
func (v *Viewer) InScope(subscription string) bool {
	return !v.Scoped() || slices.Contains(v.Subscriptions, strings.ToLower(subscription))
}

// Can reports whether the viewer's role includes need.
func (v *Viewer) Can(need Role) bool { return v != nil && v.Role.Includes(need) }

var system = &Viewer{Kind: KindSystem, Name: "system", Role: Admin}

type ctxKey struct{}

// NewContext returns ctx carrying v.
func NewContext(ctx context.Context, v *Viewer) context.Context {
	return context.WithValue(ctx, ctxKey{}, v)
}

// FromContext returns the viewer of ctx, or nil.
func FromContext(ctx context.Context) *Viewer {
	v, _ := ctx.Value(ctxKey{}).(*Viewer)
	return v
}

// System returns ctx acting as vigil itself: unscoped, every role. Only
// background work (correlation, ingest's own reads, the CLI, the login
// flow) uses it; requests act as their caller.
func System(ctx context.Context) context.Context { return NewContext(ctx, system) }

// Errors of the policy.
var (
	// ErrNoViewer is returned by any query made with a context that names
	// no identity: the policy fails closed.
	ErrNoViewer = errors.New("authz: no identity in the context")
	// ErrForbidden is returned when the viewer's role does not allow the
	// operation.
	ErrForbidden = errors.New("your role does not allow this")
)

// NormalizeSubscriptions lowercases and deduplicates subscription ids.
func NormalizeSubscriptions(ids []string) []string {
	var out []string
	for _, s := range ids {
		s = strings.ToLower(strings.TrimSpace(s))
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}

// Package authz says who is asking: the Viewer in a request's context, with
// its role and scope. Package authz/policy enforces what a viewer may see
// and change, inside the database queries. A context without a viewer
// sees nothing: background work runs as System.
//
//	ctx = authz.NewContext(ctx, &authz.Viewer{Kind: authz.KindUser, Name: "ana", Role: authz.Reader})
//	n, _ := client.Incident.Query().Count(ctx) // only ana's subscriptions
package authz

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Role is what an identity may do.
type Role string

// The roles, from least to most privileged, and ingest, which may only
// post alerts.
const (
	Reader    Role = "reader"    // reads everything in scope
	Responder Role = "responder" // also changes statuses, merges incidents
	Admin     Role = "admin"     // also users, tokens, rules, the audit log
	Ingest    Role = "ingest"    // POST /api/alerts only
)

// Roles lists every role.
var Roles = []Role{Reader, Responder, Admin, Ingest}

// Values lists the roles for ent's enum field.
func (Role) Values() []string {
	out := make([]string, len(Roles))
	for i, r := range Roles {
		out[i] = string(r)
	}
	return out
}

// ParseRole reads a role name.
func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if string(r) == s {
			return r, nil
		}
	}
	return "", fmt.Errorf("unknown role %q: want reader, responder, admin or ingest", s)
}

// rank orders the console roles; ingest reads nothing.
func (r Role) rank() int {
	switch r {
	case Reader:
		return 1
	case Responder:
		return 2
	case Admin:
		return 3
	}
	return 0
}

// Includes reports whether r may do what need may: an admin may do what a
// responder may, a responder what a reader may. Ingest includes only
// ingest.
func (r Role) Includes(need Role) bool {
	if need == Ingest {
		return r == Ingest || r == Admin || r == Responder
	}
	return r.rank() >= need.rank() && r.rank() > 0
}

// MarshalGQL writes the role as its GraphQL enum value.
func (r Role) MarshalGQL(w io.Writer) {
	io.WriteString(w, strconv.Quote(strings.ToUpper(string(r))))
}

// UnmarshalGQL reads a GraphQL enum value.
func (r *Role) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("role must be a string, got %T", v)
	}
	p, err := ParseRole(strings.ToLower(s))
	if err != nil {
		return err
	}
	*r = p
	return nil
}

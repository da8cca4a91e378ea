package graph

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"

	"github.com/vigil-soc/vigil/auth"
	"github.com/vigil-soc/vigil/authz"
)

// forbiddenError is a field the viewer's role does not allow.
type forbiddenError struct{ msg string }

func (e *forbiddenError) Error() string { return e.msg }

// Requires implements @requires(role:): the field resolves only for a
// viewer whose role includes role. Admin fields (users, tokens, rules, the
// audit log) need an admin of every subscription.
func Requires(ctx context.Context, _ any, next graphql.Resolver, role authz.Role) (any, error) {
	v := authz.FromContext(ctx)
	if v == nil {
		return nil, authz.ErrNoViewer
	}
	if !v.Can(role) {
		return nil, &forbiddenError{fmt.Sprintf("%s needs the role %s; you are %s", graphql.GetFieldContext(ctx).Field.Name, role, v.Role)}
	}
	if role == authz.Admin && !auth.CanManage(v) {
		return nil, &forbiddenError{fmt.Sprintf("%s needs an admin of every subscription", graphql.GetFieldContext(ctx).Field.Name)}
	}
	return next(ctx)
}

package graph

import (
	"context"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// Transactioner runs each mutation in one transaction, as
// entgql.Transactioner does, and also works with transports that ask for
// responses until there are none (server-sent events): entgql's version
// dereferences the final nil response and panics.
type Transactioner struct {
	entgql.Transactioner
}

// InterceptResponse implements graphql.ResponseInterceptor.
func (t Transactioner) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	if !graphql.HasOperationContext(ctx) {
		return next(ctx) // a request refused before it became an operation (a body that is not JSON)
	}
	op := graphql.GetOperationContext(ctx).Operation
	if op == nil || op.Operation != ast.Mutation {
		return next(ctx)
	}
	txCtx, tx, err := t.OpenTx(ctx)
	if err != nil {
		return graphql.ErrorResponse(ctx, "cannot create transaction")
	}
	defer func() {
		if r := recover(); r != nil {
			_ = tx.Rollback()
			panic(r)
		}
	}()
	rsp := next(txCtx)
	switch {
	case rsp == nil: // the stream's end: nothing was done in this transaction
		_ = tx.Rollback()
		return nil
	case len(rsp.Errors) > 0:
		_ = tx.Rollback()
		return &graphql.Response{Errors: rsp.Errors}
	}
	if err := tx.Commit(); err != nil {
		return graphql.ErrorResponse(ctx, "cannot commit transaction")
	}
	return rsp
}

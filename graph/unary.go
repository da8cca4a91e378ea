package graph

import (
	"context"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// CodeNotSupported is the code of an operation the transport cannot carry:
// a subscription sent as a plain POST. Like a validation error it is
// answered 422 (400 to a client that accepts application/graphql-response+json).
const CodeNotSupported = "OPERATION_NOT_SUPPORTED"

func init() { errcode.RegisterErrorType(CodeNotSupported, errcode.KindProtocol) }

// OneShot wraps a transport that answers each request with one response
// (gqlgen's POST) so that it refuses subscriptions: gqlgen would run one
// and hold the request open until its first event, an unbounded wait per
// request (and one broker subscriber each) that any client could pile up.
// Subscriptions go over the websocket or server-sent events transports.
func OneShot(t graphql.Transport) graphql.Transport { return oneShot{t} }

type oneShot struct{ graphql.Transport }

func (t oneShot) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	t.Transport.Do(w, r, noSubscriptions{exec})
}

type noSubscriptions struct{ graphql.GraphExecutor }

func (e noSubscriptions) CreateOperationContext(ctx context.Context, params *graphql.RawParams) (*graphql.OperationContext, gqlerror.List) {
	rc, errs := e.GraphExecutor.CreateOperationContext(ctx, params)
	if errs == nil && rc != nil && rc.Operation != nil && rc.Operation.Operation == ast.Subscription {
		return rc, gqlerror.List{{
			Message:    "a subscription needs a websocket (graphql-transport-ws) or server-sent events (Accept: text/event-stream)",
			Extensions: map[string]any{"code": CodeNotSupported},
		}}
	}
	return rc, errs
}

package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/ent"
	"github.com/vigil-soc/vigil/triage"
)

// Error codes in extensions.code.
const (
	CodeInvalid  = "BAD_USER_INPUT"
	CodeNotFound = "NOT_FOUND"
	CodeConflict = "CONFLICT"
	CodeInternal = "INTERNAL"
)

// inputError is a client mistake the resolvers detect themselves.
type inputError struct{ msg string }

func (e *inputError) Error() string { return e.msg }

func invalidf(format string, args ...any) error {
	return &inputError{msg: fmt.Sprintf(format, args...)}
}

// ErrorPresenter maps every resolver error onto a GraphQL error with an
// extensions.code, in one place. Anything unexpected becomes INTERNAL with a
// generic message, and its cause is logged once.
func ErrorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		var gqlErr *gqlerror.Error
		if errors.As(err, &gqlErr) && gqlErr.Err == nil {
			// Parse and validation errors from gqlgen itself.
			return graphql.DefaultErrorPresenter(ctx, err)
		}
		code, msg := classify(err)
		if code == CodeInternal && argumentError(ctx) {
			code, msg = CodeInvalid, "invalid argument value"
			if gqlErr != nil && len(gqlErr.Path) > 0 {
				msg = "invalid value for " + gqlErr.Path.String()
			}
		}
		// DefaultErrorPresenter may return err itself: keep the cause before
		// its message is replaced.
		cause := err.Error()
		out := graphql.DefaultErrorPresenter(ctx, err)
		out.Message = msg
		if out.Extensions == nil {
			out.Extensions = map[string]any{}
		}
		out.Extensions["code"] = code
		if code == CodeInternal && !errors.Is(err, errPanicked) {
			path := ""
			if fc := graphql.GetFieldContext(ctx); fc != nil {
				path = fc.Path().String()
			}
			log.Error("graphql resolver failed", "path", path, "err", cause)
		}
		return out
	}
}

// argumentError reports whether the error being presented arose while the
// field's arguments were coerced (an ID that is not a number, a malformed
// Time or Cursor): the generated code reports those before it sets the
// field context's Args, which it always sets, if only to an empty map, when
// coercion succeeds.
func argumentError(ctx context.Context) bool {
	fc := graphql.GetFieldContext(ctx)
	return fc != nil && fc.Args == nil && fc.Field.Field != nil && len(fc.Field.Arguments) > 0
}

func classify(err error) (code, msg string) {
	var in *inputError
	var fe *alerts.FieldError
	switch {
	case errors.As(err, &in):
		return CodeInvalid, in.msg
	case errors.As(err, &fe):
		return CodeInvalid, fe.Error()
	case ent.IsNotFound(err):
		return CodeNotFound, "not found"
	case errors.Is(err, triage.ErrMerged):
		return CodeConflict, err.Error()
	case ent.IsValidationError(err):
		return CodeInvalid, "invalid value"
	case ent.IsConstraintError(err):
		return CodeConflict, "conflicts with stored data; retry"
	}
	return CodeInternal, "internal error"
}

// Recover turns a resolver panic into an INTERNAL error, logged once.
func Recover(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, v any) error {
		log.Error("graphql resolver panicked", "err", fmt.Sprint(v))
		return errPanicked
	}
}

// errPanicked stands for a recovered panic, already logged.
var errPanicked = errors.New("internal error")

package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/lib/pq"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/auth"
	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/ent"
	"github.com/vigil-soc/vigil/triage"
)

// Error codes in extensions.code.
const (
	CodeInvalid  = "BAD_USER_INPUT"
	CodeNotFound = "NOT_FOUND"
	CodeConflict = "CONFLICT"
	CodeInternal = "INTERNAL"
	// CodeUnauthenticated: no valid credentials.
	CodeUnauthenticated = "UNAUTHENTICATED"
	// CodeForbidden: the viewer's role does not allow the field.
	CodeForbidden = "FORBIDDEN"
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
			// Parse and validation errors from gqlgen itself; some quote
			// the request (a body that is not JSON), so they are bounded.
			out := graphql.DefaultErrorPresenter(ctx, err)
			out.Message = bounded(out.Message)
			return out
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
			log.Error("graphql resolver failed", "path", path, "err", bounded(cause))
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
	var forbidden *forbiddenError
	var bad *auth.InputError
	switch {
	case errors.As(err, &in):
		return CodeInvalid, in.msg
	case errors.As(err, &fe):
		return CodeInvalid, fe.Error()
	case ent.IsNotFound(err), errors.Is(err, auth.ErrNotFound):
		return CodeNotFound, "not found"
	case errors.Is(err, authz.ErrNoViewer):
		return CodeUnauthenticated, "authentication required"
	case errors.As(err, &forbidden):
		return CodeForbidden, forbidden.msg
	case errors.Is(err, authz.ErrForbidden):
		return CodeForbidden, authz.ErrForbidden.Error()
	case errors.Is(err, auth.ErrUserExists):
		return CodeConflict, auth.ErrUserExists.Error()
	case errors.Is(err, auth.ErrWeakPassword), errors.Is(err, auth.ErrBadUsername), errors.Is(err, auth.ErrLastAdmin),
		errors.As(err, &bad):
		return CodeInvalid, err.Error()
	case errors.Is(err, triage.ErrMerged):
		var gqlErr *gqlerror.Error
		if errors.As(err, &gqlErr) && gqlErr.Err != nil {
			err = gqlErr.Err // without the position and path gqlgen prefixes
		}
		return CodeConflict, err.Error()
	case errors.Is(err, ent.ErrEmptyAlertWhereInput), errors.Is(err, ent.ErrEmptyIncidentWhereInput),
		errors.Is(err, ent.ErrEmptyResourceWhereInput), errors.Is(err, ent.ErrEmptyEntityWhereInput):
		return CodeInvalid, "where: an empty filter {} inside and, or or not"
	case refusedValue(err):
		return CodeInvalid, "a filter value the database cannot take: not valid text, too long, or too many values"
	case ent.IsValidationError(err):
		return CodeInvalid, "invalid value"
	case ent.IsConstraintError(err):
		return CodeConflict, "conflicts with stored data; retry"
	}
	return CodeInternal, "internal error"
}

// refusedValue reports whether the database refused a value the client
// sent: text with a NUL character (a PostgreSQL data exception), a LIKE
// pattern or a list of values too long for one statement.
func refusedValue(err error) bool {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) && pqErr.Code.Class() == "22" {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "too many SQL variables") || strings.Contains(msg, "LIKE or GLOB pattern too complex") ||
		strings.Contains(msg, "PostgreSQL only supports 65535 parameters")
}

// bounded shortens a message that may quote the request, for a log line or
// an answer.
func bounded(s string) string {
	if len(s) > 1000 {
		return strings.ToValidUTF8(s[:1000], "") + "…"
	}
	return s
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

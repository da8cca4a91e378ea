package graph

import (
	"context"
	"reflect"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// Bounds of one where argument: how deeply its not, and, or and has…With
// filters nest, and how many filter objects it holds in all. The console's
// filters nest two or three levels.
const (
	MaxFilterDepth = 16
	MaxFilterTerms = 500
)

// FilterLimits is a field middleware that refuses a where argument beyond
// MaxFilterDepth or MaxFilterTerms as BAD_USER_INPUT. Filters arrive in
// variables, which the token limit does not count, and each level becomes
// a level of the SQL expression: 2,000 nested nots or 20,000 ors hit the
// database's own limits (SQLite's "Expression tree is too large", its
// parser's recursion limit) and failed as internal errors.
func FilterLimits(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc != nil && fc.Args != nil {
		if where, ok := fc.Args["where"]; ok && where != nil {
			var w filterWalk
			if err := w.walk(reflect.ValueOf(where), 1); err != nil {
				return nil, err
			}
		}
	}
	return next(ctx)
}

type filterWalk struct{ terms int }

// walk visits a *…WhereInput and the filters it nests.
func (w *filterWalk) walk(v reflect.Value, depth int) error {
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	if depth > MaxFilterDepth {
		return invalidf("where: filters nested more than %d levels deep", MaxFilterDepth)
	}
	if w.terms++; w.terms > MaxFilterTerms {
		return invalidf("where: more than %d filters", MaxFilterTerms)
	}
	s := v.Elem()
	for i := range s.NumField() {
		f := s.Field(i)
		switch {
		case isFilter(f.Type()):
			if err := w.walk(f, depth+1); err != nil {
				return err
			}
		case f.Kind() == reflect.Slice && isFilter(f.Type().Elem()):
			for j := range f.Len() {
				if err := w.walk(f.Index(j), depth+1); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// isFilter reports whether t is a pointer to an ent …WhereInput.
func isFilter(t reflect.Type) bool {
	return t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct && strings.HasSuffix(t.Elem().Name(), "WhereInput")
}

// VariableLimits applies the bounds of where filters to the variables of
// an operation before gqlgen coerces them: coercing one filter object
// costs it 0.1 to 0.5 ms (a where input has hundreds of fields), so
// 100,000 filter objects in a 3 MB body held a CPU for 40 s before
// FilterLimits could see them. A variable whose type is a …WhereInput may
// hold at most MaxFilterTerms objects nested MaxFilterDepth deep.
type VariableLimits struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = VariableLimits{}

// ExtensionName names the extension.
func (VariableLimits) ExtensionName() string { return "VariableLimits" }

// Validate checks the schema; nothing to check.
func (VariableLimits) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters checks the where variables.
func (VariableLimits) MutateOperationParameters(_ context.Context, p *graphql.RawParams) *gqlerror.Error {
	if len(p.Variables) == 0 {
		return nil
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: p.Query})
	if err != nil {
		return nil // gqlgen reports it
	}
	for _, op := range doc.Operations {
		for _, def := range op.VariableDefinitions {
			if def.Type == nil || !strings.HasSuffix(def.Type.Name(), "WhereInput") {
				continue
			}
			terms := 0
			if !withinFilterBounds(p.Variables[def.Variable], 1, &terms) {
				e := gqlerror.Errorf("$%s: a where filter may hold at most %d filters nested %d levels deep", def.Variable, MaxFilterTerms, MaxFilterDepth)
				e.Extensions = map[string]any{"code": CodeInvalid}
				return e
			}
		}
	}
	return nil
}

// withinFilterBounds counts the objects of a decoded JSON filter value.
func withinFilterBounds(v any, depth int, terms *int) bool {
	switch x := v.(type) {
	case map[string]any:
		if *terms++; *terms > MaxFilterTerms || depth > MaxFilterDepth {
			return false
		}
		for _, c := range x {
			if !withinFilterBounds(c, depth+1, terms) {
				return false
			}
		}
	case []any:
		for _, c := range x {
			if !withinFilterBounds(c, depth, terms) {
				return false
			}
		}
	}
	return true
}

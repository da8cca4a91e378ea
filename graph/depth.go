package graph

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// DepthLimit refuses an operation whose selections nest deeper than Max
// (fragments counted where they are spread), before anything runs.
type DepthLimit struct{ Max int }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = DepthLimit{}

// ExtensionName names the extension.
func (DepthLimit) ExtensionName() string { return "DepthLimit" }

// Validate checks the schema; nothing to check.
func (DepthLimit) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext measures the operation.
func (d DepthLimit) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	if n := depth(oc.Operation.SelectionSet, 0, d.Max, map[string]bool{}); n > d.Max {
		err := gqlerror.Errorf("the operation nests %d levels deep or more; at most %d are allowed", n, d.Max)
		err.Extensions = map[string]any{"code": CodeInvalid}
		return err
	}
	return nil
}

// depth returns the nesting of set below level, stopping early past max;
// visiting guards against fragment cycles (validation refuses them, but
// the limit must not depend on it).
func depth(set ast.SelectionSet, level, max int, visiting map[string]bool) int {
	deepest := level
	if level > max {
		return level
	}
	for _, sel := range set {
		var n int
		switch s := sel.(type) {
		case *ast.Field:
			if len(s.SelectionSet) == 0 {
				n = level + 1
			} else {
				n = depth(s.SelectionSet, level+1, max, visiting)
			}
		case *ast.InlineFragment:
			n = depth(s.SelectionSet, level, max, visiting)
		case *ast.FragmentSpread:
			if s.Definition == nil || visiting[s.Name] {
				continue
			}
			visiting[s.Name] = true
			n = depth(s.Definition.SelectionSet, level, max, visiting)
			delete(visiting, s.Name)
		default:
			panic(fmt.Sprintf("depth: unknown selection %T", sel))
		}
		deepest = max2(deepest, n)
		if deepest > max {
			return deepest
		}
	}
	return deepest
}

func max2(a, b int) int {
	if a > b {
		return a
	}
	return b
}

package graph

import (
	"context"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// MaxExpandedFields is the most fields an operation may select once every
// fragment spread is replaced by its fragment. The console's largest
// operation has a few hundred.
const MaxExpandedFields = 10000

// FieldLimit refuses an operation whose selections, with its fragments
// expanded, hold more than Max fields. Fragments make a small document
// select exponentially many fields (forty fragments, each spreading the
// one before it twice, select 2^40), and gqlgen's complexity count walks
// that expansion field by field: without this check, which counts each
// fragment once, such a document holds a CPU for hours. Use it before
// the complexity limit, which then only sees bounded documents.
type FieldLimit struct{ Max int }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = FieldLimit{}

// ExtensionName names the extension for gqlgen.
func (FieldLimit) ExtensionName() string { return "FieldLimit" }

// Validate accepts every schema.
func (FieldLimit) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext counts the operation's expanded fields.
func (l FieldLimit) MutateOperationContext(_ context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	if rc.Operation == nil {
		return nil
	}
	c := fieldCounter{doc: rc.Doc, max: l.Max, memo: map[string]int{}}
	if c.count(rc.Operation.SelectionSet) > l.Max {
		return &gqlerror.Error{
			Message: "the operation selects more than " + strconv.Itoa(l.Max) + " fields once its fragments are expanded",
			// The complexity limit's code: this is the same limit, counted
			// before the complexity can be.
			Extensions: map[string]any{"code": "COMPLEXITY_LIMIT_EXCEEDED"},
		}
	}
	return nil
}

// fieldCounter counts the fields of selection sets, each fragment once;
// counts saturate just above max.
type fieldCounter struct {
	doc  *ast.QueryDocument
	max  int
	memo map[string]int // fragment name → its count; -1 while being counted
}

func (c *fieldCounter) count(set ast.SelectionSet) int {
	n := 0
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			n += 1 + c.count(s.SelectionSet)
		case *ast.InlineFragment:
			n += c.count(s.SelectionSet)
		case *ast.FragmentSpread:
			n += c.fragment(s.Name)
		}
		if n > c.max {
			return c.max + 1
		}
	}
	return n
}

func (c *fieldCounter) fragment(name string) int {
	if n, ok := c.memo[name]; ok {
		return max(n, 0) // a cycle (validation refuses those first) counts nothing
	}
	f := c.doc.Fragments.ForName(name)
	if f == nil {
		return 0
	}
	c.memo[name] = -1
	n := c.count(f.SelectionSet)
	c.memo[name] = n
	return n
}

package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// WorkItem records, in the transaction that makes it, a change to a
// resource that correlation has not finished with: ingest writes one per
// resource it touched, an analyst's decision one per resource it affects.
// The correlation job deletes the items it was handed once the resource's
// passes (per resource, then across resources) have committed, so that
// `vigil serve` at start recomputes only the resources that still have one
// — what a stop or a crash left undone — instead of every stored resource.
//
// (Named to sort after the other types: with global unique ids a fresh
// database gives each type its id range in name order, and the ids of
// existing types, which links and the README quote, stay as they were.)
type WorkItem struct {
	ent.Schema
}

// Fields of the WorkItem.
func (WorkItem) Fields() []ent.Field {
	return []ent.Field{
		field.String("resource_key").NotEmpty().Immutable().Comment("the resource's correlation key"),
		field.Time("created_at").Default(time.Now).Immutable(),
	}
}

// Indexes of the WorkItem.
func (WorkItem) Indexes() []ent.Index {
	return []ent.Index{index.Fields("resource_key")}
}

// Annotations of the WorkItem.
func (WorkItem) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

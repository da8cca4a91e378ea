package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// AlertPayload is an alert's raw payload as received, size-capped. It lives
// in its own table so that no list query ever loads it.
type AlertPayload struct {
	ent.Schema
}

// Fields of the AlertPayload.
func (AlertPayload) Fields() []ent.Field {
	return []ent.Field{
		field.Bytes("data"),
		field.Bool("truncated").Default(false),
		field.Int("size").Comment("the payload's size as received, in bytes"),
	}
}

// Edges of the AlertPayload.
func (AlertPayload) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("alert", Alert.Type).Ref("payload").Unique().Required(),
	}
}

// Annotations of the AlertPayload.
func (AlertPayload) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// AlertRemoval records that an analyst took an alert out of an incident:
// correlation never puts that alert into an incident again.
type AlertRemoval struct {
	ent.Schema
}

// Fields of the AlertRemoval.
func (AlertRemoval) Fields() []ent.Field {
	return []ent.Field{
		field.Int("incident_id"),
		field.Int("alert_id"),
		field.String("actor").Comment("who removed it"),
		field.Time("removed_at").Default(time.Now).Immutable(),
	}
}

// Edges of the AlertRemoval.
func (AlertRemoval) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("incident", Incident.Type).Ref("removals").Field("incident_id").Unique().Required(),
		edge.To("alert", Alert.Type).Field("alert_id").Unique().Required(),
	}
}

// Indexes of the AlertRemoval.
func (AlertRemoval) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("alert_id"),
		index.Fields("incident_id", "alert_id").Unique(),
	}
}

// Annotations of the AlertRemoval.
func (AlertRemoval) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}

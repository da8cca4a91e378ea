package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Entity is something an alert names — a host, an account, an IP address, a
// process, a file … — deduplicated across alerts on its strong identifier.
type Entity struct {
	ent.Schema
}

// Fields of the Entity.
func (Entity) Fields() []ent.Field {
	return []ent.Field{
		field.String("kind").
			Comment("host, account, ip, process, file, url, azure-resource …").
			Annotations(entgql.OrderField("KIND")),
		field.String("key").
			Optional().
			Nillable().
			Comment("the normalised strong identifier, e.g. ip:192.0.2.1; null for an entity that has none (stored per alert)"),
		field.String("name").
			Annotations(entgql.OrderField("NAME")),
		field.JSON("properties", map[string]any{}).
			Optional().
			Annotations(entgql.Skip()),
	}
}

// Edges of the Entity.
func (Entity) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("alerts", Alert.Type).Ref("entities").
			Annotations(entgql.RelayConnection()),
	}
}

// Indexes of the Entity.
func (Entity) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("key").Unique(),
	}
}

// Annotations of the Entity.
func (Entity) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
	}
}

package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/vigil-soc/vigil/killchain"
)

// IncidentLink records why and when correlation put an alert into an
// incident: the rule (name and version), the reason, the alert's step in
// the kill chain, and for a multi-resource incident the shared entity that
// tied the alert's resource in.
type IncidentLink struct {
	ent.Schema
}

// Fields of the IncidentLink.
func (IncidentLink) Fields() []ent.Field {
	return []ent.Field{
		field.Int("incident_id"),
		field.Int("alert_id"),
		field.String("rule").
			Comment("the name of the rule that made the link"),
		field.Int("rule_version"),
		field.Enum("reason").
			Values("CHAIN", "ENTITY", "RESOURCE_CHAIN", "MERGE").
			Comment("CHAIN: in a kill chain on its resource; ENTITY: carries an entity value that ties resources; RESOURCE_CHAIN: in the chain of a resource that such a value tied in; MERGE: came with an incident this one absorbed"),
		field.JSON("tactics", []killchain.Tactic{}).
			Comment("the alert's tactics: its step along the kill chain").
			Annotations(entgql.Type("[Tactic!]"), entgql.Skip(entgql.SkipWhereInput, entgql.SkipOrderField)),
		field.String("entity_kind").Default("").
			Comment("for ENTITY: the kind of the tying entity (ip, account …)"),
		field.String("entity_value").Default("").
			Comment("for ENTITY: the tying entity's key, e.g. ip:203.0.113.7"),
		field.Time("linked_at").Default(time.Now).Immutable(),
	}
}

// Edges of the IncidentLink.
func (IncidentLink) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("incident", Incident.Type).Ref("links").Field("incident_id").Unique().Required(),
		edge.To("alert", Alert.Type).Field("alert_id").Unique().Required(),
	}
}

// Indexes of the IncidentLink.
func (IncidentLink) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("incident_id", "alert_id").Unique(),
	}
}

// Annotations of the IncidentLink.
func (IncidentLink) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}

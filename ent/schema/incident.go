package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/killchain"
)

// Incident is a chain of alerts that lines up along the kill chain: on one
// resource, or — when multi_resource is set — on several resources tied by a
// shared strong entity (then it covers the per-resource incidents of its
// members). Its derived fields are maintained by package correlate.
type Incident struct {
	ent.Schema
}

// Fields of the Incident.
func (Incident) Fields() []ent.Field {
	return []ent.Field{
		field.String("title"),
		field.Text("description").Default(""),
		field.Enum("severity").
			GoType(alerts.Severity("")).
			Comment("the highest severity of its alerts").
			Annotations(entgql.Type("Severity")),
		field.Int("severity_rank").
			Annotations(entgql.OrderField("SEVERITY"), entgql.Skip(entgql.SkipType, entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Enum("status").
			GoType(alerts.Status("")).
			Default(string(alerts.Active)).
			Annotations(entgql.OrderField("STATUS"), entgql.Type("IncidentStatus")),
		field.Bool("is_active").
			Default(true).
			Comment("not closed, and at least one member alert is still open"),
		field.Time("first_activity_time").
			Annotations(entgql.OrderField("FIRST_ACTIVITY_TIME")),
		field.Time("last_activity_time").
			Annotations(entgql.OrderField("LAST_ACTIVITY_TIME")),
		field.JSON("tactics", []killchain.Tactic{}).
			Annotations(entgql.Type("[Tactic!]"), entgql.Skip(entgql.SkipWhereInput, entgql.SkipOrderField)),
		field.Int64("tactic_mask").Default(0).
			Annotations(entgql.Skip()),
		field.JSON("source_ips", []string{}).
			Annotations(entgql.Skip()), // as sourceIPs in incidents.graphqls
		field.JSON("remediation_steps", []string{}).
			Annotations(entgql.Type("[String!]"), entgql.Skip(entgql.SkipWhereInput)),
		field.Int("alert_count").Default(0).
			Annotations(entgql.OrderField("ALERT_COUNT")),
		field.Bytes("aggregate").Optional().
			Comment("what correlation keeps of its members to maintain the derived fields incrementally (package correlate's aggregate, as JSON)").
			Annotations(entgql.Skip()),
		field.String("resource_key").
			Comment("the correlation key of its resource; one writer per key").
			Annotations(entgql.Skip()),
		field.Bool("closed_by_analyst").Default(false).
			Comment("an analyst closed it: its alerts stay out of later correlation").
			Annotations(entgql.Skip()),
		field.Bool("multi_resource").Default(false).
			Comment("the incident spans several resources tied by shared entities; its resource is the one with the earliest alert").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.String("merged_by").Optional().
			Comment("the analyst who merged it into another; empty when correlation did").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput)),
		field.Time("merged_at").Optional().Nillable().
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput)),
		field.Int("merged_into_id").Optional().Nillable().
			Comment("set when a bridging alert made another incident absorb this one").
			Annotations(entgql.Skip()),
		field.Time("created_at").Default(time.Now).Immutable().
			Annotations(entgql.OrderField("CREATED_AT")),
		field.Time("updated_at").Default(time.Now).UpdateDefault(time.Now).
			Annotations(entgql.OrderField("UPDATED_AT")),
	}
}

// Edges of the Incident.
func (Incident) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("resource", Resource.Type).Ref("incidents").Unique().Required(),
		edge.To("alerts", Alert.Type).
			Annotations(entgql.RelayConnection()),
		// A multi-resource incident covers the per-resource incidents that
		// hold any of its alerts; they are covered by it.
		edge.To("covers", Incident.Type).
			From("covered_by").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		// An incident follows the one before it on its resource when that
		// one was closed by an analyst, or ended at the rule's maximum
		// lifetime while the activity went on.
		edge.To("followed_by", Incident.Type).
			From("follows").Unique().
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		// Alerts an analyst took out of it.
		edge.To("removals", AlertRemoval.Type).
			Annotations(entsql.OnDelete(entsql.Cascade), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		// Why and when each member joined; removed with the incident. Not a
		// GraphQL field: an incident can have 100,000 links, and
		// Incident.correlation.links pages through them.
		edge.To("links", IncidentLink.Type).
			Annotations(entsql.OnDelete(entsql.Cascade), entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of the Incident.
func (Incident) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("resource_key"),
		index.Fields("multi_resource"),
		index.Fields("last_activity_time"),
	}
}

// Annotations of the Incident.
func (Incident) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.MultiOrder(),
	}
}

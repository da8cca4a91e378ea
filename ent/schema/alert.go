package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/category"
	"github.com/vigil-soc/vigil/killchain"
)

// Alert is one security alert as a vendor reported it, normalised.
type Alert struct {
	ent.Schema
}

// Fields of the Alert.
func (Alert) Fields() []ent.Field {
	return []ent.Field{
		field.String("system_alert_id").
			Immutable().
			NotEmpty().
			Comment("the vendor's alert id: systemAlertId, else the provider's id").
			Annotations(entgql.Skip(entgql.SkipType)), // as systemAlertId in alerts.graphqls
		field.String("provider_alert_id").Default("").
			Annotations(entgql.Skip(entgql.SkipType)),
		field.String("alert_type").Default(""),
		field.String("display_name").Default("").
			Annotations(entgql.OrderField("DISPLAY_NAME")),
		field.Text("description").Default(""),
		field.String("vendor_name").Default(""),
		field.String("product_name").Default(""),
		field.String("product_component_name").Default(""),
		field.String("provider_name").Default(""),
		field.Enum("severity").
			GoType(alerts.Severity("")).
			Annotations(entgql.Type("Severity")),
		field.Int("severity_rank").
			Comment("0 informational … 3 high; what ordering by severity sorts on").
			Annotations(entgql.OrderField("SEVERITY"), entgql.Skip(entgql.SkipType, entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Enum("status").
			GoType(alerts.Status("")).
			Annotations(entgql.OrderField("STATUS"), entgql.Type("AlertStatus")),
		field.Enum("category").
			GoType(category.Category("")).
			Default(string(category.Other)).
			Comment("partner products' alerts are PARTNER; others take their resource's category").
			Annotations(entgql.Type("ResourceCategory")),
		field.String("intent").Default("").
			Comment("the vendor's intent text as received"),
		field.JSON("tactics", []killchain.Tactic{}).
			Comment("from the alert's intent, else from the built-in catalogue").
			Annotations(entgql.Type("[Tactic!]"), entgql.Skip(entgql.SkipWhereInput, entgql.SkipOrderField)),
		field.Int64("tactic_mask").
			Default(0).
			Comment("bit i set for killchain.All[i]: what the tactic filter reads").
			Annotations(entgql.Skip()),
		field.Bool("tactics_from_catalogue").Default(false),
		field.JSON("techniques", []string{}).Optional().
			Annotations(entgql.Type("[String!]"), entgql.Skip(entgql.SkipWhereInput)),
		field.JSON("sub_techniques", []string{}).Optional().
			Annotations(entgql.Type("[String!]"), entgql.Skip(entgql.SkipWhereInput)),
		field.Time("start_time").
			Annotations(entgql.OrderField("START_TIME")),
		field.Time("end_time").
			Annotations(entgql.OrderField("END_TIME")),
		field.Time("generated_time").Optional().Nillable(),
		field.Time("processing_end_time").Optional().Nillable(),
		field.JSON("remediation_steps", []string{}).
			Annotations(entgql.Type("[String!]"), entgql.Skip(entgql.SkipWhereInput)),
		field.JSON("extended_properties", map[string]string{}).Optional().
			Annotations(entgql.Skip()),
		field.JSON("extended_links", []alerts.Link{}).Optional().
			Annotations(entgql.Skip()),
		field.JSON("entity_relations", []alerts.StoredRelation{}).Optional().
			Comment("relations between this alert's entities, by entity id").
			Annotations(entgql.Skip()),
		field.String("compromised_entity").Default(""),
		field.String("confidence_level").Default(""),
		field.Float("confidence_score").Optional().Nillable(),
		field.Bool("is_incident").Default(false).
			Comment("the vendor marked this alert as an incident itself"),
		field.String("correlation_key").Default(""),
		field.String("alert_uri").Default("").
			Annotations(entgql.Skip(entgql.SkipType)),
		field.String("resource_key").Default("").
			Comment("the correlation key of the resource (lowercased); empty when the alert names neither resource nor host").
			Annotations(entgql.Skip()),
		field.String("subscription_id").Default("").
			Annotations(entgql.Skip(entgql.SkipType)),
		field.String("tenant_id").Default("").
			Annotations(entgql.Skip(entgql.SkipType)),
		field.String("workspace_id").Default("").
			Annotations(entgql.Skip(entgql.SkipType)),
		field.JSON("source_ips", []string{}).Optional().
			Annotations(entgql.Skip()),
		field.String("content_hash").
			Comment("hash of the normalised content: an identical resend is a duplicate").
			Annotations(entgql.Skip()),
		field.Time("created_at").Default(time.Now).Immutable().
			Annotations(entgql.OrderField("CREATED_AT")),
		field.Time("updated_at").Default(time.Now).UpdateDefault(time.Now),
	}
}

// Edges of the Alert.
func (Alert) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("resource", Resource.Type).Ref("alerts").Unique(),
		edge.To("entities", Entity.Type),
		// In the GraphQL type as incidents: [Incident!]! (non-null: see
		// entc.go), eager-loaded with the alerts. An incident merged into
		// another gives its alerts up, so merged incidents never show here.
		edge.From("incidents", Incident.Type).Ref("alerts").
			Comment("The incidents this alert belongs to; it stays listed on its own too."),
		edge.To("payload", AlertPayload.Type).Unique().
			Annotations(entgql.Skip()),
	}
}

// Indexes of the Alert.
func (Alert) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("system_alert_id").Unique(),
		index.Fields("resource_key", "start_time"),
		index.Fields("start_time"),
	}
}

// Annotations of the Alert.
func (Alert) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.MultiOrder(),
	}
}

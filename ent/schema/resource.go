package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/vigil-soc/vigil/category"
)

// Resource is what alerts are about: an Azure resource, or — for an alert
// that names no resource — the host it names.
type Resource struct {
	ent.Schema
}

// Fields of the Resource.
func (Resource) Fields() []ent.Field {
	return []ent.Field{
		field.String("key").
			Immutable().
			NotEmpty().
			Comment("the correlation key: the resource id lowercased (Azure ids compare case-insensitively), or the host key").
			Annotations(entgql.Skip()),
		field.String("resource_id").
			Comment("the Azure resource id as first seen, or the host key when an alert names no resource").
			Annotations(entgql.OrderField("RESOURCE_ID"), entgql.Skip(entgql.SkipType)),
		field.String("name").
			Annotations(entgql.OrderField("NAME")),
		field.String("type").
			Comment("e.g. Microsoft.Compute/virtualMachines; \"host\" for a host key"),
		field.Enum("category").
			GoType(category.Category("")).
			Default(string(category.Other)).
			Comment("the overview's group: IaaS VMs and servers, native compute, data services, service layer …").
			Annotations(entgql.Type("ResourceCategory"), entgql.OrderField("CATEGORY")),
		field.String("subscription_id").
			Default("").
			Annotations(entgql.Skip(entgql.SkipType)),
		field.Time("created_at").
			Default(time.Now).
			Immutable().
			Annotations(entgql.OrderField("CREATED_AT")),
	}
}

// Edges of the Resource.
func (Resource) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("alerts", Alert.Type).
			Annotations(entgql.RelayConnection(), entgql.OrderField("ALERTS_COUNT")),
		edge.To("incidents", Incident.Type).
			Annotations(entgql.RelayConnection(), entgql.OrderField("INCIDENTS_COUNT")),
	}
}

// Indexes of the Resource.
func (Resource) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("key").Unique(),
	}
}

// Annotations of the Resource.
func (Resource) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
		entgql.MultiOrder(),
	}
}

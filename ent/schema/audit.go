package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/vektah/gqlparser/v2/ast"
)

// AuditEvent is one security-relevant event: a login, a failed login, a
// token created, used or revoked, a user changed, a status change, a
// merge, a refused request. Admins read them; nothing deletes them.
type AuditEvent struct {
	ent.Schema
}

// Fields of the AuditEvent.
func (AuditEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Time("time").Default(time.Now).Immutable().
			Annotations(entgql.OrderField("TIME")),
		field.String("action").Immutable().
			Comment("login, login.failed, login.locked, logout, token.created, token.used, token.revoked, user.added, user.password, user.removed, alert.status, incident.status, access.denied …").
			Annotations(entgql.OrderField("ACTION")),
		field.String("actor").Immutable().
			Comment("user:NAME, token:NAME, system or anonymous"),
		field.String("target").Default("").Immutable(),
		field.String("address").Default("").Immutable().
			Comment("the client's address"),
		field.String("detail").Default("").Immutable(),
	}
}

// Indexes of the AuditEvent.
func (AuditEvent) Indexes() []ent.Index {
	return []ent.Index{index.Fields("time"), index.Fields("action")}
}

// Annotations of the AuditEvent.
func (AuditEvent) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.QueryField("auditEvents").Directives(entgql.NewDirective("requires",
			&ast.Argument{Name: "role", Value: &ast.Value{Kind: ast.EnumValue, Raw: "ADMIN"}})),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}

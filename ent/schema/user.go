package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"

	"github.com/vigil-soc/vigil/authz"
)

// User is a person who logs in to the console with a password.
type User struct {
	ent.Schema
}

// Fields of the User.
func (User) Fields() []ent.Field {
	return []ent.Field{
		field.String("username").Unique().NotEmpty().MaxLen(64),
		field.String("password_hash").Sensitive().
			Comment("argon2id, in the PHC string format"),
		field.Enum("role").GoType(authz.Role("")),
		field.JSON("subscriptions", []string{}).Optional().
			Comment("Azure subscription ids the user is limited to (lowercase); empty: all"),
		field.Time("created_at").Default(time.Now).Immutable(),
		field.Time("password_changed_at").Default(time.Now),
	}
}

// Edges of the User.
func (User) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("sessions", Session.Type).
			Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Annotations of the User.
func (User) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Session is a console login: the cookie holds a random id, the database
// its SHA-256.
type Session struct {
	ent.Schema
}

// Fields of the Session.
func (Session) Fields() []ent.Field {
	return []ent.Field{
		field.String("hash").Unique().Sensitive().Immutable(),
		field.Time("created_at").Default(time.Now).Immutable(),
		field.Time("expires_at"),
		field.Time("last_seen_at").Default(time.Now),
	}
}

// Edges of the Session.
func (Session) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("user", User.Type).Ref("sessions").Unique().Required(),
	}
}

// Annotations of the Session.
func (Session) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Token is an API token for machines: shown once, stored as its SHA-256.
type Token struct {
	ent.Schema
}

// Fields of the Token.
func (Token) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(128),
		field.String("hash").Unique().Sensitive().Immutable(),
		field.String("prefix").Immutable().
			Comment("the token's first characters, to tell tokens apart in lists"),
		field.Enum("role").GoType(authz.Role("")),
		field.JSON("subscriptions", []string{}).Optional(),
		field.Time("created_at").Default(time.Now).Immutable(),
		field.String("created_by").Default(""),
		field.Time("expires_at").Optional().Nillable(),
		field.Time("revoked_at").Optional().Nillable(),
		field.Time("last_used_at").Optional().Nillable(),
	}
}

// Annotations of the Token.
func (Token) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

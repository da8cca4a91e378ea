//go:build ignore

// Command entc generates the ent client and the GraphQL schema of the ent
// types (graph/ent.graphql). Run it from the repository root, through
// generate.go: entgql is stable only with paths relative to gqlgen.yml.
package main

import (
	"log"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"
	"github.com/vektah/gqlparser/v2/ast"
)

func main() {
	ex, err := entgql.NewExtension(
		entgql.WithConfigPath("gqlgen.yml"),
		entgql.WithSchemaPath("graph/ent.graphql"),
		entgql.WithSchemaGenerator(),
		entgql.WithWhereInputs(true),
		entgql.WithRelaySpec(true),
		entgql.WithSchemaHook(adjustSchema),
	)
	if err != nil {
		log.Fatalf("entgql: %v", err)
	}
	err = entc.Generate("./ent/schema", &gen.Config{
		Target:  "./ent",
		Package: "github.com/vigil-soc/vigil/ent",
		Features: []gen.Feature{
			gen.FeatureUpsert,
			gen.FeatureExecQuery,
			gen.FeatureModifier,
			gen.FeatureLock,
			gen.FeatureIntercept,
		},
	}, entc.Extensions(ex))
	if err != nil {
		log.Fatalf("entc: %v", err)
	}
}

// adjustSchema edits the generated schema where annotations cannot:
//
//   - Alert.incidents is non-null, as CONTRACT.md has it (an alert in no
//     incident has an empty list); so are Incident.covers, coveredBy, links, followedBy and removals.
//   - Connection fields get their default order as an argument default: an
//     incident's alerts read in start time order, incidents latest activity
//     first. As a schema default it holds for the eager loading of nested
//     connections too, which reads the arguments from the operation rather
//     than from the resolvers. It must not go into ent.DefaultAlertOrder and
//     friends: the pager uses those as the unique tiebreaker of every cursor.
func adjustSchema(_ *gen.Graph, s *ast.Schema) error {
	orders := map[string]*ast.Value{
		"AlertConnection":    orderValue("START_TIME", "ASC"),
		"IncidentConnection": orderValue("LAST_ACTIVITY_TIME", "DESC"),
	}
	for _, t := range s.Types {
		for _, name := range nonNullLists[t.Name] {
			if f := t.Fields.ForName(name); f != nil {
				f.Type.NonNull = true
			}
		}
		for _, f := range t.Fields {
			v := orders[f.Type.Name()]
			if arg := f.Arguments.ForName("orderBy"); v != nil && arg != nil && arg.DefaultValue == nil {
				arg.DefaultValue = v
			}
		}
	}
	return nil
}

// nonNullLists are the list fields, by type, that adjustSchema makes non-null.
var nonNullLists = map[string][]string{
	"Alert":    {"incidents"},
	"Incident": {"covers", "coveredBy", "links", "followedBy", "removals"},
}

// orderValue is the GraphQL value [{field: FIELD, direction: DIRECTION}].
func orderValue(field, direction string) *ast.Value {
	return &ast.Value{Kind: ast.ListValue, Children: ast.ChildValueList{{Value: &ast.Value{
		Kind: ast.ObjectValue,
		Children: ast.ChildValueList{
			{Name: "field", Value: &ast.Value{Kind: ast.EnumValue, Raw: field}},
			{Name: "direction", Value: &ast.Value{Kind: ast.EnumValue, Raw: direction}},
		},
	}}}}
}

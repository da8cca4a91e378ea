package main

// The generators, in order: entc writes the ent client and graph/ent.graphql,
// then gqlgen reads graph/*.graphqls and graph/ent.graphql.
//go:generate go run -mod=mod ./ent/entc.go
//go:generate go tool gqlgen

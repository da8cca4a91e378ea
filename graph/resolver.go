// Package graph holds the GraphQL resolvers: thin adapters from the schema in
// graph/*.graphqls (and the ent types in graph/ent.graphql) to ent queries
// and the domain packages ingest, triage and correlate.
//
//	srv := graph.NewHandler(graph.Deps{Client: db.Client, ...})
package graph

import (
	"context"

	"github.com/vigil-soc/vigil/auth"
	"github.com/vigil-soc/vigil/broker"
	"github.com/vigil-soc/vigil/ent"
	"github.com/vigil-soc/vigil/ingest"
)

// Deps are what the resolvers need.
type Deps struct {
	Client   *ent.Client
	Auth     *auth.Service
	Ingester *ingest.Ingester
	Broker   broker.Broker
	// Schedule asks correlation to recompute resources; called after commit.
	Schedule func(keys ...string)
}

// Resolver is the root resolver.
type Resolver struct {
	Deps
}

// ent returns the client of the request's transaction when there is one
// (mutations run in one), else the plain client.
func (r *Resolver) ent(ctx context.Context) *ent.Client {
	if c := ent.FromContext(ctx); c != nil {
		return c
	}
	return r.Client
}

// afterCommit runs fn after the request's transaction commits, or at once
// when the request has none.
func afterCommit(ctx context.Context, fn func()) {
	tx := ent.TxFromContext(ctx)
	if tx == nil {
		fn()
		return
	}
	tx.OnCommit(func(next ent.Committer) ent.Committer {
		return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
			if err := next.Commit(ctx, tx); err != nil {
				return err
			}
			fn()
			return nil
		})
	})
}

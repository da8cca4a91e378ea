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
	"github.com/vigil-soc/vigil/correlate"
	"github.com/vigil-soc/vigil/ent"
	"github.com/vigil-soc/vigil/ingest"
	"github.com/vigil-soc/vigil/store"
)

// Deps are what the resolvers need.
type Deps struct {
	Client   *ent.Client
	Auth     *auth.Service
	Ingester *ingest.Ingester
	Broker   broker.Broker
	// Schedule asks correlation to recompute the resources of work (made
	// with store.MarkWork in the mutation's transaction); called after
	// commit.
	Schedule func(work store.Work)
	// Backlog tells how many resources wait for correlation (nil: none).
	Backlog func() int
	// Rule is the correlation rule in force.
	Rule correlate.Rule
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

// recompute records, in the request's transaction, that correlation has to
// recompute the resources keys (an analyst's decision changed what they
// hold), and after commit runs then and asks for it: the record outlives a
// crash between the two (see store.WorkItem).
func (r *Resolver) recompute(ctx context.Context, keys []string, then func()) error {
	work, err := store.MarkWork(ctx, r.ent(ctx), keys)
	if err != nil {
		return err
	}
	afterCommit(ctx, func() {
		if then != nil {
			then()
		}
		r.Schedule(work)
	})
	return nil
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

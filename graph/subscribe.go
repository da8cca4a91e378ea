package graph

import (
	"context"
	"time"

	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/broker"
	"github.com/vigil-soc/vigil/ent"
)

// incidents streams the incidents of events of one kind until ctx ends or
// the broker drops the subscription. The channel is closed either way.
// recheck is how often an open subscription checks that its credentials
// still hold.
const recheck = 5 * time.Second

func (r *Resolver) incidents(ctx context.Context, kind broker.Kind) (<-chan *ent.Incident, error) {
	events, err := r.Broker.Subscribe(ctx)
	if err != nil {
		return nil, err
	}
	v := authz.FromContext(ctx)
	if v == nil {
		return nil, authz.ErrNoViewer
	}
	out := make(chan *ent.Incident, 1)
	go func() {
		defer close(out)
		// A revoked token or an ended session ends the subscription within
		// recheck, and no event goes out after the revocation is seen.
		tick := time.NewTicker(recheck)
		defer tick.Stop()
		checked := time.Now()
		for {
			var e broker.Event
			var ok bool
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				if !r.Auth.Valid(ctx, v) {
					return
				}
				checked = time.Now()
				continue
			case e, ok = <-events:
				if !ok {
					return
				}
			}
			if time.Since(checked) > time.Second {
				if !r.Auth.Valid(ctx, v) {
					return
				}
				checked = time.Now()
			}
			if e.Kind != kind {
				continue
			}
			// The viewer's scope applies: an incident out of it is not
			// found, and not delivered.
			inc, err := r.Client.Incident.Get(ctx, e.IncidentID)
			if err != nil {
				continue // out of scope, deleted since (a rebuild), or the context ended
			}
			select {
			case out <- inc:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}

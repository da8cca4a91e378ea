package graph

import (
	"context"

	"github.com/vigil-soc/vigil/broker"
	"github.com/vigil-soc/vigil/ent"
)

// incidents streams the incidents of events of one kind until ctx ends or
// the broker drops the subscription. The channel is closed either way.
func (r *Resolver) incidents(ctx context.Context, kind broker.Kind) (<-chan *ent.Incident, error) {
	events, err := r.Broker.Subscribe(ctx)
	if err != nil {
		return nil, err
	}
	out := make(chan *ent.Incident, 1)
	go func() {
		defer close(out)
		for {
			var e broker.Event
			var ok bool
			select {
			case <-ctx.Done():
				return
			case e, ok = <-events:
				if !ok {
					return
				}
			}
			if e.Kind != kind {
				continue
			}
			inc, err := r.Client.Incident.Get(ctx, e.IncidentID)
			if err != nil {
				continue // deleted since (a rebuild), or the context ended
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

package graph

import (
	"context"
	"errors"
	"time"

	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/broker"
	"github.com/vigil-soc/vigil/ent"
)

// incidents streams the incidents of events of one kind until ctx ends or
// the broker ends the subscription. The channel is closed either way; when
// the broker ended it because events were missed (the subscriber fell too
// far behind, or the broker lost events), a websocket subscriber gets an
// `error` message saying so, with extensions.code CodeSubscriberTooSlow or
// CodeEventsLost, instead of `complete`: it knows to subscribe again and
// query what it missed.
//
// recheck is how often an open subscription checks that its credentials
// still hold.
const recheck = 5 * time.Second

func (r *Resolver) incidents(ctx context.Context, kind broker.Kind) (<-chan *ent.Incident, error) {
	sub, err := r.Broker.Subscribe(ctx)
	if err != nil {
		return nil, err
	}
	events := sub.Events
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
					if err := sub.Err(); err != nil {
						endWith(ctx, err)
					}
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

// Codes of the errors that end a subscription which missed events.
const (
	CodeSubscriberTooSlow = "SUBSCRIBER_TOO_SLOW"
	CodeEventsLost        = "EVENTS_LOST"
)

// endWith tells a websocket subscriber why the broker ended its
// subscription (see incidents). Other transports (server-sent events) have
// no way to carry it after the stream started: they see the stream end.
func endWith(ctx context.Context, err error) {
	code := CodeEventsLost
	msg := err.Error() + "; subscribe again, then query incidents to catch up on what changed meanwhile"
	var slow *broker.ErrTooSlow
	if errors.As(err, &slow) {
		code = CodeSubscriberTooSlow
		msg = err.Error() + " (events are queued for a subscriber while it reads them); subscribe again, then query incidents to catch up on what changed meanwhile"
	}
	defer func() {
		// gqlgen keeps the error for the websocket transport only; on
		// another it finds nothing to add to and panics.
		_ = recover()
	}()
	transport.AddSubscriptionError(ctx, &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": code}})
}

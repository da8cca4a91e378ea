package broker

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/lib/pq"
)

// Channel is the PostgreSQL notification channel incident events travel on.
const Channel = "vigil_incidents"

// Postgres is a Broker for several vigil processes on one PostgreSQL
// database: Publish sends the event with pg_notify, and every process —
// this one included — receives it through LISTEN and fans it out to its own
// subscribers as Memory does. Events published while a process is
// reconnecting its listener are lost for that process's subscribers (they
// are notifications, not a log); the listener reconnects by itself.
type Postgres struct {
	db       *sql.DB
	listener *pq.Listener
	local    *Memory
	log      *slog.Logger
	done     chan struct{}
	once     sync.Once
}

// NewPostgres listens on dsn's database and publishes through db (the same
// database). buffer is each subscriber's buffer, as for NewMemory.
func NewPostgres(ctx context.Context, db *sql.DB, dsn string, buffer int, log *slog.Logger) (*Postgres, error) {
	p := &Postgres{db: db, local: NewMemory(buffer), log: log, done: make(chan struct{})}
	p.listener = pq.NewListener(dsn, 100*time.Millisecond, 10*time.Second, func(ev pq.ListenerEventType, err error) {
		switch ev {
		case pq.ListenerEventDisconnected:
			log.Warn("incident event listener disconnected; reconnecting", "err", err)
		case pq.ListenerEventReconnected:
			log.Info("incident event listener reconnected")
		case pq.ListenerEventConnectionAttemptFailed:
			log.Warn("incident event listener could not connect", "err", err)
		}
	})
	if err := p.listener.Listen(Channel); err != nil {
		p.listener.Close()
		return nil, fmt.Errorf("LISTEN %s: %w", Channel, err)
	}
	go p.receive()
	return p, nil
}

func (p *Postgres) receive() {
	ping := time.NewTicker(30 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-p.done:
			return
		case n, ok := <-p.listener.Notify:
			if !ok {
				return
			}
			if n == nil {
				// Reconnected: notifications in between are gone, so
				// every subscriber is told rather than left with a gap.
				p.log.Warn("the event listener reconnected; ending subscriptions, which may have missed events")
				p.local.Lost()
				continue
			}
			var e Event
			if err := json.Unmarshal([]byte(n.Extra), &e); err != nil || e.IncidentID == 0 {
				p.log.Warn("ignoring a malformed incident event", "channel", n.Channel)
				continue
			}
			p.local.Publish(e)
		case <-ping.C:
			go p.listener.Ping()
		}
	}
}

// Publish implements Broker. It never blocks for long: a failed notify is
// logged and the event is delivered to this process's subscribers directly.
func (p *Postgres) Publish(e Event) {
	payload, _ := json.Marshal(e)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if _, err := p.db.ExecContext(ctx, "SELECT pg_notify($1, $2)", Channel, string(payload)); err != nil {
		p.log.Warn("pg_notify failed; delivering the event in this process only", "incident_id", e.IncidentID, "err", err)
		p.local.Publish(e)
	}
}

// Subscribe implements Broker.
func (p *Postgres) Subscribe(ctx context.Context) (*Subscription, error) {
	return p.local.Subscribe(ctx)
}

// Close implements Broker: it stops listening and ends every subscription.
func (p *Postgres) Close() error {
	var err error
	p.once.Do(func() {
		close(p.done)
		err = p.listener.Close()
		p.local.Close()
	})
	return err
}

// Subscribers returns the number of this process's subscribers.
func (p *Postgres) Subscribers() int { return p.local.Subscribers() }

// Dropped returns how many of this process's subscribers were dropped.
func (p *Postgres) Dropped() int64 { return p.local.Dropped() }

// Package ingest stores alerts: it is the one path by which alerts enter the
// database, whether they come from POST /api/alerts, the ingestAlerts
// mutation or `vigil import`.
//
//	in := ingest.New(db, ingest.Options{OnCommit: job.Schedule})
//	res, err := in.Read(ctx, body, "application/json") // parse, then store
//	res, err := in.Items(ctx, items)                   // store already-parsed items
//
// Each call is one transaction with batched writes: valid items are stored,
// invalid ones are reported by index with the field at fault, and nothing is
// half-written. An alert sent again with identical content is a duplicate;
// with changed content it updates the stored alert.
package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/ent"
	"github.com/vigil-soc/vigil/formats"
	"github.com/vigil-soc/vigil/killchain"
	"github.com/vigil-soc/vigil/store"
)

// Options configure an Ingester.
type Options struct {
	// OnCommit is called after each committed ingest with the correlation
	// keys of the resources it touched (never while the transaction is open).
	OnCommit func(keys ...string)
	// OnChange, when set, is called after each committed ingest in place
	// of OnCommit with the ids of the alerts created or updated, by the
	// correlation key of their resource — what lets correlation read only
	// what they affect — and the work items that record the change in the
	// database until correlation is done with it
	// (correlate.Job.ScheduleAlerts).
	OnChange func(changed map[string][]int, work store.Work)
	// MaxPayload caps the raw payload stored per alert (default 64 KiB).
	MaxPayload int
}

// Ingester stores alerts in a database.
type Ingester struct {
	db   *store.DB
	opts Options
}

// New returns an Ingester writing to db.
func New(db *store.DB, opts Options) *Ingester {
	if opts.MaxPayload <= 0 {
		opts.MaxPayload = 64 << 10
	}
	return &Ingester{db: db, opts: opts}
}

// Result is what one ingest did. It is also the JSON answer of POST /api/alerts.
type Result struct {
	Accepted   int         `json:"accepted"`
	Updated    int         `json:"updated"`
	Duplicates int         `json:"duplicates"`
	Rejected   []Rejection `json:"rejected"`
	// Keys are the correlation keys of the resources touched.
	Keys []string `json:"-"`
	// Changed are the ids of the alerts created or updated, by the
	// correlation key of their resource.
	Changed map[string][]int `json:"-"`
	// Work are the work items that record, until correlation deletes
	// them, that the resources touched have changes to correlate.
	Work store.Work `json:"-"`
}

// Rejection is one item that was not stored.
type Rejection struct {
	Index int    `json:"index"`
	Error string `json:"error"`
}

// Item is one alert to store, or the error that kept it from being parsed.
type Item = formats.Item

// Read parses r (any supported format; contentType is a hint) and stores
// its alerts. A body that cannot be parsed at all returns a *formats.SyntaxError
// and stores nothing.
func (in *Ingester) Read(ctx context.Context, r io.Reader, contentType string) (Result, error) {
	batch, err := formats.Parse(r, contentType)
	if err != nil {
		return Result{}, err
	}
	return in.Items(ctx, batch.Items)
}

// Items stores the valid items in one transaction and reports the others.
//
// A caller limited to some subscriptions may only send their alerts;
// others are rejected. Then ingest reads and writes as vigil itself: the
// deduplication must see every stored alert.
func (in *Ingester) Items(ctx context.Context, items []Item) (Result, error) {
	caller := authz.FromContext(ctx)
	ctx = authz.System(ctx)
	res := Result{Rejected: []Rejection{}}
	var valid []*pending
	for _, it := range items {
		if it.Err == nil && it.Alert == nil {
			it.Err = errors.New("empty item")
		}
		if it.Err == nil {
			it.Err = prepare(it.Alert)
		}
		if it.Err == nil && caller != nil && !caller.InScope(it.Alert.SubscriptionID) {
			it.Err = fmt.Errorf("subscriptionId %s is outside the subscriptions of %s", alerts.Quote(it.Alert.SubscriptionID), caller.Actor())
		}
		if it.Err != nil {
			res.Rejected = append(res.Rejected, Rejection{Index: it.Index, Error: fmt.Sprintf("item %d: %v", it.Index, it.Err)})
			continue
		}
		p, err := newPending(it.Index, it.Alert, in.opts.MaxPayload)
		if err != nil {
			res.Rejected = append(res.Rejected, Rejection{Index: it.Index, Error: fmt.Sprintf("item %d: %v", it.Index, err)})
			continue
		}
		valid = append(valid, p)
	}
	if len(valid) == 0 {
		return res, nil
	}
	var counts counts
	write := func(tx *ent.Tx) error {
		var err error
		counts, err = (&writer{tx: tx}).write(ctx, valid)
		if err != nil {
			return err
		}
		if (in.opts.OnCommit != nil || in.opts.OnChange != nil) && len(counts.keys) > 0 {
			keys, changed, work := counts.keys, counts.changed, counts.work
			tx.OnCommit(func(next ent.Committer) ent.Committer {
				return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
					if err := next.Commit(ctx, tx); err != nil {
						return err
					}
					if in.opts.OnChange != nil {
						in.opts.OnChange(changed, work)
					} else {
						in.opts.OnCommit(keys...)
					}
					return nil
				})
			})
		}
		return nil
	}
	var err error
	if tx := ent.TxFromContext(ctx); tx != nil {
		// Inside a GraphQL mutation's transaction: write there, so that
		// the mutation commits or rolls back as one.
		err = write(tx)
	} else {
		// Two ingests creating the same new alert at once: the loser's
		// transaction fails on the unique id (or, on PostgreSQL, is chosen
		// as a deadlock's victim) and is simply run again, when it sees the
		// winner's rows.
		for attempt := 0; ; attempt++ {
			err = store.WithTx(ctx, in.db.Client, write)
			if err == nil || !(ent.IsConstraintError(err) || store.Retryable(err)) || attempt == 9 {
				break
			}
			select { // a random pause, so that the losers do not collide again
			case <-ctx.Done():
			case <-time.After(time.Duration(rand.IntN(50*(attempt+1))) * time.Millisecond):
			}
		}
	}
	if err != nil {
		return Result{}, fmt.Errorf("storing %d alerts: %w", len(valid), err)
	}
	res.Accepted, res.Updated, res.Duplicates, res.Keys, res.Changed, res.Work = counts.accepted, counts.updated, counts.duplicates, counts.keys, counts.changed, counts.work
	return res, nil
}

// prepare cleans and completes a parsed alert: tactics from the catalogue
// when it carries no intent, then validation.
func prepare(a *alerts.Alert) error {
	sanitize(a)
	if len(a.Tactics) == 0 {
		if ts, ok := killchain.Lookup(a.AlertType, a.DisplayName); ok {
			a.Tactics = ts
		}
	}
	a.Tactics = killchain.Sorted(a.Tactics)
	return a.Validate()
}

// pending is a valid alert on its way into the database.
type pending struct {
	index    int
	alert    *alerts.Alert
	resource resourceRef
	hasRes   bool
	hash     string
	payload  []byte
	size     int
}

func newPending(index int, a *alerts.Alert, maxPayload int) (*pending, error) {
	p := &pending{index: index, alert: a}
	p.resource, p.hasRes = resourceOf(a)
	p.payload = a.Raw
	if len(p.payload) == 0 {
		// No payload as received (an alert built in code): keep the
		// normalised form, so that every alert has one.
		b, err := json.Marshal(a)
		if err != nil {
			return nil, fmt.Errorf("encoding: %w", err)
		}
		p.payload = b
	}
	p.size = len(p.payload)
	p.hash = contentHash(p.payload)
	if len(p.payload) > maxPayload {
		p.payload = p.payload[:maxPayload]
	}
	return p, nil
}

// contentHash identifies an alert's content: the payload as received, with
// insignificant JSON white space removed, so that a vendor's resend of the
// same alert is a duplicate however it is indented.
func contentHash(payload []byte) string {
	var compact bytes.Buffer
	if err := json.Compact(&compact, payload); err == nil {
		payload = compact.Bytes()
	}
	h := sha256.Sum256(payload)
	return hex.EncodeToString(h[:])
}

func (p *pending) truncated() bool { return len(p.payload) < p.size }

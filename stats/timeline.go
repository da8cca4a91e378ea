// Package stats computes the overview's figures that a connection's
// totalCount cannot give: alert counts over time.
//
//	buckets, err := stats.Timeline(ctx, client.Alert.Query(), from, to, 24*time.Hour, -5*time.Hour)
package stats

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/ent"
	entalert "github.com/vigil-soc/vigil/ent/alert"
)

// MaxBuckets bounds one timeline.
const MaxBuckets = 1000

// ErrRange is returned for a range that is empty or has too many buckets.
var ErrRange = errors.New("invalid timeline range")

// Bucket counts the alerts that started in [Start, Start+step).
type Bucket struct {
	Start                            time.Time
	Count                            int
	Informational, Low, Medium, High int
}

// Timeline counts the alerts of q that start in [from, to), per step, by
// severity. Buckets are aligned to midnight (for day steps) or the hour in
// the zone offset from UTC by offset, so that a viewer's "Tuesday" is one
// bucket; every bucket in the range is returned, empty ones included.
func Timeline(ctx context.Context, q *ent.AlertQuery, from, to time.Time, step, offset time.Duration) ([]Bucket, error) {
	if step <= 0 || !to.After(from) {
		return nil, fmt.Errorf("%w: from must be before to", ErrRange)
	}
	zone := time.FixedZone("", int(offset.Seconds()))
	first := truncate(from.In(zone), step)
	span := to.Sub(first) // saturates for ranges over 292 years
	if span > time.Duration(MaxBuckets)*step {
		return nil, fmt.Errorf("%w: more than %d buckets: widen the bucket or narrow the range", ErrRange, MaxBuckets)
	}
	n := int((span + step - 1) / step)
	out := make([]Bucket, n)
	for i := range out {
		out[i].Start = first.Add(time.Duration(i) * step).UTC()
	}
	var rows []struct {
		StartTime time.Time       `json:"start_time"`
		Severity  alerts.Severity `json:"severity"`
	}
	err := q.Where(entalert.StartTimeGTE(from), entalert.StartTimeLT(to)).
		Select(entalert.FieldStartTime, entalert.FieldSeverity).
		Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		i := int(r.StartTime.Sub(first) / step)
		if i < 0 || i >= n {
			continue
		}
		b := &out[i]
		b.Count++
		switch r.Severity {
		case alerts.High:
			b.High++
		case alerts.Medium:
			b.Medium++
		case alerts.Low:
			b.Low++
		default:
			b.Informational++
		}
	}
	return out, nil
}

// truncate rounds t down to a multiple of step in t's own zone (days start at
// the zone's midnight).
func truncate(t time.Time, step time.Duration) time.Time {
	if step >= 24*time.Hour {
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
	}
	_, off := t.Zone()
	shifted := t.Add(time.Duration(off) * time.Second)
	return shifted.Truncate(step).Add(-time.Duration(off) * time.Second)
}

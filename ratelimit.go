package main

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/vigil-soc/vigil/authz"
)

// rateLimit lets each identity (token or user) send rate requests per
// second to next, in bursts of up to twice that, and answers 429 with
// Retry-After beyond.
func rateLimit(rate float64, next http.Handler) http.Handler {
	var mu sync.Mutex
	buckets := map[string]*bucket{}
	burst := math.Max(2*rate, 1)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := authz.FromContext(r.Context())
		key := v.Actor() + "#" + strconv.Itoa(v.ID)
		now := time.Now()
		mu.Lock()
		b := buckets[key]
		if b == nil {
			if len(buckets) > 10_000 { // identities are few; this only bounds memory
				clear(buckets)
			}
			b = &bucket{tokens: burst, at: now}
			buckets[key] = b
		}
		wait := b.take(now, rate, burst)
		mu.Unlock()
		if wait > 0 {
			secs := int(math.Ceil(wait.Seconds()))
			w.Header().Set("Retry-After", strconv.Itoa(secs))
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprintf(w, `{"error":"more than %g requests per second from %s; retry in %ds"}`+"\n", rate, v.Kind, secs)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// bucket is a token bucket.
type bucket struct {
	tokens float64
	at     time.Time
}

// take refills the bucket to now and takes a token; it returns how long
// to wait when there is none.
func (b *bucket) take(now time.Time, rate, burst float64) time.Duration {
	b.tokens = math.Min(burst, b.tokens+now.Sub(b.at).Seconds()*rate)
	b.at = now
	if b.tokens >= 1 {
		b.tokens--
		return 0
	}
	return time.Duration((1 - b.tokens) / rate * float64(time.Second))
}

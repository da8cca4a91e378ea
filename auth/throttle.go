package auth

import (
	"sync"
	"time"
)

// Throttle counts failed logins per key (an account, an address) and locks
// a key out for a while after too many: the lockout doubles with each
// further lock, up to MaxLockout, and always ends, so that an attacker
// slows the admin down but never locks them out for good.
type Throttle struct {
	MaxFailures int           // failures within Window that lock the key
	Window      time.Duration // how long a failure counts
	Lockout     time.Duration // the first lockout
	MaxLockout  time.Duration // the longest lockout

	mu   sync.Mutex
	keys map[string]*throttleEntry
	now  func() time.Time
}

type throttleEntry struct {
	failures    int
	first       time.Time // of the failures counted
	lockedUntil time.Time
	locks       int // lockouts so far, for the doubling
	lastSeen    time.Time
}

// maxThrottleKeys bounds the memory an attacker can make the throttle use
// by trying many usernames or addresses.
const maxThrottleKeys = 100_000

// NewThrottle returns a throttle locking after maxFailures within window,
// for lockout at first, doubling up to maxLockout.
func NewThrottle(maxFailures int, window, lockout, maxLockout time.Duration) *Throttle {
	return &Throttle{MaxFailures: maxFailures, Window: window, Lockout: lockout, MaxLockout: maxLockout,
		keys: map[string]*throttleEntry{}, now: time.Now}
}

// Locked returns how long key stays locked out; 0 when it is not.
func (t *Throttle) Locked(key string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	e := t.keys[key]
	if e == nil {
		return 0
	}
	if d := e.lockedUntil.Sub(t.now()); d > 0 {
		return d
	}
	return 0
}

// Fail records a failure for key and returns the lockout it caused, if
// any.
func (t *Throttle) Fail(key string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	e := t.keys[key]
	if e == nil {
		if len(t.keys) >= maxThrottleKeys {
			t.evict(now)
		}
		e = &throttleEntry{}
		t.keys[key] = e
	}
	e.lastSeen = now
	if e.failures == 0 || now.Sub(e.first) > t.Window {
		e.failures, e.first = 0, now
	}
	e.failures++
	if e.failures < t.MaxFailures {
		return 0
	}
	d := t.Lockout << min(e.locks, 16)
	if d > t.MaxLockout || d <= 0 {
		d = t.MaxLockout
	}
	e.locks++
	e.failures = 0
	e.lockedUntil = now.Add(d)
	return d
}

// Succeed forgets key's failures and lockouts.
func (t *Throttle) Succeed(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.keys, key)
}

// evict drops entries that neither lock nor count any more, and when that
// is not enough, the oldest half.
func (t *Throttle) evict(now time.Time) {
	for k, e := range t.keys {
		if now.After(e.lockedUntil) && now.Sub(e.lastSeen) > t.Window {
			delete(t.keys, k)
		}
	}
	if len(t.keys) < maxThrottleKeys {
		return
	}
	n := 0
	for k := range t.keys {
		delete(t.keys, k)
		if n++; n >= maxThrottleKeys/2 {
			return
		}
	}
}

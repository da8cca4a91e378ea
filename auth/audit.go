package auth

import (
	"context"
	"strings"

	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/ent"
)

// Audit records a security-relevant event done by ctx's viewer. address is
// optional. Failing to write it is logged, never fatal to the action.
func (s *Service) Audit(ctx context.Context, action, target, detail string, address ...string) {
	Record(ctx, s.client, s.log, action, target, detail, address...)
}

// Record writes an audit event with client; see Service.Audit.
func Record(ctx context.Context, client *ent.Client, log interface {
	Warn(string, ...any)
}, action, target, detail string, address ...string) {
	addr := ""
	if len(address) > 0 {
		addr = address[0]
	}
	c := client
	if tc := ent.FromContext(ctx); tc != nil {
		c = tc // the event commits or rolls back with the change
	}
	_, err := c.AuditEvent.Create().
		SetAction(action).
		SetActor(authz.FromContext(ctx).Actor()).
		SetTarget(boundedLen(target, 256)).
		SetAddress(boundedLen(addr, 64)).
		SetDetail(boundedLen(detail, 512)).
		Save(authz.System(ctx))
	if err != nil && log != nil {
		log.Warn("writing the audit log", "action", action, "err", err)
	}
}

func boundedLen(s string, n int) string {
	s = strings.ToValidUTF8(s, "?")
	if len(s) <= n {
		return s
	}
	for n > 0 && !isRuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

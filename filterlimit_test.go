package main

import (
	"fmt"
	"testing"

	"github.com/vigil-soc/vigil/store/storetest"
)

// TestFilterLimits: where filters nested or repeated beyond the limits are
// BAD_USER_INPUT on both databases (2,000 nested nots and 20,000 ors were
// INTERNAL on SQLite, which refused the SQL; found by the hostile corpus),
// and filters within them run.
func TestFilterLimits(t *testing.T) {
	nested := func(n int) any {
		var w any = map[string]any{"systemAlertID": "x"}
		for range n {
			w = map[string]any{"not": w}
		}
		return w
	}
	ors := func(n int) any {
		var or []any
		for i := range n {
			or = append(or, map[string]any{"systemAlertID": fmt.Sprint("x", i)})
		}
		return map[string]any{"or": or}
	}
	tests := []struct {
		name  string
		where any
		code  string
	}{
		{"2,000 nested nots", nested(2000), "BAD_USER_INPUT"},
		{"16 levels run", nested(15), ""},
		{"17 levels do not", nested(16), "BAD_USER_INPUT"},
		{"20,000 ors", ors(20000), "BAD_USER_INPUT"},
		{"499 ors run", ors(499), ""},
		{"ors nested in hasIncidentsWith count too", map[string]any{"hasIncidentsWith": []any{map[string]any{"hasAlertsWith": []any{ors(600)}}}}, "BAD_USER_INPUT"},
	}
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Parallel()
		ts := startServer(t, dsn)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				for _, q := range []string{
					`query($w: AlertWhereInput) { alerts(where: $w) { totalCount } }`,
					`query($w: AlertWhereInput) { alertTimeline(from: "2024-01-01T00:00:00Z", to: "2024-01-02T00:00:00Z", bucket: HOUR, where: $w) { count } }`,
				} {
					errs := ts.graphql(t, q, map[string]any{"w": tt.where}, nil)
					code := ""
					if len(errs) > 0 {
						code = errs[0].code()
					}
					if code != tt.code {
						t.Errorf("%s: errors %+v, want code %q", q, errs, tt.code)
					}
				}
			})
		}
	})
}

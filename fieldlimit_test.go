package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/store/storetest"
)

// TestFragmentBombIsRefused: fragments that expand to 2^40 fields are
// refused at once (gqlgen's complexity count walked the expansion and held
// a CPU for hours; found by the hostile corpus), and a document at the
// limit still runs.
func TestFragmentBombIsRefused(t *testing.T) {
	ts := startServer(t, storetest.SQLite(t))
	tests := []struct {
		name  string
		query string
		code  string
	}{
		{"40 fragments each spreading the one before twice", fragmentBomb(40), "COMPLEXITY_LIMIT_EXCEEDED"},
		{"13 levels: 8,192 fields fit", fragmentBomb(13), ""},
		{"14 levels: 16,384 fields do not", fragmentBomb(14), "COMPLEXITY_LIMIT_EXCEEDED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, _ := json.Marshal(map[string]string{"query": tt.query})
			start := time.Now()
			status, answer := ts.post(t, "/graphql", "application/json", body)
			if took := time.Since(start); took > 5*time.Second {
				t.Errorf("answered after %s", took)
			}
			var resp struct{ Errors []gqlError }
			json.Unmarshal(answer, &resp)
			code := ""
			if len(resp.Errors) > 0 {
				code = resp.Errors[0].code()
			}
			// 200, as gqlgen answers its own complexity limit.
			if code != tt.code || status != http.StatusOK {
				t.Errorf("status %d, code %q, want 200 %q: %.300s", status, code, tt.code, answer)
			}
		})
	}
}

// fragmentBomb is a document of n fragments, each spreading the one
// before it twice: 2^n fields once expanded.
func fragmentBomb(n int) string {
	var b strings.Builder
	b.WriteString("query { ...F" + fmt.Sprint(n) + " }\nfragment F0 on Query { __typename }\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "fragment F%d on Query { ...F%d ...F%d }\n", i, i-1, i-1)
	}
	return b.String()
}

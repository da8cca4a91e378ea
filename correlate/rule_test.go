package correlate

import (
	"testing"
	"time"

	"github.com/vigil-soc/vigil/killchain"
)

var t0 = time.Date(2019, 1, 6, 2, 2, 0, 0, time.UTC)

func m(id int, after time.Duration, ts ...killchain.Tactic) Member {
	return Member{ID: id, Start: t0.Add(after), Tactics: ts}
}

func ids(chain []Member) []int {
	out := make([]int, len(chain))
	for i, c := range chain {
		out[i] = c.ID
	}
	return out
}

func TestChainsSplitOnlyOnGapsLongerThanTheWindow(t *testing.T) {
	const w = 24 * time.Hour
	tests := []struct {
		name    string
		members []Member
		want    [][]int
	}{
		{"no alerts give no chains", nil, nil},
		{"one alert is one chain", []Member{m(1, 0)}, [][]int{{1}}},
		{"a gap of exactly the window does not split", []Member{m(1, 0), m(2, w)}, [][]int{{1, 2}}},
		{"a gap one second longer than the window splits", []Member{m(1, 0), m(2, w+time.Second)}, [][]int{{1}, {2}}},
		{"the gap is between consecutive alerts, not from the first", []Member{m(1, 0), m(2, 20*time.Hour), m(3, 40*time.Hour)}, [][]int{{1, 2, 3}}},
		{"alerts arrive in any order and are sorted by start", []Member{m(3, 2*time.Hour), m(1, 0), m(2, time.Hour)}, [][]int{{1, 2, 3}}},
		{"equal starts are ordered by id", []Member{m(9, 0), m(4, 0)}, [][]int{{4, 9}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Chains(tt.members, w)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d chains %v, want %v", len(got), got, tt.want)
			}
			for i := range got {
				if g := ids(got[i]); !equalInts(g, tt.want[i]) {
					t.Fatalf("chain %d = %v, want %v", i, g, tt.want[i])
				}
			}
		})
	}
}

func TestQualifiesNeedsTwoTacticsAndAForwardStep(t *testing.T) {
	const (
		recon  = killchain.Reconnaissance
		access = killchain.InitialAccess
		exec   = killchain.Execution
		c2     = killchain.CommandAndControl
	)
	tests := []struct {
		name  string
		chain []Member
		want  bool
	}{
		{"a single alert never qualifies", []Member{m(1, 0, access, exec)}, false},
		{"one tactic only does not qualify", []Member{m(1, 0, exec), m(2, time.Hour, exec)}, false},
		{"two tactics in kill-chain order qualify", []Member{m(1, 0, access), m(2, time.Hour, exec)}, true},
		{"only a backward step does not qualify", []Member{m(1, 0, c2), m(2, time.Hour, access)}, false},
		{"backward steps then one forward step qualify", []Member{m(1, 0, c2), m(2, time.Hour, access), m(3, 2*time.Hour, exec)}, true},
		{"a later alert with an earlier and a later tactic is a forward step", []Member{m(1, 0, exec), m(2, time.Hour, recon, c2)}, true},
		{"alerts starting at the same instant step forward either way", []Member{m(1, 0, exec), m(2, 0, access)}, true},
		{"alerts without a known tactic do not count as steps", []Member{m(1, 0), m(2, time.Hour, exec), m(3, 2*time.Hour)}, false},
		{"members without tactics do not stop a chain qualifying", []Member{m(1, 0, access), m(2, 30*time.Minute), m(3, time.Hour, exec)}, true},
		{"an alert with two tactics alone before a later same tactic is no forward step", []Member{m(1, 0, access, c2), m(2, time.Hour, access)}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			chains := Chains(tt.chain, 24*time.Hour)
			if len(chains) != 1 {
				t.Fatalf("test chain split into %d chains", len(chains))
			}
			if got := Qualifies(chains[0]); got != tt.want {
				t.Fatalf("Qualifies = %v, want %v", got, tt.want)
			}
		})
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

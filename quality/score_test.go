package quality

import (
	"math"
	"slices"
	"testing"
	"time"
)

func TestScorePairwisePrecisionAndRecall(t *testing.T) {
	// Five alerts: a, b, c are one attack, d and e another, f is noise.
	labels := map[string]string{"a": "x", "b": "x", "c": "x", "d": "y", "e": "y", "f": ""}
	tests := []struct {
		name   string
		groups [][]string
		want   Figures
		p, r   float64
	}{
		{"perfect grouping finds every labelled pair and claims no other",
			[][]string{{"a", "b", "c"}, {"d", "e"}}, Figures{Predicted: 4, Labelled: 4, Correct: 4}, 1, 1},
		{"all in one incident finds every pair but claims fifteen",
			[][]string{{"a", "b", "c", "d", "e", "f"}}, Figures{Predicted: 15, Labelled: 4, Correct: 4}, 4.0 / 15, 1},
		{"all apart claims nothing where pairs are labelled: both figures are 0",
			nil, Figures{Predicted: 0, Labelled: 4, Correct: 0}, 0, 0},
		{"singleton incidents are all apart too",
			[][]string{{"a"}, {"b"}, {"f"}}, Figures{Predicted: 0, Labelled: 4, Correct: 0}, 0, 0},
		{"partial: one attack split, the noise joined to the other",
			[][]string{{"a", "b"}, {"c"}, {"d", "e", "f"}}, Figures{Predicted: 4, Labelled: 4, Correct: 2}, 0.5, 0.5},
		{"overlapping incidents count a shared pair once",
			[][]string{{"a", "b", "c"}, {"a", "b"}, {"d", "e"}}, Figures{Predicted: 4, Labelled: 4, Correct: 4}, 1, 1},
		{"an id listed twice in one incident is not a pair with itself",
			[][]string{{"a", "a", "b"}}, Figures{Predicted: 1, Labelled: 4, Correct: 1}, 1, 0.25},
		{"an id the labels do not know is unlabelled: its pairs are false",
			[][]string{{"a", "z"}}, Figures{Predicted: 1, Labelled: 4, Correct: 0}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Score(labels, tt.groups)
			if got != tt.want {
				t.Fatalf("Score = %+v, want %+v", got, tt.want)
			}
			if p := got.Precision(); !near(p, tt.p) {
				t.Errorf("precision = %v, want %v", p, tt.p)
			}
			if r := got.Recall(); !near(r, tt.r) {
				t.Errorf("recall = %v, want %v", r, tt.r)
			}
		})
	}
}

func TestScoreEdgeCasesWithNoPairs(t *testing.T) {
	noise := map[string]string{"a": "", "b": ""}
	tests := []struct {
		name   string
		labels map[string]string
		groups [][]string
		p, r   float64
	}{
		{"nothing labelled and nothing predicted is perfect", noise, nil, 1, 1},
		{"nothing labelled and nothing predicted, with singleton incidents, is perfect", noise, [][]string{{"a"}}, 1, 1},
		{"a pair predicted where none is labelled scores 0 on both", noise, [][]string{{"a", "b"}}, 0, 0},
		{"no alerts at all is perfect", map[string]string{}, nil, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Score(tt.labels, tt.groups)
			if p, r := f.Precision(), f.Recall(); p != tt.p || r != tt.r {
				t.Fatalf("P, R = %v, %v, want %v, %v (figures %+v)", p, r, tt.p, tt.r, f)
			}
		})
	}
}

func TestTotalsAreMicroAveragedOverPairs(t *testing.T) {
	// A big scenario with 9 of 10 predicted pairs right and a small one with
	// 0 of 1: the total weighs pairs, not scenarios.
	big := Figures{Predicted: 10, Labelled: 10, Correct: 9}
	small := Figures{Predicted: 1, Labelled: 1, Correct: 0}
	sum := big.Add(small)
	if sum != (Figures{Predicted: 11, Labelled: 11, Correct: 9}) {
		t.Fatalf("Add = %+v", sum)
	}
	if p := sum.Precision(); !near(p, 9.0/11) {
		t.Fatalf("micro precision = %v, want 9/11 (the macro average would be 0.45)", p)
	}
	// A scenario with nothing to find and nothing claimed adds nothing.
	if got := sum.Add(Figures{}); got != sum {
		t.Fatalf("adding an empty scenario changed the total: %+v", got)
	}
}

func TestF1(t *testing.T) {
	tests := []struct {
		name string
		f    Figures
		want float64
	}{
		{"perfect", Figures{Predicted: 2, Labelled: 2, Correct: 2}, 1},
		{"half precision, full recall", Figures{Predicted: 4, Labelled: 2, Correct: 2}, 2 * 0.5 / 1.5},
		{"nothing right", Figures{Predicted: 3, Labelled: 3}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f.F1(); !near(got, tt.want) {
				t.Fatalf("F1 = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestPerResourceBaselineSplitsOnGapsLongerThanTheWindow(t *testing.T) {
	const w = 24 * time.Hour
	at := func(id, res string, h float64) Observed {
		return Observed{ID: id, Resource: res, Start: Base.Add(time.Duration(h * float64(time.Hour)))}
	}
	tests := []struct {
		name string
		as   []Observed
		want [][]string
	}{
		{"two alerts of one resource within the window are one incident",
			[]Observed{at("a", "vm1", 0), at("b", "vm1", 5)}, [][]string{{"a", "b"}}},
		{"a gap of exactly the window does not split",
			[]Observed{at("a", "vm1", 0), at("b", "vm1", 24)}, [][]string{{"a", "b"}}},
		{"a gap longer than the window splits, and a lone alert is no incident",
			[]Observed{at("a", "vm1", 0), at("b", "vm1", 1), at("c", "vm1", 26)}, [][]string{{"a", "b"}}},
		{"alerts of different resources never join",
			[]Observed{at("a", "vm1", 0), at("b", "vm2", 0)}, nil},
		{"alerts without a resource are left out",
			[]Observed{at("a", "", 0), at("b", "", 1)}, nil},
		{"order of input does not matter",
			[]Observed{at("c", "vm1", 2), at("a", "vm1", 0), at("b", "vm1", 1)}, [][]string{{"a", "b", "c"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PerResource(tt.as, w); !equalGroups(got, tt.want) {
				t.Fatalf("PerResource = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestPerEntityBaselineConnectsSharedKeysTransitively(t *testing.T) {
	ents := func(id string, keys ...string) Observed { return Observed{ID: id, Entities: keys} }
	tests := []struct {
		name string
		as   []Observed
		want [][]string
	}{
		{"a shared key links two alerts",
			[]Observed{ents("a", "ip:192.0.2.1"), ents("b", "ip:192.0.2.1")}, [][]string{{"a", "b"}}},
		{"links are transitive through a third key",
			[]Observed{ents("a", "ip:192.0.2.1"), ents("b", "ip:192.0.2.1", "account:name:root"), ents("c", "account:name:root")},
			[][]string{{"a", "b", "c"}}},
		{"alerts with nothing in common stay apart",
			[]Observed{ents("a", "ip:192.0.2.1"), ents("b", "ip:192.0.2.2"), ents("c")}, nil},
		{"two components are two incidents",
			[]Observed{ents("a", "host:x"), ents("b", "host:x"), ents("c", "host:y"), ents("d", "host:y")},
			[][]string{{"a", "b"}, {"c", "d"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PerEntity(tt.as); !equalGroups(got, tt.want) {
				t.Fatalf("PerEntity = %v, want %v", got, tt.want)
			}
		})
	}
}

func equalGroups(a, b [][]string) bool {
	return slices.EqualFunc(a, b, func(x, y []string) bool { return slices.Equal(x, y) })
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

package quality

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/store/storetest"
)

// exactCategories are the categories whose labels follow the documented
// per-resource rule (README, Correlation), so that today's correlation must
// get them exactly right. A failure is a product bug or a bad label: look at
// `go run ./quality/cmd/report -v -run NAME`.
var exactCategories = map[string]bool{"single-resource": true, "late": true, "gap": true}

// TestQualityReportOverTheWholeCorpus runs every scenario once, on SQLite,
// and checks the run, the table and vigil's figures on the exact categories.
func TestQualityReportOverTheWholeCorpus(t *testing.T) {
	corpus, err := Corpus()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Run(authz.System(context.Background()), corpus, Options{DSN: func() (string, error) { return storetest.SQLite(t), nil }})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != len(corpus) {
		t.Fatalf("%d results for %d scenarios", len(rep.Results), len(corpus))
	}

	t.Run("every distinct alert is stored once", func(t *testing.T) {
		for _, res := range rep.Results {
			if got, want := len(res.Stored), len(res.Scenario.Labels()); got != want {
				t.Errorf("%s: %d alerts stored, want %d", res.Scenario.Name, got, want)
			}
		}
	})

	t.Run("the table has a row per scenario, a TOTAL row and the target", func(t *testing.T) {
		var out bytes.Buffer
		if err := rep.WriteTable(&out); err != nil {
			t.Fatal(err)
		}
		table := out.String()
		for _, want := range []string{"vigil P", "per-resource P", "per-entity P", "\nTOTAL ", "target P,R ≥ 0.95 and better than both baselines: "} {
			if !strings.Contains(table, want) {
				t.Errorf("the table has no %q:\n%s", want, table)
			}
		}
		for _, res := range rep.Results {
			if !strings.Contains(table, "\n"+res.Scenario.Name+" ") {
				t.Errorf("the table has no row for %s", res.Scenario.Name)
			}
		}
		if err := rep.WriteDetail(&bytes.Buffer{}); err != nil {
			t.Fatal(err)
		}
		t.Logf("\n%s", table)
	})

	t.Run("vigil is exact on the scenarios the per-resource rule defines", func(t *testing.T) {
		checked := 0
		for _, res := range rep.Results {
			if !exactCategories[res.Scenario.Category] {
				continue
			}
			checked++
			v := res.Scores.Vigil
			if v.Precision() != 1 || v.Recall() != 1 {
				var d bytes.Buffer
				(&Report{Window: rep.Window, Results: []Result{res}}).WriteDetail(&d)
				t.Errorf("%s: vigil P %.2f R %.2f (%+v), want 1.00/1.00%s", res.Scenario.Name, v.Precision(), v.Recall(), v, d.String())
			}
		}
		if checked == 0 {
			t.Fatal("no scenario in the exact categories")
		}
	})
}

func TestRunNeedsADatabase(t *testing.T) {
	if _, err := Run(authz.System(context.Background()), nil, Options{}); err == nil {
		t.Fatal("Run with no DSN succeeded")
	}
}

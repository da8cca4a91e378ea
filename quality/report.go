package quality

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/vigil-soc/vigil/killchain"
)

// Target is the precision and recall that vigil's totals must reach (issue 4).
const Target = 0.95

// Report is a run over a corpus.
type Report struct {
	Window  time.Duration
	Results []Result
}

// Total sums the scores of every scenario (micro-averaging).
func (r *Report) Total() Scores {
	var t Scores
	for _, res := range r.Results {
		t = t.Add(res.Scores)
	}
	return t
}

// CategoryScores are the summed scores of one category's scenarios.
type CategoryScores struct {
	Category  string
	Scenarios int
	Scores    Scores
}

// ByCategory sums the scores per category, in the order of Categories;
// categories with no scenario are left out.
func (r *Report) ByCategory() []CategoryScores {
	sums := map[string]*CategoryScores{}
	for _, res := range r.Results {
		c := res.Scenario.Category
		if sums[c] == nil {
			sums[c] = &CategoryScores{Category: c}
		}
		sums[c].Scenarios++
		sums[c].Scores = sums[c].Scores.Add(res.Scores)
	}
	var out []CategoryScores
	for _, c := range Categories {
		if s := sums[c]; s != nil {
			out = append(out, *s)
		}
	}
	return out
}

// TargetMet reports whether vigil's total precision and recall reach Target
// and its F1 is higher than each baseline's.
func (r *Report) TargetMet() bool {
	t := r.Total()
	v := t.Vigil
	return v.Precision() >= Target && v.Recall() >= Target &&
		v.F1() > t.PerResource.F1() && v.F1() > t.PerEntity.F1()
}

// WriteTable writes the per-scenario table with its TOTAL row, the totals
// per category, the F1 of each system and whether the target is met.
func (r *Report) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := "scenario\tcategory\talerts\tpairs\tvigil P\tR\tper-resource P\tR\tper-entity P\tR\t\n"
	fmt.Fprint(tw, head)
	alerts, pairs := 0, 0
	for _, res := range r.Results {
		s := res.Scenario
		n := len(s.Labels())
		alerts += n
		pairs += res.Scores.Vigil.Labelled
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\n", s.Name, s.Category, n, res.Scores.Vigil.Labelled, cells(res.Scores))
	}
	fmt.Fprintf(tw, "TOTAL\t\t%d\t%d\t%s\n", alerts, pairs, cells(r.Total()))
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "category\tscenarios\tpairs\tvigil P\tR\tper-resource P\tR\tper-entity P\tR\t\n")
	for _, c := range r.ByCategory() {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\n", c.Category, c.Scenarios, c.Scores.Vigil.Labelled, cells(c.Scores))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	t := r.Total()
	met := "NOT MET"
	if r.TargetMet() {
		met = "MET"
	}
	_, err := fmt.Fprintf(w, "\nF1: vigil %.2f, per-resource %.2f, per-entity %.2f (window %s)\ntarget P,R ≥ %.2f and better than both baselines: %s\n",
		t.Vigil.F1(), t.PerResource.F1(), t.PerEntity.F1(), r.Window, Target, met)
	return err
}

func cells(s Scores) string {
	var b strings.Builder
	for _, f := range []Figures{s.Vigil, s.PerResource, s.PerEntity} {
		fmt.Fprintf(&b, "%.2f\t%.2f\t", f.Precision(), f.Recall())
	}
	return b.String()
}

// WriteDetail writes, for each scenario, its alerts in start order with
// their resource, tactics, status and label, and the incident each system
// put them in (numbered per system; "-" for none).
func (r *Report) WriteDetail(w io.Writer) error {
	for _, res := range r.Results {
		s := res.Scenario
		fmt.Fprintf(w, "\n== %s (%s)\n%s\n", s.Name, s.Category, s.Description)
		labels := s.Labels()
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprint(tw, "start\talert\tresource\ttactics\tstatus\tlabel\tvigil\tper-res\tper-ent\n")
		as := append([]Observed(nil), res.Stored...)
		sort.SliceStable(as, func(i, j int) bool { return as[i].Start.Before(as[j].Start) })
		vg, rg, eg := groupOf(res.Groups.Vigil), groupOf(res.Groups.PerResource), groupOf(res.Groups.PerEntity)
		for _, a := range as {
			l := labels[a.ID]
			if l == "" {
				l = "-"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", a.Start.Sub(Base), a.ID, shortResource(a.Resource),
				tactics(a.Tactics), a.Status, l, vg(a.ID), rg(a.ID), eg(a.ID))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		sc := res.Scores
		fmt.Fprintf(w, "P/R: vigil %.2f/%.2f, per-resource %.2f/%.2f, per-entity %.2f/%.2f\n",
			sc.Vigil.Precision(), sc.Vigil.Recall(), sc.PerResource.Precision(), sc.PerResource.Recall(),
			sc.PerEntity.Precision(), sc.PerEntity.Recall())
	}
	return nil
}

// groupOf returns a function naming the groups (1-based) that hold an id.
func groupOf(groups [][]string) func(string) string {
	in := map[string][]string{}
	for i, g := range groups {
		for _, id := range g {
			in[id] = append(in[id], fmt.Sprint(i+1))
		}
	}
	return func(id string) string {
		if len(in[id]) == 0 {
			return "-"
		}
		return strings.Join(in[id], ",")
	}
}

func shortResource(key string) string {
	if key == "" {
		return "(none)"
	}
	return key[strings.LastIndex(key, "/")+1:]
}

func tactics(ts []killchain.Tactic) string {
	if len(ts) == 0 {
		return "(none)"
	}
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = killchain.Label(t)
	}
	return strings.Join(out, ", ")
}

package quality

// Figures are the pair counts of one system on one or more scenarios; doc.go
// defines them and the edge cases.
type Figures struct {
	Predicted int // pairs some incident holds together
	Labelled  int // pairs that share a non-empty label
	Correct   int // pairs that are both
}

// Precision is Correct/Predicted; with no predicted pair it is 1 when no
// pair is labelled either, else 0.
func (f Figures) Precision() float64 { return ratio(f.Correct, f.Predicted, f.Labelled) }

// Recall is Correct/Labelled; with no labelled pair it is 1 when no pair is
// predicted either, else 0.
func (f Figures) Recall() float64 { return ratio(f.Correct, f.Labelled, f.Predicted) }

// F1 is the harmonic mean of precision and recall (0 when both are 0).
func (f Figures) F1() float64 {
	p, r := f.Precision(), f.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Add returns the sum of f and g: totals are micro-averaged.
func (f Figures) Add(g Figures) Figures {
	return Figures{Predicted: f.Predicted + g.Predicted, Labelled: f.Labelled + g.Labelled, Correct: f.Correct + g.Correct}
}

func ratio(num, den, other int) float64 {
	if den == 0 {
		if other == 0 {
			return 1
		}
		return 0
	}
	return float64(num) / float64(den)
}

type pair struct{ a, b string }

func newPair(x, y string) pair {
	if y < x {
		x, y = y, x
	}
	return pair{x, y}
}

// Score compares predicted groups of alert ids with labels (alert id →
// ground-truth group, "" for none). Groups may overlap; a pair counts once
// however many groups hold it. Ids in groups that labels does not know are
// unlabelled.
func Score(labels map[string]string, groups [][]string) Figures {
	predicted := map[pair]bool{}
	for _, g := range groups {
		for i := range g {
			for j := i + 1; j < len(g); j++ {
				if g[i] != g[j] {
					predicted[newPair(g[i], g[j])] = true
				}
			}
		}
	}
	byLabel := map[string][]string{}
	for id, l := range labels {
		if l != "" {
			byLabel[l] = append(byLabel[l], id)
		}
	}
	var f Figures
	for _, ids := range byLabel {
		n := len(ids)
		f.Labelled += n * (n - 1) / 2
	}
	f.Predicted = len(predicted)
	for p := range predicted {
		if la := labels[p.a]; la != "" && la == labels[p.b] {
			f.Correct++
		}
	}
	return f
}

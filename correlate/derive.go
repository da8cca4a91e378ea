package correlate

import (
	"fmt"
	"strings"
	"time"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/ent"
	"github.com/vigil-soc/vigil/killchain"
)

// derived are the fields of an incident computed from its members.
type derived struct {
	Title, Description string
	Severity           alerts.Severity
	Tactics            []killchain.Tactic
	First, Last        time.Time
	SourceIPs          []string
	Remediation        []string
	Active             bool
	Count              int
}

// set writes the derived fields into an incident mutation (of a create or
// an update).
func (d derived) set(m *ent.IncidentMutation) {
	m.SetTitle(d.Title)
	m.SetDescription(d.Description)
	m.SetSeverity(d.Severity)
	m.SetSeverityRank(d.Severity.Rank())
	m.SetIsActive(d.Active)
	m.SetFirstActivityTime(d.First)
	m.SetLastActivityTime(d.Last)
	m.SetTactics(d.Tactics)
	m.SetTacticMask(killchain.Mask(d.Tactics))
	m.SetSourceIps(d.SourceIPs)
	m.SetRemediationSteps(d.Remediation)
	m.SetAlertCount(d.Count)
}

// derive computes an incident's fields from its member alerts. status is
// the incident's own status: a closed incident is not active. place names
// where it happened in the title and the story: a resource's name, or the
// names of several.
func derive(place string, status alerts.Status, members []*ent.Alert) derived {
	return deriveTitled("Security incident detected on "+place, place, status, members)
}

// deriveTitled is derive with a title of its own: the members' aggregate
// gives them, so that an incident maintained incrementally from its stored
// aggregate gets exactly the fields a recomputation gives.
func deriveTitled(title, place string, status alerts.Status, members []*ent.Alert) derived {
	return aggregateOf(members).derived(title, place, status)
}

// story tells the attack in one or two sentences: where, from which tactic to
// which, over how long, through which alerts (names: the members' distinct
// display names, by first appearance in start order), and from where.
func story(resourceName string, count int, names []string, d derived) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d alerts on %s", count, resourceName)
	if n := len(d.Tactics); n >= 2 {
		fmt.Fprintf(&b, " progressed along the kill chain from %s to %s", killchain.Label(d.Tactics[0]), killchain.Label(d.Tactics[n-1]))
	}
	fmt.Fprintf(&b, " within %s, starting %s UTC: ", span(d.Last.Sub(d.First)), d.First.UTC().Format("2006-01-02 15:04"))
	shownNames := make([]string, 0, min(len(names), 5))
	const shown = 4
	for i, n := range names {
		if i == shown {
			shownNames = append(shownNames, fmt.Sprintf("%d more", len(names)-shown))
			break
		}
		shownNames = append(shownNames, bound(n, 80))
	}
	b.WriteString(strings.Join(shownNames, ", then "))
	b.WriteString(".")
	if len(d.SourceIPs) > 0 {
		ips := d.SourceIPs
		more := ""
		if len(ips) > 3 {
			ips, more = ips[:3], fmt.Sprintf(" and %d more", len(d.SourceIPs)-3)
		}
		fmt.Fprintf(&b, " The activity came from %s%s.", strings.Join(ips, ", "), more)
	}
	return b.String()
}

func span(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "less than a minute"
	case d < time.Hour:
		return fmt.Sprintf("%d minutes", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%.0f hours", d.Hours())
	}
	return fmt.Sprintf("%.0f days", d.Hours()/24)
}

func bound(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

package correlate

import (
	"fmt"
	"sort"
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

// deriveTitled is derive with a title of its own.
func deriveTitled(title, place string, status alerts.Status, members []*ent.Alert) derived {
	ms := append([]*ent.Alert(nil), members...)
	sort.SliceStable(ms, func(i, j int) bool {
		if !ms[i].StartTime.Equal(ms[j].StartTime) {
			return ms[i].StartTime.Before(ms[j].StartTime)
		}
		// Not the database id: it follows arrival order, and the same
		// alerts must give the same incident however they arrived.
		return ms[i].SystemAlertID < ms[j].SystemAlertID
	})
	d := derived{
		Title:       title,
		Severity:    alerts.Informational,
		Tactics:     []killchain.Tactic{},
		SourceIPs:   []string{},
		Remediation: []string{},
		Count:       len(ms),
	}
	var tactics []killchain.Tactic
	ips, steps := map[string]bool{}, map[string]bool{}
	for i, a := range ms {
		if a.Severity.Rank() > d.Severity.Rank() {
			d.Severity = a.Severity
		}
		tactics = append(tactics, a.Tactics...)
		if i == 0 || a.StartTime.Before(d.First) {
			d.First = a.StartTime
		}
		if end := maxTime(a.StartTime, a.EndTime); i == 0 || end.After(d.Last) {
			d.Last = end
		}
		for _, ip := range a.SourceIps {
			if !ips[ip] {
				ips[ip] = true
				d.SourceIPs = append(d.SourceIPs, ip)
			}
		}
		for _, s := range a.RemediationSteps {
			if k := strings.TrimSpace(s); k != "" && !steps[k] {
				steps[k] = true
				d.Remediation = append(d.Remediation, s)
			}
		}
		if !a.Status.Closed() {
			d.Active = true
		}
	}
	d.Tactics = killchain.Sorted(tactics)
	if status.Closed() {
		d.Active = false
	}
	d.Description = story(place, ms, d)
	return d
}

// story tells the attack in one or two sentences: where, from which tactic to
// which, over how long, through which alerts, and from where.
func story(resourceName string, ms []*ent.Alert, d derived) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d alerts on %s", len(ms), resourceName)
	if n := len(d.Tactics); n >= 2 {
		fmt.Fprintf(&b, " progressed along the kill chain from %s to %s", killchain.Label(d.Tactics[0]), killchain.Label(d.Tactics[n-1]))
	}
	fmt.Fprintf(&b, " within %s, starting %s UTC: ", span(d.Last.Sub(d.First)), d.First.UTC().Format("2006-01-02 15:04"))
	var names []string
	seen := map[string]bool{}
	for _, a := range ms {
		if a.DisplayName != "" && !seen[a.DisplayName] {
			seen[a.DisplayName] = true
			names = append(names, bound(a.DisplayName, 80))
		}
	}
	const shown = 4
	if len(names) > shown {
		names = append(names[:shown], fmt.Sprintf("%d more", len(names)-shown))
	}
	b.WriteString(strings.Join(names, ", then "))
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

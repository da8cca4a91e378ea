package formats

import (
	"strings"
	"time"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/killchain"
)

// The vendors' vocabularies, mapped onto the contract's enums. Matching is
// case-insensitive and ignores spaces, dashes and underscores.

var severities = map[string]alerts.Severity{
	"high":          alerts.High,
	"medium":        alerts.Medium,
	"low":           alerts.Low,
	"informational": alerts.Informational,
	"information":   alerts.Informational,
	"silent":        alerts.Informational, // Defender's "do not notify" level
}

var statuses = map[string]alerts.Status{
	"new":        alerts.Active,
	"active":     alerts.Active,
	"inprogress": alerts.InProgress,
	"resolved":   alerts.Resolved,
	"closed":     alerts.Resolved,
	"dismissed":  alerts.Dismissed,
	// Microsoft's alert schema documents "Unknown" as the status it assigns
	// when a provider sent an unsupported one; the alert is still open.
	"unknown": alerts.Active,
}

// word normalises a vocabulary word: "In Progress" → "inprogress".
func word(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '_', '\t':
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(s)))
}

// parseSeverity maps a vendor severity onto the contract's.
func parseSeverity(s string) (alerts.Severity, bool) {
	v, ok := severities[word(s)]
	return v, ok
}

// parseStatus maps a vendor status (or 2015's state) onto the contract's.
func parseStatus(s string) (alerts.Status, bool) {
	v, ok := statuses[word(s)]
	return v, ok
}

// Time layouts, tried in order. Fractional seconds of any length are
// accepted after the seconds by every layout (time.Parse does that), and a
// layout without a zone parses as UTC.
var (
	isoLayouts = []string{
		time.RFC3339,                // 2020-02-22T00:00:00.0000000Z
		"2006-01-02T15:04:05Z0700",  // +0000
		"2006-01-02T15:04:05",       // no zone
		"2006-01-02 15:04:05Z07:00", // 2023-02-20 05:58:58Z (Log Analytics)
		"2006-01-02 15:04:05Z0700",
		"2006-01-02 15:04:05", // 2019-01-15 05:15:03 (pandas CSV)
	}
	usLayouts = []string{ // Log Analytics portal CSV export: 1/15/2019, 5:15:03.000 AM
		"1/2/2006, 3:04:05 PM",
		"1/2/2006 3:04:05 PM",
		"1/2/2006 3:04:05 PM Z07:00",
		"1/2/2006 15:04:05",
		"1/2/2006 3:04 PM",
	}
)

// parseTime parses a vendor time and returns it in UTC.
func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range isoLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	s = strings.ToUpper(s) // time.Parse wants "AM"/"PM"
	for _, l := range usLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// severity reads a required severity field.
func (r *record) severity(names ...string) alerts.Severity {
	k, v, ok := r.lookup(names...)
	if !ok {
		r.fail(names[0], "missing")
		return ""
	}
	s, isStr := v.(string)
	if !isStr {
		r.fail(k, "want a string, got "+jsonType(v))
		return ""
	}
	sev, known := parseSeverity(s)
	if !known {
		r.fail(k, "unknown value "+alerts.Quote(s)+" (want High, Medium, Low or Informational)")
	}
	return sev
}

// status reads the status field; an alert without one is ACTIVE.
func (r *record) status(names ...string) alerts.Status {
	k, v, ok := r.lookup(names...)
	if !ok {
		return alerts.Active
	}
	s, isStr := v.(string)
	if !isStr {
		r.fail(k, "want a string, got "+jsonType(v))
		return alerts.Active
	}
	st, known := parseStatus(s)
	if !known {
		r.fail(k, "unknown value "+alerts.Quote(s)+" (want New, Active, InProgress, Resolved, Closed or Dismissed)")
	}
	return st
}

// time reads a time field; zero when absent. It returns the key it read so
// that later checks (end before start) can name it.
func (r *record) time(names ...string) (string, time.Time) {
	k, v, ok := r.lookup(names...)
	if !ok {
		return names[0], time.Time{}
	}
	s, isStr := v.(string)
	if !isStr {
		r.fail(k, "want a time string, got "+jsonType(v))
		return k, time.Time{}
	}
	t, valid := parseTime(s)
	if !valid {
		r.fail(k, "unparseable time "+alerts.Quote(s))
	}
	return k, t
}

// tactics reads every field of names that carries intents or tactics (a
// string, a list of them, or a JSON list in a string) and maps them with
// killchain.ParseIntent. It returns the raw text of the first field found.
func (r *record) tactics(names ...string) (raw string, ts []killchain.Tactic) {
	for _, n := range names {
		k, v, ok := r.lookup(n)
		if !ok {
			continue
		}
		text, isStr := v.(string)
		if !isStr || strings.HasPrefix(strings.TrimSpace(text), "[") {
			text = strings.Join(r.list(k), ", ")
		}
		text = strings.TrimSpace(text)
		if raw == "" {
			raw = text
		}
		got, unknown := killchain.ParseIntent(text)
		if len(unknown) > 0 {
			r.fail(k, "unknown tactic "+alerts.Quote(unknown[0]))
		}
		ts = append(ts, got...)
	}
	if len(ts) == 0 {
		return raw, nil
	}
	return raw, killchain.Sorted(ts)
}

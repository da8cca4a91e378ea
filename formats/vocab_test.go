package formats

import (
	"testing"
	"time"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/killchain"
)

func TestParseSeverity(t *testing.T) {
	tests := []struct {
		in   string
		want alerts.Severity
		ok   bool
	}{
		{"High", alerts.High, true},
		{"high", alerts.High, true},
		{"HIGH", alerts.High, true},
		{" Medium ", alerts.Medium, true},
		{"Low", alerts.Low, true},
		{"Informational", alerts.Informational, true},
		{"Information", alerts.Informational, true},
		{"Silent", alerts.Informational, true},
		{"Critical", "", false},
		{"", "", false},
		{"Hi", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := parseSeverity(tc.in)
			if got != tc.want || ok != tc.ok {
				t.Errorf("parseSeverity(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestParseStatus(t *testing.T) {
	tests := []struct {
		name, in string
		want     alerts.Status
		ok       bool
	}{
		{"New", "New", alerts.Active, true},
		{"Active", "Active", alerts.Active, true},
		{"lower case", "active", alerts.Active, true},
		{"InProgress", "InProgress", alerts.InProgress, true},
		{"In Progress with a space", "In Progress", alerts.InProgress, true},
		{"in_progress", "in_progress", alerts.InProgress, true},
		{"Resolved", "Resolved", alerts.Resolved, true},
		{"Closed", "Closed", alerts.Resolved, true},
		{"Dismissed", "Dismissed", alerts.Dismissed, true},
		{"Unknown, documented as the status of an unsupported one", "Unknown", alerts.Active, true},
		{"Open is not a vendor word", "Open", "", false},
		{"Done", "Done", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := parseStatus(tc.in)
			if got != tc.want || ok != tc.ok {
				t.Errorf("parseStatus(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestParseTime(t *testing.T) {
	tests := []struct {
		name, in, want string // want "" = unparseable
	}{
		{"RFC3339 with 7 fraction digits", "2020-02-23T13:47:58.9205584Z", "2020-02-23T13:47:58.9205584Z"},
		{"RFC3339 without fraction", "2020-02-22T00:00:00Z", "2020-02-22T00:00:00Z"},
		{"RFC3339 with an offset, stored as UTC", "2020-02-22T02:00:00.5+02:00", "2020-02-22T00:00:00.5Z"},
		{"RFC3339 with a compact offset", "2020-02-22T02:00:00+0200", "2020-02-22T00:00:00Z"},
		{"ISO without zone is UTC", "2020-02-22T00:00:00.123", "2020-02-22T00:00:00.123Z"},
		{"space separated without zone (pandas)", "2019-01-15 05:15:03", "2019-01-15T05:15:03Z"},
		{"space separated with fraction", "2019-01-15 05:15:03.1234567", "2019-01-15T05:15:03.1234567Z"},
		{"space separated with Z (Log Analytics)", "2023-02-20 05:58:58Z", "2023-02-20T05:58:58Z"},
		{"US date, AM", "1/15/2019 5:15:03 AM", "2019-01-15T05:15:03Z"},
		{"US date, PM, padded, fraction", "01/15/2019 05:15:03.123 PM", "2019-01-15T17:15:03.123Z"},
		{"US date, lowercase pm", "1/15/2019 5:15:03 pm", "2019-01-15T17:15:03Z"},
		{"US date with a comma (portal export)", "1/15/2019, 5:15:03.000 AM", "2019-01-15T05:15:03Z"},
		{"US date, 24-hour", "1/15/2019 17:15:03", "2019-01-15T17:15:03Z"},
		{"surrounding spaces", "  2019-01-15 05:15:03 ", "2019-01-15T05:15:03Z"},
		{"garbage", "yesterday", ""},
		{"empty", "", ""},
		{"date only", "2019-01-15", ""},
		{"month 13", "2019-13-15T00:00:00Z", ""},
		{"unix seconds", "1547529303", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := parseTime(tc.in)
			if tc.want == "" {
				if ok {
					t.Errorf("parseTime(%q) = %v, want failure", tc.in, got)
				}
				return
			}
			want, _ := time.Parse(time.RFC3339Nano, tc.want)
			if !ok || !got.Equal(want) || got.Location() != time.UTC {
				t.Errorf("parseTime(%q) = %v, %v; want %v UTC", tc.in, got, ok, want)
			}
		})
	}
}

// Intents go through killchain.ParseIntent; these rows check how an
// alert's intent field is read and reported.
func TestIntentField(t *testing.T) {
	const base = `{"SystemAlertId":"x","Severity":"Low","StartTimeUtc":"2024-01-01T00:00:00Z",`
	tests := []struct {
		name, fields string
		want         []killchain.Tactic
		errField     string
	}{
		{"one ATT&CK tactic", `"Intent":"Execution"}`, []killchain.Tactic{killchain.Execution}, ""},
		{"a list, sorted in kill-chain order", `"Intent":"Persistence, Execution"}`, []killchain.Tactic{killchain.Execution, killchain.Persistence}, ""},
		{"ASC pre-ATT&CK words", `"Intent":"Probing"}`, []killchain.Tactic{killchain.Reconnaissance}, ""},
		{"spaced name", `"Intent":"Lateral Movement"}`, []killchain.Tactic{killchain.LateralMovement}, ""},
		{"Unknown carries no tactic", `"Intent":"Unknown"}`, nil, ""},
		{"Log Analytics Tactics column", `"Tactics":"InitialAccess,Impact"}`, []killchain.Tactic{killchain.InitialAccess, killchain.Impact}, ""},
		{"Intent and Tactics together", `"Intent":"Execution","Tactics":"Impact"}`, []killchain.Tactic{killchain.Execution, killchain.Impact}, ""},
		{"a JSON array", `"Intent":["Collection","Exfiltration"]}`, []killchain.Tactic{killchain.Collection, killchain.Exfiltration}, ""},
		{"an unknown word is an error naming Intent", `"Intent":"Execution, Teleportation"}`, nil, "Intent"},
		{"an unknown word in Tactics names Tactics", `"Tactics":"Wizardry"}`, nil, "Tactics"},
		{"a number is an error", `"Intent":7}`, nil, "Intent"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.errField != "" {
				eq(t, "error field", itemFieldError(t, base+tc.fields).Field, tc.errField)
				return
			}
			eq(t, "Tactics", onlyAlert(t, base+tc.fields).Tactics, tc.want)
		})
	}
}

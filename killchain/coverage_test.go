package killchain

import (
	"encoding/csv"
	"os"
	"slices"
	"testing"
)

// sampleExport is msticpy's sample SecurityAlert export: 189 alerts of 66
// types, with no intent column, as an older Azure Security Center wrote them.
const sampleExport = "../demo/data/alertlist.csv" // the sample export, as bundled (demo/data/NOTICE.md)

// sampleAlert is one row of the sample export.
type sampleAlert struct {
	alertType, name, displayName, start, entity string
}

func readSampleExport(t *testing.T) []sampleAlert {
	t.Helper()
	f, err := os.Open(sampleExport)
	if err != nil {
		t.Fatalf("the sample export must be readable from the package folder: %v", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("read %s: %v", sampleExport, err)
	}
	if len(rows) < 2 {
		t.Fatalf("%s has no alerts", sampleExport)
	}
	col := make(map[string]int)
	for i, h := range rows[0] {
		col[h] = i // the first header is empty: the pandas index
	}
	for _, h := range []string{"AlertType", "AlertName", "AlertDisplayName", "StartTimeUtc", "CompromisedEntity"} {
		if _, ok := col[h]; !ok {
			t.Fatalf("%s has no %s column; header %q", sampleExport, h, rows[0])
		}
	}
	var out []sampleAlert
	for _, r := range rows[1:] {
		out = append(out, sampleAlert{
			alertType:   r[col["AlertType"]],
			name:        r[col["AlertName"]],
			displayName: r[col["AlertDisplayName"]],
			start:       r[col["StartTimeUtc"]],
			entity:      r[col["CompromisedEntity"]],
		})
	}
	return out
}

func TestLookupCoversAtLeastEightyPercentOfTheSampleExport(t *testing.T) {
	alerts := readSampleExport(t)
	if len(alerts) != 189 {
		t.Fatalf("the sample export has %d alerts, want 189: has the file changed?", len(alerts))
	}
	covered := 0
	types, coveredTypes := map[string]bool{}, map[string]bool{}
	for _, a := range alerts {
		types[a.alertType] = true
		if ts, ok := Lookup(a.alertType, a.displayName); ok && len(ts) > 0 {
			covered++
			coveredTypes[a.alertType] = true
		} else {
			t.Logf("no tactics for %q", a.displayName)
		}
	}
	t.Logf("tactics for %d of %d alerts (%.1f%%), %d of %d alert types",
		covered, len(alerts), 100*float64(covered)/float64(len(alerts)), len(coveredTypes), len(types))
	if covered*100 < len(alerts)*80 {
		t.Errorf("tactics for %d of %d alerts, want at least 80%%", covered, len(alerts))
	}
}

// The vm1 story of the sample export, in start-time order: an attack that a
// correlator should see move forward through the kill chain.
func TestLookupGivesTheSampleVM1AlertsTheirTactics(t *testing.T) {
	want := map[string][]Tactic{
		"SQL injection blocked":                                   {InitialAccess},
		"Failed RDP Brute Force Attack":                           {Reconnaissance},
		"Successful RDP brute force attack":                       {InitialAccess},
		"Suspicious SVCHOST process executed":                     {Execution, DefenseEvasion},
		"Multiple Domain Accounts Queried":                        {Discovery},
		"Network communication with a malicious machine detected": {CommandAndControl},
		"Possible outgoing spam activity detected":                {Impact},
	}
	seen := map[string]bool{}
	for _, a := range readSampleExport(t) {
		w, ok := want[a.displayName]
		if !ok || seen[a.displayName] {
			continue
		}
		seen[a.displayName] = true
		got, ok := Lookup(a.alertType, a.displayName)
		if !ok || !slices.Equal(got, w) {
			t.Errorf("Lookup(%q, %q) = %v, %v; want %v, true", a.alertType, a.displayName, got, ok, w)
		}
	}
	for name := range want {
		if !seen[name] {
			t.Errorf("the sample export has no alert named %q", name)
		}
	}
}

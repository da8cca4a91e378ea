package killchain

import (
	"slices"
	"strings"
	"testing"
)

// firstRule is the index of the rule that answers for a display name, or -1.
func firstRule(name string) int {
	ws := nameWords(name)
	for i, r := range builtin.rules {
		if r.matches(ws) {
			return i
		}
	}
	return -1
}

// Each row is a display name that no catalogue line knows, so that the rules
// answer; together the rows reach every rule, which proves none is shadowed by
// a broader rule above it.
func TestRules(t *testing.T) {
	tests := []struct {
		name string
		want []Tactic
	}{
		{"Successful RDP brute force attack", []Tactic{InitialAccess}},
		{"Brute force succeeded against FTP", []Tactic{InitialAccess}},
		{"Failed RDP Brute Force Attack", []Tactic{Reconnaissance}},
		{"Password spray against Azure AD", []Tactic{Reconnaissance}},
		{"SQL injection blocked", []Tactic{InitialAccess}},
		{"Ransomware note dropped", []Tactic{Impact}},
		{"vssadmin used to delete backups", []Tactic{Impact}},
		{"Possible outgoing spam activity detected", []Tactic{Impact}},
		{"Outbound denial of service from web tier", []Tactic{Impact}},
		{"XMRig miner started", []Tactic{Execution}},
		{"Pass the hash from workstation", []Tactic{DefenseEvasion, LateralMovement}},
		{"LSASS memory read by unsigned process", []Tactic{CredentialAccess}},
		{"Outbound connection to known malicious host", []Tactic{CommandAndControl}},
		{"Maliciuos IP communication", []Tactic{CommandAndControl}},
		{"Local reconnaissance commands run", []Tactic{Discovery}},
		{"Users and groups enumerated over LDAP", []Tactic{Discovery}},
		{"Deep Security Agent detected a malware", []Tactic{Execution}},
		{"Port scan from the internet", []Tactic{Reconnaissance}},
		{"Unusual svchost parent", []Tactic{Execution, DefenseEvasion}},
		{"Security event log cleared by operator", []Tactic{DefenseEvasion}},
		{"DC with MS AM engine failure - Demo", []Tactic{DefenseEvasion}},
		{"Host firewall opened for all traffic", []Tactic{DefenseEvasion}},
		{"UAC prompt suppressed via fodhelper", []Tactic{PrivilegeEscalation, DefenseEvasion}},
		{"Base64 blob passed to interpreter", []Tactic{DefenseEvasion}},
		{"Rundll32 loading from temp", []Tactic{Execution, DefenseEvasion}},
		{"Global domain trust creation - Demo", []Tactic{PrivilegeEscalation, DefenseEvasion}},
		{"DC local group addition - Demo", []Tactic{Persistence, PrivilegeEscalation}},
		{"Multiple failed logons for admin", []Tactic{Reconnaissance}},
		{"Palo Alto admin logged on via SSH - Demo", []Tactic{InitialAccess}},
		{"Suspicious Account Added", []Tactic{Persistence}},
		{"Possible exfiltration to cloud drive", []Tactic{Exfiltration}},
		{"China Chopper web shell request", []Tactic{Persistence}},
		{"Reverse shell to external host", []Tactic{Execution, CommandAndControl}},
		{"Phishing link clicked", []Tactic{InitialAccess}},
		{"Modified system binary discovered in dump file 5bd767e4.hdmp", []Tactic{Persistence, DefenseEvasion}},
		{"Process hollowing in explorer", []Tactic{DefenseEvasion}},
		{"Random process name detected", []Tactic{DefenseEvasion}},
		{"Token elevation by unexpected process", []Tactic{PrivilegeEscalation}},
		{"New scheduled task runs from temp", []Tactic{Persistence}},
		{"PsExec seen between servers", []Tactic{LateralMovement}},
		{"Binary downloaded with bitsadmin", []Tactic{CommandAndControl}},
		{"Suspicious process started by Office", []Tactic{Execution}},
	}
	reached := make([]bool, len(rules))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, known := builtin.byName[nameKey(tt.name)]; known {
				t.Fatalf("%q is a catalogue line; the row must test a rule", tt.name)
			}
			got, ok := Lookup("", tt.name)
			if !ok || !slices.Equal(got, tt.want) {
				t.Errorf("Lookup(%q) = %v, %v; want %v, true", tt.name, got, ok, tt.want)
			}
			if i := firstRule(tt.name); i >= 0 {
				reached[i] = true
			}
		})
	}
	for i, ok := range reached {
		if !ok {
			t.Errorf("no row reaches rule %d %q", i, rules[i].match)
		}
	}
}

func TestRulesGiveReasons(t *testing.T) {
	for _, r := range rules {
		if strings.TrimSpace(r.why) == "" {
			t.Errorf("rule %q gives no reason", r.match)
		}
	}
}

func TestRuleCompileRejectsBadRules(t *testing.T) {
	tests := []struct {
		name string
		r    rule
	}{
		{"unknown tactic word", rule{[]string{"x"}, "Hacking", "because"}},
		{"no tactic", rule{[]string{"x"}, "Unknown", "because"}},
		{"no reason", rule{[]string{"x"}, "Execution", ""}},
		{"no keywords", rule{nil, "Execution", "because"}},
		{"an empty alternative", rule{[]string{"x||y"}, "Execution", "because"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tt.r.compile(); err == nil {
				t.Errorf("compile(%+v) succeeded, want an error", tt.r)
			}
		})
	}
}

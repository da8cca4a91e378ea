package killchain

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestCatalogueLinesAllParse(t *testing.T) {
	if _, errs := compile(entries, rules); len(errs) > 0 {
		t.Fatalf("the built-in catalogue has bad lines:\n%s", strings.Join(errs, "\n"))
	}
}

func TestCatalogueLinesNameTheirSource(t *testing.T) {
	for _, e := range entries {
		switch {
		case e.name == "":
			t.Errorf("line %q has no display name", e.alertType)
		case e.source == vigil && e.note == "":
			t.Errorf("line %q/%q is Vigil's own mapping but gives no reason", e.alertType, e.name)
		case e.source != vigil && !strings.HasPrefix(string(e.source), "https://learn.microsoft.com/"):
			t.Errorf("line %q/%q has source %q, want a Microsoft Learn page or vigil", e.alertType, e.name, e.source)
		}
	}
}

func TestCatalogueHasBreadth(t *testing.T) {
	types := map[string]bool{}
	for _, e := range entries {
		if e.alertType != "" {
			types[strings.ToLower(e.alertType)] = true
		}
	}
	for _, prefix := range []string{"vm_", "vm.windows_", "sql.", "storage.", "cosmosdb_", "appservices_", "kv_", "arm_", "azuredns_", "k8s_", "k8s.node_", "network_", "api_", "ai."} {
		n := 0
		for typ := range types {
			if strings.HasPrefix(typ, prefix) {
				n++
			}
		}
		if n == 0 {
			t.Errorf("the catalogue has no alert type starting %q", prefix)
		}
	}
	if len(types) < 300 {
		t.Errorf("the catalogue knows %d alert types, want a few hundred", len(types))
	}
}

// Microsoft reuses an alert type for several display names. That is harmless
// where the tactics agree; where they differ, Lookup needs the display name to
// choose, so each such type must be one we know about.
func TestCatalogueTypesWithDifferingTacticsAreOnlyMicrosoftsOwn(t *testing.T) {
	want := []string{"sql.vm_potentialsqlinjection"}
	var got []string
	for typ, ids := range builtin.byType {
		for _, id := range ids[1:] {
			if !slices.Equal(builtin.tactics[id], builtin.tactics[ids[0]]) {
				got = append(got, typ)
				break
			}
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("alert types whose lines disagree on tactics: %q, want %q", got, want)
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		name                   string
		alertType, displayName string
		want                   []Tactic
		wantOK                 bool
	}{
		// By alert type.
		{"type alone", "VM_SshBruteForceFailed", "", []Tactic{Reconnaissance}, true},
		{"type in another case", "vm_sshbruteforcefailed", "", []Tactic{Reconnaissance}, true},
		{"type with surrounding spaces", " VM_SshBruteForceSuccess ", "", []Tactic{InitialAccess}, true},
		{"SQL type on a virtual machine", "SQL.VM_BruteForce", "", []Tactic{Reconnaissance}, true},
		{"Synapse type of the SQL family", "Synapse.SQLPool_PotentialSqlInjection", "", []Tactic{Reconnaissance}, true},
		{"open-source database type", "SQL.PostgreSQL_GeoAnomaly", "", []Tactic{InitialAccess}, true},
		{"type with a dotted suffix", "VM_FilelessAttackToolkit.Windows", "", []Tactic{Execution, DefenseEvasion}, true},
		{"Kubernetes node type", "K8S.NODE_ReverseShell", "", []Tactic{InitialAccess, Exfiltration}, true},
		{"storage type listed with its blob twin", "Storage.Files_TorAnomaly", "", []Tactic{Reconnaissance, InitialAccess}, true},
		{"storage type whose page separates tactics with slashes", "Storage.Blob_AccountSas.UnusualExternalAccess", "", []Tactic{ResourceDevelopment, Exfiltration, Impact}, true},
		{"key vault type", "KV_ListGetAnomaly", "", []Tactic{CredentialAccess}, true},
		{"Resource Manager type", "ARM_AnomalousRBACRoleAssignment", "", []Tactic{DefenseEvasion, LateralMovement}, true},
		{"DNS type", "AzureDNS_DataExfiltration", "", []Tactic{Exfiltration}, true},
		{"AI workload type", "AI.Azure_Jailbreak.ContentFiltering.BlockedAttempt", "", []Tactic{PrivilegeEscalation, DefenseEvasion}, true},
		{"deprecated Windows type mapped by Vigil", "VM.Windows_MultipleAccountsQuery", "", []Tactic{Discovery}, true},
		{"deprecated screensaver type mapped by Vigil", "VM_SuspiciousScreenSaverExecution", "", []Tactic{Execution, DefenseEvasion}, true},
		{"test alert type", "VM_EICAR", "", []Tactic{Execution}, true},
		{"type wins over a display name that says otherwise", "Network_CommunicationWithC2", "Failed SSH brute force attack", []Tactic{CommandAndControl}, true},
		{"shared type picks the line of its display name", "SQL.VM_PotentialSqlInjection", "Unusual payload with obfuscated parts has been initiated by SQL Server", []Tactic{Execution}, true},
		{"shared type with another display name takes its first line", "SQL.VM_PotentialSqlInjection", "Something else", []Tactic{Reconnaissance}, true},
		{"one type for several process alerts takes its own tactics", "SCUBA_RULE_KnownPassTheHashTools", "Suspicious process executed", []Tactic{DefenseEvasion, LateralMovement}, true},

		// By display name.
		{"display name as Microsoft writes it", "", "Network communication with a malicious machine detected", []Tactic{CommandAndControl}, true},
		{"display name in another case", "", "MULTIPLE DOMAIN ACCOUNTS QUERIED", []Tactic{Discovery}, true},
		{"display name with runs of spaces", "", "  Suspicious   SVCHOST process\texecuted ", []Tactic{Execution, DefenseEvasion}, true},
		{"display name with a trailing period", "", "Detected obfuscated command line.", []Tactic{DefenseEvasion}, true},
		{"display name with seen multiple times", "", "New SSH key added [seen multiple times]", []Tactic{Persistence}, true},
		{"display name with a Preview prefix", "", "PREVIEW - Azurite toolkit run detected", []Tactic{Collection}, true},
		{"display name without its Preview marker", "", "Azurite toolkit run detected", []Tactic{Collection}, true},
		{"display name with a Preview suffix", "", "Malicious blob was downloaded from a storage account (Preview)", []Tactic{LateralMovement}, true},
		{"display name with a filled placeholder", "", "Possible incoming SMB brute force attempts detected", []Tactic{Reconnaissance}, true},
		{"display name with a placeholder of two words", "", "Suspicious outgoing Remote Desktop traffic detected", []Tactic{Discovery}, true},
		{"unknown type falls back to the display name", "Custom_Unknown_Type", "Possible compromised machine detected", []Tactic{CommandAndControl}, true},
		{"Microsoft's tactics win over Vigil's for a shared name", "", "Suspicious process executed", []Tactic{CredentialAccess}, true},
		{"name that Microsoft lists without a tactic gets Vigil's", "", "Sticky keys attack detected", []Tactic{Persistence, PrivilegeEscalation}, true},
		{"custom rule name in the alert type with no display name", "Multiple Domain Accounts Queried", "", []Tactic{Discovery}, true},

		// By keyword rule.
		{"successful brute force from another product", "", "Successful RDP brute force attack", []Tactic{InitialAccess}, true},
		{"failed brute force from another product", "", "Failed RDP Brute Force Attack", []Tactic{Reconnaissance}, true},
		{"SQL injection from a web application firewall", "", "SQL injection blocked", []Tactic{InitialAccess}, true},
		{"spam", "", "Possible outgoing spam activity detected", []Tactic{Impact}, true},
		{"custom rule name in the alert type", "DC local group addition - Demo", "", []Tactic{Persistence, PrivilegeEscalation}, true},

		// Unknown.
		{"neither known", "Vendor_Thing", "Quarterly report is ready", nil, false},
		{"both empty", "", "", nil, false},
		{"only punctuation", "", " -- [] ", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Lookup(tt.alertType, tt.displayName)
			if ok != tt.wantOK || !slices.Equal(got, tt.want) {
				t.Errorf("Lookup(%q, %q) = %v, %v; want %v, %v", tt.alertType, tt.displayName, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestLookupReturnsTheCallersOwnSlice(t *testing.T) {
	first, _ := Lookup("VM_SshBruteForceSuccess", "")
	first[0] = Impact
	again, _ := Lookup("VM_SshBruteForceSuccess", "")
	if !slices.Equal(again, []Tactic{InitialAccess}) {
		t.Errorf("after the caller changed its result, Lookup gives %v", again)
	}
}

func TestLookupIsSafeForConcurrentUse(t *testing.T) {
	done := make(chan bool)
	for range 8 {
		go func() {
			for range 200 {
				Lookup("", "SQL injection blocked")
				Lookup("KV_UserAnomaly", "")
			}
			done <- true
		}()
	}
	for range 8 {
		<-done
	}
}

// TestLookupBoundsLongNames: a 10 MB display name is looked up by its
// first kilobyte, quickly (it took seconds, found by the hostile corpus),
// and still matches by its words, as a short name of them does.
func TestLookupBoundsLongNames(t *testing.T) {
	long := "Suspicious process executed " + strings.Repeat("x ", 5<<20)
	start := time.Now()
	ts, ok := Lookup("", long)
	if took := time.Since(start); took > 200*time.Millisecond {
		t.Errorf("looking up a 10 MB name took %s", took)
	}
	want, _ := Lookup("", "Suspicious process executed x x x")
	if !ok || !slices.Equal(ts, want) {
		t.Errorf("Lookup of the long name = %v, %v; want %v as for a short name of the same words", ts, ok, want)
	}
}

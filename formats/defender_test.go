package formats

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/killchain"
)

func TestDefender2022SampleFile(t *testing.T) {
	b, err := Parse(bytes.NewReader(readFile(t, sample2022)), "application/json")
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "Format", b.Format, FormatDefenderREST)
	as := alertsOf(t, b)
	eq(t, "alerts", len(as), 2)

	a := as[0]
	eq(t, "SystemAlertID", a.SystemAlertID, "2518298467986649999_4d25bfef-2d77-4a08-adc0-3e35715cc92a")
	eq(t, "ProviderAlertID (resource name)", a.ProviderAlertID, "2518298467986649999_4d25bfef-2d77-4a08-adc0-3e35715cc92a")
	eq(t, "AlertType", a.AlertType, "VM_EICAR")
	eq(t, "DisplayName", a.DisplayName, "Azure Security Center test alert (not a threat)")
	eq(t, "ProductName", a.ProductName, "Azure Security Center")
	eq(t, "ProductComponentName", a.ProductComponentName, "testName")
	eq(t, "VendorName", a.VendorName, "Microsoft")
	eq(t, "Severity", a.Severity, alerts.High)
	eq(t, "Status", a.Status, alerts.Active)
	eq(t, "Intent", a.Intent, "Execution")
	eq(t, "Tactics", a.Tactics, []killchain.Tactic{killchain.Execution})
	eq(t, "Techniques", a.Techniques, []string{"T1059", "T1053", "T1072"})
	eq(t, "SubTechniques", a.SubTechniques, []string{"T1059.001", "T1059.006", "T1053.002"})
	eqTime(t, "StartTime", a.StartTime, "2020-02-22T00:00:00Z")
	eqTime(t, "EndTime", a.EndTime, "2020-02-22T00:00:00Z")
	eqTime(t, "GeneratedTime", a.GeneratedTime, "2020-02-23T13:47:58Z")
	eqTime(t, "ProcessingTime", a.ProcessingTime, "2020-02-23T13:47:58.9205584Z")
	eq(t, "ResourceID", a.ResourceID, "/subscriptions/20ff7fc3-e762-44dd-bd96-b71116dcdc23/resourceGroups/myRg1/providers/Microsoft.Compute/virtualMachines/vm1")
	eq(t, "SubscriptionID", a.SubscriptionID, "20ff7fc3-e762-44dd-bd96-b71116dcdc23")
	eq(t, "WorkspaceID", a.WorkspaceID, "f419f624-acad-4d89-b86d-f62fa387f019")
	eq(t, "RemediationSteps", a.RemediationSteps, []string{"No further action is needed."})
	eq(t, "ExtendedProperties", a.ExtendedProperties, map[string]string{"Property1": "Property1 information"})
	eq(t, "ExtendedLinks", a.ExtendedLinks, []alerts.Link{{
		Category: "threat_reports", Label: "Report: RDP Brute Forcing",
		Href: "https://contoso.com/reports/DisplayReport", Type: "webLink",
	}})
	eq(t, "CompromisedEntity", a.CompromisedEntity, "vm1")
	eq(t, "IsIncident", a.IsIncident, true)
	eq(t, "CorrelationKey", a.CorrelationKey, "kso0LFWxzCll5tqrk5hmrBJ+MY1BX806W6q6+0s9Lk=")
	if !strings.HasPrefix(a.AlertURI, "https://portal.azure.com/#blade/Microsoft_Azure_Security/AlertBlade/alertId/") {
		t.Errorf("AlertURI = %q", a.AlertURI)
	}
	eq(t, "entities", len(a.Entities), 1)
	_, ip := entityByKey(t, a, "ip:192.0.2.1")
	eq(t, "ip kind", ip.Kind, alerts.EntityIP)
	eq(t, "ip location kept", ip.Properties["location"].(map[string]any)["city"], any("sonning"))
	eq(t, "SourceIPs", a.SourceIPs, []string{"192.0.2.1"})

	// Raw is the item's own JSON: the {id, name, type, properties} object.
	var raw struct {
		Name       string
		Properties struct{ AlertType string }
	}
	if err := json.Unmarshal(a.Raw, &raw); err != nil {
		t.Fatalf("Raw is not JSON: %v", err)
	}
	eq(t, "Raw.name", raw.Name, "2518298467986649999_4d25bfef-2d77-4a08-adc0-3e35715cc92a")
	eq(t, "Raw.properties.alertType", raw.Properties.AlertType, "VM_EICAR")

	a = as[1]
	// The file's quirk: the second alert repeats the first one's systemAlertId.
	eq(t, "second SystemAlertID", a.SystemAlertID, "2518298467986649999_4d25bfef-2d77-4a08-adc0-3e35715cc92a")
	eq(t, "second ProviderAlertID", a.ProviderAlertID, "2518765996949954086_2325cf9e-42a2-4f72-ae7f-9b863cba2d22")
	eq(t, "AlertType", a.AlertType, "VM_SuspiciousScreenSaver")
	eq(t, "Severity", a.Severity, alerts.Medium)
	eqTime(t, "StartTime", a.StartTime, "2019-05-07T13:51:45.0045913Z")
	eq(t, "remediation steps", len(a.RemediationSteps), 6)
	eq(t, "last step", a.RemediationSteps[5], "6. Escalate the alert to the information security team")
	eq(t, "user SID", a.ExtendedProperties["user SID"], "S-1-5-21-2144575486-8928446540-5163864319-500")
	var kinds []string
	for _, e := range a.Entities {
		kinds = append(kinds, e.Kind)
	}
	eq(t, "entity kinds", kinds, []string{"host", "account", "file", "process", "file", "process"})
	eq(t, "host key", a.Entities[0].Key, "host:vm2")
	eq(t, "account key", a.Entities[1].Key, "account:sid:S-1-5-21-2144575486-8928446540-5163864319-500")
	eq(t, "account name", a.Entities[1].Name, `vm2\contosoUser`)
	eq(t, "file key", a.Entities[2].Key, `file:c:\windows\system32\cmd.exe`)
	eq(t, "process key", a.Entities[3].Key, "")
	eq(t, "SourceIPs", len(a.SourceIPs), 0)
}

func TestDefender2015SampleFile(t *testing.T) {
	b, err := Parse(bytes.NewReader(readFile(t, sample2015)), "")
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "Format", b.Format, FormatDefenderREST)
	as := alertsOf(t, b)
	eq(t, "alerts", len(as), 2)

	a := as[0]
	// 2015 has no systemAlertId: the resource name is the id.
	eq(t, "SystemAlertID", a.SystemAlertID, "2518770965529163669_F144EE95-A3E5-42DA-A279-967D115809AA")
	eq(t, "AlertType (alertName)", a.AlertType, "ThreatIntelligence")
	eq(t, "DisplayName", a.DisplayName, "Threat Intelligence Alert")
	eq(t, "Severity (reportedSeverity)", a.Severity, alerts.High)
	eq(t, "Status (state Dismissed)", a.Status, alerts.Dismissed)
	eqTime(t, "StartTime (detectedTimeUtc)", a.StartTime, "2018-05-01T19:50:47.083633Z")
	eqTime(t, "EndTime (missing: the start)", a.EndTime, "2018-05-01T19:50:47.083633Z")
	eqTime(t, "GeneratedTime (reportedTimeUtc)", a.GeneratedTime, "2018-05-02T05:36:12.2089889Z")
	eq(t, "ResourceID (associatedResource)", a.ResourceID, "/subscriptions/20ff7fc3-e762-44dd-bd96-b71116dcdc23/resourceGroups/myRg1/providers/Microsoft.Compute/virtualMachines/vm1")
	eq(t, "SubscriptionID", a.SubscriptionID, "20ff7fc3-e762-44dd-bd96-b71116dcdc23")
	eq(t, "RemediationSteps (one string, CRLF)", a.RemediationSteps,
		[]string{"verify that the user invoked this process", "run antimalware scan of the VM"})
	eq(t, "attacker IP property", a.ExtendedProperties["attacker IP"], "192.0.2.1")
	eq(t, "SourceIPs", a.SourceIPs, []string{"192.0.2.1"})
	eq(t, "ConfidenceScore", *a.ConfidenceScore, 0.8)
	eq(t, "IsIncident", a.IsIncident, false)
	eq(t, "Tactics (no intent in 2015)", len(a.Tactics), 0)
	_, ip := entityByKey(t, a, "ip:192.0.2.1")
	ti := ip.Properties["threatIntelligence"].([]any)[0].(map[string]any)
	eq(t, "threat name kept", ti["threatName"], any("rarog"))

	a = as[1]
	eq(t, "SystemAlertID", a.SystemAlertID, "2518765996949954086_2325cf9e-42a2-4f72-ae7f-9b863cba2d22")
	eq(t, "Status (state Active)", a.Status, alerts.Active)
	eq(t, "Severity", a.Severity, alerts.Low)
	eq(t, "remediation steps", len(a.RemediationSteps), 6)
	eq(t, "first step", a.RemediationSteps[0], "1. Run Process Explorer and try to identify unknown running processes (see https://technet.microsoft.com/en-us/sysinternals/bb896653.aspx)")
	eq(t, "ResourceID in the vendor's case", a.ResourceID, "/subscriptions/20ff7fc3-e762-44dd-bd96-b71116dcdc23/resourcegroups/myRg2/providers/microsoft.compute/virtualmachines/vm2")
	eq(t, "ConfidenceScore", *a.ConfidenceScore, 0.3)
	eq(t, "SourceIPs", len(a.SourceIPs), 0)
	eq(t, "entities", len(a.Entities), 5)
}

// The plain forms users paste: the list without the example wrapper, a
// bare array, one alert, and one alert's properties without the envelope.
func TestDefenderPlainForms(t *testing.T) {
	var file struct {
		Responses map[string]struct {
			Body struct{ Value []json.RawMessage }
		}
	}
	if err := json.Unmarshal(readFile(t, sample2022), &file); err != nil {
		t.Fatal(err)
	}
	value := file.Responses["200"].Body.Value
	var first struct{ Properties json.RawMessage }
	if err := json.Unmarshal(value[0], &first); err != nil {
		t.Fatal(err)
	}
	list, _ := json.Marshal(value)
	tests := []struct {
		name  string
		body  string
		items int
	}{
		{"value list", `{"value":` + string(list) + `}`, 2},
		{"bare array", string(list), 2},
		{"one alert object", string(value[0]), 1},
		{"properties without envelope", string(first.Properties), 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := parseString(t, tc.body, "application/json")
			eq(t, "Format", b.Format, FormatDefenderREST)
			as := alertsOf(t, b)
			eq(t, "items", len(as), tc.items)
			eq(t, "AlertType", as[0].AlertType, "VM_EICAR")
			eq(t, "SystemAlertID", as[0].SystemAlertID, "2518298467986649999_4d25bfef-2d77-4a08-adc0-3e35715cc92a")
		})
	}
}

func TestDefenderSubscriptionFromAlertIDWhenNoResource(t *testing.T) {
	a := onlyAlert(t, `{"id":"/subscriptions/11111111-2222-3333-4444-555555555555/providers/Microsoft.Security/locations/westeurope/alerts/x",
		"name":"x","properties":{"systemAlertId":"x","severity":"Low","startTimeUtc":"2024-01-01T00:00:00Z"}}`)
	eq(t, "ResourceID", a.ResourceID, "")
	eq(t, "SubscriptionID", a.SubscriptionID, "11111111-2222-3333-4444-555555555555")
}

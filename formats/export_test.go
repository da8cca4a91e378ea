package formats

import (
	"testing"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/killchain"
)

// workflowAlert follows the security alert schema Microsoft documents for
// workflow automation and continuous export (the SUSPECT_SVCHOST example),
// with entities as Defender sends them: Json.NET $id/$ref, a host inlined
// in the first entity that refers to it.
const workflowAlert = `{
  "VendorName": "Microsoft",
  "AlertType": "SUSPECT_SVCHOST",
  "StartTimeUtc": "2016-12-20T13:38:00.000Z",
  "EndTimeUtc": "2016-12-20T13:40:01.733Z",
  "ProcessingEndTime": "2016-12-20T13:42:19.5673533Z",
  "TimeGenerated": "2016-12-20T13:38:03.000Z",
  "IsIncident": false,
  "Severity": "High",
  "Status": "New",
  "ProductName": "Azure Security Center",
  "SystemAlertId": "2342409243234234_F2BFED55-5997-4FEA-95BD-BB7C6DDCD061",
  "CompromisedEntity": "WebSrv1",
  "Intent": "Execution",
  "AlertDisplayName": "Suspicious process detected",
  "Description": "Suspicious process named 'SVCHOST.EXE' was running from path: %{Process Path}",
  "RemediationSteps": ["contact your security information team"],
  "ExtendedProperties": {
    "Process Path": "c:\\temp\\svchost.exe",
    "Account": "Contoso\\administrator",
    "PID": 944,
    "Attacker IP": "203.0.113.9",
    "Victim IP": "10.0.0.4",
    "ActionTaken": "Detected"
  },
  "Entities": [
    {"$id": "2", "Type": "account", "Name": "administrator", "NTDomain": "Contoso",
     "Host": {"$id": "3", "Type": "host", "HostName": "WebSrv1", "DnsDomain": "contoso.com",
              "AzureID": "/subscriptions/86057C9F-3CDD-484E-83B1-7BF1C17A9FF8/resourceGroups/backend-srv/providers/Microsoft.Compute/virtualMachines/WebSrv1"}},
    {"$id": "4", "Type": "file", "Directory": "c:\\temp", "Name": "svchost.exe"},
    {"$id": "5", "Type": "process", "ProcessId": "944", "CommandLine": "c:\\temp\\svchost.exe -k",
     "ImageFile": {"$ref": "4"}, "Account": {"$ref": "2"}, "Host": {"$ref": "3"}},
    {"$ref": "3"}
  ],
  "ResourceIdentifiers": [
    {"$id": "6", "Type": "AzureResource",
     "AzureResourceId": "/subscriptions/86057C9F-3CDD-484E-83B1-7BF1C17A9FF8/resourceGroups/backend-srv/providers/Microsoft.Compute/virtualMachines/WebSrv1"},
    {"$id": "7", "Type": "LogAnalytics", "WorkspaceId": "077BA6B7-8759-4F41-9F97-017EB7D3E0A8",
     "WorkspaceSubscriptionId": "86057C9F-3CDD-484E-83B1-7BF1C17A9FF8", "WorkspaceResourceGroup": "omsrg",
     "AgentId": "5A651129-98E6-4E6C-B2CE-AB89BD815616"}
  ],
  "AlertUri": "https://portal.azure.com/#blade/Microsoft_Azure_Security/AlertBlade/alertId/2342409243234234_F2BFED55-5997-4FEA-95BD-BB7C6DDCD061"
}`

func TestWorkflowExportAlert(t *testing.T) {
	b := parseString(t, workflowAlert, "application/json")
	eq(t, "Format", b.Format, FormatWorkflowExport)
	a := alertsOf(t, b)[0]
	eq(t, "SystemAlertID", a.SystemAlertID, "2342409243234234_F2BFED55-5997-4FEA-95BD-BB7C6DDCD061")
	eq(t, "AlertType", a.AlertType, "SUSPECT_SVCHOST")
	eq(t, "DisplayName", a.DisplayName, "Suspicious process detected")
	eq(t, "Severity", a.Severity, alerts.High)
	eq(t, "Status (New)", a.Status, alerts.Active)
	eq(t, "Tactics", a.Tactics, []killchain.Tactic{killchain.Execution})
	eqTime(t, "StartTime", a.StartTime, "2016-12-20T13:38:00Z")
	eqTime(t, "EndTime", a.EndTime, "2016-12-20T13:40:01.733Z")
	eqTime(t, "GeneratedTime", a.GeneratedTime, "2016-12-20T13:38:03Z")
	eqTime(t, "ProcessingTime", a.ProcessingTime, "2016-12-20T13:42:19.5673533Z")
	eq(t, "RemediationSteps", a.RemediationSteps, []string{"contact your security information team"})
	eq(t, "numeric property stringified", a.ExtendedProperties["PID"], "944")
	eq(t, "ResourceID", a.ResourceID, "/subscriptions/86057C9F-3CDD-484E-83B1-7BF1C17A9FF8/resourceGroups/backend-srv/providers/Microsoft.Compute/virtualMachines/WebSrv1")
	eq(t, "SubscriptionID", a.SubscriptionID, "86057C9F-3CDD-484E-83B1-7BF1C17A9FF8")
	eq(t, "WorkspaceID", a.WorkspaceID, "077BA6B7-8759-4F41-9F97-017EB7D3E0A8")
	eq(t, "CompromisedEntity", a.CompromisedEntity, "WebSrv1")
	eq(t, "SourceIPs (attacker, not victim)", a.SourceIPs, []string{"203.0.113.9"})

	// account(0) inlines host(1); file(2); process(3); the trailing
	// top-level {"$ref":"3"} adds nothing.
	eq(t, "entities", len(a.Entities), 4)
	hi, host := entityByKey(t, a, "host:websrv1.contoso.com")
	eq(t, "host name", host.Name, "WebSrv1")
	ai, acct := entityByKey(t, a, "account:name:administrator@contoso")
	eq(t, "account name", acct.Name, `Contoso\administrator`)
	eq(t, "account→host (inlined)", relation(acct, "Host"), hi)
	if _, ok := acct.Properties["Host"]; ok {
		t.Error("the inlined host is still in the account's properties")
	}
	fi, _ := entityByKey(t, a, `file:c:\temp\svchost.exe`)
	proc := a.Entities[3]
	eq(t, "process kind", proc.Kind, alerts.EntityProcess)
	eq(t, "process name (its image)", proc.Name, "svchost.exe")
	eq(t, "process→image", relation(proc, "ImageFile"), fi)
	eq(t, "process→account", relation(proc, "Account"), ai)
	eq(t, "process→host", relation(proc, "Host"), hi)
}

func TestWorkflowExportArray(t *testing.T) {
	second := `{"SystemAlertId":"b-2","AlertDisplayName":"Second","Severity":"Informational","Status":"Resolved",
		"StartTimeUtc":"2024-03-01T10:00:00Z","Intent":"PreAttack, Exploitation"}`
	b := parseString(t, "["+workflowAlert+","+second+"]", "")
	eq(t, "Format", b.Format, FormatWorkflowExport)
	as := alertsOf(t, b)
	eq(t, "items", len(as), 2)
	eq(t, "second id", as[1].SystemAlertID, "b-2")
	eq(t, "second severity", as[1].Severity, alerts.Informational)
	eq(t, "second status", as[1].Status, alerts.Resolved)
	eq(t, "ASC intents", as[1].Tactics, []killchain.Tactic{killchain.Reconnaissance, killchain.InitialAccess})
	eq(t, "Index", b.Items[1].Index, 1)
}

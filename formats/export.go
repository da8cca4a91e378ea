package formats

import (
	"encoding/json"

	"github.com/vigil-soc/vigil/alerts"
)

// The flat PascalCase alert of Defender for Cloud's workflow automation
// (the Logic App trigger) and continuous export, documented by Microsoft as
// the security alert schema:
//
//	{"SystemAlertId": "2342409243234234_F2BF…", "AlertType": "SUSPECT_SVCHOST",
//	 "AlertDisplayName": "Suspicious process detected", "Severity": "High",
//	 "Status": "New", "Intent": "Execution", "StartTimeUtc": "2016-12-20T13:38:00.000Z",
//	 "EndTimeUtc": …, "TimeGenerated": …, "ProcessingEndTime": …,
//	 "RemediationSteps": ["…"], "ExtendedProperties": {"PID": 944, …},
//	 "Entities": [{"$id": "4", "Type": "host", …}],
//	 "ResourceIdentifiers": [{"Type": "AzureResource", "AzureResourceId": "/subscriptions/…"},
//	                         {"Type": "LogAnalytics", "WorkspaceId": …, "WorkspaceSubscriptionId": …}],
//	 "CompromisedEntity": "WebSrv1", "VendorName": "Microsoft", "ProductName": …, "AlertUri": …}
//
// Log Analytics' SecurityAlert table uses the same PascalCase names with a
// few of its own (DisplayName, AlertSeverity, StartTime, EndTime, Tactics,
// AlertLink, VendorOriginalId), so its rows are read with this table too;
// the alternatives cover both.
var pascalNames = fieldNames{
	id:             []string{"SystemAlertId"},
	providerID:     []string{"ProviderAlertId", "VendorOriginalId"},
	alertType:      []string{"AlertType", "AlertName"},
	displayName:    []string{"AlertDisplayName", "DisplayName", "AlertName"},
	description:    []string{"Description"},
	vendor:         []string{"VendorName"},
	product:        []string{"ProductName"},
	component:      []string{"ProductComponentName"},
	provider:       []string{"ProviderName"},
	severity:       []string{"Severity", "AlertSeverity"},
	status:         []string{"Status"},
	tactics:        []string{"Intent", "Tactics"},
	techniques:     []string{"Techniques"},
	subTechniques:  []string{"SubTechniques"},
	start:          []string{"StartTimeUtc", "StartTime"},
	end:            []string{"EndTimeUtc", "EndTime"},
	generated:      []string{"TimeGenerated", "TimeGeneratedUtc"},
	processing:     []string{"ProcessingEndTime", "ProcessingEndTimeUtc"},
	remediation:    []string{"RemediationSteps"},
	extProps:       []string{"ExtendedProperties"},
	extLinks:       []string{"ExtendedLinks"},
	entities:       []string{"Entities"},
	compromised:    []string{"CompromisedEntity"},
	confLevel:      []string{"ConfidenceLevel"},
	confScore:      []string{"ConfidenceScore"},
	isIncident:     []string{"IsIncident"},
	correlationKey: []string{"CorrelationKey"},
	uri:            []string{"AlertUri", "AlertLink"},
	resourceIDs:    []string{"ResourceIdentifiers"},
	resourceID:     []string{"ResourceId", "AzureResourceId"},
	subscription:   []string{"SubscriptionId", "WorkspaceSubscriptionId"},
	tenant:         []string{"TenantId"},
	workspace:      []string{"WorkspaceId"},
}

// pascalMarkers are names by which Parse recognises a PascalCase alert.
var pascalMarkers = []string{"SystemAlertId", "AlertDisplayName", "AlertType", "AlertName", "ProviderAlertId", "AlertSeverity"}

// exportItem parses one workflow-automation / continuous-export alert.
func exportItem(raw json.RawMessage) (*alerts.Alert, error) {
	m, err := itemObject(raw)
	if err != nil {
		return nil, err
	}
	return pascalNames.build(newRecord(m), "", raw)
}

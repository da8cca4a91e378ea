package formats

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/alerts"
)

func TestLogAnalyticsQuerySampleFile(t *testing.T) {
	b, err := Parse(bytes.NewReader(readFile(t, sampleQuery)), "application/json")
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "Format", b.Format, FormatLogAnalyticsQuery)
	as := alertsOf(t, b)
	eq(t, "rows", len(as), 3)
	ids := []string{"c19a6ccd-40a6-9ef9-5a8b-598bcc3c53b0", "4422fdcc-ed33-8b4a-fec8-1cfbf799c74b", "24242093-7022-7aaf-763c-4d651ffd94ff"}
	vendorIDs := []string{"a3ce3da5-93a4-42f7-ae0f-0fee36a16527", "3d90a0ee-b031-425c-b720-cb296b927d2f", "5261283a-bc81-462a-a69a-63809f2bec03"}
	for i, a := range as {
		eq(t, "SystemAlertID", a.SystemAlertID, ids[i])
		eq(t, "ProviderAlertID (VendorOriginalId)", a.ProviderAlertID, vendorIDs[i])
		eq(t, "DisplayName", a.DisplayName, "Linux security related process termination activity detected")
		eq(t, "Severity (AlertSeverity)", a.Severity, alerts.Medium)
		eq(t, "Status (New)", a.Status, alerts.Active)
		eq(t, "Intent (Tactics column)", a.Intent, "Unknown")
		eq(t, "Tactics (Unknown carries none)", len(a.Tactics), 0)
		eq(t, "ProductName", a.ProductName, "Azure Sentinel")
		eq(t, "ProductComponentName", a.ProductComponentName, "Scheduled Alerts")
		eq(t, "ProviderName", a.ProviderName, "ASI Scheduled Alerts")
		eqTime(t, "StartTime", a.StartTime, "2022-01-06T13:01:34Z")
		eqTime(t, "EndTime", a.EndTime, "2022-01-06T13:04:53Z")
		eq(t, "TenantID", a.TenantID, "52b1ab41-869e-4138-9e40-2a4457f09bf0")
		eq(t, "SubscriptionID (WorkspaceSubscriptionId)", a.SubscriptionID, "40dcc8bf-0478-4f3b-b275-ed0a94f2c013")
		eq(t, "Analytic Rule Name", a.ExtendedProperties["Analytic Rule Name"], "Linux security related process termination activity detected")
		if a.ConfidenceScore != nil {
			t.Errorf("ConfidenceScore = %v, want nil for null", *a.ConfidenceScore)
		}
		var raw map[string]any
		if err := json.Unmarshal(a.Raw, &raw); err != nil {
			t.Fatalf("Raw: %v", err)
		}
		eq(t, "Raw.SystemAlertId", raw["SystemAlertId"], any(ids[i]))
		eq(t, "Raw.Type", raw["Type"], any("SecurityAlert"))
	}
	eqTime(t, "first ProcessingTime", as[0].ProcessingTime, "2023-02-20T11:04:02.5649668Z")
	eqTime(t, "first GeneratedTime", as[0].GeneratedTime, "2023-02-20T11:04:02.6371632Z")
}

func TestLogAnalyticsCSVSampleFile(t *testing.T) {
	// No content type: detected from the header row.
	b, err := Parse(bytes.NewReader(readFile(t, sampleCSV)), "")
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "Format", b.Format, FormatLogAnalyticsCSV)
	as := alertsOf(t, b)
	eq(t, "rows", len(as), 189)
	byID := map[string]*alerts.Alert{}
	providers := map[string]int{}
	onWin1 := 0
	for i, a := range as {
		eq(t, "Index", b.Items[i].Index, i)
		byID[a.SystemAlertID] = a
		providers[a.ProviderName]++
		if a.StartTime.Location() != time.UTC || a.EndTime.Location() != time.UTC {
			t.Errorf("row %d: times not in UTC", i)
		}
		if a.CompromisedEntity == "MSTICALERTSWIN1" && a.StartTime.Format(time.DateOnly) == "2019-01-15" {
			onWin1++
		}
	}
	eq(t, "distinct SystemAlertIds", len(byID), 189)
	eq(t, "providers", providers, map[string]int{"Detection": 138, "CustomAlertRule": 36, "InternalDemo": 15})
	eq(t, "alerts on MSTICALERTSWIN1 on 2019-01-15", onWin1, 112)

	t.Run("DC local group addition: accounts refer to the host", func(t *testing.T) {
		a := byID["047f47d6-79b7-4502-824b-97abc4905a73"]
		eq(t, "DisplayName", a.DisplayName, "DC local group addition - Demo")
		eq(t, "ProviderAlertID", a.ProviderAlertID, "e0c9484b-ad5f-4161-b73b-388676c05818")
		eq(t, "Severity", a.Severity, alerts.Low)
		eqTime(t, "StartTime", a.StartTime, "2019-01-11T06:31:40Z")
		eqTime(t, "EndTime", a.EndTime, "2019-01-12T06:31:40Z")
		eqTime(t, "GeneratedTime", a.GeneratedTime, "2019-01-12T06:41:44Z")
		eq(t, "TenantID", a.TenantID, "802d39e1-9d70-404d-832c-2de5e2478eda")
		eq(t, "SubscriptionID (WorkspaceSubscriptionId)", a.SubscriptionID, "3c1bb38c-82e3-4f8d-a115-a7110ba70d05")
		eq(t, "ResourceID", a.ResourceID, "")
		eq(t, "ConfidenceLevel", a.ConfidenceLevel, "Unknown")
		eq(t, "entities", len(a.Entities), 5)
		hi, _ := entityByKey(t, a, "host:dhcpcontoso77")
		for _, key := range []string{"account:name:administrator", "account:name:admin", "account:name:user"} {
			_, acct := entityByKey(t, a, key)
			eq(t, key+" Host relation", relation(acct, "Host"), hi)
			if _, ok := acct.Properties["Host"]; ok {
				t.Errorf("%s still has the $ref in its properties", key)
			}
		}
		_, admin := entityByKey(t, a, "account:name:administrator")
		eq(t, "Count kept as a JSON number", admin.Properties["Count"], any(json.Number("5909")))
		eq(t, "SourceIPs", a.SourceIPs, []string{"75.10.91.22"})
	})

	t.Run("vm1 malicious machine: attacker IP, not victim IP", func(t *testing.T) {
		a := byID["98a6dea6-1b64-41d0-938e-0dec24b234ec"]
		eq(t, "DisplayName", a.DisplayName, "Network communication with a malicious machine detected")
		eq(t, "Severity", a.Severity, alerts.Medium)
		eqTime(t, "StartTime", a.StartTime, "2019-01-06T05:02:00Z")
		eq(t, "ResourceID", a.ResourceID, "/subscriptions/212f9889-769e-45ae-ab43-6da33674bd26/resourcegroups/ASCDEMORG/providers/Microsoft.Compute/virtualMachines/vm1")
		eq(t, "SubscriptionID", a.SubscriptionID, "212f9889-769e-45ae-ab43-6da33674bd26")
		eq(t, "Victim IP property", a.ExtendedProperties["Victim IP"], "1.2.3.4")
		eq(t, "SourceIPs", a.SourceIPs, []string{"183.95.154.13"})
		eq(t, "links", len(a.ExtendedLinks), 3)
		eq(t, "first link label", a.ExtendedLinks[0].Label, "Report: Malicious Macros")
		eq(t, "first link category", a.ExtendedLinks[0].Category, "enrichment_tas_threat__reports")
	})

	t.Run("SQL injection blocked: Source IPs holds a JSON list", func(t *testing.T) {
		a := byID["0c68e539-f060-401f-b967-6b64b8f49198"]
		eq(t, "DisplayName", a.DisplayName, "SQL injection blocked")
		eq(t, "SourceIPs", a.SourceIPs, []string{"96.81.218.10"})
	})

	t.Run("possible compromised machine: Machine IP is not a source", func(t *testing.T) {
		a := byID["62ded865-938b-4bb3-afef-605d692607f1"]
		eq(t, "Machine IP property", a.ExtendedProperties["Machine IP"], "1.2.3.5")
		eq(t, "SourceIPs", len(a.SourceIPs), 0)
	})

	t.Run("WindowPosition registry value: the process graph", func(t *testing.T) {
		a := byID["2518547570866947129_1b074412-133c-4ac9-8e3f-24103159b03e"]
		eq(t, "DisplayName", a.DisplayName, "Suspicious WindowPosition registry value detected")
		eq(t, "Severity", a.Severity, alerts.Low)
		eqTime(t, "StartTime", a.StartTime, "2019-01-15T09:15:13Z")
		eqTime(t, "GeneratedTime", a.GeneratedTime, "2019-01-15T09:15:18Z")
		eq(t, "ResourceID", a.ResourceID, "/subscriptions/40dcc8bf-0478-4f3b-b275-ed0a94f2c013/resourceGroups/ASIHuntOMSWorkspaceRG/providers/Microsoft.Compute/virtualMachines/MSTICAlertsWin1")
		hi, _ := entityByKey(t, a, "host:msticalertswin1")
		ai, _ := entityByKey(t, a, "account:sid:S-1-5-21-996632719-2361334927-4038480536-500")
		regi, _ := entityByKey(t, a, `file:c:\diagnostics\usertmp\reg.exe`)
		cmdi, _ := entityByKey(t, a, `file:c:\windows\system32\cmd.exe`)
		var reg, parent, value, session = -1, -1, -1, -1
		for i, e := range a.Entities {
			switch {
			case e.Kind == alerts.EntityProcess && e.Properties["ProcessId"] == "0x13a8":
				reg = i
			case e.Kind == alerts.EntityProcess && e.Properties["ProcessId"] == "0x165c":
				parent = i
			case e.Kind == alerts.EntityRegistryValue && e.Properties["Name"] == "windowposition":
				value = i
			case e.Kind == "host-logon-session":
				session = i
			}
		}
		if reg < 0 || parent < 0 || value < 0 || session < 0 {
			t.Fatalf("missing entities: reg %d parent %d value %d session %d", reg, parent, value, session)
		}
		p := a.Entities[reg]
		eq(t, "reg.exe ImageFile", relation(p, "ImageFile"), regi)
		eq(t, "reg.exe Account", relation(p, "Account"), ai)
		eq(t, "reg.exe Host", relation(p, "Host"), hi)
		eq(t, "reg.exe ParentProcess", relation(p, "ParentProcess"), parent)
		eq(t, "parent ImageFile", relation(a.Entities[parent], "ImageFile"), cmdi)
		key := relation(a.Entities[value], "Key")
		eq(t, "registry value → key kind", a.Entities[key].Kind, alerts.EntityRegistryKey)
		eq(t, "registry key name", a.Entities[key].Name, `HKEY_CURRENT_USER\console`)
		eq(t, "session Account", relation(a.Entities[session], "Account"), ai)
	})
}

func TestLogAnalyticsCSVPortalExport(t *testing.T) {
	// The portal's CSV export: US dates, JSON-string columns, a Tactics list.
	csv := "TenantId,TimeGenerated [UTC],SystemAlertId,AlertName,AlertSeverity,Status,StartTime [UTC],EndTime [UTC],Tactics,Techniques,RemediationSteps,Entities\r\n" +
		`t1,"1/15/2019, 5:15:03.000 AM",id-1,Brute force,High,InProgress,1/15/2019 5:15:03 AM,1/15/2019 5:20:00 PM,"InitialAccess, CredentialAccess","[""T1110""]","[""Block the IP"",""Reset passwords""]","[{""$id"":""2"",""Type"":""ip"",""Address"":""::ffff:198.51.100.7""}]"` + "\r\n"
	b := parseString(t, csv, "text/csv; charset=utf-8")
	eq(t, "Format", b.Format, FormatLogAnalyticsCSV)
	a := alertsOf(t, b)[0]
	eq(t, "Status", a.Status, alerts.InProgress)
	eqTime(t, "StartTime", a.StartTime, "2019-01-15T05:15:03Z")
	eqTime(t, "EndTime", a.EndTime, "2019-01-15T17:20:00Z")
	eq(t, "Tactics", len(a.Tactics), 2)
	eq(t, "Techniques", a.Techniques, []string{"T1110"})
	eq(t, "RemediationSteps", a.RemediationSteps, []string{"Block the IP", "Reset passwords"})
	eq(t, "SourceIPs (IPv4-mapped unmapped)", a.SourceIPs, []string{"198.51.100.7"})
}

func TestLogAnalyticsBadRows(t *testing.T) {
	t.Run("query row of the wrong width", func(t *testing.T) {
		b := parseString(t, `{"tables":[{"name":"PrimaryResult","columns":[{"name":"SystemAlertId","type":"string"},{"name":"AlertSeverity","type":"string"}],
			"rows":[["a","High","extra"],"not a row"]}]}`, "")
		eq(t, "items", len(b.Items), 2)
		for _, it := range b.Items {
			if it.Alert != nil || !strings.Contains(it.Err.Error(), "rows") {
				t.Errorf("item %d: %v", it.Index, it.Err)
			}
		}
	})
	t.Run("csv row of the wrong width", func(t *testing.T) {
		b := parseString(t, "SystemAlertId,Severity,StartTimeUtc\na,High,2019-01-15 05:15:03\nb,High\n", "")
		eq(t, "items", len(b.Items), 2)
		if b.Items[0].Err != nil || b.Items[1].Err == nil {
			t.Fatalf("items: %v, %v", b.Items[0].Err, b.Items[1].Err)
		}
	})
	t.Run("csv cell of JSON with a stray closing bracket after it", func(t *testing.T) {
		// Found by FuzzWorkflowExport: json.Decoder.More is false before a
		// "]", so the stray bracket passed as the end of the value.
		b := parseString(t, "SystemAlertId,Severity,StartTimeUtc,Entities\na,High,2019-01-15 05:15:03,\"[{\"\"$id\"\":\"\"1\"\"}]]\"\n", "text/csv")
		eq(t, "items", len(b.Items), 1)
		if err := b.Items[0].Err; err == nil || !strings.Contains(err.Error(), "field Entities: want a JSON array in the string, trailing data") {
			t.Fatalf("item 0: %v; want Entities rejected for its trailing data", err)
		}
	})
	t.Run("csv with a header only", func(t *testing.T) {
		b := parseString(t, "SystemAlertId,Severity\r\n", "text/csv")
		eq(t, "items", len(b.Items), 0)
	})
	t.Run("tables is not a list", func(t *testing.T) {
		if _, err := Parse(strings.NewReader(`{"tables":{"rows":1}}`), ""); err == nil {
			t.Fatal("no error")
		}
	})
}

package main

import (
	"encoding/json"
	"fmt"
	"time"
)

// flatAlert is one alert in the flat PascalCase shape of Defender's workflow
// automation and continuous export.
type flatAlert struct {
	SystemAlertID       string            `json:"SystemAlertId"`
	AlertType           string            `json:"AlertType"`
	AlertDisplayName    string            `json:"AlertDisplayName"`
	Description         string            `json:"Description"`
	Severity            string            `json:"Severity"`
	Status              string            `json:"Status"`
	Intent              string            `json:"Intent"`
	StartTimeUtc        time.Time         `json:"StartTimeUtc"`
	EndTimeUtc          time.Time         `json:"EndTimeUtc"`
	VendorName          string            `json:"VendorName"`
	ProductName         string            `json:"ProductName"`
	CompromisedEntity   string            `json:"CompromisedEntity"`
	RemediationSteps    []string          `json:"RemediationSteps"`
	ExtendedProperties  map[string]string `json:"ExtendedProperties"`
	ResourceIdentifiers []map[string]string
	Entities            []map[string]any
}

// steps is a realistic chain: real Defender alert types, in kill-chain order.
var steps = []struct{ typ, name, intent, severity, remedy string }{
	{"VM_RDPBruteForce", "Failed RDP Brute Force Attack", "PreAttack", "Low", "Block the source IP address in the network security group."},
	{"VM_LoginBruteForceSuccess", "Successful RDP brute force attack", "InitialAccess", "High", "Reset the passwords of the accounts that signed in."},
	{"VM_SuspectSvchost", "Suspicious SVCHOST process executed", "Execution", "High", "Run a full antimalware scan of the machine."},
	{"VM_AccountEnumeration", "Multiple Domain Accounts Queried", "Discovery", "Low", "Review the accounts queried."},
	{"VM_ThreatIntelCommunication", "Network communication with a malicious machine detected", "CommandAndControl", "Medium", "Isolate the machine from the network."},
}

// generate returns n alerts over the given number of resources: per resource,
// chains of len(steps) alerts an hour apart, chains three days apart, each
// chain from its own attacker IP.
func generate(n, resources int) []flatAlert {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]flatAlert, 0, n)
	for i := 0; i < n; i++ {
		res := i % resources
		k := i / resources // the k-th alert of this resource
		chain, step := k/len(steps), steps[k%len(steps)]
		start := base.Add(time.Duration(chain)*72*time.Hour + time.Duration(k%len(steps))*time.Hour + time.Duration(res)*time.Second)
		ip := fmt.Sprintf("203.0.%d.%d", (res*7+chain)%250, 1+chain%250)
		host := fmt.Sprintf("vm%04d", res)
		id := fmt.Sprintf("/subscriptions/00000000-0000-4000-8000-%012d/resourceGroups/rg%d/providers/Microsoft.Compute/virtualMachines/%s", res%10, res%50, host)
		out = append(out, flatAlert{
			SystemAlertID:       fmt.Sprintf("bench-%08d", i),
			AlertType:           step.typ,
			AlertDisplayName:    step.name,
			Description:         step.name + " on " + host + ".",
			Severity:            step.severity,
			Status:              "Active",
			Intent:              step.intent,
			StartTimeUtc:        start,
			EndTimeUtc:          start.Add(10 * time.Minute),
			VendorName:          "Microsoft",
			ProductName:         "Microsoft Defender for Cloud",
			CompromisedEntity:   host,
			RemediationSteps:    []string{step.remedy},
			ExtendedProperties:  map[string]string{"Attacker IP": ip, "resourceType": "Virtual Machine"},
			ResourceIdentifiers: []map[string]string{{"Type": "AzureResource", "AzureResourceId": id}},
			Entities: []map[string]any{
				{"$id": "1", "Type": "host", "HostName": host, "AzureID": id},
				{"$id": "2", "Type": "ip", "Address": ip},
			},
		})
	}
	return out
}

func batches(data []flatAlert, size int) [][]byte {
	var out [][]byte
	for i := 0; i < len(data); i += size {
		b, err := json.Marshal(data[i:min(i+size, len(data))])
		if err != nil {
			panic(err)
		}
		out = append(out, b)
	}
	return out
}

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

// workload describes alerts on a fleet of virtual machines: per resource,
// chains of len(steps) alerts an hour apart, chains three days apart (so
// each is its own incident under the default 24 h window), each chain from
// one attacker address.
type workload struct {
	resources int
	base      time.Time // start of the first chain of resource 0
	// ip is the attacker address of a resource's chain.
	ip func(res, chain int) string
	// rich adds an account entity to the sign-in and discovery steps and
	// a process entity to the execution step.
	rich bool
}

// ingestWorkload is the ingest suite's, unchanged since the first
// benchmark: attacker addresses repeat every 250 resources, so with 1,000
// resources each ties four resources.
func ingestWorkload(resources int) workload {
	return workload{
		resources: resources,
		base:      time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		ip: func(res, chain int) string {
			return fmt.Sprintf("203.0.%d.%d", (res*7+chain)%250, 1+chain%250)
		},
	}
}

// campaignSize and campaignEvery shape the backlog's campaigns: one group
// of campaignSize neighbouring resources in every campaignEvery is
// attacked from one address per chain (a multi-resource incident per
// chain); every other chain has an address of its own.
const (
	campaignSize  = 4
	campaignEvery = 5
)

// backlogWorkload is the stored backlog of the rebuild and incremental
// suites: chains per resource that end before now, each from its own
// public address, except the campaigns'.
func backlogWorkload(resources, chains int, now time.Time) workload {
	return workload{
		resources: resources,
		// The incremental suite's chains come one chain slot after the
		// backlog's and must still lie in the past.
		base: now.UTC().Truncate(time.Hour).Add(-time.Duration(chains+2) * 72 * time.Hour),
		ip: func(res, chain int) string {
			if g := res / campaignSize; g%campaignEvery == 0 {
				groups := (resources + campaignSize - 1) / campaignSize
				return publicIP(52, chain*groups+g)
			}
			return publicIP(20, chain*resources+res)
		},
		rich: true,
	}
}

// publicIP spreads u over the public addresses from first.0.0.0 on.
func publicIP(first, u int) string {
	return fmt.Sprintf("%d.%d.%d.%d", first+u>>24, u>>16&255, u>>8&255, u&255)
}

// alert returns the step-th alert of the given chain on resource res,
// identified as prefix-seq.
func (w workload) alert(prefix string, seq, res, chain, step int) flatAlert {
	s := steps[step]
	start := w.base.Add(time.Duration(chain)*72*time.Hour + time.Duration(step)*time.Hour + time.Duration(res)*time.Second)
	ip := w.ip(res, chain)
	host := fmt.Sprintf("vm%05d", res)
	if w.resources <= 10000 {
		host = fmt.Sprintf("vm%04d", res)
	}
	id := fmt.Sprintf("/subscriptions/00000000-0000-4000-8000-%012d/resourceGroups/rg%d/providers/Microsoft.Compute/virtualMachines/%s", res%10, res%50, host)
	entities := []map[string]any{
		{"$id": "1", "Type": "host", "HostName": host, "AzureID": id},
		{"$id": "2", "Type": "ip", "Address": ip},
	}
	if w.rich {
		switch step {
		case 1, 3:
			entities = append(entities, map[string]any{"$id": "3", "Type": "account", "Name": fmt.Sprintf("ops%05d", res), "UPNSuffix": "contoso.com", "Host": map[string]any{"$ref": "1"}})
		case 2:
			entities = append(entities, map[string]any{"$id": "3", "Type": "process", "ProcessId": fmt.Sprintf("0x%x", 4000+chain), "CommandLine": `C:\Windows\Temp\svchost.exe -k netsvcs`, "Host": map[string]any{"$ref": "1"}})
		}
	}
	return flatAlert{
		SystemAlertID:       fmt.Sprintf("%s-%08d", prefix, seq),
		AlertType:           s.typ,
		AlertDisplayName:    s.name,
		Description:         s.name + " on " + host + ".",
		Severity:            s.severity,
		Status:              "Active",
		Intent:              s.intent,
		StartTimeUtc:        start,
		EndTimeUtc:          start.Add(10 * time.Minute),
		VendorName:          "Microsoft",
		ProductName:         "Microsoft Defender for Cloud",
		CompromisedEntity:   host,
		RemediationSteps:    []string{s.remedy},
		ExtendedProperties:  map[string]string{"Attacker IP": ip, "resourceType": "Virtual Machine"},
		ResourceIdentifiers: []map[string]string{{"Type": "AzureResource", "AzureResourceId": id}},
		Entities:            entities,
	}
}

// stored returns the i-th alert of a backlog in arrival order: the k-th
// alert of every resource before the (k+1)-th of any.
func (w workload) stored(i int) flatAlert {
	res, k := i%w.resources, i/w.resources
	return w.alert("bench", i, res, k/len(steps), k%len(steps))
}

// generate returns the first n alerts of w.
func (w workload) generate(n int) []flatAlert {
	out := make([]flatAlert, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, w.stored(i))
	}
	return out
}

func batches(data []flatAlert, size int) [][]byte {
	var out [][]byte
	for i := 0; i < len(data); i += size {
		out = append(out, encode(data[i:min(i+size, len(data))]))
	}
	return out
}

func encode(alerts []flatAlert) []byte {
	b, err := json.Marshal(alerts)
	if err != nil {
		panic(err)
	}
	return b
}

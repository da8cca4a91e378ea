package ingest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/ingest"
	"github.com/vigil-soc/vigil/store/storetest"
)

// benchBody is n alerts on 100 resources in the flat export shape.
func benchBody(n, offset int) []byte {
	var items []map[string]any
	for i := 0; i < n; i++ {
		res := fmt.Sprintf("/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm%03d", i%100)
		ip := fmt.Sprintf("203.0.113.%d", i%200)
		items = append(items, map[string]any{
			"SystemAlertId": fmt.Sprintf("b-%d", offset+i), "AlertType": "VM_SuspectSvchost",
			"AlertDisplayName": "Suspicious SVCHOST process executed", "Description": "A suspicious process ran.",
			"Severity": "High", "Status": "Active", "Intent": "Execution",
			"StartTimeUtc": time.Date(2026, 1, 1, 0, 0, i, 0, time.UTC), "VendorName": "Microsoft",
			"RemediationSteps":    []string{"Scan the machine."},
			"ExtendedProperties":  map[string]string{"Attacker IP": ip},
			"ResourceIdentifiers": []map[string]string{{"Type": "AzureResource", "AzureResourceId": res}},
			"Entities":            []map[string]any{{"$id": "1", "Type": "ip", "Address": ip}, {"$id": "2", "Type": "host", "HostName": fmt.Sprintf("vm%03d", i%100)}},
		})
	}
	b, _ := json.Marshal(items)
	return b
}

func BenchmarkIngest500(b *testing.B) {
	dsn := storetest.SQLite(b)
	if os.Getenv("BENCH_POSTGRES") != "" {
		dsn = storetest.Postgres(b)
	}
	db := storetest.Open(b, dsn)
	in := ingest.New(db, ingest.Options{})
	ctx := authz.System(context.Background())
	bodies := make([][]byte, b.N)
	for i := range bodies {
		bodies[i] = benchBody(500, i*500)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := in.Read(ctx, bytes.NewReader(bodies[i]), "application/json")
		if err != nil || res.Accepted != 500 {
			b.Fatalf("accepted %d: %v", res.Accepted, err)
		}
	}
	b.ReportMetric(float64(b.N*500)/b.Elapsed().Seconds(), "alerts/s")
}

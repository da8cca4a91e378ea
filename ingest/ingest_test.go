package ingest_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	mrand "math/rand"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/authz"
	entalert "github.com/vigil-soc/vigil/ent/alert"
	"github.com/vigil-soc/vigil/ent/alertpayload"
	"github.com/vigil-soc/vigil/ent/entity"
	"github.com/vigil-soc/vigil/ent/resource"
	"github.com/vigil-soc/vigil/ingest"
	"github.com/vigil-soc/vigil/store/storetest"
)

const upstream = "../demo/data/" // the sample files as bundled (demo/data/NOTICE.md)

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(upstream + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func ingestFile(t *testing.T, in *ingest.Ingester, name, ct string) ingest.Result {
	t.Helper()
	res, err := in.Read(authz.System(context.Background()), bytes.NewReader(read(t, name)), ct)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return res
}

func TestIngestSampleExport(t *testing.T) {
	storetest.EachFresh(t, func(t *testing.T, fresh func(testing.TB) string) {
		db := storetest.Open(t, fresh(t))
		var scheduled []string
		in := ingest.New(db, ingest.Options{OnCommit: func(keys ...string) { scheduled = append(scheduled, keys...) }})
		ctx := authz.System(context.Background())

		res := ingestFile(t, in, "alertlist.csv", "text/csv")
		if res.Accepted != 189 || res.Updated != 0 || res.Duplicates != 0 || len(res.Rejected) != 0 {
			t.Fatalf("first import: %+v, want 189 accepted", res)
		}
		// The resource ids of the file: vm1, vm3, vm4, vm1lin, sqlserver2ascdemo,
		// MSTICAlertsWin1, and host keys for the 36 rule alerts that name none.
		vm1, err := db.Client.Resource.Query().
			Where(resource.Key("/subscriptions/212f9889-769e-45ae-ab43-6da33674bd26/resourcegroups/ascdemorg/providers/microsoft.compute/virtualmachines/vm1")).
			Only(ctx)
		if err != nil {
			t.Fatalf("resource vm1: %v", err)
		}
		if vm1.Name != "vm1" || vm1.Type != "Microsoft.Compute/virtualMachines" {
			t.Errorf("vm1 resource: name %q type %q", vm1.Name, vm1.Type)
		}
		if n := vm1.QueryAlerts().CountX(ctx); n != 6 {
			t.Errorf("vm1 has %d alerts, the file has 6", n)
		}
		win, err := db.Client.Resource.Query().Where(resource.NameEqualFold("MSTICAlertsWin1")).All(ctx)
		if err != nil || len(win) != 1 {
			t.Fatalf("MSTICAlertsWin1 resources: %d (%v), want 1 whatever the case of its id", len(win), err)
		}
		if n := win[0].QueryAlerts().CountX(ctx); n != 138 {
			t.Errorf("MSTICAlertsWin1 has %d alerts, the file has 138", n)
		}
		// An IP entity named by several alerts is stored once.
		ip, err := db.Client.Entity.Query().Where(entity.Key("ip:183.95.154.13")).Only(ctx)
		if err != nil {
			t.Fatalf("ip entity 183.95.154.13: %v", err)
		}
		if n := ip.QueryAlerts().CountX(ctx); n < 1 {
			t.Errorf("ip 183.95.154.13 linked to %d alerts", n)
		}
		// The malicious-communication alert keeps the attacker IP, not the victim's.
		a, err := db.Client.Alert.Query().
			Where(entalert.DisplayName("Network communication with a malicious machine detected"), entalert.ResourceKeyContains("vm1")).
			Only(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(a.SourceIps, ",") != "183.95.154.13" {
			t.Errorf("source IPs %v, want the file's Attacker IP 183.95.154.13", a.SourceIps)
		}
		if a.ExtendedProperties["Victim IP"] != "1.2.3.4" {
			t.Errorf("extended property Victim IP = %q, want the file's 1.2.3.4", a.ExtendedProperties["Victim IP"])
		}
		if len(a.Tactics) == 0 || !a.TacticsFromCatalogue {
			t.Errorf("tactics %v (from catalogue %v): the export carries no intent, the catalogue must give them", a.Tactics, a.TacticsFromCatalogue)
		}
		p, err := db.Client.AlertPayload.Query().Where(alertpayload.HasAlertWith(entalert.ID(a.ID))).Only(ctx)
		if err != nil || !bytes.Contains(p.Data, []byte("183.95.154.13")) {
			t.Errorf("raw payload missing or without the attacker IP: %v", err)
		}
		if len(scheduled) == 0 {
			t.Error("OnCommit was not called with the touched resources")
		}

		scheduled = nil
		again := ingestFile(t, in, "alertlist.csv", "text/csv")
		if again.Accepted != 0 || again.Updated != 0 || again.Duplicates != 189 {
			t.Fatalf("second import: %+v, want 189 duplicates", again)
		}
		if len(scheduled) != 0 {
			t.Errorf("duplicates scheduled correlation of %v", scheduled)
		}
		if n := db.Client.Alert.Query().CountX(ctx); n != 189 {
			t.Errorf("%d alerts after importing twice, want 189", n)
		}
	})
}

func TestIngestUpdatesAChangedAlert(t *testing.T) {
	storetest.EachFresh(t, func(t *testing.T, fresh func(testing.TB) string) {
		db := storetest.Open(t, fresh(t))
		in := ingest.New(db, ingest.Options{})
		ctx := authz.System(context.Background())
		// The 2022 example holds two alerts with the same systemAlertId: the
		// second is a changed version of the first.
		res := ingestFile(t, in, "defender-2022-01-01.json", "application/json")
		if res.Accepted != 1 || res.Updated != 1 {
			t.Fatalf("%+v, want 1 accepted and 1 updated", res)
		}
		// Sent again, the file changes nothing: its last version is stored.
		again := ingestFile(t, in, "defender-2022-01-01.json", "application/json")
		if again.Duplicates != 2 || again.Accepted+again.Updated != 0 {
			t.Fatalf("the same file again: %+v, want 2 duplicates", again)
		}
		a := db.Client.Alert.Query().OnlyX(ctx)
		if a.SystemAlertID != "2518298467986649999_4d25bfef-2d77-4a08-adc0-3e35715cc92a" {
			t.Errorf("system alert id %q", a.SystemAlertID)
		}
		if a.AlertType != "VM_SuspiciousScreenSaver" {
			t.Errorf("stored version has alert type %q, want the later item's VM_SuspiciousScreenSaver", a.AlertType)
		}
		// A resend with a changed status updates; the same again is a duplicate.
		changed := &alerts.Alert{SystemAlertID: a.SystemAlertID, DisplayName: a.DisplayName, AlertType: a.AlertType,
			Severity: alerts.Medium, Status: alerts.Resolved, StartTime: a.StartTime, ResourceID: "/subscriptions/20ff7fc3-e762-44dd-bd96-b71116dcdc23/resourceGroups/myRg1/providers/Microsoft.Compute/virtualMachines/vm1"}
		for i, want := range []string{"updated", "duplicate"} {
			cp := *changed
			res, err := in.Items(ctx, []ingest.Item{{Index: 0, Alert: &cp}})
			if err != nil {
				t.Fatal(err)
			}
			got := map[bool]string{true: "updated", false: "duplicate"}[res.Updated == 1]
			if got != want || res.Duplicates+res.Updated != 1 {
				t.Fatalf("resend %d: %+v, want %s", i, res, want)
			}
		}
		if s := db.Client.Alert.Query().OnlyX(ctx).Status; s != alerts.Resolved {
			t.Errorf("status after the update: %s", s)
		}
	})
}

func TestIngestRejectsBadItemsAndKeepsTheRest(t *testing.T) {
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	good := func(id string) *alerts.Alert {
		return &alerts.Alert{SystemAlertID: id, DisplayName: "d", Severity: alerts.Low, Status: alerts.Active, StartTime: start}
	}
	tests := []struct {
		name  string
		alert *alerts.Alert
		field string
	}{
		{"an alert without id is rejected naming systemAlertId", &alerts.Alert{DisplayName: "d", Severity: alerts.Low, Status: alerts.Active, StartTime: start}, "systemAlertId"},
		{"an unknown severity is rejected naming severity", &alerts.Alert{SystemAlertID: "x", Severity: "CRITICAL", Status: alerts.Active, StartTime: start}, "severity"},
		{"a missing start time is rejected naming startTimeUtc", &alerts.Alert{SystemAlertID: "x", Severity: alerts.Low, Status: alerts.Active}, "startTimeUtc"},
		{"an end before the start is rejected naming endTimeUtc", &alerts.Alert{SystemAlertID: "x", Severity: alerts.Low, Status: alerts.Active, StartTime: start, EndTime: start.Add(-time.Hour)}, "endTimeUtc"},
	}
	storetest.EachFresh(t, func(t *testing.T, fresh func(testing.TB) string) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				db := storetest.Open(t, fresh(t))
				in := ingest.New(db, ingest.Options{})
				res, err := in.Items(authz.System(context.Background()), []ingest.Item{
					{Index: 0, Alert: good("a")}, {Index: 1, Alert: tt.alert}, {Index: 2, Alert: good("b")},
				})
				if err != nil {
					t.Fatal(err)
				}
				if res.Accepted != 2 || len(res.Rejected) != 1 || res.Rejected[0].Index != 1 {
					t.Fatalf("%+v, want 2 accepted and item 1 rejected", res)
				}
				if msg := res.Rejected[0].Error; !strings.Contains(msg, "item 1") || !strings.Contains(msg, tt.field) {
					t.Errorf("error %q does not name item 1 and field %s", msg, tt.field)
				}
				if n := db.Client.Alert.Query().CountX(authz.System(context.Background())); n != 2 {
					t.Errorf("%d alerts stored, want the 2 valid ones", n)
				}
			})
		}
	})
}

func TestIngestStoresHostileStringsOnBothDatabases(t *testing.T) {
	storetest.EachFresh(t, func(t *testing.T, fresh func(testing.TB) string) {
		db := storetest.Open(t, fresh(t))
		in := ingest.New(db, ingest.Options{MaxPayload: 16})
		a := &alerts.Alert{
			SystemAlertID: "nul\x00id", DisplayName: "<img src=x onerror=alert(1)>\x00", Description: "bad \xff utf-8",
			Severity: alerts.High, Status: alerts.Active, StartTime: time.Now().UTC(),
			ExtendedProperties: map[string]string{"k\x00": "v\x00"},
			Entities:           []alerts.Entity{{Kind: "host", Name: "h\x00", Properties: map[string]any{"HostName": "h\x00"}}},
			Raw:                []byte(`{"payload": "longer than sixteen bytes"}`),
		}
		res, err := in.Items(authz.System(context.Background()), []ingest.Item{{Index: 0, Alert: a}})
		if err != nil || res.Accepted != 1 {
			t.Fatalf("%+v, %v", res, err)
		}
		got := db.Client.Alert.Query().OnlyX(authz.System(context.Background()))
		if got.DisplayName != "<img src=x onerror=alert(1)>\uFFFD" || got.Description != "bad \uFFFD utf-8" {
			t.Errorf("stored %q / %q", got.DisplayName, got.Description)
		}
		p := db.Client.AlertPayload.Query().OnlyX(authz.System(context.Background()))
		if len(p.Data) != 16 || !p.Truncated || p.Size != len(a.Raw) {
			t.Errorf("payload %d bytes, truncated %v, size %d: want capped at 16 of %d", len(p.Data), p.Truncated, p.Size, len(a.Raw))
		}
	})
}

func TestConcurrentIngestsOfTheSameResources(t *testing.T) {
	storetest.EachFresh(t, func(t *testing.T, fresh func(testing.TB) string) {
		db := storetest.Open(t, fresh(t))
		in := ingest.New(db, ingest.Options{})
		var wg sync.WaitGroup
		errs := make(chan error, 4)
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				_, err := in.Read(authz.System(context.Background()), bytes.NewReader(benchBody(100, w*100)), "application/json")
				errs <- err
			}(w)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Errorf("concurrent ingest: %v", err)
			}
		}
		ctx := authz.System(context.Background())
		if n := db.Client.Alert.Query().CountX(ctx); n != 400 {
			t.Errorf("%d alerts, want 400", n)
		}
		if n := db.Client.Resource.Query().CountX(ctx); n != 100 {
			t.Errorf("%d resources, want 100 (each created once)", n)
		}
	})
}

func TestIngestStoresAlertsWithManyEntities(t *testing.T) {
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	ips := func(n, offset int) []alerts.Entity {
		out := make([]alerts.Entity, n)
		for i := range out {
			a := fmt.Sprintf("10.%d.%d.%d", (offset+i)>>16&255, (offset+i)>>8&255, (offset+i)&255)
			out[i] = alerts.Entity{Kind: alerts.EntityIP, Key: "ip:" + a, Name: a}
		}
		return out
	}
	storetest.EachFresh(t, func(t *testing.T, fresh func(testing.TB) string) {
		ctx := authz.System(context.Background())
		t.Run("a batch linking more entities than one statement takes", func(t *testing.T) {
			// 200 alerts of 83 entities: 16,600 links, more parameters than
			// SQLite's 32,766.
			db := storetest.Open(t, fresh(t))
			items := make([]ingest.Item, 200)
			for i := range items {
				items[i] = ingest.Item{Index: i, Alert: &alerts.Alert{SystemAlertID: fmt.Sprintf("e%d", i), DisplayName: "d",
					Severity: alerts.Low, Status: alerts.Active, StartTime: start, Entities: ips(83, i*83)}}
			}
			res, err := ingest.New(db, ingest.Options{}).Items(ctx, items)
			if err != nil || res.Accepted != 200 {
				t.Fatalf("%+v, %v; want 200 accepted", res, err)
			}
			if n := db.Client.Alert.Query().QueryEntities().CountX(ctx); n != 16600 {
				t.Errorf("%d entities linked, want 16600", n)
			}
		})
		t.Run("one alert with more entities than one statement links, stored and then updated", func(t *testing.T) {
			db := storetest.Open(t, fresh(t))
			in := ingest.New(db, ingest.Options{})
			for i, status := range []alerts.Status{alerts.Active, alerts.Resolved} {
				a := &alerts.Alert{SystemAlertID: "many", DisplayName: "d", Severity: alerts.Low, Status: status, StartTime: start, Entities: ips(5100, 0)}
				res, err := in.Items(ctx, []ingest.Item{{Index: 0, Alert: a}})
				if err != nil || res.Accepted+res.Updated != 1 {
					t.Fatalf("ingest %d: %+v, %v", i, res, err)
				}
				if n := db.Client.Alert.Query().OnlyX(ctx).QueryEntities().CountX(ctx); n != 5100 {
					t.Errorf("ingest %d: %d entities linked, want 5100", i, n)
				}
			}
		})
	})
}

func TestIngestBoundsIndexedValues(t *testing.T) {
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	// Random text: PostgreSQL compresses repetitive values below its index
	// limit, not these.
	long := func(n int) string {
		b := make([]byte, n/2)
		rand.Read(b)
		return hex.EncodeToString(b)
	}
	storetest.EachFresh(t, func(t *testing.T, fresh func(testing.TB) string) {
		ctx := authz.System(context.Background())
		db := storetest.Open(t, fresh(t))
		in := ingest.New(db, ingest.Options{})
		res, err := in.Items(ctx, []ingest.Item{
			{Index: 0, Alert: &alerts.Alert{SystemAlertID: long(3000), DisplayName: "d", Severity: alerts.Low, Status: alerts.Active, StartTime: start}},
			{Index: 1, Alert: &alerts.Alert{SystemAlertID: "long resource", DisplayName: "d", Severity: alerts.Low, Status: alerts.Active, StartTime: start,
				ResourceID: "/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/" + long(10000)}},
			{Index: 2, Alert: &alerts.Alert{SystemAlertID: "long host", DisplayName: "d", Severity: alerts.Low, Status: alerts.Active, StartTime: start,
				CompromisedEntity: long(10000), Entities: []alerts.Entity{{Kind: alerts.EntityURL, Key: "url:" + long(10000), Name: "u"}}}},
		})
		if err != nil {
			t.Fatal(err)
		}
		if res.Accepted != 2 || len(res.Rejected) != 1 || !strings.Contains(res.Rejected[0].Error, "item 0: field systemAlertId: longer than") {
			t.Fatalf("%+v, want item 0 rejected for its id, the others stored", res)
		}
		// The same long identifiers again name the same resource and entity.
		res, err = in.Items(ctx, []ingest.Item{{Index: 0, Alert: &alerts.Alert{SystemAlertID: "long resource 2", DisplayName: "d", Severity: alerts.Low,
			Status: alerts.Active, StartTime: start, ResourceID: db.Client.Resource.Query().Where(resource.TypeNEQ("host")).OnlyX(ctx).ResourceID}}})
		if err != nil || res.Accepted != 1 {
			t.Fatalf("%+v, %v", res, err)
		}
		if n := db.Client.Resource.Query().CountX(ctx); n != 2 {
			t.Errorf("%d resources, want 2", n)
		}
	})
}

func TestConcurrentIngestsUpdatingTheSameAlerts(t *testing.T) {
	storetest.EachFresh(t, func(t *testing.T, fresh func(testing.TB) string) {
		db := storetest.Open(t, fresh(t))
		in := ingest.New(db, ingest.Options{})
		ctx := authz.System(context.Background())
		if _, err := in.Read(ctx, bytes.NewReader(benchBody(100, 0)), "application/json"); err != nil {
			t.Fatal(err)
		}
		// Four clients re-send the same 100 alerts, each changed and in its
		// own order, at once: on PostgreSQL their updates used to deadlock.
		var wg sync.WaitGroup
		errs := make(chan error, 4*3)
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for round := 0; round < 3; round++ {
					var items []map[string]any
					json.Unmarshal(benchBody(100, 0), &items)
					mrand.New(mrand.NewSource(int64(w*10+round))).Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
					for _, it := range items {
						it["Description"] = fmt.Sprintf("client %d round %d", w, round)
					}
					b, _ := json.Marshal(items)
					_, err := in.Read(ctx, bytes.NewReader(b), "application/json")
					errs <- err
				}
			}(w)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Errorf("concurrent update: %v", err)
			}
		}
		if n := db.Client.Alert.Query().CountX(ctx); n != 100 {
			t.Errorf("%d alerts, want 100", n)
		}
	})
}

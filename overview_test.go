package main

import (
	"testing"

	"github.com/vigil-soc/vigil/store/storetest"
)

// TestOverviewFigures checks what the console's overview reads: resource
// categories, alerts per category, and the alert timeline, against the
// sample export's own rows.
func TestOverviewFigures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ts := startServer(t, dsn)
		ts.ingest(t, "text/csv", readFile(t, alertListCSV))
		rows := alertList(t)
		partner := 0
		for _, r := range rows {
			// The file's third-party products: F5 WAF and Deep Security Agent.
			if r["VendorName"] != "Microsoft" && r["VendorName"] != "Alert Rule" {
				partner++
			}
		}
		var out struct {
			Vm1 struct {
				Edges []struct{ Node struct{ Category string } }
			}
			SQL struct {
				Edges []struct{ Node struct{ Category string } }
			}
			Partner struct{ TotalCount int }
			Servers struct{ TotalCount int }
			Jan15   []struct {
				Start string
				Count int
			}
		}
		ts.mustGraphQL(t, `{
			vm1: resources(where: {name: "vm1"}) { edges { node { category } } }
			sql: resources(where: {name: "sqlserver2ascdemo"}) { edges { node { category } } }
			partner: alerts(where: {category: PARTNER}) { totalCount }
			servers: alerts(where: {category: SERVERS}) { totalCount }
			jan15: alertTimeline(from: "2019-01-15T00:00:00Z", to: "2019-01-16T00:00:00Z", bucket: DAY) { start count }
		}`, nil, &out)
		if len(out.Vm1.Edges) != 1 || out.Vm1.Edges[0].Node.Category != "SERVERS" {
			t.Errorf("vm1 category %+v, want SERVERS", out.Vm1)
		}
		if len(out.SQL.Edges) != 1 || out.SQL.Edges[0].Node.Category != "DATA_SERVICES" {
			t.Errorf("sqlserver2ascdemo category %+v, want DATA_SERVICES", out.SQL)
		}
		if out.Partner.TotalCount != partner || partner == 0 {
			t.Errorf("%d partner alerts, the file has %d", out.Partner.TotalCount, partner)
		}
		jan15 := 0
		for _, r := range rows {
			if len(r["StartTimeUtc"]) >= 10 && r["StartTimeUtc"][:10] == "2019-01-15" {
				jan15++
			}
		}
		if len(out.Jan15) != 1 || out.Jan15[0].Count != jan15 {
			t.Errorf("timeline of 2019-01-15: %+v, the file has %d alerts that day", out.Jan15, jan15)
		}
		if errs := ts.graphql(t, `{ alertTimeline(from: "2019-01-01T00:00:00Z", to: "2020-01-01T00:00:00Z", bucket: HOUR) { count } }`, nil, nil); len(errs) == 0 || errs[0].code() != "BAD_USER_INPUT" {
			t.Errorf("a timeline of 8760 buckets: errors %+v, want BAD_USER_INPUT", errs)
		}
	})
}

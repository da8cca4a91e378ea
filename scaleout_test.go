package main

import (
	"testing"
	"time"

	"github.com/vigil-soc/vigil/store/storetest"
)

// TestSubscribersOfAnotherProcessSeeNewIncidents runs two servers — two
// vigil processes — on one PostgreSQL database: an incident made from alerts
// posted to one reaches a subscriber of the other.
func TestSubscribersOfAnotherProcessSeeNewIncidents(t *testing.T) {
	dsn := storetest.Postgres(t)
	a := startServer(t, dsn)
	b := startServer(t, dsn)
	c := connect(t, b)
	c.subscribe(t, "created", subCreated)
	b.subscribers(t, 1)
	a.ingest(t, "application/json", chain(t, "vm-scaleout", time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)))
	var created createdEvent
	c.next(t, "created", 3*time.Second, &created)
	if inc := created.IncidentCreated; inc.Resource.Name != "vm-scaleout" || inc.Alerts.TotalCount != 2 {
		t.Fatalf("incidentCreated on the other process = %+v, want the incident on vm-scaleout with its 2 alerts", inc)
	}
}

package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// plainInsert is the baseline: the same alerts written by hand-built
// multi-row INSERT statements, one transaction per batch, into a copy of the
// alerts table (its columns and its three indexes) in the same database. It
// returns how long that took. What ingest does beyond it — parsing, entity
// and resource deduplication, the payload, edges — is the difference.
func plainInsert(dsn string, data []flatAlert, batch int) (time.Duration, error) {
	dollar := !strings.HasPrefix(dsn, "sqlite://")
	db, err := openSQL(dsn)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	ddl := []string{"CREATE TABLE bench_plain AS SELECT * FROM alerts WHERE 1 = 0"}
	if dollar {
		ddl = []string{"CREATE TABLE bench_plain (LIKE alerts INCLUDING DEFAULTS)"}
	}
	ddl = append(ddl,
		"CREATE UNIQUE INDEX bench_plain_system_alert_id ON bench_plain (system_alert_id)",
		"CREATE INDEX bench_plain_resource_key_start_time ON bench_plain (resource_key, start_time)",
		"CREATE INDEX bench_plain_start_time ON bench_plain (start_time)")
	for _, q := range ddl {
		if _, err := db.Exec(q); err != nil {
			return 0, fmt.Errorf("creating the plain table: %w", err)
		}
	}
	cols := []string{"id", "system_alert_id", "provider_alert_id", "alert_type", "display_name", "description",
		"vendor_name", "product_name", "product_component_name", "provider_name", "severity", "severity_rank",
		"status", "category", "intent", "tactics", "tactic_mask", "tactics_from_catalogue", "techniques",
		"sub_techniques", "start_time", "end_time", "remediation_steps", "extended_properties", "extended_links",
		"entity_relations", "compromised_entity", "confidence_level", "is_incident", "correlation_key", "alert_uri",
		"resource_key", "subscription_id", "tenant_id", "workspace_id", "source_ips", "content_hash",
		"created_at", "updated_at"}
	start := time.Now()
	for i := 0; i < len(data); i += batch {
		part := data[i:min(i+batch, len(data))]
		var q strings.Builder
		q.WriteString("INSERT INTO bench_plain (" + strings.Join(cols, ", ") + ") VALUES ")
		args := make([]any, 0, len(part)*len(cols))
		for j, a := range part {
			if j > 0 {
				q.WriteString(", ")
			}
			q.WriteString("(")
			for c := range cols {
				if c > 0 {
					q.WriteString(", ")
				}
				if dollar {
					fmt.Fprintf(&q, "$%d", len(args)+c+1)
				} else {
					q.WriteString("?")
				}
			}
			q.WriteString(")")
			steps, _ := json.Marshal(a.RemediationSteps)
			props, _ := json.Marshal(a.ExtendedProperties)
			now := time.Now().UTC()
			res := strings.ToLower(a.ResourceIdentifiers[0]["AzureResourceId"])
			args = append(args, i+j+1, a.SystemAlertID, "", a.AlertType, a.AlertDisplayName, a.Description,
				a.VendorName, a.ProductName, "", "", strings.ToUpper(a.Severity), 1,
				"ACTIVE", "SERVERS", a.Intent, `["EXECUTION"]`, 8, false, "[]",
				"[]", a.StartTimeUtc, a.EndTimeUtc, string(steps), string(props), "[]",
				"[]", a.CompromisedEntity, "", false, "", "",
				res, "", "", "", `["`+a.ExtendedProperties["Attacker IP"]+`"]`, a.SystemAlertID,
				now, now)
		}
		tx, err := db.Begin()
		if err != nil {
			return 0, err
		}
		if _, err := tx.Exec(q.String(), args...); err != nil {
			tx.Rollback()
			return 0, fmt.Errorf("plain insert: %w", err)
		}
		if err := tx.Commit(); err != nil {
			return 0, err
		}
	}
	return time.Since(start), nil
}

package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// plainInsert inserts the same alerts into a table shaped like the alerts
// table with multi-row INSERT statements, one transaction per batch, and
// returns how long that took.
func plainInsert(dsn string, data []flatAlert, batch int) (time.Duration, error) {
	driver, conn, dollar := "sqlite", "", false
	if strings.HasPrefix(dsn, "sqlite://") {
		conn = "file:" + strings.TrimPrefix(dsn, "sqlite://") + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"
	} else {
		driver, conn, dollar = "postgres", dsn, true
	}
	db, err := sql.Open(driver, conn)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	cols := []string{"system_alert_id", "alert_type", "display_name", "description", "severity", "status",
		"intent", "tactics", "start_time", "end_time", "vendor_name", "product_name", "compromised_entity",
		"remediation_steps", "extended_properties", "resource_key", "source_ips", "content_hash", "created_at", "updated_at"}
	ddl := "CREATE TABLE bench_plain (id INTEGER PRIMARY KEY AUTOINCREMENT, " + strings.Join(cols, " TEXT, ") + " TEXT)"
	if dollar {
		ddl = "CREATE TABLE bench_plain (id BIGSERIAL PRIMARY KEY, " + strings.Join(cols, " TEXT, ") + " TEXT)"
	}
	if _, err := db.Exec(ddl); err != nil {
		return 0, fmt.Errorf("creating the plain table: %w", err)
	}
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
			now := time.Now().UTC().Format(time.RFC3339Nano)
			args = append(args, a.SystemAlertID, a.AlertType, a.AlertDisplayName, a.Description, a.Severity, a.Status,
				a.Intent, `["`+a.Intent+`"]`, a.StartTimeUtc.Format(time.RFC3339Nano), a.EndTimeUtc.Format(time.RFC3339Nano),
				a.VendorName, a.ProductName, a.CompromisedEntity, string(steps), string(props),
				strings.ToLower(a.ResourceIdentifiers[0]["AzureResourceId"]), `["`+a.ExtendedProperties["Attacker IP"]+`"]`,
				a.SystemAlertID, now, now)
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

package main

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"maps"
	"strings"
)

// hostileGenerators build the corpus's big bodies (testdata/hostile/cases.json
// names them), which would bloat the repository as files.
var hostileGenerators = map[string]func() []byte{
	// JSON nested beyond encoding/json's 10,000 levels.
	"deep-brackets-100k": func() []byte { return []byte(strings.Repeat("[", 100_000)) },
	"deep-objects-100k":  func() []byte { return []byte(strings.Repeat(`{"a":`, 100_000)) },
	// Nested just inside the parser's limit, in an entity's property,
	// which is stored as JSON.
	"entity-nested-9000": func() []byte {
		deep := strings.Repeat("[", 9000) + strings.Repeat("]", 9000)
		return []byte(`[` + strings.TrimSuffix(mustJSON(hostileAlert("hostile-entity-nested", nil)), "}") +
			`,"Entities":[{"$id":"1","Type":"host","HostName":"deep-vm","Deep":` + deep + `}]}]`)
	},
	"description-10mb": func() []byte {
		return batch(hostileAlert("hostile-description-10mb", map[string]any{"Description": strings.Repeat("d", 10<<20)}))
	},
	"display-name-1mb": func() []byte {
		return batch(hostileAlert("hostile-display-name-1mb", map[string]any{"AlertDisplayName": strings.Repeat("<b>n</b>", 1<<17)}))
	},
	"system-alert-id-10mb": func() []byte {
		return batch(hostileAlert(strings.Repeat("i", 10<<20), nil), hostileAlert("hostile-after-long-id", nil))
	},
	"severity-1mb": func() []byte {
		return batch(hostileAlert("hostile-severity-1mb", map[string]any{"Severity": strings.Repeat("s", 1<<20)}))
	},
	"resource-id-2mb": func() []byte {
		id := "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/" + strings.Repeat("v", 2<<20)
		return batch(hostileAlert("hostile-resource-id-2mb", map[string]any{"ResourceId": id}))
	},
	"host-name-2mb": func() []byte {
		return batch(hostileAlert("hostile-host-name-2mb", map[string]any{"CompromisedEntity": strings.Repeat("h", 2<<20)}))
	},
	// Billion laughs, Json.NET style: each entity refers to the one before
	// it twice, so following references would expand 2^40 times.
	"entity-laughs-query": func() []byte {
		row := []any{"hostile-laughs-query", "High", "2024-05-01T10:00:00Z", "laughs-vm", laughs(40)}
		return mustJSONBytes(map[string]any{"tables": []any{map[string]any{
			"name": "PrimaryResult",
			"columns": []any{map[string]string{"name": "SystemAlertId"}, map[string]string{"name": "AlertSeverity"},
				map[string]string{"name": "StartTime"}, map[string]string{"name": "CompromisedEntity"}, map[string]string{"name": "Entities"}},
			"rows": []any{row},
		}}})
	},
	"entity-laughs-csv": func() []byte {
		return csvBody([]string{"SystemAlertId", "Severity", "StartTimeUtc", "CompromisedEntity", "Entities"},
			[]string{"hostile-laughs-csv", "High", "2024-05-01T10:00:00Z", "laughs-vm", laughs(40)})
	},
	// 1,000 entities each inlining the next, the last referring back to
	// the first: a cycle through the whole list.
	"entity-ref-cycle-1000": func() []byte {
		var b strings.Builder
		for i := 1; i <= 1000; i++ {
			fmt.Fprintf(&b, `{"$id":"%d","Type":"process","ProcessId":"%d","Parent":`, i, i)
		}
		b.WriteString(`{"$ref":"1"}` + strings.Repeat("}", 1000))
		return []byte(`[` + strings.TrimSuffix(mustJSON(hostileAlert("hostile-ref-cycle", nil)), "}") + `,"Entities":[` + b.String() + `]}]`)
	},
	"alerts-5000": func() []byte {
		var items []map[string]any
		for i := range 5000 {
			items = append(items, hostileAlert(fmt.Sprintf("hostile-many-%04d", i), map[string]any{"CompromisedEntity": fmt.Sprintf("many-vm-%02d", i%50)}))
		}
		return batch(items...)
	},
	"entities-5000": func() []byte {
		var ents []any
		for i := range 5000 {
			ents = append(ents, map[string]any{"$id": fmt.Sprint(i + 1), "Type": "ip", "Address": fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255)})
		}
		return batch(hostileAlert("hostile-entities-5000", map[string]any{"Entities": ents}))
	},
	"nulls-100k": func() []byte {
		return []byte("[" + mustJSON(hostileAlert("hostile-before-nulls", nil)) + strings.Repeat(",null", 100_000) + "]")
	},
	"numbers-1m":         func() []byte { return []byte("[" + strings.Repeat("1,", 1_000_000) + "1]") },
	"empty-objects-200k": func() []byte { return []byte("[" + strings.Repeat("{},", 200_000) + "{}]") },
	// One byte over the default 32 MiB limit, and exactly at it.
	"body-over-limit": func() []byte { return padded(defaultConfig().MaxBody + 1) },
	"body-at-limit":   func() []byte { return padded(defaultConfig().MaxBody) },
	// Content-Encoding is not honoured: compressed bodies are refused, a
	// bomb included (32 MiB of white space in a few dozen KiB).
	"gzip-bomb": func() []byte {
		return gzipped(append(batch(hostileAlert("hostile-gzip-bomb", nil)), bytes.Repeat([]byte(" "), 32<<20)...))
	},
	"gzip-valid": func() []byte { return gzipped(batch(hostileAlert("hostile-gzip", nil))) },
	// A quote opened and never closed, with 5 MB of escaped quotes.
	"csv-quote-bomb": func() []byte {
		return []byte("SystemAlertId,Severity,StartTimeUtc\n\"" + strings.Repeat(`""`, 2_500_000) + "\n")
	},
	"csv-header-100k-columns": func() []byte {
		return []byte("SystemAlertId" + strings.Repeat(",c", 100_000) + "\n")
	},
	"csv-10k-ragged-rows": func() []byte {
		return []byte("SystemAlertId,Severity,StartTimeUtc\n" + strings.Repeat("x\n", 10_000))
	},

	// GraphQL.
	"gql-selection-depth-300": func() []byte {
		q := "{ incidents(first: 1) { edges { node { " + strings.Repeat("resource { incidents(first: 1) { edges { node { ", 300) +
			"id" + strings.Repeat(" } } } }", 300) + " } } } }"
		return gqlBody(q, nil)
	},
	"gql-selection-depth-40": func() []byte {
		q := "{ incidents(first: 1) { edges { node { " + strings.Repeat("resource { incidents(first: 1) { edges { node { ", 40) +
			"id" + strings.Repeat(" } } } }", 40) + " } } } }"
		return gqlBody(q, nil)
	},
	"gql-braces-100k":   func() []byte { return gqlBody(strings.Repeat("{", 100_000), nil) },
	"gql-aliases-5000":  func() []byte { return gqlBody("{ "+aliases(5000, "__typename")+" }", nil) },
	"gql-aliases-900":   func() []byte { return gqlBody("{ "+aliases(900, "__typename")+" }", nil) },
	"gql-alias-pages":   func() []byte { return gqlBody("{ "+aliases(250, "alerts(first: 500) { totalCount }")+" }", nil) },
	"gql-fragment-bomb": func() []byte { return gqlBody(fragmentBomb(40), nil) },
	"gql-variable-10mb": func() []byte {
		return gqlBody(`query($id: String!) { alerts(where: {systemAlertID: $id}) { totalCount } }`, map[string]any{"id": strings.Repeat("x", 10<<20)})
	},
	"gql-variables-100k-keys": func() []byte {
		vars := map[string]any{}
		for i := range 100_000 {
			vars[fmt.Sprintf("v%d", i)] = i
		}
		return gqlBody(`{ __typename }`, vars)
	},
	"gql-where-not-2000": func() []byte {
		var w any = map[string]any{"systemAlertID": "x"}
		for range 2000 {
			w = map[string]any{"not": w}
		}
		return gqlBody(`query($w: AlertWhereInput) { alerts(where: $w) { totalCount } }`, map[string]any{"w": w})
	},
	"gql-where-or-2000": func() []byte {
		var or []any
		for i := range 2_000 {
			or = append(or, map[string]any{"systemAlertID": fmt.Sprint("x", i)})
		}
		return gqlBody(`query($w: AlertWhereInput) { alerts(where: $w) { totalCount } }`, map[string]any{"w": map[string]any{"or": or}})
	},
	"gql-where-or-100k": func() []byte {
		or := make([]any, 100_000)
		for i := range or {
			or[i] = map[string]any{"systemAlertID": fmt.Sprint("x", i)}
		}
		return gqlBody(`query($w: AlertWhereInput) { alerts(where: $w) { totalCount } }`, map[string]any{"w": map[string]any{"or": or}})
	},
	"gql-nodes-70k-ids": func() []byte {
		ids := make([]string, 70_000)
		for i := range ids {
			ids[i] = fmt.Sprint(4294967297 + i)
		}
		return gqlBody(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": ids})
	},
	"gql-ingest-display-name-1mb": func() []byte {
		return gqlBody(`mutation($a: [AlertInput!]!) { ingestAlerts(alerts: $a) { accepted rejected { index error } } }`,
			map[string]any{"a": []any{map[string]any{"systemAlertId": "hostile-gql-1mb", "displayName": strings.Repeat("<script>", 1<<17),
				"severity": "HIGH", "startTime": "2024-05-01T10:00:00Z"}}})
	},
}

// hostileAlert is a valid workflow-export alert with id, changed by extra.
func hostileAlert(id string, extra map[string]any) map[string]any {
	a := map[string]any{
		"SystemAlertId": id, "AlertDisplayName": "Hostile input " + id[:min(len(id), 40)], "AlertType": "VM_Hostile",
		"Severity": "Medium", "StartTimeUtc": "2024-05-01T10:00:00Z", "CompromisedEntity": "hostile-vm",
	}
	maps.Copy(a, extra)
	return a
}

func batch(items ...map[string]any) []byte { return mustJSONBytes(items) }

func mustJSON(v any) string { return string(mustJSONBytes(v)) }

func mustJSONBytes(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// laughs is an entity list of n levels, each referring to the previous
// level twice.
func laughs(n int) string {
	ents := []any{map[string]any{"$id": "1", "Type": "host", "HostName": "laughs-vm"}}
	for i := 2; i <= n; i++ {
		prev := map[string]string{"$ref": fmt.Sprint(i - 1)}
		ents = append(ents, map[string]any{"$id": fmt.Sprint(i), "Type": "process", "A": prev, "B": prev})
	}
	return mustJSON(ents)
}

func csvBody(rows ...[]string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll(rows)
	return b.Bytes()
}

// padded is a batch of one valid alert, padded with white space to n bytes.
func padded(n int64) []byte {
	b := batch(hostileAlert(fmt.Sprintf("hostile-padded-%d", n), nil))
	return append(b, bytes.Repeat([]byte(" "), int(n)-len(b))...)
}

func gzipped(b []byte) []byte {
	var out bytes.Buffer
	w, _ := gzip.NewWriterLevel(&out, gzip.BestSpeed)
	w.Write(b)
	w.Close()
	return out.Bytes()
}

func gqlBody(query string, vars map[string]any) []byte {
	body := map[string]any{"query": query}
	if vars != nil {
		body["variables"] = vars
	}
	return mustJSONBytes(body)
}

func aliases(n int, field string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "a%d: %s ", i, field)
	}
	return b.String()
}

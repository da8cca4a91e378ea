package formats

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/vigil-soc/vigil/alerts"
)

// The fuzz targets: FuzzParse for the whole body, and one per wire format's
// entry point, so that the mutator works on inputs of that format. Each
// checks the same invariants: no panic, a body-level error is a
// *SyntaxError, an item-level one an *alerts.FieldError, every accepted
// alert passes Validate, and parsing the same bytes twice gives the same
// result. `make fuzz-smoke` runs each for a few seconds.

// sentinelFiles are the Sentinel REST examples of testdata/upstream
// (NOTICE.md there): one holds a SecurityAlert, the others are not alerts.
var sentinelFiles, _ = filepath.Glob("testdata/upstream/securityinsights/*.json")

func FuzzParse(f *testing.F) {
	for _, path := range append(append([]string{}, allSampleFiles...), sentinelFiles...) {
		f.Add(readFile(f, path), "")
	}
	f.Add(csvHead(f, 3), "text/csv")
	f.Add([]byte(workflowAlert), "application/json")
	f.Add([]byte(goodREST), "")
	f.Add([]byte(`[{"SystemAlertId":"x","Severity":"Low","StartTimeUtc":"2024-01-01T00:00:00Z","Entities":[{"$id":"1","Host":{"$ref":"1"}},{"$ref":"9"}]}]`), "")
	f.Add([]byte("SystemAlertId,Severity,StartTimeUtc,Entities\nx,High,1/15/2019 5:15:03 AM,\"[{\"\"$id\"\":\"\"2\"\"}]\"\n"), "text/csv")
	f.Add([]byte(`{"tables":[{"columns":[{"name":"SystemAlertId"}],"rows":[["a"],[1],null]}]}`), "")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		checkDeterministic(t, func() (*Batch, error) { return Parse(bytes.NewReader(body), contentType) })
	})
}

// FuzzDefenderREST fuzzes one Defender for Cloud REST alert: an
// {id, name, type, properties} envelope or a bare properties object.
func FuzzDefenderREST(f *testing.F) {
	for _, path := range append([]string{sample2022, sample2015}, sentinelFiles...) {
		for _, item := range exampleItems(f, path) {
			f.Add([]byte(item))
		}
	}
	f.Add([]byte(goodREST))
	f.Add([]byte(`{"properties":{"systemAlertId":"a","severity":"High","startTimeUtc":"2024-01-01T00:00:00Z","endTimeUtc":"2023-01-01T00:00:00Z"}}`))
	f.Add([]byte(`{"properties":[]}`))
	f.Fuzz(func(t *testing.T, item []byte) {
		checkDeterministic(t, func() (*Batch, error) { return itemBatch(defenderItem, item), nil })
	})
}

// FuzzWorkflowExport fuzzes one flat PascalCase alert of workflow
// automation and continuous export. The seeds are the sample export's rows
// and the query response's rows written as such objects, which is the
// schema both follow.
func FuzzWorkflowExport(f *testing.F) {
	f.Add([]byte(workflowAlert))
	for _, obj := range rowObjects(f) {
		f.Add(obj)
	}
	f.Add([]byte(`{"SystemAlertId":"x","Severity":"Low","StartTimeUtc":"2024-01-01T00:00:00Z","Entities":[{"$id":"1","Host":{"$ref":"1"}},{"$ref":"9"}]}`))
	f.Add([]byte(`{"SystemAlertId":"x","Severity":"Low","StartTimeUtc":"2024-01-01T00:00:00Z","ConfidenceScore":"1e999"}`))
	f.Fuzz(func(t *testing.T, item []byte) {
		checkDeterministic(t, func() (*Batch, error) { return itemBatch(exportItem, item), nil })
	})
}

// FuzzLogAnalyticsQuery fuzzes the "tables" list of a Log Analytics query
// API response.
func FuzzLogAnalyticsQuery(f *testing.F) {
	var resp struct{ Tables json.RawMessage }
	if err := json.Unmarshal(readFile(f, sampleQuery), &resp); err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(resp.Tables))
	f.Add([]byte(`[{"columns":[{"name":"SystemAlertId"}],"rows":[["a"],[1],null]}]`))
	f.Add([]byte(`[{"columns":[{"ColumnName":"SystemAlertId"},{"name":"Entities"}],"rows":[["a","[{\"$id\":\"1\",\"x\":{\"$ref\":\"1\"}}]"]]}]`))
	f.Fuzz(func(t *testing.T, tables []byte) {
		if !json.Valid(tables) {
			// Parse hands it only JSON it validated as a whole.
			t.Skip()
		}
		checkDeterministic(t, func() (*Batch, error) { return parseQueryResponse(tables) })
	})
}

// FuzzLogAnalyticsCSV fuzzes a SecurityAlert CSV export.
func FuzzLogAnalyticsCSV(f *testing.F) {
	f.Add(readFile(f, sampleCSV))
	for _, n := range []int{0, 1, 3} {
		f.Add(csvHead(f, n))
	}
	f.Add([]byte("SystemAlertId,Severity,StartTimeUtc,Entities\nx,High,1/15/2019 5:15:03 AM,\"[{\"\"$id\"\":\"\"2\"\"}]\"\n"))
	f.Add([]byte("SystemAlertId,Severity\n\"x\"\"\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		checkDeterministic(t, func() (*Batch, error) { return parseCSV(body) })
	})
}

// FuzzEntities fuzzes the $id/$ref resolution of an entity list: however
// the references are forged (cycles, self references, dangling or repeated
// ids, deep nesting), every relation points at an entity of the alert.
func FuzzEntities(f *testing.F) {
	for _, obj := range rowObjects(f) {
		var row struct{ Entities string }
		if json.Unmarshal(obj, &row) == nil && row.Entities != "" {
			f.Add([]byte(row.Entities))
		}
	}
	f.Add([]byte(`[{"$id":"1","Host":{"$ref":"1"}},{"$ref":"9"},{"$id":"1","Type":"ip","Address":"192.0.2.1"}]`))
	f.Add([]byte(`[{"$id":"1","a":{"$id":"2","b":{"$id":"3","c":{"$ref":"1"}}},"d":[{"$ref":"2"},{"$ref":"3"},{"$ref":"1"}]}]`))
	f.Fuzz(func(t *testing.T, list []byte) {
		v, err := decodeJSON(list)
		if err != nil {
			return
		}
		l, ok := v.([]any)
		if !ok {
			return
		}
		ents := resolveEntities(l)
		for i, e := range ents {
			for _, r := range e.Relations {
				if r.Target < 0 || r.Target >= len(ents) {
					t.Fatalf("entity %d: relation %q to %d of %d entities", i, r.Name, r.Target, len(ents))
				}
			}
		}
		v2, _ := decodeJSON(list)
		if again := resolveEntities(v2.([]any)); !reflect.DeepEqual(ents, again) {
			t.Fatalf("resolving twice differs:\n%+v\n%+v", ents, again)
		}
	})
}

// checkDeterministic parses twice, checks the invariants of the first
// result and that the second equals it.
func checkDeterministic(t *testing.T, parse func() (*Batch, error)) {
	t.Helper()
	b, err := parse()
	checkBatch(t, b, err)
	b2, err2 := parse()
	if !reflect.DeepEqual(b, b2) || !reflect.DeepEqual(err, err2) {
		t.Fatalf("parsing the same input twice differs:\n%+v, %v\n%+v, %v", b, err, b2, err2)
	}
}

// checkBatch checks the invariants of one parse result.
func checkBatch(t *testing.T, b *Batch, err error) {
	t.Helper()
	if err != nil {
		var se *SyntaxError
		if b != nil || !errors.As(err, &se) {
			t.Fatalf("parse = %v, %v; want nil and a *SyntaxError", b, err)
		}
		return
	}
	for i, it := range b.Items {
		if it.Index != i {
			t.Fatalf("item %d has Index %d", i, it.Index)
		}
		if (it.Alert == nil) == (it.Err == nil) {
			t.Fatalf("item %d: alert %v, err %v; want exactly one", i, it.Alert != nil, it.Err)
		}
		var fe *alerts.FieldError
		if it.Err != nil && !errors.As(it.Err, &fe) {
			t.Fatalf("item %d: %T is not a field error", i, it.Err)
		}
		if it.Err != nil && len(it.Err.Error()) > 1000 {
			t.Fatalf("item %d: an error of %d bytes: values in messages must be bounded", i, len(it.Err.Error()))
		}
		a := it.Alert
		if a == nil {
			continue
		}
		if err := a.Validate(); err != nil {
			t.Fatalf("item %d does not validate: %v", i, err)
		}
		if !json.Valid(a.Raw) {
			t.Fatalf("item %d: Raw is not JSON", i)
		}
		for _, e := range a.Entities {
			for _, r := range e.Relations {
				if r.Target < 0 || r.Target >= len(a.Entities) {
					t.Fatalf("item %d: relation %q out of range", i, r.Name)
				}
			}
		}
	}
}

// itemBatch makes a one-item batch of what parse makes of item, as
// parseList does.
func itemBatch(parse func(json.RawMessage) (*alerts.Alert, error), item []byte) *Batch {
	a, err := parse(item)
	return &Batch{Items: []Item{{Index: 0, Alert: a, Err: err}}}
}

// exampleItems returns the alerts of an API example file, each as its JSON.
func exampleItems(f *testing.F, path string) []json.RawMessage {
	var file struct {
		Responses map[string]struct {
			Body struct{ Value []json.RawMessage }
		}
	}
	if err := json.Unmarshal(readFile(f, path), &file); err != nil {
		f.Fatalf("%s: %v", path, err)
	}
	return file.Responses["200"].Body.Value
}

// csvHead returns the header and the first n rows of the sample export.
func csvHead(f *testing.F, n int) []byte {
	recs, err := csv.NewReader(bytes.NewReader(readFile(f, sampleCSV))).ReadAll()
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.WriteAll(recs[:n+1])
	return buf.Bytes()
}

// rowObjects returns the rows of the sample export (the first few) and of
// the query response as PascalCase JSON objects, as Parse reads them.
func rowObjects(f *testing.F) [][]byte {
	var out [][]byte
	for _, path := range []string{sampleCSV, sampleQuery} {
		b, err := Parse(bytes.NewReader(readFile(f, path)), "")
		if err != nil {
			f.Fatalf("%s: %v", path, err)
		}
		for i, it := range b.Items {
			if i == 8 {
				break
			}
			if it.Err != nil {
				f.Fatalf("%s item %d: %v", path, i, it.Err)
			}
			out = append(out, it.Alert.Raw)
		}
	}
	return out
}

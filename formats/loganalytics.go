package formats

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/vigil-soc/vigil/alerts"
)

// Log Analytics SecurityAlert rows, in two containers: the query API's
// response {"tables": [{"name", "columns": [{"name", "type"}], "rows": [[…]]}]}
// and a CSV export with a header row. Either way a row becomes a record of
// column → value and is read with pascalNames; the JSON-typed columns
// (Entities, ExtendedProperties, RemediationSteps, ExtendedLinks, Tactics,
// Techniques) hold JSON in strings, which the record getters decode. A row's
// Raw is a JSON object of its columns, in column order. Unnamed columns (the
// index pandas writes first) are skipped.

type laTable struct {
	Name    string            `json:"name"`
	Columns []laColumn        `json:"columns"`
	Rows    []json.RawMessage `json:"rows"`
}

type laColumn struct {
	Name       string `json:"name"`
	ColumnName string `json:"ColumnName"` // the older API's spelling
}

// parseQueryResponse parses every row of every table.
func parseQueryResponse(tablesJSON json.RawMessage) (*Batch, error) {
	var tables []laTable
	if err := json.Unmarshal(tablesJSON, &tables); err != nil {
		return nil, &SyntaxError{Format: FormatLogAnalyticsQuery,
			Msg: `"tables" is not a list of {"name", "columns": [{"name", "type"}], "rows": [[…]]}`}
	}
	b := &Batch{Format: FormatLogAnalyticsQuery, Items: []Item{}}
	for _, t := range tables {
		cols := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			cols[i] = strings.TrimSpace(first(c.Name, c.ColumnName))
		}
		for _, row := range t.Rows {
			a, err := queryRow(cols, row)
			b.Items = append(b.Items, Item{Index: len(b.Items), Alert: a, Err: err})
		}
	}
	return b, nil
}

func queryRow(cols []string, row json.RawMessage) (*alerts.Alert, error) {
	var cells []json.RawMessage
	if err := json.Unmarshal(row, &cells); err != nil {
		return nil, &alerts.FieldError{Field: "rows", Msg: "want an array of values"}
	}
	if len(cells) != len(cols) {
		return nil, &alerts.FieldError{Field: "rows", Msg: rowWidth(len(cells), len(cols))}
	}
	m := make(map[string]any, len(cols))
	var raw rawObject
	for i, c := range cols {
		if c == "" {
			continue
		}
		v, err := decodeJSON(cells[i])
		if err != nil { // unreachable: the body was validated as a whole
			return nil, &alerts.FieldError{Field: c, Msg: err.Error()}
		}
		m[c] = v
		raw.add(c, cells[i])
	}
	return pascalNames.build(newRecord(m), "", raw.bytes())
}

// csvMarkers are header cells by which a body without a text/csv content
// type is still recognised as a SecurityAlert CSV export.
var csvMarkers = []string{"SystemAlertId", "ProviderAlertId", "VendorOriginalId", "AlertName", "AlertDisplayName", "AlertType", "AlertSeverity"}

// looksLikeAlertCSV reports whether the first line of body is a CSV header
// naming a SecurityAlert column.
func looksLikeAlertCSV(body []byte) bool {
	line := body
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	if len(line) > 64<<10 {
		return false
	}
	for _, cell := range strings.Split(string(line), ",") {
		cell = strings.Trim(strings.TrimSpace(cell), `"`)
		for _, m := range csvMarkers {
			if strings.EqualFold(cell, m) {
				return true
			}
		}
	}
	return false
}

// parseCSV parses a CSV export. A malformed CSV (a stray quote) fails the
// whole body, like malformed JSON: the rows after it cannot be trusted.
func parseCSV(body []byte) (*Batch, error) {
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, utf8BOM)))
	cr.FieldsPerRecord = -1 // a short row is that row's error, not the file's
	header, err := cr.Read()
	b := &Batch{Format: FormatLogAnalyticsCSV, Items: []Item{}}
	if errors.Is(err, io.EOF) {
		return b, nil
	}
	if err != nil {
		return nil, csvError(err)
	}
	cols := make([]string, len(header))
	for i, h := range header {
		// The portal names time columns "StartTime [UTC]". Other zones are
		// not stripped: their columns then stay unknown rather than wrong.
		h = strings.TrimSpace(strings.ToValidUTF8(h, "\uFFFD"))
		cols[i] = strings.TrimSpace(strings.TrimSuffix(h, "[UTC]"))
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return b, nil
		}
		if err != nil {
			return nil, csvError(err)
		}
		a, err := csvRow(cols, rec)
		b.Items = append(b.Items, Item{Index: len(b.Items), Alert: a, Err: err})
	}
}

func csvRow(cols, cells []string) (*alerts.Alert, error) {
	if len(cells) != len(cols) {
		return nil, &alerts.FieldError{Field: "row", Msg: rowWidth(len(cells), len(cols))}
	}
	m := make(map[string]any, len(cols))
	var raw rawObject
	for i, c := range cols {
		if c == "" {
			continue
		}
		// encoding/json replaces invalid UTF-8 when it decodes; do the
		// same here so that every format yields valid UTF-8 strings.
		v := strings.ToValidUTF8(cells[i], "\uFFFD")
		m[c] = v
		s, _ := json.Marshal(v)
		raw.add(c, s)
	}
	return pascalNames.build(newRecord(m), "", raw.bytes())
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &SyntaxError{Format: FormatLogAnalyticsCSV, Line: pe.Line, Msg: "invalid CSV: " + pe.Err.Error()}
	}
	return &SyntaxError{Format: FormatLogAnalyticsCSV, Msg: "invalid CSV"}
}

func rowWidth(got, want int) string {
	return "row has " + strconv.Itoa(got) + " values for " + strconv.Itoa(want) + " columns"
}

// rawObject writes a JSON object key by key, keeping column order.
type rawObject struct{ buf bytes.Buffer }

func (o *rawObject) add(key string, value []byte) {
	if o.buf.Len() == 0 {
		o.buf.WriteByte('{')
	} else {
		o.buf.WriteByte(',')
	}
	k, _ := json.Marshal(key)
	o.buf.Write(k)
	o.buf.WriteByte(':')
	o.buf.Write(value)
}

func (o *rawObject) bytes() []byte {
	if o.buf.Len() == 0 {
		return []byte("{}")
	}
	o.buf.WriteByte('}')
	return o.buf.Bytes()
}

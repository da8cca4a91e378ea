package formats

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"strconv"

	"github.com/vigil-soc/vigil/alerts"
)

// The formats Parse recognises, as Batch.Format names them.
const (
	FormatDefenderREST      = "defender-rest"
	FormatWorkflowExport    = "workflow-export"
	FormatLogAnalyticsQuery = "log-analytics-query"
	FormatLogAnalyticsCSV   = "log-analytics-csv"
)

// Batch is a parsed body: its format and one Item per alert it holds.
type Batch struct {
	Format string
	Items  []Item
}

// Item is one alert of a batch, or the reason it was rejected: exactly one
// of Alert and Err is set. Err is an *alerts.FieldError naming the field as
// the wire format spells it. Index is the item's 0-based position in the
// batch (the array index, or the data row of a table or CSV).
type Item struct {
	Index int
	Alert *alerts.Alert
	Err   error
}

// SyntaxError reports a body that cannot be parsed at all. Its message
// never quotes the body.
type SyntaxError struct {
	Format string // the format being parsed, "" when none was recognised
	Offset int64  // byte offset of a JSON error, 0 if unknown
	Line   int    // line of a CSV error, 0 if unknown
	Msg    string
}

func (e *SyntaxError) Error() string {
	s := "formats: "
	if e.Format != "" {
		s += e.Format + ": "
	}
	s += e.Msg
	if e.Line > 0 {
		s += " (line " + strconv.Itoa(e.Line) + ")"
	}
	return s
}

var utf8BOM = []byte("\xEF\xBB\xBF")

// Parse reads a whole body and parses it in the format its content shows:
// JSON (a Defender REST alert, a list of them, {"value": [...]}, an API
// example file {"responses": {"200": {"body": ...}}}, a PascalCase workflow
// alert or an array of them, or a Log Analytics {"tables": ...} response), or
// CSV with a SecurityAlert header row. contentType is a hint: "text/csv"
// makes a body that is not valid JSON parse as CSV.
//
// Parse returns an error only when the body cannot be parsed at all: a
// *SyntaxError, or the reader's error wrapped (so that a caller can still
// find an *http.MaxBytesError with errors.As). An empty list is a valid,
// empty batch.
func Parse(r io.Reader, contentType string) (*Batch, error) {
	body, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("formats: reading the body: %w", err)
	}
	body = bytes.TrimSpace(bytes.TrimPrefix(body, utf8BOM))
	if len(body) == 0 {
		return nil, &SyntaxError{Msg: "empty body"}
	}
	csvHint := isCSV(contentType)
	switch {
	case (body[0] == '{' || body[0] == '[') && !(csvHint && !json.Valid(body)):
		return parseJSON(body)
	case csvHint || looksLikeAlertCSV(body):
		return parseCSV(body)
	}
	return nil, &SyntaxError{Msg: "neither JSON nor CSV with a SecurityAlert header row"}
}

func isCSV(contentType string) bool {
	t, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	switch t {
	case "text/csv", "application/csv", "text/comma-separated-values":
		return true
	}
	return false
}

// parseJSON tells the JSON shapes apart. encoding/json checks the whole
// body before it decodes anything, so truncated or too deeply nested input
// fails here, as a whole.
func parseJSON(body []byte) (*Batch, error) {
	if body[0] == '[' {
		var elems []json.RawMessage
		if err := json.Unmarshal(body, &elems); err != nil {
			return nil, syntaxError(err)
		}
		return parseList(elems, FormatDefenderREST)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(body, &obj); err != nil {
		return nil, syntaxError(err)
	}
	raw := body
	if resp, ok := obj["responses"]; ok {
		// An API example file: the alerts are its 200 response's body.
		var r map[string]struct{ Body json.RawMessage }
		if json.Unmarshal(resp, &r) != nil || len(r["200"].Body) == 0 || r["200"].Body[0] != '{' {
			return nil, &SyntaxError{Msg: `"responses" has no "200" response with a body object`}
		}
		raw, obj = r["200"].Body, nil
		if err := json.Unmarshal(raw, &obj); err != nil {
			return nil, syntaxError(err)
		}
	}
	switch format := objectFormat(obj); {
	case obj["tables"] != nil:
		return parseQueryResponse(obj["tables"])
	case obj["value"] != nil:
		var elems []json.RawMessage
		if err := json.Unmarshal(obj["value"], &elems); err != nil {
			return nil, &SyntaxError{Format: FormatDefenderREST, Msg: `"value" is not a list`}
		}
		return parseList(elems, FormatDefenderREST)
	case format != "":
		return parseList([]json.RawMessage{raw}, format)
	}
	return nil, &SyntaxError{Msg: "JSON object is not a known alert format (a Defender REST alert or list, " +
		"a workflow-automation alert, a Log Analytics query response)"}
}

// parseList parses a list of items, all in the format of the first object
// that one recognises; a list with no object (empty) is in format empty.
func parseList(elems []json.RawMessage, empty string) (*Batch, error) {
	format := ""
	for _, e := range elems {
		if len(e) > 0 && e[0] == '{' {
			var obj map[string]json.RawMessage
			if json.Unmarshal(e, &obj) == nil {
				if format = objectFormat(obj); format != "" {
					break
				}
			}
		}
	}
	switch {
	case format == "" && len(elems) == 0:
		format = empty
	case format == "":
		return nil, &SyntaxError{Msg: "no element of the list is a known alert format"}
	}
	item := defenderItem
	if format == FormatWorkflowExport {
		item = exportItem
	}
	b := &Batch{Format: format, Items: make([]Item, len(elems))}
	for i, e := range elems {
		a, err := item(e)
		b.Items[i] = Item{Index: i, Alert: a, Err: err}
	}
	return b, nil
}

// objectFormat names the format of one alert object, "" if none.
func objectFormat(obj map[string]json.RawMessage) string {
	has := func(keys []string) bool {
		for _, k := range keys {
			if _, ok := obj[k]; ok {
				return true
			}
		}
		return false
	}
	switch {
	case has([]string{"properties"}), has(restMarkers):
		return FormatDefenderREST
	case has(pascalMarkers):
		return FormatWorkflowExport
	}
	return ""
}

func syntaxError(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &SyntaxError{Offset: se.Offset, Msg: "invalid JSON at byte " + strconv.FormatInt(se.Offset, 10) + ": " + se.Error()}
	}
	return &SyntaxError{Msg: "invalid JSON"}
}

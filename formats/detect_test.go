package formats

import (
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vigil-soc/vigil/alerts"
)

// goodREST and goodPascal are minimal valid alerts to vary from.
const (
	goodREST   = `{"name":"n1","properties":{"systemAlertId":"r1","severity":"High","startTimeUtc":"2024-01-01T00:00:00Z"}}`
	goodPascal = `{"SystemAlertId":"p1","Severity":"High","StartTimeUtc":"2024-01-01T00:00:00Z"}`
)

func TestParseBodyErrors(t *testing.T) {
	tests := []struct {
		name, body, contentType string
	}{
		{"empty body", "", ""},
		{"only whitespace", " \r\n\t", ""},
		{"not JSON at all", "hello, world: this is not an alert", ""},
		{"a JSON string", `"alert"`, ""},
		{"a JSON number", `42`, "application/json"},
		{"truncated object", `{"name":"n1","properties":{"systemAlertId":"r1"`, ""},
		{"truncated array", `[` + goodPascal + `,`, ""},
		{"trailing garbage", goodPascal + ` xyz`, ""},
		{"two concatenated objects", goodPascal + goodPascal, ""},
		{"an object of no known format", `{"foo":1,"bar":[2]}`, ""},
		{"a list of nothing known", `[{"foo":1},2,"x"]`, ""},
		{"value that is not a list", `{"value":{"systemAlertId":"x"}}`, ""},
		{"an example file without a 200 body", `{"parameters":{},"responses":{"404":{}}}`, ""},
		{"deeply nested array", strings.Repeat("[", 20000) + strings.Repeat("]", 20000), ""},
		{"deeply nested inside an alert", `{"SystemAlertId":"x","Entities":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}`, ""},
		{"CSV with a stray quote", "SystemAlertId,Severity\r\na\"b\"c,High\r\n", "text/csv"},
		{"CSV-looking text without an alert header", "foo,bar\n1,2\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Parse(strings.NewReader(tc.body), tc.contentType)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse = %v, %v; want a *SyntaxError", b, err)
			}
			if len(se.Error()) > 300 {
				t.Errorf("message is %d bytes long", len(se.Error()))
			}
		})
	}
}

func TestSyntaxErrorsDoNotQuoteTheBody(t *testing.T) {
	secret := strings.Repeat("SECRET", 100)
	for _, body := range []string{secret, `{"` + secret + `":1}`, `{"SystemAlertId":"` + secret} {
		_, err := Parse(strings.NewReader(body), "")
		if err == nil || strings.Contains(err.Error(), "SECRET") {
			t.Errorf("Parse(%.20q…) error = %v", body, err)
		}
	}
}

func TestTruncatedJSONReportsOffset(t *testing.T) {
	body := `[` + goodPascal + `,{"SystemAlertId":`
	_, err := Parse(strings.NewReader(body), "")
	var se *SyntaxError
	if !errors.As(err, &se) || se.Offset != int64(len(body)) {
		t.Fatalf("err = %#v, want a SyntaxError at offset %d", err, len(body))
	}
}

func TestReadErrorIsWrapped(t *testing.T) {
	boom := errors.New("boom")
	_, err := Parse(io.MultiReader(strings.NewReader("[{"), errReader{boom}), "")
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want it to wrap the reader's error", err)
	}
}

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

func TestEmptyBatches(t *testing.T) {
	tests := []struct{ name, body, ct, format string }{
		{"empty array", `[]`, "", FormatDefenderREST},
		{"empty value list", `{"value":[]}`, "", FormatDefenderREST},
		{"null value list", `{"value":null}`, "", FormatDefenderREST},
		{"example file with no alerts", `{"responses":{"200":{"body":{"value":[]}}}}`, "", FormatDefenderREST},
		{"query response with no rows", `{"tables":[{"name":"PrimaryResult","columns":[],"rows":[]}]}`, "", FormatLogAnalyticsQuery},
		{"CSV header only", "SystemAlertId,AlertName\n", "", FormatLogAnalyticsCSV},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := parseString(t, tc.body, tc.ct)
			eq(t, "Format", b.Format, tc.format)
			eq(t, "items", len(b.Items), 0)
		})
	}
}

func TestDetection(t *testing.T) {
	tests := []struct{ name, body, ct, format string }{
		{"REST envelope", goodREST, "", FormatDefenderREST},
		{"PascalCase object", goodPascal, "", FormatWorkflowExport},
		{"PascalCase object labelled text/csv is still JSON", goodPascal, "text/csv", FormatWorkflowExport},
		{"UTF-8 BOM before JSON", "\xEF\xBB\xBF" + goodPascal, "", FormatWorkflowExport},
		{"CSV by content type, unknown header", "Foo,Bar\n1,2\n", "text/csv", FormatLogAnalyticsCSV},
		{"CSV by header, with a BOM", "\xEF\xBB\xBF\"SystemAlertId\",Severity,StartTimeUtc\nx,Low,2019-01-01 00:00:00\n", "", FormatLogAnalyticsCSV},
		{"CSV whose first cell starts with a bracket, labelled text/csv", "[Index],SystemAlertId,Severity,StartTimeUtc\n1,x,Low,2019-01-01 00:00:00\n", "text/csv", FormatLogAnalyticsCSV},
		{"a list classified by its first known element", `[{"foo":1},` + goodPascal + `]`, "", FormatWorkflowExport},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			eq(t, "Format", parseString(t, tc.body, tc.ct).Format, tc.format)
		})
	}
}

func TestBatchWithOneBadItem(t *testing.T) {
	bad := `{"name":"n2","properties":{"systemAlertId":"r2","severity":"Catastrophic","startTimeUtc":"2024-01-01T00:00:00Z"}}`
	third := strings.Replace(goodREST, `"r1"`, `"r3"`, 1)
	b := parseString(t, `{"value":[`+goodREST+","+bad+","+third+`]}`, "")
	eq(t, "items", len(b.Items), 3)
	for i, it := range b.Items {
		eq(t, "Index", it.Index, i)
	}
	if b.Items[0].Alert == nil || b.Items[2].Alert == nil {
		t.Fatalf("good items rejected: %v, %v", b.Items[0].Err, b.Items[2].Err)
	}
	eq(t, "ids", []string{b.Items[0].Alert.SystemAlertID, b.Items[2].Alert.SystemAlertID}, []string{"r1", "r3"})
	var fe *alerts.FieldError
	if b.Items[1].Alert != nil || !errors.As(b.Items[1].Err, &fe) {
		t.Fatalf("item 1 = %v, %v; want a field error", b.Items[1].Alert, b.Items[1].Err)
	}
	eq(t, "field", fe.Field, "severity")
}

// Item errors name the field as the wire format spells it.
func TestItemErrors(t *testing.T) {
	rest := func(props string) string {
		return `{"name":"","properties":{` + props + `}}`
	}
	const restOK = `"systemAlertId":"r1","severity":"High","startTimeUtc":"2024-01-01T00:00:00Z"`
	const pascalOK = `"SystemAlertId":"p1","Severity":"High","StartTimeUtc":"2024-01-01T00:00:00Z"`
	tests := []struct{ name, body, field string }{
		{"REST: missing id", rest(`"severity":"High","startTimeUtc":"2024-01-01T00:00:00Z"`), "systemAlertId"},
		{"REST: blank id", rest(`"systemAlertId":"  ","severity":"High","startTimeUtc":"2024-01-01T00:00:00Z"`), "systemAlertId"},
		{"Pascal: missing id", `{"Severity":"High","AlertDisplayName":"x","StartTimeUtc":"2024-01-01T00:00:00Z"}`, "SystemAlertId"},
		{"REST: unknown severity", rest(`"systemAlertId":"r1","severity":"Critical","startTimeUtc":"2024-01-01T00:00:00Z"`), "severity"},
		{"REST 2015: unknown reportedSeverity", rest(`"alertName":"a","reportedSeverity":"Severe","detectedTimeUtc":"2018-01-01T00:00:00Z","systemAlertId":"x"`), "reportedSeverity"},
		{"Pascal: unknown severity", `{"SystemAlertId":"p1","Severity":"Urgent","StartTimeUtc":"2024-01-01T00:00:00Z"}`, "Severity"},
		{"REST: missing severity", rest(`"systemAlertId":"r1","startTimeUtc":"2024-01-01T00:00:00Z"`), "severity"},
		{"REST: severity as a number", rest(`"systemAlertId":"r1","severity":3,"startTimeUtc":"2024-01-01T00:00:00Z"`), "severity"},
		{"REST: unknown status", rest(restOK + `,"status":"Snoozed"`), "status"},
		{"REST 2015: unknown state", rest(restOK + `,"state":"Sleeping"`), "state"},
		{"REST: status as a boolean", rest(restOK + `,"status":true`), "status"},
		{"REST: unparseable start", rest(`"systemAlertId":"r1","severity":"High","startTimeUtc":"last Tuesday"`), "startTimeUtc"},
		{"REST 2015: unparseable detectedTimeUtc", rest(`"systemAlertId":"r1","severity":"High","detectedTimeUtc":"2018-02-30T00:00:00Z"`), "detectedTimeUtc"},
		{"Pascal: unparseable end", `{` + pascalOK + `,"EndTimeUtc":"soon"}`, "EndTimeUtc"},
		{"REST: missing start", rest(`"systemAlertId":"r1","severity":"High"`), "startTimeUtc"},
		{"REST: start as a number", rest(`"systemAlertId":"r1","severity":"High","startTimeUtc":1700000000`), "startTimeUtc"},
		{"REST: end before start", rest(restOK + `,"endTimeUtc":"2023-12-31T00:00:00Z"`), "endTimeUtc"},
		{"REST: unknown intent", rest(restOK + `,"intent":"Mischief"`), "intent"},
		{"REST: id as a number", rest(`"systemAlertId":12,"severity":"High","startTimeUtc":"2024-01-01T00:00:00Z"`), "systemAlertId"},
		{"REST: properties a string", `{"name":"x","properties":"oops"}`, "properties"},
		{"REST: entities an object", rest(restOK + `,"entities":{"type":"ip"}`), "entities"},
		{"REST: remediationSteps a number", rest(restOK + `,"remediationSteps":5`), "remediationSteps"},
		{"REST: remediationSteps with a non-string", rest(restOK + `,"remediationSteps":["a",{"b":1}]`), "remediationSteps"},
		{"REST: extendedProperties an array", rest(restOK + `,"extendedProperties":["a"]`), "extendedProperties"},
		{"REST: extendedLinks of strings", rest(restOK + `,"extendedLinks":["https://x"]`), "extendedLinks"},
		{"REST: link href a number", rest(restOK + `,"extendedLinks":[{"Href":5}]`), "extendedLinks.Href"},
		{"REST: confidenceScore not a number", rest(restOK + `,"confidenceScore":"high"`), "confidenceScore"},
		{"REST: isIncident not a boolean", rest(restOK + `,"isIncident":"maybe"`), "isIncident"},
		{"REST: resourceIdentifiers of numbers", rest(restOK + `,"resourceIdentifiers":[1]`), "resourceIdentifiers"},
		{"REST: techniques of numbers", rest(restOK + `,"techniques":[1059]`), "techniques"},
		{"Pascal: Entities string not JSON", `{` + pascalOK + `,"Entities":"[{oops"}`, "Entities"},
		{"Pascal: ExtendedProperties string holding a list", `{` + pascalOK + `,"ExtendedProperties":"[1,2]"}`, "ExtendedProperties"},
		{"an array element that is not an object", `[` + goodPascal + `,7]`, "item"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := tc.body
			if tc.field == "item" {
				b := parseString(t, body, "")
				var fe *alerts.FieldError
				if !errors.As(b.Items[1].Err, &fe) || fe.Field != "item" {
					t.Fatalf("item 1 error = %v", b.Items[1].Err)
				}
				return
			}
			eq(t, "field", itemFieldError(t, body).Field, tc.field)
		})
	}
}

func TestItemErrorMessagesAreBounded(t *testing.T) {
	long := strings.Repeat("Ü", 5000)
	fe := itemFieldError(t, `{"SystemAlertId":"p1","Severity":"`+long+`","StartTimeUtc":"2024-01-01T00:00:00Z"}`)
	if len(fe.Error()) > 200 {
		t.Errorf("error is %d bytes", len(fe.Error()))
	}
}

func TestDefaults(t *testing.T) {
	a := onlyAlert(t, goodPascal)
	eq(t, "missing status is ACTIVE", a.Status, alerts.Active)
	eq(t, "missing end is the start", a.EndTime, a.StartTime)
	eq(t, "no tactics", len(a.Tactics), 0)
}

// Strings are valid UTF-8 in every format: encoding/json replaces invalid
// bytes with U+FFFD, and so does the CSV reader; NUL bytes are kept for
// ingest to deal with.
func TestInvalidUTF8AndNUL(t *testing.T) {
	t.Run("JSON", func(t *testing.T) {
		a := onlyAlert(t, `{"SystemAlertId":"p1","Severity":"High","StartTimeUtc":"2024-01-01T00:00:00Z",`+
			`"AlertDisplayName":"bad `+"\xff\xfe"+` byte","Description":"nul \u0000 here"}`)
		eq(t, "DisplayName", a.DisplayName, "bad \uFFFD\uFFFD byte")
		eq(t, "Description", a.Description, "nul \x00 here")
	})
	t.Run("CSV", func(t *testing.T) {
		b := parseString(t, "SystemAlertId,Severity,StartTimeUtc,AlertDisplayName\nx,High,2019-01-01 00:00:00,bad \xff byte\x00\n", "")
		a := alertsOf(t, b)[0]
		eq(t, "DisplayName", a.DisplayName, "bad \uFFFD byte\x00")
		if !utf8.Valid(a.Raw) {
			t.Error("Raw is not valid UTF-8")
		}
	})
}

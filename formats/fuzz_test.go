package formats

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/vigil-soc/vigil/alerts"
)

// FuzzParse checks that no input panics Parse, and that every item of a
// parsed batch holds exactly one of an alert and an error, at its index.
func FuzzParse(f *testing.F) {
	for _, path := range allSampleFiles {
		f.Add(readFile(f, path), "")
	}
	f.Add([]byte(workflowAlert), "application/json")
	f.Add([]byte(goodREST), "")
	f.Add([]byte(`[{"SystemAlertId":"x","Severity":"Low","StartTimeUtc":"2024-01-01T00:00:00Z","Entities":[{"$id":"1","Host":{"$ref":"1"}},{"$ref":"9"}]}]`), "")
	f.Add([]byte("SystemAlertId,Severity,StartTimeUtc,Entities\nx,High,1/15/2019 5:15:03 AM,\"[{\"\"$id\"\":\"\"2\"\"}]\"\n"), "text/csv")
	f.Add([]byte(`{"tables":[{"columns":[{"name":"SystemAlertId"}],"rows":[["a"],[1],null]}]}`), "")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		b, err := Parse(bytes.NewReader(body), contentType)
		if err != nil {
			var se *SyntaxError
			if b != nil || !errors.As(err, &se) {
				t.Fatalf("Parse = %v, %v; want nil and a *SyntaxError", b, err)
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
			if a := it.Alert; a != nil {
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
	})
}

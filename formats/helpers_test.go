package formats

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/alerts"
)

// upstream is the real sample data, relative to this package (the checkout
// is /work/main, the shared data /work/shared).
const upstream = "../demo/data" // the sample files as bundled (demo/data/NOTICE.md)

var (
	sample2022     = filepath.Join(upstream, "defender-2022-01-01.json")
	sample2015     = filepath.Join(upstream, "asc-2015-06-01-preview.json")
	sampleQuery    = filepath.Join(upstream, "log-analytics-query.json")
	sampleCSV      = filepath.Join(upstream, "alertlist.csv")
	allSampleFiles = []string{sample2022, sample2015, sampleQuery, sampleCSV}
)

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading sample: %v", err)
	}
	return b
}

func parseString(t *testing.T, body, contentType string) *Batch {
	t.Helper()
	b, err := Parse(strings.NewReader(body), contentType)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return b
}

// alertsOf returns the batch's alerts, failing on any item error.
func alertsOf(t *testing.T, b *Batch) []*alerts.Alert {
	t.Helper()
	out := make([]*alerts.Alert, len(b.Items))
	for i, it := range b.Items {
		if it.Err != nil {
			t.Fatalf("item %d: %v", i, it.Err)
		}
		out[i] = it.Alert
	}
	return out
}

// onlyAlert parses body and returns its single alert.
func onlyAlert(t *testing.T, body string) *alerts.Alert {
	t.Helper()
	b := parseString(t, body, "application/json")
	if len(b.Items) != 1 {
		t.Fatalf("got %d items, want 1", len(b.Items))
	}
	return alertsOf(t, b)[0]
}

// itemFieldError parses body, which must hold one item, and returns its
// field error.
func itemFieldError(t *testing.T, body string) *alerts.FieldError {
	t.Helper()
	b := parseString(t, body, "")
	if len(b.Items) != 1 {
		t.Fatalf("got %d items, want 1", len(b.Items))
	}
	it := b.Items[0]
	if it.Alert != nil || it.Err == nil {
		t.Fatalf("got alert %v, err %v; want only an error", it.Alert != nil, it.Err)
	}
	var fe *alerts.FieldError
	if !errors.As(it.Err, &fe) {
		t.Fatalf("error %T %v is not an *alerts.FieldError", it.Err, it.Err)
	}
	return fe
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func eq[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

func eqTime(t *testing.T, what string, got time.Time, want string) {
	t.Helper()
	w := mustTime(t, want)
	if !got.Equal(w) || got.Location() != time.UTC {
		t.Errorf("%s = %v, want %v in UTC", what, got, w)
	}
}

// relation returns the target of e's relation named name, or -1.
func relation(e alerts.Entity, name string) int {
	for _, r := range e.Relations {
		if r.Name == name {
			return r.Target
		}
	}
	return -1
}

// entityByKey finds an alert's entity by key.
func entityByKey(t *testing.T, a *alerts.Alert, key string) (int, alerts.Entity) {
	t.Helper()
	for i, e := range a.Entities {
		if e.Key == key {
			return i, e
		}
	}
	t.Fatalf("no entity with key %q", key)
	return -1, alerts.Entity{}
}

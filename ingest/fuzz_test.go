package ingest_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/formats"
	"github.com/vigil-soc/vigil/ingest"
	"github.com/vigil-soc/vigil/store"
	"github.com/vigil-soc/vigil/store/storetest"
)

// FuzzIngest parses, validates and stores fuzzed bodies in a real SQLite
// database (one per fuzzing process), and checks that an ingest never
// fails for a reason other than the body's syntax, that it writes exactly
// the alerts it reports as accepted and nothing for a refused body, that
// every item is either counted or rejected by index, and that sending the
// same body again changes nothing.
func FuzzIngest(f *testing.F) {
	for _, name := range []string{"defender-2022-01-01.json", "asc-2015-06-01-preview.json", "log-analytics-query.json"} {
		b, err := os.ReadFile(upstream + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "application/json")
	}
	f.Add(csvRows(f, 5), "text/csv")
	f.Add([]byte(`[{"SystemAlertId":"a\u0000b","Severity":"Low","StartTimeUtc":"2024-01-01T00:00:00Z","CompromisedEntity":"vm\u0000x","Entities":[{"$id":"1","Type":"host","HostName":"h\u0000"}]}]`), "")
	f.Add([]byte(`[{"SystemAlertId":"dup","Severity":"Low","StartTimeUtc":"2024-01-01T00:00:00Z"},{"SystemAlertId":"dup","Severity":"High","StartTimeUtc":"2024-01-01T00:00:00Z"}]`), "")

	db := storetest.Open(f, storetest.SQLite(f))
	in := ingest.New(db, ingest.Options{})
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		ctx, cancel := context.WithTimeout(authz.System(context.Background()), 20*time.Second)
		defer cancel()
		before := rowCounts(t, ctx, db)
		res, err := in.Read(ctx, bytes.NewReader(body), contentType)
		after := rowCounts(t, ctx, db)
		if err != nil {
			var se *formats.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("ingest failed for a reason other than the body's syntax: %v", err)
			}
			if after != before {
				t.Fatalf("a refused body wrote rows: %v before, %v after", before, after)
			}
			return
		}
		batch, err := formats.Parse(bytes.NewReader(body), contentType)
		if err != nil {
			t.Fatalf("the ingest parsed the body, Parse does not: %v", err)
		}
		if n := res.Accepted + res.Updated + res.Duplicates + len(res.Rejected); n != len(batch.Items) {
			t.Fatalf("%+v counts %d items of %d", res, n, len(batch.Items))
		}
		for _, r := range res.Rejected {
			if it := batch.Items[r.Index]; it.Err == nil && !strings.HasPrefix(r.Error, "item ") {
				t.Fatalf("rejection %+v of a parsed item does not name it", r)
			}
		}
		if after.alerts-before.alerts != res.Accepted {
			t.Fatalf("%d alerts accepted, %d stored", res.Accepted, after.alerts-before.alerts)
		}
		again, err := in.Read(ctx, bytes.NewReader(body), contentType)
		if err != nil {
			t.Fatalf("sending the body again: %v", err)
		}
		if again.Accepted != 0 || again.Updated != 0 || again.Duplicates != res.Accepted+res.Updated+res.Duplicates || len(again.Rejected) != len(res.Rejected) {
			t.Fatalf("sending the body again = %+v after %+v; want only duplicates", again, res)
		}
		if final := rowCounts(t, ctx, db); final != after {
			t.Fatalf("sending the body again wrote rows: %v, then %v", after, final)
		}
	})
}

type tableRows struct{ alerts, resources, entities, payloads int }

func rowCounts(t *testing.T, ctx context.Context, db *store.DB) tableRows {
	t.Helper()
	var c tableRows
	var err error
	for _, q := range []struct {
		n     *int
		count func(context.Context) (int, error)
	}{
		{&c.alerts, db.Client.Alert.Query().Count},
		{&c.resources, db.Client.Resource.Query().Count},
		{&c.entities, db.Client.Entity.Query().Count},
		{&c.payloads, db.Client.AlertPayload.Query().Count},
	} {
		if *q.n, err = q.count(ctx); err != nil {
			t.Fatalf("counting rows: %v", err)
		}
	}
	return c
}

// csvRows returns the header and the first n rows of the sample export.
func csvRows(f *testing.F, n int) []byte {
	b, err := os.ReadFile(upstream + "alertlist.csv")
	if err != nil {
		f.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	csv.NewWriter(&buf).WriteAll(recs[:n+1])
	return buf.Bytes()
}

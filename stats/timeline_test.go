package stats_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/ingest"
	"github.com/vigil-soc/vigil/stats"
	"github.com/vigil-soc/vigil/store/storetest"
)

const sample = "../demo/data/alertlist.csv" // the sample export, as bundled (demo/data/NOTICE.md)

// perDay counts the sample's alerts per day of StartTimeUtc, shifted by offset.
func perDay(t *testing.T, offset time.Duration) map[string]int {
	t.Helper()
	f, err := os.Open(sample)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range rows[0] {
		if h == "StartTimeUtc" {
			col = i
		}
	}
	out := map[string]int{}
	for _, r := range rows[1:] {
		ts, err := time.Parse("2006-01-02 15:04:05", r[col])
		if err != nil {
			t.Fatal(err)
		}
		out[ts.Add(offset).Format("2006-01-02")]++
	}
	return out
}

func TestTimelineCountsTheSampleExportPerDay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		db := storetest.Open(t, dsn)
		data, err := os.ReadFile(sample)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ingest.New(db, ingest.Options{}).Read(authz.System(context.Background()), bytes.NewReader(data), "text/csv"); err != nil {
			t.Fatal(err)
		}
		from := time.Date(2018, 12, 25, 0, 0, 0, 0, time.UTC)
		to := time.Date(2019, 1, 20, 0, 0, 0, 0, time.UTC)
		for _, offset := range []time.Duration{0, -5 * time.Hour, 9 * time.Hour} {
			want := perDay(t, offset)
			buckets, err := stats.Timeline(authz.System(context.Background()), db.Client.Alert.Query(), from, to, 24*time.Hour, offset)
			if err != nil {
				t.Fatal(err)
			}
			total := 0
			for _, b := range buckets {
				day := b.Start.Add(offset).Format("2006-01-02")
				if b.Count != want[day] {
					t.Errorf("offset %s: %s has %d alerts, the file has %d", offset, day, b.Count, want[day])
				}
				if b.High+b.Medium+b.Low+b.Informational != b.Count {
					t.Errorf("offset %s: %s severities do not add up to %d", offset, day, b.Count)
				}
				total += b.Count
			}
			if total != 189 {
				t.Errorf("offset %s: %d alerts in all, the file has 189", offset, total)
			}
		}
	})
}

func TestTimelineRejectsBadRanges(t *testing.T) {
	db := storetest.Open(t, storetest.SQLite(t))
	now := time.Now()
	tests := []struct {
		name     string
		from, to time.Time
		step     time.Duration
	}{
		{"an empty range", now, now, time.Hour},
		{"a reversed range", now, now.Add(-time.Hour), time.Hour},
		{"more than 1000 buckets", now, now.Add(1001 * time.Hour), time.Hour},
		{"a range longer than a time.Duration holds", time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := stats.Timeline(authz.System(context.Background()), db.Client.Alert.Query(), tt.from, tt.to, tt.step, 0); !errors.Is(err, stats.ErrRange) {
				t.Fatalf("error %v, want ErrRange", err)
			}
		})
	}
}

package correlate_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/vigil-soc/vigil/alerts"
	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/correlate"
	"github.com/vigil-soc/vigil/ent"
	entresource "github.com/vigil-soc/vigil/ent/resource"
	"github.com/vigil-soc/vigil/ingest"
	"github.com/vigil-soc/vigil/killchain"
	"github.com/vigil-soc/vigil/store"
	"github.com/vigil-soc/vigil/store/storetest"
)

// chained is alert i of a chain on vm1 with one alert every five seconds,
// tactics that cycle along the kill chain, and six display names and fifty
// addresses that recur.
func chained(i int) *alerts.Alert {
	ts := []killchain.Tactic{killchain.InitialAccess, killchain.Execution, killchain.Persistence}
	a := alert(fmt.Sprintf("chain-%07d", i), vm1, time.Duration(i)*5*time.Second, ts[i%3])
	a.EndTime = a.StartTime.Add(time.Second)
	a.DisplayName = fmt.Sprintf("chain step %d", i%6) // alert types recur
	a.SourceIPs = []string{fmt.Sprintf("198.51.100.%d", i%50)}
	return a
}

// seedChain stores n alerts of chained — the first through ingest, which
// makes the resource, the others by bulk creates as the system — and
// correlates them with one full pass, into one incident of n alerts.
func seedChain(tb testing.TB, db *store.DB, n int) string {
	ctx := authz.System(context.Background())
	res, err := ingest.New(db, ingest.Options{}).Items(ctx, itemsOf([]*alerts.Alert{chained(0)}))
	if err != nil || len(res.Keys) != 1 {
		tb.Fatalf("ingest: %v %v", res, err)
	}
	key := res.Keys[0]
	r, err := db.Client.Resource.Query().Where(entresource.Key(key)).Only(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	for start := 1; start < n; start += 500 {
		bulk := make([]*ent.AlertCreate, 0, 500)
		for i := start; i < min(start+500, n); i++ {
			a := chained(i)
			bulk = append(bulk, db.Client.Alert.Create().SetSystemAlertID(a.SystemAlertID).SetAlertType(a.AlertType).
				SetDisplayName(a.DisplayName).SetSeverity(a.Severity).SetSeverityRank(a.Severity.Rank()).
				SetStatus(a.Status).SetTactics(a.Tactics).SetTacticMask(killchain.Mask(a.Tactics)).
				SetStartTime(a.StartTime).SetEndTime(a.EndTime).SetSourceIps(a.SourceIPs).SetRemediationSteps([]string{}).
				SetResourceKey(key).SetResourceID(r.ID).SetContentHash(a.SystemAlertID))
		}
		if err := db.Client.Alert.CreateBulk(bulk...).Exec(ctx); err != nil {
			tb.Fatal(err)
		}
	}
	if _, err := correlate.NewJob(db, nil, correlate.Config{Window: 24 * time.Hour}, nil).KeyStats(ctx, key); err != nil {
		tb.Fatal(err)
	}
	return key
}

// BenchmarkBatchJoinsIncident times the pass that adds a batch of 100 new
// alerts, continuing the chain, to an incident of 100 alerts and to one of
// 100,000 (on SQLite; on PostgreSQL too when VIGIL_TEST_POSTGRES is set):
// the pass over the resource's changed alerts, and that pass followed by
// the cross-resource pass as the job runs them. Ingesting the batch is not
// timed.
func BenchmarkBatchJoinsIncident(b *testing.B) {
	dbs := map[string]func(testing.TB) string{"sqlite": storetest.SQLite}
	if os.Getenv("VIGIL_TEST_POSTGRES") != "" {
		dbs["postgres"] = storetest.Postgres
	}
	for _, kind := range []string{"sqlite", "postgres"} {
		dsn := dbs[kind]
		if dsn == nil {
			continue
		}
		for _, n := range []int{100, 100_000} {
			db := storetest.Open(b, dsn(b))
			key := seedChain(b, db, n)
			next := n
			for _, withCross := range []bool{false, true} {
				name := fmt.Sprintf("%s/incident=%d/resource-pass", kind, n)
				if withCross {
					name = fmt.Sprintf("%s/incident=%d/with-cross-resource-pass", kind, n)
				}
				b.Run(name, func(b *testing.B) {
					read := 0
					cfg := correlate.Config{Window: 24 * time.Hour, Dialect: db.Dialect, Observe: func(p correlate.Pass) {
						if p.Full {
							b.Fatalf("a full pass: %s", p.Why)
						}
						read += p.AlertsRead
					}}
					job := correlate.NewJob(db, nil, cfg, nil)
					in := ingest.New(db, ingest.Options{})
					ctx := authz.System(context.Background())
					for i := 0; i < b.N; i++ {
						b.StopTimer()
						var as []*alerts.Alert
						for j := 0; j < 100; j++ {
							as = append(as, chained(next))
							next++
						}
						res, err := in.Items(ctx, itemsOf(as))
						if err != nil {
							b.Fatal(err)
						}
						b.StartTimer()
						if withCross {
							_, err = job.CorrelateAlerts(ctx, res.Changed, res.Work)
						} else {
							err = store.WithTx(ctx, db.Client, func(tx *ent.Tx) error {
								_, err := correlate.ResourceAlerts(ctx, tx, key, res.Changed[key], cfg)
								return err
							})
						}
						if err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(read)/float64(b.N), "alerts-read/op")
				})
			}
		}
	}
}

// BenchmarkNewChainsOnManyResources times what the job does for one POST
// of the incremental benchmark (bench/incremental.go) at a small scale:
// 100 new alerts, whole chains of five on twenty resources among 1,000
// that hold twenty older alerts each (outside the window), correlated
// with the passes over the changed alerts (per resource, then across
// resources). Ingesting is not timed. ms/op ÷ 100 is the correlation cost
// per alert, which bounds the rate one SQLite writer keeps up with.
func BenchmarkNewChainsOnManyResources(b *testing.B) {
	const resources, old, chains, perChain = 1000, 20, 20, 5
	ts := []killchain.Tactic{killchain.Reconnaissance, killchain.InitialAccess, killchain.Execution, killchain.Persistence, killchain.Exfiltration}
	for _, kind := range []string{"sqlite", "postgres"} {
		dsn := map[string]func(testing.TB) string{"sqlite": storetest.SQLite}[kind]
		if kind == "postgres" && os.Getenv("VIGIL_TEST_POSTGRES") != "" {
			dsn = storetest.Postgres
		}
		if dsn == nil {
			continue
		}
		b.Run(kind, func(b *testing.B) {
			db := storetest.Open(b, dsn(b))
			ctx := authz.System(context.Background())
			in := ingest.New(db, ingest.Options{})
			var seed []*alerts.Alert
			for r := 0; r < resources; r++ {
				for i := 0; i < old; i++ {
					seed = append(seed, alert(fmt.Sprintf("old-%04d-%02d", r, i), fmt.Sprintf("%s-%04d", vm1, r), time.Duration(i)*time.Hour, ts[i%2]))
				}
			}
			for start := 0; start < len(seed); start += 1000 {
				if _, err := in.Items(ctx, itemsOf(seed[start:min(start+1000, len(seed))])); err != nil {
					b.Fatal(err)
				}
			}
			job := correlate.NewJob(db, nil, correlate.Config{Window: 24 * time.Hour, Dialect: db.Dialect}, nil)
			if _, err := correlate.All(ctx, db, correlate.Config{Window: 24 * time.Hour}, false); err != nil {
				b.Fatal(err)
			}
			next := 0
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				var as []*alerts.Alert
				for c := 0; c < chains; c++ {
					r := (next * 37) % resources
					at := time.Duration(30*24+next) * time.Hour
					for j := 0; j < perChain; j++ {
						as = append(as, alert(fmt.Sprintf("new-%06d-%d", next, j), fmt.Sprintf("%s-%04d", vm1, r), at+time.Duration(j)*time.Minute, ts[j]))
					}
					next++
				}
				res, err := in.Items(ctx, itemsOf(as))
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if _, err := job.CorrelateAlerts(ctx, res.Changed, res.Work); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

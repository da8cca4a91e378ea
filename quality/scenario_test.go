package quality

import (
	"encoding/csv"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/vigil-soc/vigil/killchain"
)

func TestCorpusCoversEveryCategoryWithSeveralScenarios(t *testing.T) {
	corpus, err := Corpus()
	if err != nil {
		t.Fatal(err)
	}
	if len(corpus) < 30 {
		t.Fatalf("%d scenarios, want at least 30", len(corpus))
	}
	per := map[string]int{}
	for _, s := range corpus {
		per[s.Category]++
	}
	for _, c := range Categories {
		if per[c] < 3 {
			t.Errorf("category %s has %d scenarios, want at least 3", c, per[c])
		}
	}
}

// TestEveryScenarioFileIsComplete reads the files raw, apart from Parse, so
// that a lenient Parse could not hide a gap.
func TestEveryScenarioFileIsComplete(t *testing.T) {
	files, err := fs.Glob(corpus, "scenarios/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenario files: %v", err)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(strings.TrimPrefix(f, "scenarios/"), ".json"), func(t *testing.T) {
			b, err := fs.ReadFile(corpus, f)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Parse(b); err != nil {
				t.Fatalf("Parse: %v", err)
			}
			var raw struct {
				Alerts []map[string]json.RawMessage `json:"alerts"`
			}
			if err := json.Unmarshal(b, &raw); err != nil {
				t.Fatal(err)
			}
			ids := map[string]bool{}
			for i, a := range raw.Alerts {
				if _, ok := a["label"]; !ok {
					t.Errorf("alert %d has no label", i)
				}
				var id string
				json.Unmarshal(a["id"], &id)
				ids[id] = true
			}
			if len(ids) < 2 {
				t.Errorf("%d distinct alerts, want at least 2", len(ids))
			}
		})
	}
}

// TestScenariosUseRealAlertNames checks every alert type and display name
// against the killchain catalogue's source and the sample export, and that
// the catalogue gives each alert tactics or the alert carries an intent.
func TestScenariosUseRealAlertNames(t *testing.T) {
	known := catalogueNames(t)
	for pair := range exportNames(t) {
		known[pair] = "sample export"
	}
	corpus, err := Corpus()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range corpus {
		for _, a := range s.Alerts {
			if _, ok := known[[2]string{a.AlertType, a.DisplayName}]; !ok {
				t.Errorf("%s: alert %s: type %q with name %q is in neither the catalogue nor the sample export",
					s.Name, a.ID, a.AlertType, a.DisplayName)
			}
			if _, ok := killchain.Lookup(a.AlertType, a.DisplayName); !ok && a.Intent == "" {
				t.Errorf("%s: alert %s has no intent and the catalogue gives it no tactic", s.Name, a.ID)
			}
		}
	}
}

// TestScenarioAddressesAreInvented checks every ip entity: documentation
// ranges for public addresses, RFC 1918 for private ones, RFC 6598 for
// carrier-grade NAT.
func TestScenarioAddressesAreInvented(t *testing.T) {
	allowed := []netip.Prefix{
		netip.MustParsePrefix("192.0.2.0/24"), netip.MustParsePrefix("198.51.100.0/24"), netip.MustParsePrefix("203.0.113.0/24"),
		netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("172.16.0.0/12"), netip.MustParsePrefix("192.168.0.0/16"),
		netip.MustParsePrefix("100.64.0.0/10"),
	}
	corpus, err := Corpus()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range corpus {
		for _, a := range s.Alerts {
			for _, e := range a.Entities {
				if !strings.EqualFold(e["Type"].(string), "ip") {
					continue
				}
				addr, err := netip.ParseAddr(e["Address"].(string))
				ok := err == nil
				if ok {
					ok = false
					for _, p := range allowed {
						ok = ok || p.Contains(addr)
					}
				}
				if !ok {
					t.Errorf("%s: alert %s: address %v is not from a documentation, RFC 1918 or RFC 6598 range", s.Name, a.ID, e["Address"])
				}
			}
		}
	}
}

func TestParseRejectsIncompleteScenarios(t *testing.T) {
	alert := func(id, extra string) string {
		return `{"id": "` + id + `", "alertType": "VM_EICAR", "displayName": "Microsoft Defender for Cloud test alert (not a threat)",
			"severity": "Informational", "start": "1h", "resourceId": "", "compromisedEntity": "h1", "entities": []` + extra + `}`
	}
	file := func(category string, alerts ...string) string {
		return `{"name": "x", "category": "` + category + `", "description": "d", "alerts": [` + strings.Join(alerts, ",") + `]}`
	}
	tests := []struct {
		name, file, want string
	}{
		{"a file with two labelled alerts parses",
			file("benign", alert("a", `, "label": ""`), alert("b", `, "label": "g"`)), ""},
		{"an alert with no label is rejected",
			file("benign", alert("a", `, "label": ""`), alert("b", "")), "alert b has no label"},
		{"one alert is too few",
			file("benign", alert("a", `, "label": ""`)), "at least two"},
		{"one alert sent twice is still one alert",
			file("benign", alert("a", `, "label": ""`), alert("a", `, "label": "", "batch": 1`)), "at least two"},
		{"an alert sent twice with two labels is rejected",
			file("benign", alert("a", `, "label": ""`), alert("a", `, "label": "g", "batch": 1`), alert("b", `, "label": ""`)), "labels"},
		{"an unknown category is rejected",
			file("misc", alert("a", `, "label": ""`), alert("b", `, "label": ""`)), "category"},
		{"an unknown field is rejected",
			file("benign", alert("a", `, "label": "", "lable": "g"`), alert("b", `, "label": ""`)), "unknown field"},
		{"a start that is not a duration is rejected",
			strings.Replace(file("benign", alert("a", `, "label": ""`), alert("b", `, "label": ""`)), `"1h"`, `"tomorrow"`, 1), "start"},
		{"a severity the product rejects is rejected",
			strings.Replace(file("benign", alert("a", `, "label": ""`), alert("b", `, "label": ""`)), `"Informational"`, `"Urgent"`, 1), "field Severity"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.file))
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("Parse: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("Parse error = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

func TestLoadRequiresTheFileNameToBeTheScenarioName(t *testing.T) {
	b, err := fs.ReadFile(corpus, "scenarios/single-vm-rdp-brute-force-to-c2.json")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"s/renamed.json": {Data: b}}
	if _, err := Load(fsys, "s"); err == nil || !strings.Contains(err.Error(), "does not match the file name") {
		t.Fatalf("Load = %v, want a name mismatch", err)
	}
}

// catalogueNames reads the (alert type, display name) pairs of the killchain
// catalogue from its source, since the catalogue does not export its lines.
func catalogueNames(t *testing.T) map[[2]string]string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "../killchain/catalogue_data.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[[2]string]string{}
	ast.Inspect(f, func(n ast.Node) bool {
		spec, ok := n.(*ast.ValueSpec)
		if !ok || len(spec.Names) != 1 || spec.Names[0].Name != "entries" || len(spec.Values) != 1 {
			return true
		}
		for _, el := range spec.Values[0].(*ast.CompositeLit).Elts {
			line, ok := el.(*ast.CompositeLit)
			if !ok || len(line.Elts) < 2 {
				continue
			}
			typ, err1 := unquote(line.Elts[0])
			name, err2 := unquote(line.Elts[1])
			if err1 == nil && err2 == nil {
				out[[2]string{typ, name}] = "catalogue"
			}
		}
		return false
	})
	if len(out) < 300 {
		t.Fatalf("read %d catalogue lines from catalogue_data.go: has its shape changed?", len(out))
	}
	return out
}

func unquote(e ast.Expr) (string, error) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", strconv.ErrSyntax
	}
	return strconv.Unquote(lit.Value)
}

// exportNames reads the (AlertType, AlertDisplayName) pairs of the sample
// export the demo loads.
func exportNames(t *testing.T) map[[2]string]bool {
	t.Helper()
	f, err := os.Open("../demo/data/alertlist.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	typ, okT := col["AlertType"]
	name, okN := col["AlertDisplayName"]
	if !okT || !okN {
		t.Fatalf("alertlist.csv has no AlertType or AlertDisplayName column: %v", rows[0])
	}
	out := map[[2]string]bool{}
	for _, r := range rows[1:] {
		out[[2]string{r[typ], r[name]}] = true
	}
	return out
}

package quality

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/vigil-soc/vigil/formats"
	"github.com/vigil-soc/vigil/ingest"
)

//go:embed scenarios/*.json
var corpus embed.FS

// Base is the instant that scenario start offsets count from.
var Base = time.Date(2024, 5, 6, 8, 0, 0, 0, time.UTC)

// Categories are the kinds of scenario the corpus covers, in report order.
var Categories = []string{
	"single-resource", // kill chains on one resource: the per-resource rule's home ground
	"multi-resource",  // campaigns that share a strong entity across resources
	"benign",          // single alerts, one tactic repeated, informational noise
	"scanner",         // one public address probing many resources
	"late",            // late, out-of-order and replayed data
	"dismissed",       // alerts an analyst dismissed
	"gap",             // chains split by a quiet time longer than the window
	"weak-entity",     // generic accounts and private addresses shared by resources
	"backward",        // tactics that only go backwards in the kill chain
}

// Scenario is one labelled scenario of the corpus.
type Scenario struct {
	Name        string  `json:"name"`
	Category    string  `json:"category"`
	Description string  `json:"description"`
	Alerts      []Alert `json:"alerts"`
}

// Alert is one alert of a scenario, in the scenario file's terms; doc.go
// describes each field.
type Alert struct {
	ID                string           `json:"id"`
	AlertType         string           `json:"alertType"`
	DisplayName       string           `json:"displayName"`
	Severity          string           `json:"severity"`
	Intent            string           `json:"intent"`
	Start             string           `json:"start"`
	ResourceID        string           `json:"resourceId"`
	CompromisedEntity string           `json:"compromisedEntity"`
	Entities          []map[string]any `json:"entities"`
	Status            string           `json:"status"`
	Batch             int              `json:"batch"`
	// Label is the ground truth; nil means the file forgot it, which is an
	// error ("" is a label: no incident).
	Label *string `json:"label"`
}

// StartTime is the alert's start: Base plus its offset.
func (a Alert) StartTime() (time.Time, error) {
	d, err := time.ParseDuration(a.Start)
	if err != nil {
		return time.Time{}, fmt.Errorf("alert %s: start %q: %w", a.ID, a.Start, err)
	}
	return Base.Add(d), nil
}

// Labels returns each alert id's label.
func (s *Scenario) Labels() map[string]string {
	out := make(map[string]string, len(s.Alerts))
	for _, a := range s.Alerts {
		if a.Label != nil {
			out[a.ID] = *a.Label
		}
	}
	return out
}

// Batches returns the alert batches in arrival order.
func (s *Scenario) Batches() [][]Alert {
	byBatch := map[int][]Alert{}
	for _, a := range s.Alerts {
		byBatch[a.Batch] = append(byBatch[a.Batch], a)
	}
	keys := make([]int, 0, len(byBatch))
	for k := range byBatch {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	out := make([][]Alert, 0, len(keys))
	for _, k := range keys {
		out = append(out, byBatch[k])
	}
	return out
}

// Corpus returns the scenarios embedded from quality/scenarios, by name.
func Corpus() ([]*Scenario, error) {
	return Load(corpus, "scenarios")
}

// Load reads and checks every *.json file in dir of fsys, ordered by name.
func Load(fsys fs.FS, dir string) ([]*Scenario, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no scenarios in %s", dir)
	}
	var out []*Scenario
	var errs []error
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		s, err := Parse(b)
		if err == nil && s.Name+".json" != path.Base(n) {
			err = fmt.Errorf("name %q does not match the file name", s.Name)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", n, err))
			continue
		}
		out = append(out, s)
	}
	return out, errors.Join(errs...)
}

// Parse decodes one scenario file and checks it: known fields only, a known
// category, at least two alerts, a label and a valid start on every alert,
// and the same label on every copy of an alert sent twice. It also builds
// the alerts' ingest items once, so that a file the product would reject
// fails here.
func Parse(b []byte) (*Scenario, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var s Scenario
	if err := dec.Decode(&s); err != nil {
		return nil, err
	}
	var errs []error
	if s.Name == "" {
		errs = append(errs, errors.New("no name"))
	}
	if !slices.Contains(Categories, s.Category) {
		errs = append(errs, fmt.Errorf("category %q is not one of %s", s.Category, strings.Join(Categories, ", ")))
	}
	if strings.TrimSpace(s.Description) == "" {
		errs = append(errs, errors.New("no description"))
	}
	label := map[string]string{}
	distinct := 0
	for i, a := range s.Alerts {
		switch {
		case a.ID == "":
			errs = append(errs, fmt.Errorf("alert %d has no id", i))
			continue
		case a.Label == nil:
			errs = append(errs, fmt.Errorf("alert %s has no label", a.ID))
			continue
		case a.Batch < 0:
			errs = append(errs, fmt.Errorf("alert %s: negative batch", a.ID))
		}
		if _, err := a.StartTime(); err != nil {
			errs = append(errs, err)
		}
		if l, seen := label[a.ID]; seen && l != *a.Label {
			errs = append(errs, fmt.Errorf("alert %s is sent twice with labels %q and %q", a.ID, l, *a.Label))
		} else if !seen {
			distinct++
		}
		label[a.ID] = *a.Label
	}
	if distinct < 2 {
		errs = append(errs, fmt.Errorf("%d distinct alerts: a scenario needs at least two", distinct))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for _, batch := range s.Batches() {
		if _, err := items(batch); err != nil {
			return nil, err
		}
	}
	return &s, nil
}

// items turns scenario alerts into ingest items: each becomes a
// workflow-export alert, parsed by formats.Parse as POST /api/alerts would.
// An alert that the parser rejects is an error.
func items(as []Alert) ([]ingest.Item, error) {
	wire := make([]map[string]any, 0, len(as))
	for _, a := range as {
		w, err := exportAlert(a)
		if err != nil {
			return nil, err
		}
		wire = append(wire, w)
	}
	body, err := json.Marshal(wire)
	if err != nil {
		return nil, err
	}
	batch, err := formats.Parse(bytes.NewReader(body), "application/json")
	if err != nil {
		return nil, err
	}
	if batch.Format != formats.FormatWorkflowExport {
		return nil, fmt.Errorf("parsed as %s, want %s", batch.Format, formats.FormatWorkflowExport)
	}
	var errs []error
	for _, it := range batch.Items {
		if it.Err != nil {
			errs = append(errs, fmt.Errorf("alert %s: %w", as[it.Index].ID, it.Err))
		}
	}
	return batch.Items, errors.Join(errs...)
}

// exportAlert is a in the PascalCase shape of Defender's continuous export.
func exportAlert(a Alert) (map[string]any, error) {
	start, err := a.StartTime()
	if err != nil {
		return nil, err
	}
	status := a.Status
	if status == "" {
		status = "Active"
	}
	ts := start.Format(time.RFC3339)
	w := map[string]any{
		"SystemAlertId":     a.ID,
		"AlertType":         a.AlertType,
		"AlertDisplayName":  a.DisplayName,
		"Severity":          a.Severity,
		"Status":            status,
		"StartTimeUtc":      ts,
		"EndTimeUtc":        ts,
		"CompromisedEntity": a.CompromisedEntity,
		"VendorName":        "Microsoft",
		"ProductName":       "Microsoft Defender for Cloud",
	}
	if a.Intent != "" {
		w["Intent"] = a.Intent
	}
	if a.ResourceID != "" {
		w["ResourceIdentifiers"] = []map[string]any{{"Type": "AzureResource", "AzureResourceId": a.ResourceID}}
	}
	ents := make([]map[string]any, 0, len(a.Entities))
	for i, e := range a.Entities {
		c := make(map[string]any, len(e)+1)
		for k, v := range e {
			c[k] = v
		}
		c["$id"] = fmt.Sprint(i + 1)
		ents = append(ents, c)
	}
	w["Entities"] = ents
	return w, nil
}

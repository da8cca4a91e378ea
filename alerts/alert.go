// Package alerts is Vigil's normalised security alert: the one shape that
// every wire format is parsed into (package formats), that ingest stores, and
// that correlation reads. It has no I/O.
//
//	a := &alerts.Alert{SystemAlertID: "2518...", Severity: alerts.High, ...}
//	if err := a.Validate(); err != nil { ... } // *alerts.FieldError naming the field
package alerts

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/vigil-soc/vigil/killchain"
)

// Severity is the contract's severity enum value.
type Severity string

// Severities, lowest first.
const (
	Informational Severity = "INFORMATIONAL"
	Low           Severity = "LOW"
	Medium        Severity = "MEDIUM"
	High          Severity = "HIGH"
)

// Rank orders severities: 0 for INFORMATIONAL up to 3 for HIGH, -1 if unknown.
func (s Severity) Rank() int {
	switch s {
	case Informational:
		return 0
	case Low:
		return 1
	case Medium:
		return 2
	case High:
		return 3
	}
	return -1
}

// Status is the contract's alert status enum value.
type Status string

// Statuses of an alert (and of an incident).
const (
	Active     Status = "ACTIVE"
	InProgress Status = "IN_PROGRESS"
	Resolved   Status = "RESOLVED"
	Dismissed  Status = "DISMISSED"
)

// Valid reports whether s is one of the four statuses.
func (s Status) Valid() bool {
	switch s {
	case Active, InProgress, Resolved, Dismissed:
		return true
	}
	return false
}

// Closed reports whether an analyst (or the vendor) has closed the alert.
func (s Status) Closed() bool { return s == Resolved || s == Dismissed }

// Alert is one normalised alert. Times are UTC instants. Strings are the
// vendor's own text and are attacker-controlled: render them as text only.
type Alert struct {
	// Identity. SystemAlertID is the vendor's alert id (systemAlertId /
	// SystemAlertId, else the provider's id); it is required.
	SystemAlertID   string
	ProviderAlertID string

	AlertType            string
	DisplayName          string
	Description          string
	VendorName           string
	ProductName          string
	ProductComponentName string
	ProviderName         string

	Severity Severity
	Status   Status

	// Intent is the vendor's raw intent text; Tactics are the tactics it maps
	// to (empty when the alert carries no intent: the catalogue fills them in).
	Intent        string
	Tactics       []killchain.Tactic
	Techniques    []string
	SubTechniques []string

	StartTime      time.Time
	EndTime        time.Time
	GeneratedTime  time.Time // when the vendor generated/reported the alert; zero if unknown
	ProcessingTime time.Time // processing end time; zero if unknown

	RemediationSteps   []string
	ExtendedProperties map[string]string
	ExtendedLinks      []Link

	CompromisedEntity string
	ConfidenceLevel   string
	ConfidenceScore   *float64
	IsIncident        bool
	CorrelationKey    string
	AlertURI          string

	// ResourceID is the Azure resource id the alert is about, in the vendor's
	// case ("" when the alert names none). SubscriptionID is taken from it
	// or from the payload.
	ResourceID     string
	SubscriptionID string
	TenantID       string
	WorkspaceID    string

	Entities  []Entity
	SourceIPs []string // from ip entities and extended properties, distinct, in order found

	// Raw is the item's JSON as received (for CSV rows: the row as a JSON
	// object). Ingest caps its size before storing.
	Raw json.RawMessage
}

// Link is one extended link of an alert.
type Link struct {
	Category string `json:"category,omitempty"`
	Label    string `json:"label,omitempty"`
	Href     string `json:"href"`
	Type     string `json:"type,omitempty"`
}

// Entity kinds Vigil normalises. Vendors use more; an unknown kind is kept
// with its lowercased vendor name.
const (
	EntityHost          = "host"
	EntityAccount       = "account"
	EntityIP            = "ip"
	EntityProcess       = "process"
	EntityFile          = "file"
	EntityFileHash      = "filehash"
	EntityURL           = "url"
	EntityAzureResource = "azure-resource"
	EntityMalware       = "malware"
	EntityDNS           = "dns"
	EntityRegistryKey   = "registry-key"
	EntityRegistryValue = "registry-value"
	EntityMailbox       = "mailbox"
	EntityCloudApp      = "cloud-application"
	EntitySecurityGroup = "security-group"
)

// Entity is one normalised entity of an alert.
type Entity struct {
	// Kind is one of the Entity* constants or a lowercased vendor kind.
	Kind string
	// Key is the normalised strong identifier that deduplicates the entity
	// across alerts ("ip:192.0.2.1", "host:vm1.contoso.com",
	// "account:sid:S-1-5-…"), or "" when the entity has none: such an entity
	// is stored for this alert only.
	Key string
	// Name is a short display name ("vm1", "CONTOSO\\alice", "192.0.2.1").
	Name string
	// Properties are the vendor's fields, with $id/$ref links replaced by
	// Relations.
	Properties map[string]any
	// Relations point from this entity to others of the same alert, e.g.
	// {Name: "Host", Target: 0} for a process whose host is Entities[0].
	Relations []Relation
}

// Relation is a named link between two entities of the same alert.
type Relation struct {
	Name   string // the vendor's field name: "Host", "ParentProcess", "ImageFile" …
	Target int    // index into the alert's Entities
}

// FieldError is a validation or parse error of one alert field.
type FieldError struct {
	Field string // the field as the wire format names it: "severity", "startTimeUtc" …
	Msg   string
}

func (e *FieldError) Error() string { return "field " + e.Field + ": " + e.Msg }

// MaxIDLen bounds a system alert id, in bytes: vendors' ids are well under
// it, and PostgreSQL cannot index much longer values.
const MaxIDLen = 1024

// Validate checks that the alert can be stored: it has an id of at most
// MaxIDLen bytes, a known severity and status, tactics that are tactics,
// and times.
func (a *Alert) Validate() error {
	switch {
	case a.SystemAlertID == "":
		return &FieldError{Field: "systemAlertId", Msg: "missing: an alert needs an id"}
	case len(a.SystemAlertID) > MaxIDLen:
		return &FieldError{Field: "systemAlertId", Msg: "longer than " + strconv.Itoa(MaxIDLen) + " bytes"}
	case a.Severity.Rank() < 0:
		return &FieldError{Field: "severity", Msg: "unknown value " + Quote(string(a.Severity))}
	case !a.Status.Valid():
		return &FieldError{Field: "status", Msg: "unknown value " + Quote(string(a.Status))}
	case a.StartTime.IsZero():
		return &FieldError{Field: "startTimeUtc", Msg: "missing"}
	}
	for _, t := range a.Tactics {
		if !t.Valid() {
			return &FieldError{Field: "intent", Msg: "unknown tactic " + Quote(string(t))}
		}
	}
	if a.EndTime.IsZero() {
		a.EndTime = a.StartTime
	}
	if a.EndTime.Before(a.StartTime) {
		return &FieldError{Field: "endTimeUtc", Msg: "before startTimeUtc"}
	}
	return nil
}

// Quote bounds and quotes an attacker-controlled value for an error message.
func Quote(s string) string {
	const max = 64
	if len(s) > max {
		s = s[:max] + "…"
	}
	b, _ := json.Marshal(s)
	return string(b)
}

// StoredRelation is a Relation once the entities are stored: it names them
// by their database ids.
type StoredRelation struct {
	From int    `json:"from"`
	Name string `json:"name"`
	To   int    `json:"to"`
}

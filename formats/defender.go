package formats

import (
	"encoding/json"
	"strings"

	"github.com/vigil-soc/vigil/alerts"
)

// Microsoft Defender for Cloud (formerly Azure Security Center) REST alerts:
// ARM resources {id, name, type, properties}. The property names changed
// across API versions; each field lists the 2022-01-01 spelling first and
// the 2015-06-01-preview one after it:
//
//	systemAlertId        (2015: none — the resource name is the provider's id)
//	alertType            alertName
//	severity             reportedSeverity
//	status               state
//	startTimeUtc         detectedTimeUtc
//	timeGeneratedUtc     reportedTimeUtc
//	resourceIdentifiers  associatedResource
//	remediationSteps     the same name, but one string with \r\n line breaks
var restNames = fieldNames{
	id:             []string{"systemAlertId"},
	providerID:     []string{"providerAlertId"},
	alertType:      []string{"alertType", "alertName"},
	displayName:    []string{"alertDisplayName"},
	description:    []string{"description"},
	vendor:         []string{"vendorName"},
	product:        []string{"productName"},
	component:      []string{"productComponentName"},
	provider:       []string{"providerName"},
	severity:       []string{"severity", "reportedSeverity"},
	status:         []string{"status", "state"},
	tactics:        []string{"intent"},
	techniques:     []string{"techniques"},
	subTechniques:  []string{"subTechniques"},
	start:          []string{"startTimeUtc", "detectedTimeUtc"},
	end:            []string{"endTimeUtc"},
	generated:      []string{"timeGeneratedUtc", "reportedTimeUtc"},
	processing:     []string{"processingEndTimeUtc"},
	remediation:    []string{"remediationSteps"},
	extProps:       []string{"extendedProperties"},
	extLinks:       []string{"extendedLinks"},
	entities:       []string{"entities"},
	compromised:    []string{"compromisedEntity"},
	confLevel:      []string{"confidenceLevel"},
	confScore:      []string{"confidenceScore"},
	isIncident:     []string{"isIncident"},
	correlationKey: []string{"correlationKey"},
	uri:            []string{"alertUri"},
	resourceIDs:    []string{"resourceIdentifiers"},
	resourceID:     []string{"associatedResource"},
	subscription:   []string{"subscriptionId"},
	tenant:         []string{"tenantId"},
	workspace:      []string{"workspaceId"},
}

// restMarkers are property names only a Defender REST alert has; they let
// Parse recognise a bare properties object pasted without its envelope.
var restMarkers = []string{"systemAlertId", "alertDisplayName", "alertType", "alertName", "reportedSeverity", "detectedTimeUtc"}

// defenderItem parses one REST alert. The envelope is optional: an object
// without "properties" is read as the properties themselves.
func defenderItem(raw json.RawMessage) (*alerts.Alert, error) {
	m, err := itemObject(raw)
	if err != nil {
		return nil, err
	}
	top := newRecord(m)
	props := m
	fallbackID := ""
	if _, v, ok := top.lookup("properties"); ok {
		p, isObj := v.(map[string]any)
		if !isObj {
			return nil, &alerts.FieldError{Field: "properties", Msg: "want an object, got " + jsonType(v)}
		}
		props = p
		// The resource name is the provider's alert id (2015 has no other).
		fallbackID = strings.TrimSpace(top.str("name"))
	}
	armID := top.str("id")
	if top.err != nil {
		return nil, top.err
	}
	a, err := restNames.build(newRecord(props), fallbackID, raw)
	if err != nil {
		return nil, err
	}
	if a.SubscriptionID == "" {
		a.SubscriptionID = subscriptionOf(armID)
	}
	return a, nil
}

// itemObject decodes one batch element, which must be a JSON object.
func itemObject(raw json.RawMessage) (map[string]any, error) {
	v, err := decodeJSON(raw)
	if err != nil {
		return nil, &alerts.FieldError{Field: "item", Msg: err.Error()}
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, &alerts.FieldError{Field: "item", Msg: "want a JSON object, got " + jsonType(v)}
	}
	return m, nil
}

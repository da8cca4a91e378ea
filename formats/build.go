package formats

import (
	"errors"
	"strings"

	"github.com/vigil-soc/vigil/alerts"
)

// fieldNames spells one wire format's fields. Each is a list of
// alternatives in priority order; the first is the name used in an error
// about a missing field.
type fieldNames struct {
	id, providerID                                []string
	alertType, displayName, description           []string
	vendor, product, component, provider          []string
	severity, status, tactics                     []string // tactics: every field read, e.g. Intent and Tactics
	techniques, subTechniques                     []string
	start, end, generated, processing             []string
	remediation, extProps, extLinks, entities     []string
	compromised, confLevel, confScore, isIncident []string
	correlationKey, uri                           []string
	resourceIDs                                   []string // the resourceIdentifiers list
	resourceID, subscription, tenant, workspace   []string // plain fields, after resourceIdentifiers
}

// build reads one alert from r. fallbackID is the provider's id, used when
// the payload has no alert id (the REST resource name); raw is stored as
// the alert's Raw. The error is an *alerts.FieldError naming the field as
// the payload spells it.
func (n *fieldNames) build(r *record, fallbackID string, raw []byte) (*alerts.Alert, error) {
	a := &alerts.Alert{Raw: raw}
	a.SystemAlertID = strings.TrimSpace(r.str(n.id...))
	a.ProviderAlertID = strings.TrimSpace(r.str(n.providerID...))
	if a.ProviderAlertID == "" {
		a.ProviderAlertID = fallbackID
	}
	if a.SystemAlertID == "" {
		a.SystemAlertID = a.ProviderAlertID
	}
	if a.SystemAlertID == "" {
		r.fail(n.id[0], "missing: an alert needs an id")
	}
	a.AlertType = r.str(n.alertType...)
	a.DisplayName = r.str(n.displayName...)
	a.Description = r.str(n.description...)
	a.VendorName = r.str(n.vendor...)
	a.ProductName = r.str(n.product...)
	a.ProductComponentName = r.str(n.component...)
	a.ProviderName = r.str(n.provider...)

	a.Severity = r.severity(n.severity...)
	a.Status = r.status(n.status...)
	a.Intent, a.Tactics = r.tactics(n.tactics...)
	a.Techniques = r.list(n.techniques...)
	a.SubTechniques = r.list(n.subTechniques...)

	startKey, start := r.time(n.start...)
	endKey, end := r.time(n.end...)
	_, a.GeneratedTime = r.time(n.generated...)
	_, a.ProcessingTime = r.time(n.processing...)
	a.StartTime, a.EndTime = start, end
	switch {
	case start.IsZero():
		r.fail(startKey, "missing")
	case end.IsZero():
		a.EndTime = start
	case end.Before(start):
		r.fail(endKey, "before "+startKey)
	}

	a.RemediationSteps = r.remediation(n.remediation...)
	a.ExtendedProperties = r.stringMap(n.extProps...)
	a.ExtendedLinks = r.links(n.extLinks...)
	a.Entities = r.entities(n.entities...)
	a.SourceIPs = sourceIPs(a.Entities, a.ExtendedProperties)

	a.CompromisedEntity = r.str(n.compromised...)
	a.ConfidenceLevel = r.str(n.confLevel...)
	a.ConfidenceScore = r.float(n.confScore...)
	a.IsIncident = r.boolean(n.isIncident...)
	a.CorrelationKey = r.str(n.correlationKey...)
	a.AlertURI = r.str(n.uri...)

	r.resources(n.resourceIDs, a)
	a.ResourceID = first(a.ResourceID, strings.TrimSpace(r.str(n.resourceID...)), entityResource(a.Entities))
	a.SubscriptionID = first(subscriptionOf(a.ResourceID), a.SubscriptionID, strings.TrimSpace(r.str(n.subscription...)))
	a.TenantID = first(a.TenantID, r.str(n.tenant...))
	a.WorkspaceID = first(a.WorkspaceID, r.str(n.workspace...))

	if r.err != nil {
		return nil, r.err
	}
	if err := a.Validate(); err != nil { // a backstop: the reads above check the same
		return nil, n.rename(err)
	}
	return a, nil
}

// rename spells a Validate error's field as this format does.
func (n *fieldNames) rename(err error) error {
	var fe *alerts.FieldError
	if !errors.As(err, &fe) {
		return err
	}
	names := map[string][]string{
		"systemAlertId": n.id, "severity": n.severity, "status": n.status,
		"startTimeUtc": n.start, "endTimeUtc": n.end, "intent": n.tactics,
	}
	if alt := names[fe.Field]; len(alt) > 0 {
		return &alerts.FieldError{Field: alt[0], Msg: fe.Msg}
	}
	return fe
}

// remediation reads remediation steps: an array of strings (a JSON one in a
// string, in Log Analytics), or one string with a step per line (2015).
func (r *record) remediation(names ...string) []string {
	k, v, ok := r.lookup(names...)
	if !ok {
		return nil
	}
	if s, isStr := v.(string); isStr {
		if d, err := decodeJSON([]byte(s)); err != nil || jsonType(d) != "array" {
			var out []string
			for _, line := range strings.Split(s, "\n") {
				if line = strings.TrimSpace(line); line != "" {
					out = append(out, line)
				}
			}
			return out
		}
	}
	return r.list(k)
}

// links reads extendedLinks: objects with Category, Label, Href and Type
// (any case); links without an Href are dropped.
func (r *record) links(names ...string) []alerts.Link {
	k, v, ok := r.structured("array", names...)
	if !ok {
		return nil
	}
	var out []alerts.Link
	for _, e := range v.([]any) {
		m, isObj := e.(map[string]any)
		if !isObj {
			r.fail(k, "want an array of objects, got an element of type "+jsonType(e))
			return nil
		}
		l := newRecord(m)
		link := alerts.Link{Category: l.str("Category"), Label: l.str("Label"), Href: l.str("Href"), Type: l.str("Type")}
		if l.err != nil {
			r.fail(k+"."+l.err.Field, l.err.Msg)
			return nil
		}
		if link.Href != "" {
			out = append(out, link)
		}
	}
	return out
}

// resources reads a resourceIdentifiers list: the AzureResource entry gives
// the resource (and its tenant), the LogAnalytics entry the workspace.
func (r *record) resources(names []string, a *alerts.Alert) {
	k, v, ok := r.structured("array", names...)
	if !ok {
		return
	}
	for _, e := range v.([]any) {
		m, isObj := e.(map[string]any)
		if !isObj {
			r.fail(k, "want an array of objects, got an element of type "+jsonType(e))
			return
		}
		id := newRecord(m)
		switch word(id.str("type")) {
		case "azureresource":
			a.ResourceID = first(a.ResourceID, strings.TrimSpace(id.str("azureResourceId", "resourceId")))
			a.TenantID = first(a.TenantID, id.str("azureResourceTenantId", "tenantId"))
			a.SubscriptionID = first(a.SubscriptionID, id.str("subscriptionId"))
		case "loganalytics":
			a.WorkspaceID = first(a.WorkspaceID, id.str("workspaceId"))
			a.SubscriptionID = first(a.SubscriptionID, id.str("workspaceSubscriptionId", "subscriptionId"))
		case "aadtenant", "aad":
			a.TenantID = first(a.TenantID, id.str("aadTenantId", "tenantId"))
		}
		if id.err != nil {
			r.fail(k+"."+id.err.Field, id.err.Msg)
			return
		}
	}
}

// entityResource is the resource id of the alert's first azure-resource
// entity, for alerts that name their resource only that way.
func entityResource(ents []alerts.Entity) string {
	for _, e := range ents {
		if e.Kind == alerts.EntityAzureResource {
			if id := prop(e.Properties, "ResourceId"); id != "" {
				return id
			}
		}
	}
	return ""
}

// subscriptionOf extracts <id> from ".../subscriptions/<id>/...".
func subscriptionOf(resourceID string) string {
	const marker = "/subscriptions/"
	i := strings.Index(asciiLower(resourceID), marker) // same length as resourceID, unlike strings.ToLower
	if i < 0 {
		return ""
	}
	rest := resourceID[i+len(marker):]
	if j := strings.IndexByte(rest, '/'); j >= 0 {
		rest = rest[:j]
	}
	return strings.TrimSpace(rest)
}

// asciiLower lowercases ASCII letters only, keeping byte offsets valid.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

package ingest

import (
	"strings"
	"unicode/utf8"

	"github.com/vigil-soc/vigil/alerts"
)

// clean makes a vendor string storable in both databases: valid UTF-8 (bad
// bytes become U+FFFD) and no NUL characters, which PostgreSQL's text and
// jsonb types refuse.
func clean(s string) string {
	if utf8.ValidString(s) && !strings.ContainsRune(s, 0) {
		return s
	}
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "\uFFFD")
}

func cleanAll(ss []string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		out = append(out, clean(s))
	}
	return out
}

// cleanValue cleans every string inside a decoded JSON value, keys included.
func cleanValue(v any) any {
	switch x := v.(type) {
	case string:
		return clean(x)
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[clean(k)] = cleanValue(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = cleanValue(e)
		}
		return out
	}
	return v
}

// sanitize cleans every string field of a in place.
func sanitize(a *alerts.Alert) {
	for _, p := range []*string{
		&a.SystemAlertID, &a.ProviderAlertID, &a.AlertType, &a.DisplayName, &a.Description,
		&a.VendorName, &a.ProductName, &a.ProductComponentName, &a.ProviderName, &a.Intent,
		&a.CompromisedEntity, &a.ConfidenceLevel, &a.CorrelationKey, &a.AlertURI,
		&a.ResourceID, &a.SubscriptionID, &a.TenantID, &a.WorkspaceID,
	} {
		*p = clean(*p)
	}
	a.Techniques = cleanAll(a.Techniques)
	a.SubTechniques = cleanAll(a.SubTechniques)
	a.RemediationSteps = cleanAll(a.RemediationSteps)
	a.SourceIPs = cleanAll(a.SourceIPs)
	if a.ExtendedProperties != nil {
		props := make(map[string]string, len(a.ExtendedProperties))
		for k, v := range a.ExtendedProperties {
			props[clean(k)] = clean(v)
		}
		a.ExtendedProperties = props
	}
	for i := range a.ExtendedLinks {
		l := &a.ExtendedLinks[i]
		l.Category, l.Label, l.Href, l.Type = clean(l.Category), clean(l.Label), clean(l.Href), clean(l.Type)
	}
	for i := range a.Entities {
		e := &a.Entities[i]
		e.Kind, e.Key, e.Name = clean(e.Kind), boundKey(clean(e.Key)), clean(e.Name)
		if e.Properties != nil {
			e.Properties = cleanValue(e.Properties).(map[string]any)
		}
		for j := range e.Relations {
			e.Relations[j].Name = clean(e.Relations[j].Name)
		}
	}
}

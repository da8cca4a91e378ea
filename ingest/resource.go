package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/vigil-soc/vigil/alerts"
)

// maxKey bounds the stored resource and entity keys, in bytes: PostgreSQL
// cannot index much longer values (a B-tree entry holds about 2.7 kB).
const maxKey = 512

// boundKey returns key, or for a longer one its start and a digest of the
// whole: it still names the same thing, and it fits an index.
func boundKey(key string) string {
	if len(key) <= maxKey {
		return key
	}
	sum := sha256.Sum256([]byte(key))
	return strings.ToValidUTF8(key[:maxKey-2*sha256.Size-1], "") + "#" + hex.EncodeToString(sum[:])
}

// resourceRef is what an alert says about the resource it is about.
type resourceRef struct {
	Key            string // lowercased: the correlation key
	ResourceID     string // as the vendor spelled it
	Name           string
	Type           string
	SubscriptionID string
}

// resourceOf returns the resource an alert is about: its Azure resource id,
// else its compromised entity or first host name (a "host" resource keyed by
// the lowercased name). ok is false when the alert names neither: such an
// alert is stored but never correlated.
func resourceOf(a *alerts.Alert) (ref resourceRef, ok bool) {
	if id := strings.TrimSpace(a.ResourceID); id != "" {
		name, typ := parseResourceID(id)
		return resourceRef{
			Key:            boundKey(strings.ToLower(id)),
			ResourceID:     id,
			Name:           name,
			Type:           typ,
			SubscriptionID: a.SubscriptionID,
		}, true
	}
	host := strings.TrimSpace(a.CompromisedEntity)
	if host == "" {
		for _, e := range a.Entities {
			if e.Kind == alerts.EntityHost && strings.TrimSpace(e.Name) != "" {
				host = strings.TrimSpace(e.Name)
				break
			}
		}
	}
	if host == "" {
		return resourceRef{}, false
	}
	key := strings.ToLower(host)
	return resourceRef{Key: boundKey(key), ResourceID: key, Name: host, Type: "host", SubscriptionID: a.SubscriptionID}, true
}

// parseResourceID returns the name and type of an Azure resource id such as
// /subscriptions/S/resourceGroups/G/providers/Microsoft.Sql/servers/s1/databases/d1
// (name "d1", type "Microsoft.Sql/servers/databases"). An id that is not in
// that form is its own name, of type "unknown".
func parseResourceID(id string) (name, typ string) {
	parts := strings.Split(strings.Trim(id, "/"), "/")
	p := -1
	for i, s := range parts {
		if strings.EqualFold(s, "providers") {
			p = i // the last "providers" wins: extension resources nest them
		}
	}
	if p < 0 || p+3 > len(parts) {
		if len(parts) >= 2 && strings.EqualFold(parts[len(parts)-2], "resourceGroups") {
			return parts[len(parts)-1], "Microsoft.Resources/resourceGroups"
		}
		if len(parts) == 2 && strings.EqualFold(parts[0], "subscriptions") {
			return parts[1], "Microsoft.Resources/subscriptions"
		}
		return parts[len(parts)-1], "unknown"
	}
	types := []string{parts[p+1]}
	rest := parts[p+2:]
	for i := 0; i+1 < len(rest); i += 2 {
		types = append(types, rest[i])
		name = rest[i+1]
	}
	if len(rest)%2 == 1 { // a trailing type with no name
		types = append(types, rest[len(rest)-1])
	}
	if name == "" {
		name = parts[len(parts)-1]
	}
	return name, strings.Join(types, "/")
}

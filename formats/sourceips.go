package formats

import (
	"strings"

	"github.com/vigil-soc/vigil/alerts"
)

// sourceIPKeys are the extended-property names (lower case, without spaces,
// dashes or underscores) that hold the attacker's address. Addresses of the
// victim ("Victim IP", "Machine IP") and ambiguous ones ("IP address") are
// deliberately absent: they would join unrelated incidents.
var sourceIPKeys = map[string]bool{
	"attackerip": true, "attackerips": true,
	"attackeripaddress": true, "attackeripaddresses": true,
	"sourceip": true, "sourceips": true,
	"sourceipaddress": true, "sourceipaddresses": true,
	"clientip": true, "clientips": true,
	"clientipaddress": true, "clientipaddresses": true,
	"srcip": true,
}

// sourceIPs collects the alert's source addresses: those of its ip entities
// in entity order, then those of its source-address extended properties in
// key order (a map has no other stable order). A property value may be one
// address, a comma/semicolon/space separated list, or a JSON array in a
// string; anything that does not parse as an address is skipped. The result
// is distinct, in net/netip's canonical form.
func sourceIPs(ents []alerts.Entity, ext map[string]string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if a, ok := canonicalIP(s); ok && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	for _, e := range ents {
		if e.Kind == alerts.EntityIP && e.Key != "" {
			add(e.Name)
		}
	}
	for _, k := range sortedKeys(ext) {
		if !sourceIPKeys[word(k)] {
			continue
		}
		for _, v := range splitAddresses(ext[k]) {
			add(v)
		}
	}
	return out
}

func splitAddresses(s string) []string {
	if strings.HasPrefix(strings.TrimSpace(s), "[") {
		if v, err := decodeJSON([]byte(s)); err == nil {
			if list, ok := v.([]any); ok {
				var out []string
				for _, e := range list {
					if str, ok := e.(string); ok {
						out = append(out, str)
					}
				}
				return out
			}
		}
	}
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == ';' || r == ' ' || r == '\t' || r == '\r' || r == '\n'
	})
}

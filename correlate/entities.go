package correlate

import (
	"net/netip"
	"strings"
)

// DefaultLinkKinds are the entity kinds whose strong identifiers tie alerts
// on different resources together: public IP addresses, accounts with a
// strong identifier, file hashes, hosts with a domain and malware names.
var DefaultLinkKinds = []string{"ip", "account", "file", "filehash", "host", "malware"}

// DefaultMaxLinkResources is how many resources one entity value may tie
// within a window before it counts as background (a scanner, a shared
// proxy) and ties nothing.
const DefaultMaxLinkResources = 20

// GenericAccounts are account names that every system has; an account
// known only by one of them (with or without a domain) ties nothing.
var GenericAccounts = map[string]bool{
	"administrator": true, "admin": true, "root": true, "system": true, "guest": true,
	"user": true, "test": true, "local service": true, "network service": true,
	"localsystem": true, "defaultaccount": true, "wdagutilityaccount": true,
	"azureuser": true, "ubuntu": true, "ec2-user": true, "sa": true, "postgres": true,
	"oracle": true, "nobody": true, "anonymous": true, "support": true, "pi": true,
}

// Non-public address ranges that net/netip has no predicate for. The
// documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24,
// 2001:db8::/32) are deliberately not here: test data and the scenario
// corpus use them as stand-ins for public attacker addresses.
var reserved = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),  // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"), // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),   // reserved, and broadcast
	netip.MustParsePrefix("64:ff9b::/96"),  // NAT64: the embedded IPv4 address says more
	netip.MustParsePrefix("100::/64"),      // discard
}

// Well-known hashes of the empty file: every host has one.
var emptyHashes = map[string]bool{
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855": true,
	"da39a3ee5e6b4b0d3255bfef95601890afd80709":                         true,
	"d41d8cd98f00b204e9800998ecf8427e":                                 true,
}

// Strong reports whether an entity key (as formats builds them, e.g.
// "ip:203.0.113.7", "account:aad:…") names one thing wherever it appears,
// so that it may tie resources together:
//
//   - ip: a public unicast address (not private, loopback, link-local,
//     CGNAT, multicast, unspecified or otherwise reserved);
//   - account: a domain SID (S-1-5-21-…) or an Entra ID SID (S-1-12-1-…),
//     an AAD object id or object GUID, a UPN or name@domain whose name is
//     not generic; never a bare name;
//   - file and filehash: a hash, but not that of the empty file;
//   - host: a name with a domain;
//   - malware: its name.
func Strong(key string) bool {
	kind, id, ok := strings.Cut(key, ":")
	if !ok || id == "" {
		return false
	}
	switch kind {
	case "ip":
		a, err := netip.ParseAddr(id)
		if err != nil {
			return false
		}
		a = a.Unmap()
		if !a.IsGlobalUnicast() || a.IsPrivate() {
			return false
		}
		for _, p := range reserved {
			if p.Contains(a) {
				return false
			}
		}
		return true
	case "account":
		sub, v, _ := strings.Cut(id, ":")
		switch sub {
		case "sid":
			return strings.HasPrefix(v, "S-1-5-21-") || strings.HasPrefix(v, "S-1-12-1-")
		case "aad", "guid":
			return v != "" && v != "00000000-0000-0000-0000-000000000000"
		case "upn", "name":
			name, domain, ok := strings.Cut(v, "@")
			return ok && name != "" && domain != "" && !GenericAccounts[name]
		}
		return false
	case "file", "filehash":
		alg, h, ok := strings.Cut(id, ":")
		switch alg {
		case "sha256", "sha1", "md5":
			return ok && h != "" && !emptyHashes[h]
		}
		return false
	case "host":
		return !strings.HasPrefix(id, "/") && strings.Contains(strings.Trim(id, "."), ".")
	case "malware":
		return true
	}
	return false
}

// kindOf returns the kind part of an entity key.
func kindOf(key string) string {
	k, _, _ := strings.Cut(key, ":")
	return k
}

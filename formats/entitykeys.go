package formats

import (
	"encoding/json"
	"net/netip"
	"strings"
	"unicode/utf8"

	"github.com/vigil-soc/vigil/alerts"
)

// Entity keys are "kind:identifier", built only from identifiers that name
// one thing wherever they appear, so that correlation can join alerts on
// them:
//
//	ip              ip:<canonical address>          (net/netip; IPv4-mapped IPv6 unmapped, zone dropped)
//	host            host:<hostname.dnsdomain>, else host:<hostname>, else host:<azure id>, lower case
//	account         account:sid:<SID>, account:aad:<AadUserId>, account:guid:<ObjectGuid>,
//	                account:upn:<name@upnsuffix>, account:name:<name@ntdomain>, else account:name:<name>
//	file            file:<algorithm>:<hash> from its hashes, else file:<directory\name>, lower case
//	filehash        filehash:<algorithm>:<value>, lower case
//	url             url:<url as sent>
//	azure-resource  azure-resource:<resource id>, lower case
//	dns             dns:<domain name>; mailbox mailbox:<address>; cloud-application cloud-application:<AppId>
//	security-group  security-group:sid:<SID> or security-group:guid:<ObjectGuid>
//	malware         malware:<name>, lower case (Defender's names: "Trojan:Win32/Mimikatz")
//
// A bare account name with no domain is still a key ("account:name:admin"):
// it is weak (every host has an "administrator"), and correlation decides
// how much to trust it. Processes, registry keys and values, logon
// sessions and unknown kinds get no key: they are stored for their alert only.

// kinds maps normalised vendor type names onto Vigil's kinds.
var kinds = map[string]string{
	"host":             alerts.EntityHost,
	"account":          alerts.EntityAccount,
	"ip":               alerts.EntityIP,
	"ipaddress":        alerts.EntityIP,
	"process":          alerts.EntityProcess,
	"file":             alerts.EntityFile,
	"filehash":         alerts.EntityFileHash,
	"url":              alerts.EntityURL,
	"azureresource":    alerts.EntityAzureResource,
	"malware":          alerts.EntityMalware,
	"dns":              alerts.EntityDNS,
	"registrykey":      alerts.EntityRegistryKey,
	"registryvalue":    alerts.EntityRegistryValue,
	"mailbox":          alerts.EntityMailbox,
	"cloudapplication": alerts.EntityCloudApp,
	"securitygroup":    alerts.EntitySecurityGroup,
}

// kindOf normalises an entity's vendor type ("Type" or "type").
func kindOf(props map[string]any) string {
	t := strings.ToLower(strings.TrimSpace(prop(props, "Type")))
	if k, ok := kinds[word(t)]; ok {
		return k
	}
	if t == "" {
		return "unknown"
	}
	return t
}

// describe sets the Kind, Key and Name of all[i]; it reads the targets of
// all[i]'s relations (a file's hashes) but never follows them further.
func describe(all []alerts.Entity, i int) {
	e := &all[i]
	p := e.Properties
	e.Kind = kindOf(p)
	lower := strings.ToLower
	switch e.Kind {
	case alerts.EntityIP:
		addr := prop(p, "Address")
		if a, ok := canonicalIP(addr); ok {
			e.Key, e.Name = "ip:"+a, a
		} else {
			e.Name = addr
		}
	case alerts.EntityHost:
		name := first(prop(p, "HostName"), prop(p, "NetBiosName"))
		fqdn := strings.TrimSuffix(name, ".")
		if d := strings.Trim(prop(p, "DnsDomain"), "."); fqdn != "" && d != "" && !strings.HasSuffix(lower(fqdn), "."+lower(d)) {
			fqdn += "." + d
		}
		azure := prop(p, "AzureID")
		switch {
		case fqdn != "":
			e.Key = "host:" + lower(fqdn)
		case azure != "":
			e.Key = "host:" + lower(azure)
		}
		e.Name = first(name, lastSegment(azure))
	case alerts.EntityAccount:
		e.Key, e.Name = accountKey(p)
	case alerts.EntityFile:
		dir, name := prop(p, "Directory"), prop(p, "Name")
		if alg, h := fileHash(all, e); h != "" {
			e.Key = "file:" + alg + ":" + lower(h)
		} else if name != "" {
			e.Key = "file:" + lower(joinPath(dir, name))
		}
		e.Name = name
	case alerts.EntityFileHash:
		alg, v := prop(p, "Algorithm"), prop(p, "Value")
		if v != "" {
			e.Key = "filehash:" + lower(alg) + ":" + lower(v)
		}
		e.Name = v
	case alerts.EntityURL:
		if u := strings.TrimSpace(prop(p, "Url")); u != "" {
			e.Key, e.Name = "url:"+u, u
		}
	case alerts.EntityAzureResource:
		if id := prop(p, "ResourceId"); id != "" {
			e.Key, e.Name = "azure-resource:"+lower(id), lastSegment(id)
		}
	case alerts.EntityDNS:
		if d := strings.TrimSuffix(prop(p, "DomainName"), "."); d != "" {
			e.Key, e.Name = "dns:"+lower(d), d
		}
	case alerts.EntityMailbox:
		addr := prop(p, "MailboxPrimaryAddress")
		if addr != "" {
			e.Key = "mailbox:" + lower(addr)
		}
		e.Name = first(prop(p, "DisplayName"), addr)
	case alerts.EntityCloudApp:
		if id := prop(p, "AppId"); id != "" {
			e.Key = "cloud-application:" + lower(id)
		}
		e.Name = first(prop(p, "Name"), prop(p, "AppId"))
	case alerts.EntitySecurityGroup:
		if sid := prop(p, "Sid"); sid != "" {
			e.Key = "security-group:sid:" + strings.ToUpper(sid)
		} else if g := prop(p, "ObjectGuid"); g != "" {
			e.Key = "security-group:guid:" + lower(g)
		}
		e.Name = first(prop(p, "FriendlyName"), prop(p, "DistinguishedName"), prop(p, "Sid"))
	case alerts.EntityMalware:
		if name := strings.TrimSpace(prop(p, "Name")); name != "" {
			e.Key, e.Name = "malware:"+lower(name), name
		}
	case alerts.EntityProcess:
		e.Name = first(processImage(all, e), prop(p, "CommandLine"), prop(p, "ProcessId"))
	case alerts.EntityRegistryKey:
		e.Name = joinPath(prop(p, "Hive"), prop(p, "Key"))
	case "host-logon-session":
		e.Name = prop(p, "SessionId")
	default:
		e.Name = prop(p, "Name")
	}
	e.Name = bound(e.Name, 256)
}

func accountKey(p map[string]any) (key, name string) {
	lower := strings.ToLower
	n := prop(p, "Name")
	nt := first(prop(p, "NTDomain"), prop(p, "DnsDomain"))
	upn := prop(p, "UserPrincipalName")
	if upn == "" && n != "" && prop(p, "UPNSuffix") != "" {
		upn = n + "@" + prop(p, "UPNSuffix")
	}
	if upn == "" && strings.Contains(n, "@") {
		upn = n
	}
	switch {
	case n != "" && nt != "":
		name = nt + `\` + n
	default:
		name = first(upn, n, prop(p, "DisplayName"))
	}
	switch sid, aad, guid := prop(p, "Sid"), prop(p, "AadUserId"), prop(p, "ObjectGuid"); {
	case sid != "":
		key = "account:sid:" + strings.ToUpper(sid)
	case aad != "":
		key = "account:aad:" + lower(aad)
	case guid != "":
		key = "account:guid:" + lower(guid)
	case upn != "":
		key = "account:upn:" + lower(upn)
	case n != "" && nt != "":
		key = "account:name:" + lower(n+"@"+nt)
	case n != "":
		key = "account:name:" + lower(n)
	}
	return key, name
}

// hashRank prefers the strongest hash a file carries.
var hashRank = map[string]int{"sha256": 3, "sha1": 2, "md5": 1}

// fileHash returns the best hash of a file: its own Sha256/Sha1/Md5 fields
// or the filehash entities it links to.
func fileHash(all []alerts.Entity, e *alerts.Entity) (alg, value string) {
	best := -1
	offer := func(a, v string) {
		a = strings.ToLower(strings.TrimSpace(a))
		if r, ok := hashRank[a]; ok && v != "" && r > best {
			best, alg, value = r, a, v
		}
	}
	for _, a := range []string{"Sha256", "Sha1", "Md5"} {
		offer(a, prop(e.Properties, a))
	}
	for _, r := range e.Relations {
		if t := &all[r.Target]; kindOf(t.Properties) == alerts.EntityFileHash {
			offer(prop(t.Properties, "Algorithm"), prop(t.Properties, "Value"))
		}
	}
	return alg, value
}

// processImage names a process by the file of its ImageFile relation.
func processImage(all []alerts.Entity, e *alerts.Entity) string {
	for _, r := range e.Relations {
		if r.Name == "ImageFile" {
			return prop(all[r.Target].Properties, "Name")
		}
	}
	return ""
}

// canonicalIP parses an address (or address:port) into net/netip's form.
func canonicalIP(s string) (string, bool) {
	s = strings.TrimSpace(s)
	a, err := netip.ParseAddr(s)
	if err != nil {
		ap, perr := netip.ParseAddrPort(s)
		if perr != nil {
			return "", false
		}
		a = ap.Addr()
	}
	return a.Unmap().WithZone("").String(), true
}

// prop reads a scalar property by name, exactly or case-insensitively
// (REST spells them hostName, Log Analytics HostName); numbers as their
// text, anything else as "".
func prop(m map[string]any, name string) string {
	v, ok := m[name]
	if !ok {
		match := ""
		for k, e := range m {
			if strings.EqualFold(k, name) && (!ok || k < match) { // smallest: independent of map order
				v, ok, match = e, true, k
			}
		}
	}
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case json.Number:
		return x.String()
	}
	return ""
}

func first(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func joinPath(dir, name string) string {
	switch {
	case dir == "":
		return name
	case name == "":
		return dir
	case strings.HasSuffix(dir, `\`) || strings.HasSuffix(dir, "/"):
		return dir + name
	case strings.Contains(dir, "/") && !strings.Contains(dir, `\`):
		return dir + "/" + name
	}
	return dir + `\` + name
}

func lastSegment(id string) string {
	id = strings.TrimRight(id, "/")
	return id[strings.LastIndex(id, "/")+1:]
}

// bound cuts s to at most n bytes on a rune boundary.
func bound(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

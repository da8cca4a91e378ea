package formats

import (
	"testing"

	"github.com/vigil-soc/vigil/alerts"
)

func entitiesOf(t *testing.T, list string) []alerts.Entity {
	t.Helper()
	v, err := decodeJSON([]byte(list))
	if err != nil {
		t.Fatal(err)
	}
	return resolveEntities(v.([]any))
}

func TestResolveEntitiesReferences(t *testing.T) {
	tests := []struct {
		name      string
		list      string
		entities  int
		from      int
		relation  string
		target    int // -1: no such relation
		leftProps []string
	}{
		{"a $ref resolves to the entity with that $id",
			`[{"$id":"4","Type":"host","HostName":"h"},{"$id":"5","Type":"account","Name":"a","Host":{"$ref":"4"}}]`,
			2, 1, "Host", 0, []string{"Name", "Type"}},
		{"a forward $ref resolves too",
			`[{"$id":"5","Type":"account","Name":"a","Host":{"$ref":"4"}},{"$id":"4","Type":"host","HostName":"h"}]`,
			2, 0, "Host", 1, nil},
		{"an inlined entity with $id becomes its own entity",
			`[{"$id":"5","Type":"account","Name":"a","Host":{"$id":"6","Type":"host","HostName":"h"}},{"$ref":"6"}]`,
			2, 0, "Host", 1, []string{"Name", "Type"}},
		{"a missing $ref is dropped",
			`[{"$id":"5","Type":"account","Name":"a","Host":{"$ref":"99"}}]`,
			1, 0, "Host", -1, []string{"Name", "Type"}},
		{"a $ref that is not a string is dropped",
			`[{"$id":"5","Type":"account","Host":{"$ref":{"$ref":"5"}}}]`,
			1, 0, "Host", -1, []string{"Type"}},
		{"a self reference is a relation, not a loop",
			`[{"$id":"1","Type":"process","ParentProcess":{"$ref":"1"}}]`,
			1, 0, "ParentProcess", 0, []string{"Type"}},
		{"a cycle of references is two relations",
			`[{"$id":"1","Type":"process","ParentProcess":{"$ref":"2"}},{"$id":"2","Type":"process","ParentProcess":{"$ref":"1"}}]`,
			2, 1, "ParentProcess", 0, []string{"Type"}},
		{"a duplicate $id: references go to the first",
			`[{"$id":"1","Type":"host","HostName":"a"},{"$id":"1","Type":"host","HostName":"b"},{"Type":"account","Host":{"$ref":"1"}}]`,
			3, 2, "Host", 0, []string{"Type"}},
		{"a list of references becomes one relation per element",
			`[{"$id":"1","Type":"filehash","Algorithm":"SHA256","Value":"AB"},{"$id":"2","Type":"file","Name":"x","FileHashes":[{"$ref":"1"}]}]`,
			2, 1, "FileHashes", 0, []string{"Name", "Type"}},
		{"a reference nested in a plain object counts",
			`[{"$id":"1","Type":"host","HostName":"h"},{"Type":"ip","Address":"192.0.2.7","Location":{"Seen":{"$ref":"1"},"City":"x"}}]`,
			2, 1, "Seen", 0, []string{"Address", "Location", "Type"}},
		{"entries that are not objects are skipped",
			`[1,"x",null,[{"$id":"1"}],{"$id":"2","Type":"host","HostName":"h"}]`,
			1, 0, "", -1, []string{"HostName", "Type"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ents := entitiesOf(t, tc.list)
			eq(t, "entities", len(ents), tc.entities)
			if tc.relation != "" {
				eq(t, "relation target", relation(ents[tc.from], tc.relation), tc.target)
			}
			if tc.leftProps != nil {
				eq(t, "properties", sortedKeys(ents[tc.from].Properties), tc.leftProps)
			}
		})
	}
}

func TestEntityKeys(t *testing.T) {
	tests := []struct {
		name, entity, kind, key, display string
	}{
		{"ipv4", `{"Type":"ip","Address":"192.0.2.1"}`, "ip", "ip:192.0.2.1", "192.0.2.1"},
		{"ipv6 is canonicalised", `{"type":"ip","address":"2001:DB8:0:0::1"}`, "ip", "ip:2001:db8::1", "2001:db8::1"},
		{"ipv4-mapped ipv6 is unmapped", `{"Type":"ip","Address":"::ffff:192.0.2.1"}`, "ip", "ip:192.0.2.1", "192.0.2.1"},
		{"not an address has no key", `{"Type":"ip","Address":"999.1.1.1"}`, "ip", "", "999.1.1.1"},
		{"host with domain is its fqdn", `{"Type":"host","HostName":"VM1","DnsDomain":"Contoso.com"}`, "host", "host:vm1.contoso.com", "VM1"},
		{"host already qualified", `{"Type":"host","HostName":"vm1.contoso.com","DnsDomain":"contoso.com"}`, "host", "host:vm1.contoso.com", "vm1.contoso.com"},
		{"host name alone", `{"Type":"host","HostName":"MSTICALERTSWIN1","DnsDomain":""}`, "host", "host:msticalertswin1", "MSTICALERTSWIN1"},
		{"host by azure id only", `{"Type":"host","AzureID":"/subscriptions/S/resourceGroups/RG/providers/Microsoft.Compute/virtualMachines/VM9"}`,
			"host", "host:/subscriptions/s/resourcegroups/rg/providers/microsoft.compute/virtualmachines/vm9", "VM9"},
		{"account by sid", `{"Type":"account","Name":"alice","NTDomain":"CONTOSO","Sid":"s-1-5-21-1"}`, "account", "account:sid:S-1-5-21-1", `CONTOSO\alice`},
		{"account by aad id", `{"Type":"account","Name":"alice","AadUserId":"ABC-1"}`, "account", "account:aad:abc-1", "alice"},
		{"account by object guid", `{"Type":"account","Name":"alice","ObjectGuid":"DEF-2"}`, "account", "account:guid:def-2", "alice"},
		{"account by upn suffix", `{"Type":"account","Name":"Alice","UPNSuffix":"Contoso.com"}`, "account", "account:upn:alice@contoso.com", "Alice@Contoso.com"},
		{"account by name and domain", `{"Type":"account","Name":"Alice","NTDomain":"CONTOSO"}`, "account", "account:name:alice@contoso", `CONTOSO\Alice`},
		{"account by bare name (weak)", `{"Type":"account","Name":"ADMINISTRATOR","NTDomain":""}`, "account", "account:name:administrator", "ADMINISTRATOR"},
		{"file by path", `{"Type":"file","Directory":"C:\\Windows","Name":"CMD.exe"}`, "file", `file:c:\windows\cmd.exe`, "CMD.exe"},
		{"file with a unix path", `{"Type":"file","Directory":"/usr/bin","Name":"sh"}`, "file", "file:/usr/bin/sh", "sh"},
		{"file by its own hash", `{"Type":"file","Name":"x","Sha1":"AA","Sha256":"BB"}`, "file", "file:sha256:bb", "x"},
		{"filehash", `{"Type":"filehash","Algorithm":"SHA256","Value":"ABCD"}`, "filehash", "filehash:sha256:abcd", "ABCD"},
		{"url", `{"Type":"url","Url":"https://evil.example/x?a=B"}`, "url", "url:https://evil.example/x?a=B", "https://evil.example/x?a=B"},
		{"azure resource", `{"Type":"azure-resource","ResourceId":"/subscriptions/S/RG/Vault1"}`, "azure-resource", "azure-resource:/subscriptions/s/rg/vault1", "Vault1"},
		{"dns", `{"Type":"dns","DomainName":"Evil.Example."}`, "dns", "dns:evil.example", "Evil.Example"},
		{"mailbox", `{"Type":"mailbox","MailboxPrimaryAddress":"Bob@Contoso.com","DisplayName":"Bob"}`, "mailbox", "mailbox:bob@contoso.com", "Bob"},
		{"cloud application with a numeric id", `{"Type":"cloud-application","AppId":11161,"Name":"Office 365"}`, "cloud-application", "cloud-application:11161", "Office 365"},
		{"security group", `{"Type":"security-group","ObjectGuid":"ABC","FriendlyName":"Admins"}`, "security-group", "security-group:guid:abc", "Admins"},
		{"process has no key", `{"Type":"process","ProcessId":"0x1","CommandLine":"cmd /c whoami"}`, "process", "", "cmd /c whoami"},
		{"registry key has no key", `{"Type":"registry-key","Hive":"HKEY_LOCAL_MACHINE","Key":"SOFTWARE\\Run"}`, "registry-key", "", `HKEY_LOCAL_MACHINE\SOFTWARE\Run`},
		{"malware by name", `{"Type":"malware","Name":"Trojan:Win32/Dridex","Category":"Trojan"}`, "malware", "malware:trojan:win32/dridex", "Trojan:Win32/Dridex"},
		{"malware without a name has no key", `{"Type":"malware","Category":"Trojan"}`, "malware", "", ""},
		{"kind spelled another way", `{"Type":"RegistryValue","Name":"v"}`, "registry-value", "", "v"},
		{"unknown kind is lowercased", `{"Type":"Host-Logon-Session","SessionId":"0x1"}`, "host-logon-session", "", "0x1"},
		{"no type at all", `{"Name":"x"}`, "unknown", "", "x"},
		{"numeric host name is its text, an object domain is ignored", `{"Type":"host","HostName":42.5,"DnsDomain":{"x":1}}`, "host", "host:42.5", "42.5"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ents := entitiesOf(t, "["+tc.entity+"]")
			eq(t, "entities", len(ents), 1)
			eq(t, "Kind", ents[0].Kind, tc.kind)
			eq(t, "Key", ents[0].Key, tc.key)
			eq(t, "Name", ents[0].Name, tc.display)
		})
	}
}

func TestFileKeyFromLinkedHash(t *testing.T) {
	ents := entitiesOf(t, `[{"$id":"1","Type":"filehash","Algorithm":"MD5","Value":"11"},
		{"$id":"2","Type":"filehash","Algorithm":"SHA256","Value":"EE"},
		{"$id":"3","Type":"file","Name":"x.exe","Directory":"c:\\t","FileHashes":[{"$ref":"1"},{"$ref":"2"}]}]`)
	eq(t, "file key uses the strongest linked hash", ents[2].Key, "file:sha256:ee")
}

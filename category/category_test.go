package category

import "testing"

func TestOf(t *testing.T) {
	tests := []struct {
		name, typ string
		want      Category
	}{
		{"a virtual machine is a server", "Microsoft.Compute/virtualMachines", Servers},
		{"a host key is a server", "host", Servers},
		{"an Arc machine is a server", "Microsoft.HybridCompute/machines", Servers},
		{"a disk is other compute, not a server", "Microsoft.Compute/disks", Other},
		{"App Service is native compute", "Microsoft.Web/sites", NativeCompute},
		{"AKS is native compute", "Microsoft.ContainerService/managedClusters", NativeCompute},
		{"a SQL database is a data service", "Microsoft.Sql/servers/databases", DataServices},
		{"a storage account is a data service", "Microsoft.Storage/storageAccounts", DataServices},
		{"Cosmos DB is a data service", "Microsoft.DocumentDB/databaseAccounts", DataServices},
		{"a key vault is the service layer", "Microsoft.KeyVault/vaults", ServiceLayer},
		{"a DNS zone is the service layer", "Microsoft.Network/dnszones", ServiceLayer},
		{"a subscription (Resource Manager) is the service layer", "Microsoft.Resources/subscriptions", ServiceLayer},
		{"case does not matter", "MICROSOFT.COMPUTE/VIRTUALMACHINES", Servers},
		{"a prefix must end at a slash", "Microsoft.Webby/things", Other},
		{"an unknown type is other", "unknown", Other},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Of(tt.typ); got != tt.want {
				t.Fatalf("Of(%q) = %s, want %s", tt.typ, got, tt.want)
			}
		})
	}
}

func TestForAlert(t *testing.T) {
	tests := []struct {
		name, vendor, typ string
		want              Category
	}{
		// Vendors as the sample export names them.
		{"a partner WAF's alert is a partner alert", "F5 WAF", "Microsoft.Compute/virtualMachines", Partner},
		{"a partner agent's alert is a partner alert", "Deep Security Agent", "Microsoft.Compute/virtualMachines", Partner},
		{"Microsoft's alert takes the resource's category", "Microsoft", "Microsoft.Sql/servers/databases", DataServices},
		{"an analytics rule's alert takes the resource's category", "Alert Rule", "host", Servers},
		{"no vendor takes the resource's category", "", "Microsoft.KeyVault/vaults", ServiceLayer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ForAlert(tt.vendor, tt.typ); got != tt.want {
				t.Fatalf("ForAlert(%q, %q) = %s, want %s", tt.vendor, tt.typ, got, tt.want)
			}
		})
	}
}

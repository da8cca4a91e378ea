// Package category sorts resources and alerts into the groups Azure Security
// Center's overview showed: IaaS VMs and servers, native compute, data
// services, the service layer, and integrated partner products.
//
//	category.Of("Microsoft.Sql/servers/databases")                       // DataServices
//	category.ForAlert("F5 WAF", "Microsoft.Compute/virtualMachines")      // Partner
package category

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Category is a resource category; its string form is the GraphQL enum value.
type Category string

// The categories.
const (
	Servers       Category = "SERVERS"        // IaaS VMs and servers
	NativeCompute Category = "NATIVE_COMPUTE" // App Service, containers, functions
	DataServices  Category = "DATA_SERVICES"  // SQL, Storage, Cosmos DB, open-source databases
	ServiceLayer  Category = "SERVICE_LAYER"  // Resource Manager, DNS, network, Key Vault
	Partner       Category = "PARTNER"        // alerts of integrated partner products
	Other         Category = "OTHER"
)

// All lists the categories in the order the overview shows them.
var All = []Category{Servers, NativeCompute, DataServices, ServiceLayer, Partner, Other}

// Label is the category's name for people.
func (c Category) Label() string {
	switch c {
	case Servers:
		return "IaaS VMs and servers"
	case NativeCompute:
		return "Native compute"
	case DataServices:
		return "Data services"
	case ServiceLayer:
		return "Service layer"
	case Partner:
		return "Partner products"
	}
	return "Other"
}

// prefixes maps lowercased resource type prefixes to categories; the longest
// matching prefix wins.
var prefixes = map[string]Category{
	"host":                              Servers, // an alert that names a host but no Azure resource
	"microsoft.compute/virtualmachines": Servers,
	"microsoft.compute/virtualmachinescalesets": Servers,
	"microsoft.classiccompute/virtualmachines":  Servers,
	"microsoft.hybridcompute/machines":          Servers,
	"microsoft.web":                             NativeCompute,
	"microsoft.containerservice":                NativeCompute,
	"microsoft.containerregistry":               NativeCompute,
	"microsoft.containerinstance":               NativeCompute,
	"microsoft.app":                             NativeCompute,
	"microsoft.kubernetes":                      NativeCompute,
	"microsoft.servicefabric":                   NativeCompute,
	"microsoft.batch":                           NativeCompute,
	"microsoft.sql":                             DataServices,
	"microsoft.storage":                         DataServices,
	"microsoft.documentdb":                      DataServices,
	"microsoft.dbforpostgresql":                 DataServices,
	"microsoft.dbformysql":                      DataServices,
	"microsoft.dbformariadb":                    DataServices,
	"microsoft.synapse":                         DataServices,
	"microsoft.datalakestore":                   DataServices,
	"microsoft.datalakeanalytics":               DataServices,
	"microsoft.cache":                           DataServices,
	"microsoft.resources":                       ServiceLayer,
	"microsoft.network":                         ServiceLayer,
	"microsoft.keyvault":                        ServiceLayer,
	"microsoft.cdn":                             ServiceLayer,
	"microsoft.apimanagement":                   ServiceLayer,
	"microsoft.authorization":                   ServiceLayer,
	"microsoft.management":                      ServiceLayer,
}

// Of returns the category of a resource type such as
// "Microsoft.Compute/virtualMachines".
func Of(resourceType string) Category {
	t := strings.ToLower(strings.TrimSpace(resourceType))
	best, cat := -1, Other
	for p, c := range prefixes {
		if (t == p || strings.HasPrefix(t, p+"/")) && len(p) > best {
			best, cat = len(p), c
		}
	}
	return cat
}

// ForAlert returns an alert's category: Partner for an alert raised by a
// product other than Microsoft's own (and other than a customer's analytics
// rule), else the category of its resource type.
func ForAlert(vendor, resourceType string) Category {
	v := strings.ToLower(strings.TrimSpace(vendor))
	if v != "" && !strings.Contains(v, "microsoft") && v != "alert rule" && v != "custom" {
		return Partner
	}
	return Of(resourceType)
}

// Values lists the categories for ent's enum column.
func (Category) Values() []string {
	out := make([]string, len(All))
	for i, c := range All {
		out[i] = string(c)
	}
	return out
}

// MarshalGQL writes the category as a GraphQL enum value.
func (c Category) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(c))) }

// UnmarshalGQL reads a GraphQL enum value.
func (c *Category) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("%v is not a ResourceCategory", v)
	}
	for _, k := range All {
		if string(k) == s {
			*c = k
			return nil
		}
	}
	return fmt.Errorf("%q is not a ResourceCategory", s)
}

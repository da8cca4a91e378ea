// Package alert is a temporary alias of package alerts, kept while work in
// progress still imports the old name. Import package alerts.
package alert

import "github.com/vigil-soc/vigil/alerts"

type (
	Alert          = alerts.Alert
	Severity       = alerts.Severity
	Status         = alerts.Status
	Link           = alerts.Link
	Entity         = alerts.Entity
	Relation       = alerts.Relation
	FieldError     = alerts.FieldError
	StoredRelation = alerts.StoredRelation
)

const (
	Informational = alerts.Informational
	Low           = alerts.Low
	Medium        = alerts.Medium
	High          = alerts.High
	Active        = alerts.Active
	InProgress    = alerts.InProgress
	Resolved      = alerts.Resolved
	Dismissed     = alerts.Dismissed

	EntityHost          = alerts.EntityHost
	EntityAccount       = alerts.EntityAccount
	EntityIP            = alerts.EntityIP
	EntityProcess       = alerts.EntityProcess
	EntityFile          = alerts.EntityFile
	EntityFileHash      = alerts.EntityFileHash
	EntityURL           = alerts.EntityURL
	EntityAzureResource = alerts.EntityAzureResource
	EntityMalware       = alerts.EntityMalware
	EntityDNS           = alerts.EntityDNS
	EntityRegistryKey   = alerts.EntityRegistryKey
	EntityRegistryValue = alerts.EntityRegistryValue
	EntityMailbox       = alerts.EntityMailbox
	EntityCloudApp      = alerts.EntityCloudApp
	EntitySecurityGroup = alerts.EntitySecurityGroup
)

// Quote bounds and quotes an attacker-controlled value for an error message.
func Quote(s string) string { return alerts.Quote(s) }

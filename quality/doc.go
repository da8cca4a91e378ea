// Package quality measures how well correlation groups alerts into
// incidents: a labelled scenario corpus, pairwise precision and recall, and
// two baselines scored in the same run. `make quality` runs
// `go run ./quality/cmd/report`, which prints the table.
//
//	corpus, err := quality.Corpus()                    // the scenarios under quality/scenarios
//	rep, err := quality.Run(ctx, corpus, quality.Options{DSN: fresh})
//	rep.WriteTable(os.Stdout)                          // per scenario, per category, TOTAL, target
//
// # Scenarios
//
// One JSON file per scenario in scenarios/, named after the scenario:
//
//	{
//	  "name": "single-vm-rdp-brute-force-to-c2",   // the file name without .json
//	  "category": "single-resource",                // one of Categories
//	  "description": "what happens, and why the labels are what they are",
//	  "alerts": [
//	    {
//	      "id": "s01-a1",                           // system alert id
//	      "alertType": "RDP_Incoming_BF_OneToOne",  // type and display name as the catalogue
//	      "displayName": "Suspicious incoming RDP network activity", // or the sample export gives them
//	      "severity": "Medium",                     // High, Medium, Low, Informational
//	      "intent": "",                             // the vendor's intent words; "" = none (the catalogue decides)
//	      "start": "2h30m",                         // start time: an offset from Base (time.ParseDuration)
//	      "resourceId": "/subscriptions/…/virtualMachines/web-01", // "" = none
//	      "compromisedEntity": "web-01",
//	      "entities": [{"Type": "ip", "Address": "203.0.113.7"}], // as Defender sends them
//	      "status": "Active",                       // Active (default), InProgress, Resolved, Dismissed
//	      "batch": 0,                               // arrival: batch 0 first, correlated, then batch 1 …
//	      "label": "rdp-chain"                      // ground truth: the group it belongs to, "" = no incident
//	    }
//	  ]
//	}
//
// Every alert must carry a label ("" is a label: the alert should be in no
// incident). Alert types and display names are real ones, taken from the
// killchain catalogue or the sample export (demo/data/alertlist.csv, whose
// AlertType column repeats the display name, so those alerts do too);
// subscriptions, hosts, accounts and addresses are invented: public
// addresses come from the documentation ranges 192.0.2.0/24, 198.51.100.0/24
// and 203.0.113.0/24, private ones from RFC 1918, carrier-grade NAT ones
// from RFC 6598 (100.64.0.0/10). The same id in two batches
// is one alert sent twice (a replay, or an update such as a later
// dismissal); both copies carry the same label.
//
// Each alert becomes a workflow-export (continuous export) alert and goes
// through formats.Parse and ingest.Items, the path of POST /api/alerts, so
// resource keys, entity keys and tactics are the product's own.
//
// # Systems
//
// Each scenario is ingested into a fresh database, batch by batch, with
// correlate.All after each batch. Three systems are then scored on it:
//
//   - vigil: the incidents correlation stored (those not merged into
//     another) and their members;
//   - per-resource: "one incident per resource per window": the stored
//     alerts of each resource, dismissed ones included, split wherever
//     consecutive starts are more than the window apart; every chain of two
//     or more alerts is an incident, with no kill-chain rule;
//   - per-entity: "one incident per shared entity": alerts that share an ip,
//     account or host entity key are connected, transitively, with no
//     window; every connected group of two or more alerts is an incident.
//
// # Scores
//
// Scores are pairwise. A pair of alerts is predicted together when some
// incident holds both (an alert may be in several incidents, e.g. a
// per-resource incident and a multi-resource one that covers it), and
// labelled together when both carry the same non-empty label. An alert with
// no label and in no incident takes part in no pair. With P the predicted
// pairs, L the labelled pairs and C the pairs in both:
//
//	precision = C / |P|        recall = C / |L|
//
// When a denominator is zero the figure is 1 if nothing is predicted and
// nothing is labelled (there was nothing to find and nothing was claimed),
// and 0 otherwise: a system that claims pairs in a scenario with none
// labelled has recall 0 there as well as precision 0, and one that claims
// nothing where pairs are labelled has precision 0 as well as recall 0.
// Totals, overall and per category, are micro-averaged: the counts are
// summed over scenarios before dividing, so a scenario weighs by its pairs.
//
// The target (issue 4) is vigil's total precision and recall ≥ 0.95 and
// better than both baselines, where better means a higher F1 (the harmonic
// mean of precision and recall): a baseline can reach a recall of 1 by
// linking everything, so neither figure alone can be "better". The report
// prints whether the target is met; it does not fail on it.
package quality

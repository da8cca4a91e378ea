// Package killchain knows the MITRE ATT&CK enterprise tactics in kill-chain
// order, turns every vendor vocabulary of "intent" into them, and holds a
// built-in catalogue that gives tactics to alerts that carry no intent.
//
//	ts, unknown := killchain.ParseIntent("PreAttack, Exploitation") // [RECONNAISSANCE INITIAL_ACCESS], no unknown words
//	ts, ok := killchain.Lookup("VM_SshBruteForceFailed", "")          // [RECONNAISSANCE], true
//	ts, ok = killchain.Lookup("", "Successful RDP brute force attack") // [INITIAL_ACCESS], true
//	if killchain.Before(a, b) { ... }                                  // a comes earlier in the kill chain
//
// Use the alert's own intent when it has one, and Lookup only when it has none:
// the vendor knows the alert better than any catalogue.
//
// # How Lookup matches
//
// Lookup tries, in this order, and stops at the first that knows the alert:
//
//  1. the alert type, exactly but ignoring case ("VM_EICAR", "SQL.VM_BruteForce").
//     Where Microsoft uses one type for several display names with different
//     tactics, the line whose display name also matches wins, else the first.
//  2. the display name, ignoring case, punctuation and runs of spaces, a
//     "Preview" marker and a trailing "[seen multiple times]". Names with a
//     placeholder, such as "Possible incoming %{Service Name} brute force
//     attempts detected", match any words in its place. When several lines
//     share a display name, a line with Microsoft's tactics wins over Vigil's.
//  3. the keyword rules in rules.go, in order, over the display name, so that
//     alerts from other products and custom analytics rules ("SQL injection
//     blocked", "DC local group addition - Demo") get the tactic that ATT&CK
//     gives the technique they name.
//
// With no display name, steps 2 and 3 use the alert type instead, because Log
// Analytics puts the rule name of a custom alert there.
//
// # Sources
//
// The catalogue (catalogue_data.go) is taken from Microsoft's "Reference table
// of security alerts" for Defender for Cloud: every line names its page, and
// keeps the tactics in the page's own words (Probing, PreAttack, Exploitation
// are Azure's older kill-chain intents; ParseIntent maps them). Where Microsoft
// lists an alert without a tactic ("-"), or not at all, the line's source is
// vigil and its note says why it has the tactics it has, usually the tactic
// Microsoft gives a twin alert, else the ATT&CK technique it describes.
//
// # Adding an entry
//
// Add one line to entries in catalogue_data.go, under the heading of its page:
//
//	{"VM_NewType", "Display name as the page writes it", "Defense Evasion, Execution", windowsPage, ""},
//
// For a mapping of Vigil's own, use the source vigil and give the reason in the
// note. For a family of alerts that no type or name pins down, add a rule to
// rules in rules.go, above any broader rule that would catch it first, with its
// reason. The tests check that every line parses to at least one tactic with no
// unknown word, that vigil lines and rules give a reason, and that the sample
// export (demo/data/alertlist.csv) keeps its coverage.
package killchain

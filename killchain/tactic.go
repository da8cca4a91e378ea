package killchain

import (
	"sort"
	"strings"
	"unicode"
)

// Tactic is one MITRE ATT&CK enterprise tactic. Its string form is the
// GraphQL enum value (RECONNAISSANCE, INITIAL_ACCESS, ...).
type Tactic string

// The tactics, declared in kill-chain order.
const (
	Reconnaissance      Tactic = "RECONNAISSANCE"
	ResourceDevelopment Tactic = "RESOURCE_DEVELOPMENT"
	InitialAccess       Tactic = "INITIAL_ACCESS"
	Execution           Tactic = "EXECUTION"
	Persistence         Tactic = "PERSISTENCE"
	PrivilegeEscalation Tactic = "PRIVILEGE_ESCALATION"
	DefenseEvasion      Tactic = "DEFENSE_EVASION"
	CredentialAccess    Tactic = "CREDENTIAL_ACCESS"
	Discovery           Tactic = "DISCOVERY"
	LateralMovement     Tactic = "LATERAL_MOVEMENT"
	Collection          Tactic = "COLLECTION"
	CommandAndControl   Tactic = "COMMAND_AND_CONTROL"
	Exfiltration        Tactic = "EXFILTRATION"
	Impact              Tactic = "IMPACT"
)

// All lists every tactic in kill-chain order.
var All = []Tactic{
	Reconnaissance, ResourceDevelopment, InitialAccess, Execution, Persistence,
	PrivilegeEscalation, DefenseEvasion, CredentialAccess, Discovery, LateralMovement,
	Collection, CommandAndControl, Exfiltration, Impact,
}

var position = func() map[Tactic]int {
	m := make(map[Tactic]int, len(All))
	for i, t := range All {
		m[t] = i
	}
	return m
}()

// Index returns the tactic's position in the kill chain (0 for
// RECONNAISSANCE), or -1 for a value that is not a tactic.
func Index(t Tactic) int {
	if i, ok := position[t]; ok {
		return i
	}
	return -1
}

// Valid reports whether t is one of the fourteen tactics.
func (t Tactic) Valid() bool { return Index(t) >= 0 }

// Before reports whether a comes strictly earlier in the kill chain than b.
func Before(a, b Tactic) bool { return Index(a) >= 0 && Index(b) >= 0 && Index(a) < Index(b) }

// Sorted returns the distinct valid tactics of ts in kill-chain order.
func Sorted(ts []Tactic) []Tactic {
	seen := make(map[Tactic]bool, len(ts))
	out := make([]Tactic, 0, len(ts))
	for _, t := range ts {
		if t.Valid() && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return Index(out[i]) < Index(out[j]) })
	return out
}

// intents maps a normalised vendor word (lowercase, no spaces, dashes or
// underscores) to tactics. It covers the ATT&CK names and the older Azure
// Security Center kill-chain intents (PreAttack, Probing, Exploitation, ...).
var intents = map[string][]Tactic{
	"reconnaissance":      {Reconnaissance},
	"resourcedevelopment": {ResourceDevelopment},
	"initialaccess":       {InitialAccess},
	"execution":           {Execution},
	"persistence":         {Persistence},
	"privilegeescalation": {PrivilegeEscalation},
	"defenseevasion":      {DefenseEvasion},
	"defenceevasion":      {DefenseEvasion},
	"credentialaccess":    {CredentialAccess},
	"discovery":           {Discovery},
	"lateralmovement":     {LateralMovement},
	"collection":          {Collection},
	"commandandcontrol":   {CommandAndControl},
	"exfiltration":        {Exfiltration},
	"impact":              {Impact},
	// Azure Security Center's pre-ATT&CK kill-chain intents.
	"preattack":    {Reconnaissance},
	"probing":      {Reconnaissance},
	"exploitation": {InitialAccess},
}

// ignoredIntents are vendor words that carry no tactic.
var ignoredIntents = map[string]bool{"unknown": true, "none": true, "": true}

// ParseIntent turns a vendor intent value — one name or a list separated by
// commas, semicolons, pipes or slashes, with or without spaces around them, as in
// "Execution, Persistence" or Microsoft's "Initial Access / Pre Attack" — into
// distinct tactics in kill-chain order. Unknown words are returned in unknown so
// that callers can report them; "Unknown" and "None" are ignored.
func ParseIntent(s string) (tactics []Tactic, unknown []string) {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '|' || r == '/' })
	for _, f := range fields {
		f = strings.TrimSpace(f)
		key := normalise(f)
		if ignoredIntents[key] {
			continue
		}
		if ts, ok := intents[key]; ok {
			tactics = append(tactics, ts...)
			continue
		}
		unknown = append(unknown, f)
	}
	return Sorted(tactics), unknown
}

// normalise lowercases s and drops spaces, dashes and underscores, so that
// "Command and Control", "CommandAndControl" and "command_and_control" meet.
// An ampersand reads as "and": "Command & Control" is "commandandcontrol" too.
func normalise(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '&':
			b.WriteString("and")
		case r == '-' || r == '_' || unicode.IsSpace(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Label returns the tactic's name as ATT&CK writes it ("Command and Control").
func Label(t Tactic) string {
	switch t {
	case CommandAndControl:
		return "Command and Control"
	case ResourceDevelopment:
		return "Resource Development"
	}
	words := strings.Split(strings.ToLower(string(t)), "_")
	for i, w := range words {
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

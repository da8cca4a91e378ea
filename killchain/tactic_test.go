package killchain

import (
	"slices"
	"testing"
)

func TestParseIntent(t *testing.T) {
	tests := []struct {
		name        string
		in          string
		want        []Tactic
		wantUnknown []string
	}{
		{"ATT&CK name as written", "Initial Access", []Tactic{InitialAccess}, nil},
		{"ATT&CK name in lower case", "defense evasion", []Tactic{DefenseEvasion}, nil},
		{"ATT&CK name in upper case with underscores", "PRIVILEGE_ESCALATION", []Tactic{PrivilegeEscalation}, nil},
		{"ATT&CK name run together", "LateralMovement", []Tactic{LateralMovement}, nil},
		{"ATT&CK name with dashes", "credential-access", []Tactic{CredentialAccess}, nil},
		{"ATT&CK name with extra spaces and a tab", "  Resource \tDevelopment ", []Tactic{ResourceDevelopment}, nil},
		{"British spelling of defence", "Defence Evasion", []Tactic{DefenseEvasion}, nil},
		{"Command and Control in words", "Command and Control", []Tactic{CommandAndControl}, nil},
		{"Command And Control as Microsoft capitalises it", "Command And Control", []Tactic{CommandAndControl}, nil},
		{"Command & Control with an ampersand", "Command & Control", []Tactic{CommandAndControl}, nil},
		{"CommandAndControl run together", "CommandAndControl", []Tactic{CommandAndControl}, nil},
		{"Azure PreAttack is reconnaissance", "PreAttack", []Tactic{Reconnaissance}, nil},
		{"Azure Pre-Attack with a dash", "Pre-Attack", []Tactic{Reconnaissance}, nil},
		{"Azure Pre Attack with a space", "Pre Attack", []Tactic{Reconnaissance}, nil},
		{"Azure Probing is reconnaissance", "Probing", []Tactic{Reconnaissance}, nil},
		{"Azure Exploitation is initial access", "Exploitation", []Tactic{InitialAccess}, nil},
		{"list separated by comma and space", "Execution, Persistence", []Tactic{Execution, Persistence}, nil},
		{"list separated by semicolons", "Persistence;Execution", []Tactic{Execution, Persistence}, nil},
		{"list separated by pipes with spaces", "Execution | Persistence", []Tactic{Execution, Persistence}, nil},
		{"list separated by slashes as on Microsoft's storage page", "Exfiltration /  Resource Development / Impact", []Tactic{ResourceDevelopment, Exfiltration, Impact}, nil},
		{"list out of kill-chain order comes back in order", "Impact, Discovery, Reconnaissance", []Tactic{Reconnaissance, Discovery, Impact}, nil},
		{"list mixing Azure and ATT&CK words for one tactic collapses it", "Exploitation, Initial Access", []Tactic{InitialAccess}, nil},
		{"unknown word is reported and the rest kept", "Execution, Hacking", []Tactic{Execution}, []string{"Hacking"}},
		{"unknown word is reported as written, trimmed", " Totally Made Up ", nil, []string{"Totally Made Up"}},
		{"Unknown is ignored", "Unknown", nil, nil},
		{"Unknown in a list is ignored", "Unknown, Collection", []Tactic{Collection}, nil},
		{"None is ignored", "None", nil, nil},
		{"empty string gives nothing", "", nil, nil},
		{"empty list items are skipped", "Execution,, ,Impact", []Tactic{Execution, Impact}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, unknown := ParseIntent(tt.in)
			if !slices.Equal(got, tt.want) || !slices.Equal(unknown, tt.wantUnknown) {
				t.Errorf("ParseIntent(%q) = %v, unknown %q; want %v, unknown %q", tt.in, got, unknown, tt.want, tt.wantUnknown)
			}
		})
	}
}

func TestParseIntentKnowsEveryTacticByItsEnumName(t *testing.T) {
	for _, tc := range All {
		got, unknown := ParseIntent(string(tc))
		if !slices.Equal(got, []Tactic{tc}) || unknown != nil {
			t.Errorf("ParseIntent(%q) = %v, unknown %q; want [%v]", tc, got, unknown, tc)
		}
	}
}

func TestIndexFollowsAll(t *testing.T) {
	if len(All) != 14 {
		t.Fatalf("All has %d tactics, want the 14 of ATT&CK enterprise", len(All))
	}
	for i, tc := range All {
		if got := Index(tc); got != i {
			t.Errorf("Index(%v) = %d, want %d", tc, got, i)
		}
		if !tc.Valid() {
			t.Errorf("%v.Valid() = false", tc)
		}
	}
	tests := []struct {
		name string
		in   Tactic
		want int
	}{
		{"reconnaissance is first", Reconnaissance, 0},
		{"impact is last", Impact, 13},
		{"lowercase is not a tactic", "execution", -1},
		{"empty is not a tactic", "", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Index(tt.in); got != tt.want {
				t.Errorf("Index(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestBefore(t *testing.T) {
	tests := []struct {
		name string
		a, b Tactic
		want bool
	}{
		{"initial access comes before execution", InitialAccess, Execution, true},
		{"impact does not come before discovery", Impact, Discovery, false},
		{"a tactic is not before itself", Persistence, Persistence, false},
		{"an invalid first tactic is before nothing", "BOGUS", Impact, false},
		{"nothing is before an invalid tactic", Reconnaissance, "BOGUS", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Before(tt.a, tt.b); got != tt.want {
				t.Errorf("Before(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestSorted(t *testing.T) {
	tests := []struct {
		name string
		in   []Tactic
		want []Tactic
	}{
		{"nil gives an empty list", nil, []Tactic{}},
		{"out of order comes back in kill-chain order", []Tactic{Impact, InitialAccess, Discovery}, []Tactic{InitialAccess, Discovery, Impact}},
		{"duplicates are dropped", []Tactic{Execution, Execution, Reconnaissance, Execution}, []Tactic{Reconnaissance, Execution}},
		{"invalid values are dropped", []Tactic{"BOGUS", Collection, ""}, []Tactic{Collection}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.in)
			got := Sorted(in)
			if !slices.Equal(got, tt.want) || got == nil {
				t.Errorf("Sorted(%v) = %#v, want %#v", tt.in, got, tt.want)
			}
			if !slices.Equal(in, tt.in) {
				t.Errorf("Sorted changed its argument to %v", in)
			}
		})
	}
}

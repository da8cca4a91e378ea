package killchain

import (
	"slices"
	"testing"
)

func TestNameKey(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"case and punctuation fold", "Detected suspicious use of FTP -s Switch.", "detected suspicious use of ftp s switch"},
		{"runs of spaces and tabs fold", " Suspicious \t SVCHOST  process ", "suspicious svchost process"},
		{"seen multiple times is dropped", "Possible credential dumping detected [seen multiple times]", "possible credential dumping detected"},
		{"leading PREVIEW dash is dropped", "PREVIEW - Suspicious key vault recovery detected", "suspicious key vault recovery detected"},
		{"leading (Preview) is dropped", "(Preview) Suspicious spike in latency", "suspicious spike in latency"},
		{"trailing (Preview) is dropped", "Suspicious Azure role assignment detected (Preview)", "suspicious azure role assignment detected"},
		{"preview inside a name stays", "Print preview opened", "print preview opened"},
		{"non-ASCII letters are words", "Détecté: accès suspect", "détecté accès suspect"},
		{"nothing but punctuation is empty", "-- [] .", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := nameKey(tt.in); got != tt.want {
				t.Errorf("nameKey(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTemplateWords(t *testing.T) {
	got, ok := templateWords("Possible incoming %{Service Name} brute force attempts detected")
	want := []string{"possible", "incoming", placeholder, "brute", "force", "attempts", "detected"}
	if !ok || !slices.Equal(got, want) {
		t.Errorf("templateWords = %q, %v; want %q, true", got, ok, want)
	}
	if _, ok := templateWords("Suspicious incoming SSH network activity"); ok {
		t.Errorf("templateWords reports a slot in a name without one")
	}
}

func TestMatchTemplate(t *testing.T) {
	pattern, _ := templateWords("Possible incoming %{Service Name} brute force attempts detected")
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"one word in the slot", "Possible incoming SMB brute force attempts detected", true},
		{"several words in the slot", "Possible incoming Remote Desktop Protocol brute force attempts detected", true},
		{"empty slot does not match", "Possible incoming brute force attempts detected", false},
		{"missing tail does not match", "Possible incoming SMB brute force", false},
		{"extra tail does not match", "Possible incoming SMB brute force attempts detected today", false},
		{"other head does not match", "Likely incoming SMB brute force attempts detected", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := matchTemplate(pattern, nameWords(tt.in)); got != tt.want {
				t.Errorf("matchTemplate(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestPhraseIn(t *testing.T) {
	tests := []struct {
		name, phrase, in string
		want             bool
	}{
		{"whole words match", "brute force", "Failed RDP Brute Force Attack", true},
		{"a word is not a prefix without a star", "log", "Suspicious logon detected", false},
		{"a star lets the last word be a prefix", "success*", "Successful RDP brute force attack", true},
		{"a star does not reach inside a word", "cess*", "Successful RDP brute force attack", false},
		{"words must be adjacent", "brute attack", "Failed RDP Brute Force Attack", false},
		{"a phrase longer than the name does not match", "a b c d", "a b c", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parsePhrase(tt.phrase).in(nameWords(tt.in)); got != tt.want {
				t.Errorf("%q in %q = %v, want %v", tt.phrase, tt.in, got, tt.want)
			}
		})
	}
}

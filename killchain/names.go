package killchain

import (
	"strings"
	"unicode"
)

// Display names are compared as words: lowercase runs of letters and digits.
// Vendors and exports punctuate, capitalise and space the same name
// differently ("Detected obfuscated command line." and "Detected obfuscated
// command line", "Suspicious Powershell Activity Detected" and "Suspicious
// PowerShell Activity Detected"), so only the words count.

// tokens splits s into lowercase words of letters and digits.
func tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// trimMarkers drops the decorations Defender for Cloud adds to a display name:
// "Preview" at either end ("PREVIEW - ...", "(Preview) ...", "... (Preview)")
// and a trailing "[seen multiple times]" on aggregated alerts.
func trimMarkers(ws []string) []string {
	if n := len(ws); n >= 3 && ws[n-3] == "seen" && ws[n-2] == "multiple" && ws[n-1] == "times" {
		ws = ws[:n-3]
	}
	if len(ws) > 0 && ws[0] == "preview" {
		ws = ws[1:]
	}
	if n := len(ws); n > 0 && ws[n-1] == "preview" {
		ws = ws[:n-1]
	}
	return ws
}

// nameWords is the comparable form of a display name.
func nameWords(name string) []string { return trimMarkers(tokens(name)) }

// nameKey joins nameWords into a map key.
func nameKey(name string) string { return strings.Join(nameWords(name), " ") }

// placeholder stands for a "%{Field Name}" slot of a display name template; it
// matches one word or more.
const placeholder = "%"

// templateWords is nameWords for a name with "%{...}" slots, each slot
// becoming one placeholder. It reports false when the name has no slot.
func templateWords(name string) ([]string, bool) {
	var ws []string
	found := false
	for {
		i := strings.Index(name, "%{")
		if i < 0 {
			break
		}
		j := strings.Index(name[i:], "}")
		if j < 0 {
			break
		}
		ws = append(ws, tokens(name[:i])...)
		ws = append(ws, placeholder)
		name, found = name[i+j+1:], true
	}
	return trimMarkers(append(ws, tokens(name)...)), found
}

// matchTemplate reports whether the words ws fill the template pattern.
func matchTemplate(pattern, ws []string) bool {
	if len(pattern) == 0 {
		return len(ws) == 0
	}
	if pattern[0] == placeholder {
		for i := 1; i <= len(ws); i++ {
			if matchTemplate(pattern[1:], ws[i:]) {
				return true
			}
		}
		return false
	}
	return len(ws) > 0 && ws[0] == pattern[0] && matchTemplate(pattern[1:], ws[1:])
}

// phrase is a run of words that a keyword rule looks for in a display name.
// With prefix set, the last word only has to begin the name's word, so that
// "success*" finds "successful" and "successfully".
type phrase struct {
	words  []string
	prefix bool
}

// parsePhrase reads "brute force" or "success*".
func parsePhrase(s string) phrase {
	s = strings.TrimSpace(s)
	p := phrase{prefix: strings.HasSuffix(s, "*")}
	p.words = tokens(strings.TrimSuffix(s, "*"))
	return p
}

// in reports whether the phrase occurs in ws, on word boundaries.
func (p phrase) in(ws []string) bool {
	n := len(p.words)
	if n == 0 {
		return false
	}
	for i := 0; i+n <= len(ws); i++ {
		if p.at(ws[i : i+n]) {
			return true
		}
	}
	return false
}

func (p phrase) at(ws []string) bool {
	last := len(p.words) - 1
	for k, w := range p.words {
		if k == last && p.prefix {
			if !strings.HasPrefix(ws[k], w) {
				return false
			}
		} else if ws[k] != w {
			return false
		}
	}
	return true
}

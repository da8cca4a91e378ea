package killchain

import (
	"fmt"
	"slices"
	"strings"
)

// Lookup returns the tactics for an alert with this alert type and display name (either may be empty),
// distinct and in kill-chain order, and ok=false when the catalogue knows neither.
//
// The package documentation tells the order in which the alert type, the
// display name and the keyword rules are tried. The returned slice is the
// caller's own.
func Lookup(alertType, displayName string) (tactics []Tactic, ok bool) {
	return builtin.lookup(bound(alertType), bound(displayName))
}

// maxLookup bounds the text Lookup reads. The catalogue's names are under
// 200 bytes, and each rule makes a pass over the name's words, so a
// megabyte-long display name (attacker-controlled) took a CPU for half a
// second per megabyte, ten times that under the race detector.
const maxLookup = 1024

func bound(s string) string {
	if len(s) <= maxLookup {
		return s
	}
	return strings.ToValidUTF8(s[:maxLookup], "")
}

// entry is one line of the catalogue; see catalogue_data.go.
type entry struct {
	alertType string // Microsoft's alert type; empty when the page gives only a display name
	name      string // the display name as the page writes it
	intent    string // the tactics in the page's own words, for ParseIntent
	source    page
	note      string // why the line departs from its page; required when source is vigil
}

// catalogue is the compiled form of entries and rules.
type catalogue struct {
	tactics   [][]Tactic       // per entry
	nameKeys  []string         // per entry
	byType    map[string][]int // lowercase alert type → entries, in table order
	byName    map[string]int   // nameKey → the entry that answers for that name
	templates []template
	rules     []compiledRule
}

// template is an entry whose display name has "%{...}" slots.
type template struct {
	words []string
	entry int
}

var builtin = mustCompile(entries, rules)

// mustCompile builds the catalogue, and panics on a line that does not parse:
// the data is part of the program, and every test run checks it.
func mustCompile(es []entry, rs []rule) *catalogue {
	c, errs := compile(es, rs)
	if len(errs) > 0 {
		panic("killchain: bad built-in catalogue: " + strings.Join(errs, "; "))
	}
	return c
}

// compile builds a catalogue and reports each line or rule that yields no
// tactic or has a word ParseIntent does not know.
func compile(es []entry, rs []rule) (*catalogue, []string) {
	c := &catalogue{
		tactics:  make([][]Tactic, len(es)),
		nameKeys: make([]string, len(es)),
		byType:   make(map[string][]int),
		byName:   make(map[string]int),
	}
	var errs []string
	for i, e := range es {
		ts, unknown := ParseIntent(e.intent)
		if len(ts) == 0 || len(unknown) > 0 {
			errs = append(errs, fmt.Sprintf("entry %q/%q: intent %q has tactics %v, unknown words %q", e.alertType, e.name, e.intent, ts, unknown))
		}
		c.tactics[i] = ts
		c.nameKeys[i] = nameKey(e.name)
		if t := strings.ToLower(e.alertType); t != "" {
			c.byType[t] = append(c.byType[t], i)
		}
	}
	// Names: Microsoft's lines first, so that Microsoft's tactics answer for a
	// display name that a line of Vigil's shares; within each, the first line.
	for _, ours := range []bool{false, true} {
		for i, e := range es {
			if (e.source == vigil) != ours {
				continue
			}
			if ws, ok := templateWords(e.name); ok {
				c.templates = append(c.templates, template{words: ws, entry: i})
				continue
			}
			if _, taken := c.byName[c.nameKeys[i]]; !taken && c.nameKeys[i] != "" {
				c.byName[c.nameKeys[i]] = i
			}
		}
	}
	for _, r := range rs {
		cr, err := r.compile()
		if err != nil {
			errs = append(errs, err.Error())
		}
		c.rules = append(c.rules, cr)
	}
	return c, errs
}

func (c *catalogue) lookup(alertType, displayName string) ([]Tactic, bool) {
	if ids := c.byType[strings.ToLower(strings.TrimSpace(alertType))]; len(ids) > 0 {
		id := ids[0]
		if k := nameKey(displayName); k != "" {
			for _, j := range ids {
				if c.nameKeys[j] == k {
					id = j
					break
				}
			}
		}
		return slices.Clone(c.tactics[id]), true
	}
	ws := nameWords(displayName)
	if len(ws) == 0 {
		ws = nameWords(alertType)
	}
	if len(ws) == 0 {
		return nil, false
	}
	if id, ok := c.byName[strings.Join(ws, " ")]; ok {
		return slices.Clone(c.tactics[id]), true
	}
	for _, t := range c.templates {
		if matchTemplate(t.words, ws) {
			return slices.Clone(c.tactics[t.entry]), true
		}
	}
	for _, r := range c.rules {
		if r.matches(ws) {
			return slices.Clone(r.tactics), true
		}
	}
	return nil, false
}

package correlate

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/vigil-soc/vigil/alerts"
)

// Rule is a named, versioned set of correlation settings, as a rules file
// (YAML or JSON) gives them; every setting may be left out for its default.
// Overrides change the per-resource settings for resources of one type.
//
//	name: kill-chain
//	version: 3
//	window: 24h
//	minTactics: 2
//	forwardStep: true
//	maxLifetime: 14d
//	severityFloor: Low
//	linkKinds: [ip, account, file, filehash, host, malware]
//	maxLinkResources: 20
//	overrides:
//	  - resourceType: Microsoft.Web/sites
//	    window: 6h
type Rule struct {
	Name        string `yaml:"name"`
	Version     int    `yaml:"version"`
	Description string `yaml:"description"`
	// Window is the inactivity gap that ends a chain (default 24h, or
	// --correlation-window).
	Window Duration `yaml:"window"`
	// MinTactics is how many distinct tactics a chain needs (default 2).
	MinTactics int `yaml:"minTactics"`
	// ForwardStep, when true (the default), requires an alert with a later
	// tactic than one of an alert that starts before or with it.
	ForwardStep *bool `yaml:"forwardStep"`
	// MaxLifetime bounds how long one incident may run from its first
	// alert (default 14 days); a longer chain starts a new incident.
	MaxLifetime Duration `yaml:"maxLifetime"`
	// SeverityFloor is the severity at least one alert of a chain must
	// have for it to start an incident; members below it still join
	// (default Informational: any).
	SeverityFloor alerts.Severity `yaml:"severityFloor"`
	// LinkKinds are the entity kinds whose strong values tie resources
	// (default DefaultLinkKinds; an empty list ties none).
	LinkKinds []string `yaml:"linkKinds"`
	// MaxLinkResources is how many resources one value may tie within a
	// window before it ties nothing (default 20).
	MaxLinkResources int `yaml:"maxLinkResources"`
	// Overrides change Window, MinTactics, ForwardStep, MaxLifetime and
	// SeverityFloor for one resource type.
	Overrides []Override `yaml:"overrides"`
}

// Override changes per-resource settings for resources of one type.
type Override struct {
	// ResourceType is e.g. Microsoft.Web/sites; it compares
	// case-insensitively, as Azure's do.
	ResourceType  string          `yaml:"resourceType"`
	Window        Duration        `yaml:"window"`
	MinTactics    int             `yaml:"minTactics"`
	ForwardStep   *bool           `yaml:"forwardStep"`
	MaxLifetime   Duration        `yaml:"maxLifetime"`
	SeverityFloor alerts.Severity `yaml:"severityFloor"`
}

// Params are the per-resource settings a rule gives one resource type.
type Params struct {
	Window        time.Duration
	MinTactics    int
	ForwardStep   bool
	MaxLifetime   time.Duration
	SeverityFloor alerts.Severity
}

// Defaults of a rule.
const (
	DefaultRuleName    = "kill-chain"
	DefaultWindow      = 24 * time.Hour
	DefaultMinTactics  = 2
	DefaultMaxLifetime = 14 * 24 * time.Hour
)

// DefaultParams are the settings of the built-in rule.
var DefaultParams = Params{Window: DefaultWindow, MinTactics: DefaultMinTactics, ForwardStep: true, MaxLifetime: DefaultMaxLifetime, SeverityFloor: alerts.Informational}

// Resolved returns r with every default filled in, window taking the given
// fallback (--correlation-window) when r sets none.
func (r Rule) Resolved(window time.Duration) Rule {
	if r.Name == "" {
		r.Name = DefaultRuleName
	}
	if r.Version == 0 {
		r.Version = 1
	}
	if r.Window <= 0 {
		r.Window = Duration(window)
		if window <= 0 {
			r.Window = Duration(DefaultWindow)
		}
	}
	if r.MinTactics == 0 {
		r.MinTactics = DefaultMinTactics
	}
	if r.ForwardStep == nil {
		t := true
		r.ForwardStep = &t
	}
	if r.MaxLifetime <= 0 {
		r.MaxLifetime = Duration(DefaultMaxLifetime)
	}
	if r.SeverityFloor == "" {
		r.SeverityFloor = alerts.Informational
	}
	if r.LinkKinds == nil {
		r.LinkKinds = append([]string(nil), DefaultLinkKinds...)
	}
	if r.MaxLinkResources == 0 {
		r.MaxLinkResources = DefaultMaxLinkResources
	}
	return r
}

// For returns the settings for resources of type resourceType (of a
// resolved rule).
func (r Rule) For(resourceType string) Params {
	p := Params{Window: time.Duration(r.Window), MinTactics: r.MinTactics, ForwardStep: r.ForwardStep == nil || *r.ForwardStep,
		MaxLifetime: time.Duration(r.MaxLifetime), SeverityFloor: r.SeverityFloor}
	for _, o := range r.Overrides {
		if !strings.EqualFold(o.ResourceType, resourceType) {
			continue
		}
		if o.Window > 0 {
			p.Window = time.Duration(o.Window)
		}
		if o.MinTactics > 0 {
			p.MinTactics = o.MinTactics
		}
		if o.ForwardStep != nil {
			p.ForwardStep = *o.ForwardStep
		}
		if o.MaxLifetime > 0 {
			p.MaxLifetime = time.Duration(o.MaxLifetime)
		}
		if o.SeverityFloor != "" {
			p.SeverityFloor = o.SeverityFloor
		}
	}
	return p
}

// LoadRule reads a rules file (YAML or JSON, which YAML reads too). Unknown
// fields and bad values are errors that name the field.
func LoadRule(path string) (Rule, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Rule{}, fmt.Errorf("rules file: %w", err)
	}
	r, err := ParseRule(b)
	if err != nil {
		return Rule{}, fmt.Errorf("rules file %s: %w", path, err)
	}
	return r, nil
}

// ParseRule parses and validates a rule.
func ParseRule(b []byte) (Rule, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err != nil {
		return Rule{}, errors.New(strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if err := checkDurations(&root, ""); err != nil {
		return Rule{}, err
	}
	var r Rule
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&r); err != nil {
		return Rule{}, errors.New(strings.TrimPrefix(err.Error(), "yaml: "))
	}
	r.SeverityFloor = alerts.Severity(strings.ToUpper(string(r.SeverityFloor)))
	for i := range r.Overrides {
		r.Overrides[i].SeverityFloor = alerts.Severity(strings.ToUpper(string(r.Overrides[i].SeverityFloor)))
	}
	return r, r.validate()
}

// checkDurations checks the durations, numbers and booleans of a rule
// document first, so that a bad one is reported with its field's path.
func checkDurations(n *yaml.Node, path string) error {
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for i, c := range n.Content {
			p := path
			if n.Kind == yaml.SequenceNode {
				p = fmt.Sprintf("%s[%d]", path, i)
			}
			if err := checkDurations(c, p); err != nil {
				return err
			}
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i].Value, n.Content[i+1]
			p := k
			if path != "" {
				p = path + "." + k
			}
			switch k {
			case "window", "maxLifetime":
				if _, err := parseDuration(v.Value); err != nil || v.Kind != yaml.ScalarNode {
					return fmt.Errorf("field %s: invalid duration %q (e.g. 24h, 90m, 14d)", p, v.Value)
				}
			case "version", "minTactics", "maxLinkResources":
				if _, err := strconv.Atoi(v.Value); err != nil || v.Kind != yaml.ScalarNode {
					return fmt.Errorf("field %s: %q is not a whole number", p, v.Value)
				}
			case "forwardStep":
				if _, err := strconv.ParseBool(v.Value); err != nil || v.Kind != yaml.ScalarNode {
					return fmt.Errorf("field %s: %q is not true or false", p, v.Value)
				}
			case "overrides":
				if err := checkDurations(v, p); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (r Rule) validate() error {
	bad := func(field, msg string) error { return fmt.Errorf("field %s: %s", field, msg) }
	switch {
	case r.Version < 0:
		return bad("version", "must not be negative")
	case r.MinTactics < 0 || r.MinTactics > 14:
		return bad("minTactics", "must be between 1 and 14")
	case r.MaxLinkResources < 0:
		return bad("maxLinkResources", "must not be negative")
	}
	if r.SeverityFloor != "" && r.SeverityFloor.Rank() < 0 {
		return bad("severityFloor", fmt.Sprintf("unknown value %q (Informational, Low, Medium, High)", r.SeverityFloor))
	}
	for _, k := range r.LinkKinds {
		if !knownLinkKind(k) {
			return bad("linkKinds", fmt.Sprintf("unknown kind %q (one of %s)", k, strings.Join(DefaultLinkKinds, ", ")))
		}
	}
	for i, o := range r.Overrides {
		at := func(f string) string { return fmt.Sprintf("overrides[%d].%s", i, f) }
		switch {
		case o.ResourceType == "":
			return bad(at("resourceType"), "missing")
		case o.MinTactics < 0 || o.MinTactics > 14:
			return bad(at("minTactics"), "must be between 1 and 14")
		case o.SeverityFloor != "" && o.SeverityFloor.Rank() < 0:
			return bad(at("severityFloor"), fmt.Sprintf("unknown value %q", o.SeverityFloor))
		}
	}
	return nil
}

func knownLinkKind(k string) bool {
	for _, d := range DefaultLinkKinds {
		if d == k {
			return true
		}
	}
	return false
}

// Duration is a time.Duration that a rules file writes as "24h", "90m" or
// "14d" (days), or as a number of seconds.
type Duration time.Duration

// UnmarshalYAML parses a duration.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	var s string
	if err := n.Decode(&s); err != nil {
		return err
	}
	v, err := parseDuration(s)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	*d = Duration(v)
	return nil
}

func parseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "-") {
		return 0, fmt.Errorf("negative duration %q", s)
	}
	if n, err := strconv.ParseFloat(s, 64); err == nil {
		return time.Duration(n * float64(time.Second)), nil
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.ParseFloat(days, 64)
		if err != nil {
			return 0, fmt.Errorf("invalid duration %q", s)
		}
		return time.Duration(n * 24 * float64(time.Hour)), nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("invalid duration %q (e.g. 24h, 90m, 14d)", s)
	}
	if v < 0 {
		return 0, fmt.Errorf("negative duration %q", s)
	}
	return v, nil
}

// String formats d as Go does ("24h0m0s").
func (d Duration) String() string { return time.Duration(d).String() }

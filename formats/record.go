package formats

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/vigil-soc/vigil/alerts"
)

// record is one alert item — a decoded JSON object or a table row — read
// field by field. Every getter takes the field's spellings in priority order
// (newer API versions first), tries them exactly and then case-insensitively
// (as encoding/json matches struct fields), and names the key it actually
// found in errors. The first error sticks: the item is then rejected with it,
// so the reading code can stay a flat list of assignments.
type record struct {
	m    map[string]any
	fold map[string]string // lowercased key → key, built on the first miss
	err  *alerts.FieldError
}

func newRecord(m map[string]any) *record { return &record{m: m} }

// fail records a field error unless one is already recorded.
func (r *record) fail(field, msg string) {
	if r.err == nil {
		r.err = &alerts.FieldError{Field: field, Msg: msg}
	}
}

// lookup returns the first of names that is present with a value other than
// null or "": the empty string is how CSV and Log Analytics spell "absent".
func (r *record) lookup(names ...string) (key string, v any, ok bool) {
	for _, n := range names {
		if v, ok := r.m[n]; ok && !absent(v) {
			return n, v, true
		}
	}
	if r.fold == nil {
		r.fold = foldKeys(r.m)
	}
	for _, n := range names {
		if k, ok := r.fold[strings.ToLower(n)]; ok && !absent(r.m[k]) {
			return k, r.m[k], true
		}
	}
	return "", nil, false
}

// foldKeys indexes m's keys by their lower case. When two keys fold to the
// same string the smaller one wins, so that the choice does not depend on
// map order.
func foldKeys(m map[string]any) map[string]string {
	f := make(map[string]string, len(m))
	for k := range m {
		l := strings.ToLower(k)
		if old, ok := f[l]; !ok || k < old {
			f[l] = k
		}
	}
	return f
}

func absent(v any) bool { return v == nil || v == "" }

// str reads a string field; "" when absent.
func (r *record) str(names ...string) string {
	k, v, ok := r.lookup(names...)
	if !ok {
		return ""
	}
	s, isStr := v.(string)
	if !isStr {
		r.fail(k, "want a string, got "+jsonType(v))
	}
	return s
}

// float reads a number, or a string holding one (CSV); nil when absent.
func (r *record) float(names ...string) *float64 {
	k, v, ok := r.lookup(names...)
	if !ok {
		return nil
	}
	var text string
	switch x := v.(type) {
	case json.Number:
		text = x.String()
	case string:
		text = strings.TrimSpace(x)
	default:
		r.fail(k, "want a number, got "+jsonType(v))
		return nil
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		r.fail(k, "not a number: "+alerts.Quote(text))
		return nil
	}
	return &f
}

// boolean reads a boolean, or a string holding one ("True" in CSV).
func (r *record) boolean(names ...string) bool {
	k, v, ok := r.lookup(names...)
	if !ok {
		return false
	}
	switch x := v.(type) {
	case bool:
		return x
	case string:
		b, err := strconv.ParseBool(strings.TrimSpace(x))
		if err != nil {
			r.fail(k, "not a boolean: "+alerts.Quote(x))
		}
		return b
	}
	r.fail(k, "want a boolean, got "+jsonType(v))
	return false
}

// structured reads a field that is JSON in the object formats and a JSON
// string in table rows (Entities, ExtendedProperties …): a string value is
// decoded. want is "array" or "object".
func (r *record) structured(want string, names ...string) (key string, v any, ok bool) {
	k, v, ok := r.lookup(names...)
	if !ok {
		return "", nil, false
	}
	if s, isStr := v.(string); isStr {
		d, err := decodeJSON([]byte(s))
		if err != nil {
			r.fail(k, "want a JSON "+want+" in the string, "+err.Error())
			return "", nil, false
		}
		v = d
	}
	if jsonType(v) != want {
		r.fail(k, "want an "+want+", got "+jsonType(v))
		return "", nil, false
	}
	return k, v, true
}

// list reads a list of strings: a JSON array, a JSON array in a string,
// or a comma- or semicolon-separated string ("T1059, T1053").
func (r *record) list(names ...string) []string {
	k, v, ok := r.lookup(names...)
	if !ok {
		return nil
	}
	if s, isStr := v.(string); isStr {
		if d, err := decodeJSON([]byte(s)); err == nil && jsonType(d) == "array" {
			v = d
		} else {
			return splitList(s)
		}
	}
	list, isList := v.([]any)
	if !isList {
		r.fail(k, "want an array of strings, got "+jsonType(v))
		return nil
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		s, isStr := e.(string)
		if !isStr {
			r.fail(k, "want an array of strings, got an element of type "+jsonType(e))
			return nil
		}
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// stringMap reads ExtendedProperties: an object (or a JSON object in a
// string) whose non-string values are kept as their JSON text and whose
// nulls become "".
func (r *record) stringMap(names ...string) map[string]string {
	_, v, ok := r.structured("object", names...)
	if !ok {
		return nil
	}
	m := v.(map[string]any)
	out := make(map[string]string, len(m))
	for k, e := range m {
		switch x := e.(type) {
		case nil:
			out[k] = ""
		case string:
			out[k] = x
		default:
			b, _ := json.Marshal(x) // decoded JSON always re-encodes
			out[k] = string(b)
		}
	}
	return out
}

// decodeJSON decodes one JSON value, numbers as json.Number.
func decodeJSON(b []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, jsonErr(err)
	}
	// Decoder.More is false before a stray "]" or "}" too: only white
	// space may follow the value.
	if len(bytes.TrimSpace(b[d.InputOffset():])) > 0 {
		return nil, errString("trailing data after the JSON value")
	}
	return v, nil
}

// jsonErr rewrites encoding/json's errors without Go type names.
func jsonErr(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return errString("invalid JSON at byte " + strconv.FormatInt(se.Offset, 10) + ": " + se.Error())
	}
	return errString("invalid JSON: " + err.Error())
}

// jsonType names v's JSON type for error messages.
func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case bool:
		return "boolean"
	case json.Number, float64:
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "unknown"
}

// sortedKeys returns m's keys in order, for deterministic output.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

type errString string

func (e errString) Error() string { return string(e) }

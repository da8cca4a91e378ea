package formats

import (
	"encoding/json"

	"github.com/vigil-soc/vigil/alerts"
)

// Entities arrive as a JSON array (a JSON string holding one in Log
// Analytics rows) serialised by Json.NET with reference preservation: an
// object carries "$id", and a later occurrence of the same object is
// replaced by {"$ref": "<that id>"}. The first occurrence may be nested
// inside another entity (a Host inlined in an Account), and the top-level
// list may then hold only the reference.
//
// Resolution never follows a reference, it only maps it to an index, so
// forged, cyclic or self references cannot loop; a reference to an id that
// no entity carries is dropped. Inside the list anything goes: entries that
// are not objects are skipped, and fields of unexpected types stay in
// Properties as they are.

// entities reads an entity list field.
func (r *record) entities(names ...string) []alerts.Entity {
	_, v, ok := r.structured("array", names...)
	if !ok {
		return nil
	}
	return resolveEntities(v.([]any))
}

// resolveEntities turns a vendor entity list into alert entities: every
// top-level object and every nested object carrying "$id" becomes an entity,
// top-level ones in list order, each followed by those it inlines (in the
// order of its field names); references and inlined entities become
// Relations named by the field that held them.
func resolveEntities(list []any) []alerts.Entity {
	res := resolver{ids: map[string]int{}}
	for _, v := range list {
		m, ok := v.(map[string]any)
		if !ok || isRef(m) {
			continue // a top-level reference repeats an entity defined elsewhere
		}
		res.entity(m)
	}
	for _, p := range res.pending {
		to := p.to
		if p.ref != "" {
			i, ok := res.ids[p.ref]
			if !ok {
				continue
			}
			to = i
		}
		e := &res.out[p.from]
		e.Relations = append(e.Relations, alerts.Relation{Name: p.name, Target: to})
	}
	for i := range res.out {
		describe(res.out, i)
	}
	return res.out
}

type resolver struct {
	out     []alerts.Entity
	ids     map[string]int // $id → entity index; the first definition wins
	pending []pendingRelation
}

// pendingRelation is a relation found while walking; references are
// resolved once every $id is known, since Json.NET may refer forward.
type pendingRelation struct {
	from int
	name string
	to   int    // the target, when it was inlined
	ref  string // else the $ref to resolve
}

// entity adds m as an entity and returns its index.
func (res *resolver) entity(m map[string]any) int {
	i := len(res.out)
	res.out = append(res.out, alerts.Entity{})
	if id, ok := refString(m["$id"]); ok {
		if _, dup := res.ids[id]; !dup {
			res.ids[id] = i
		}
	}
	props := make(map[string]any, len(m))
	for _, k := range sortedKeys(m) { // sorted: entity indexes must not depend on map order
		if k == "$id" {
			continue
		}
		if nv, keep := res.value(i, k, m[k]); keep {
			props[k] = nv
		}
	}
	res.out[i].Properties = props
	return i
}

// value rewrites field name of entity i: references and inlined entities
// become relations and are dropped (keep false); other objects and arrays
// are copied with the same treatment, so a reference anywhere inside an
// entity counts.
func (res *resolver) value(i int, name string, v any) (any, bool) {
	switch x := v.(type) {
	case map[string]any:
		if isRef(x) {
			ref, _ := refString(x["$ref"])
			if ref != "" {
				res.pending = append(res.pending, pendingRelation{from: i, name: name, ref: ref})
			}
			return nil, false
		}
		if _, ok := x["$id"]; ok {
			j := res.entity(x)
			res.pending = append(res.pending, pendingRelation{from: i, name: name, to: j})
			return nil, false
		}
		out := make(map[string]any, len(x))
		for _, k := range sortedKeys(x) {
			if ne, keep := res.value(i, k, x[k]); keep {
				out[k] = ne
			}
		}
		return out, true
	case []any:
		out := make([]any, 0, len(x))
		for _, e := range x {
			if ne, keep := res.value(i, name, e); keep {
				out = append(out, ne)
			}
		}
		if len(out) == 0 && len(x) > 0 {
			return nil, false // a list of links only: the relations say it all
		}
		return out, true
	}
	return v, true
}

func isRef(m map[string]any) bool {
	_, ok := m["$ref"]
	return ok
}

// refString reads a $id or $ref value: Json.NET writes strings, but a
// number is accepted as its text.
func refString(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, x != ""
	case json.Number:
		return x.String(), true
	}
	return "", false
}

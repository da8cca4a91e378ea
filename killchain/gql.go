package killchain

import (
	"fmt"
	"io"
	"strconv"
)

// MarshalGQL writes the tactic as a GraphQL enum value.
func (t Tactic) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(t))) }

// UnmarshalGQL reads a GraphQL enum value.
func (t *Tactic) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok || !Tactic(s).Valid() {
		return fmt.Errorf("%v is not a valid Tactic", v)
	}
	*t = Tactic(s)
	return nil
}

// Mask returns a bit set with bit i set for each tactic All[i] in ts: the
// form in which tactics are stored for filtering.
func Mask(ts []Tactic) int64 {
	var m int64
	for _, t := range ts {
		if i := Index(t); i >= 0 {
			m |= 1 << i
		}
	}
	return m
}

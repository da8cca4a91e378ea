package alerts

import (
	"fmt"
	"io"
	"strconv"
)

// Values lists the severities for ent's enum column, lowest first.
func (Severity) Values() []string {
	return []string{string(Informational), string(Low), string(Medium), string(High)}
}

// MarshalGQL writes the severity as a GraphQL enum value.
func (s Severity) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(s))) }

// UnmarshalGQL reads a GraphQL enum value.
func (s *Severity) UnmarshalGQL(v any) error {
	str, ok := v.(string)
	if !ok || Severity(str).Rank() < 0 {
		return fmt.Errorf("%v is not a valid Severity", v)
	}
	*s = Severity(str)
	return nil
}

// Values lists the statuses for ent's enum column.
func (Status) Values() []string {
	return []string{string(Active), string(InProgress), string(Resolved), string(Dismissed)}
}

// MarshalGQL writes the status as a GraphQL enum value.
func (s Status) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(s))) }

// UnmarshalGQL reads a GraphQL enum value.
func (s *Status) UnmarshalGQL(v any) error {
	str, ok := v.(string)
	if !ok || !Status(str).Valid() {
		return fmt.Errorf("%v is not a valid status", v)
	}
	*s = Status(str)
	return nil
}

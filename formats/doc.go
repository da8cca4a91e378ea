// Package formats parses every alert wire format Vigil accepts into the
// normalised alerts.Alert. It detects the format from the content:
//
//	b, err := formats.Parse(r.Body, r.Header.Get("Content-Type"))
//	if err != nil { ... }            // the body cannot be parsed at all: HTTP 400
//	for _, it := range b.Items {     // b.Format names the format
//		if it.Err != nil { ... }       // item it.Index is rejected; *alerts.FieldError
//		store(it.Alert)
//	}
//
// The formats (Batch.Format):
//
//   - "defender-rest": Microsoft Defender for Cloud / Azure Security Center
//     REST alerts, every API version from 2015-06-01-preview to 2022-01-01:
//     one {id, name, type, properties} object, an array of them, a list
//     {"value": [...]}, an API example file whose alerts are at
//     responses.200.body.value, or a properties object without its envelope.
//   - "workflow-export": the flat PascalCase alert of workflow automation and
//     continuous export, one object or an array.
//   - "log-analytics-query": SecurityAlert rows of a Log Analytics query
//     response {"tables": [{"columns": [...], "rows": [...]}]}.
//   - "log-analytics-csv": SecurityAlert rows exported as CSV with a header
//     row; recognised by the content type text/csv, or by a first line that
//     names a SecurityAlert column (SystemAlertId, AlertName …) in a body
//     that does not start with "{" or "[".
//
// Every field is read by the spellings of its format (newer API versions
// first), exactly and then case-insensitively. A field of the wrong JSON
// type, an unknown severity, status or intent word, or an unparseable time
// rejects its item with an *alerts.FieldError that names the field as the
// payload spells it; inside entities anything goes. Values in error
// messages are bounded with alerts.Quote; nothing is logged.
//
// Normalisation, in brief: severities and statuses map onto the contract's
// enums (vocab.go); intents and Log Analytics' Tactics go through
// killchain.ParseIntent; times are UTC, a missing end time is the start;
// entities' $id/$ref links become Relations and each entity gets a kind
// and, when it has a strong identifier, a Key (entitykeys.go); SourceIPs
// come from ip entities and attacker/source/client address properties
// (sourceips.go). Raw is the item's own JSON (for rows, a JSON object of
// column to value).
//
// Strings in the alerts are valid UTF-8: encoding/json replaces invalid
// bytes with U+FFFD and the CSV reader does the same. NUL characters are
// kept; Raw of a JSON item is the bytes as received. Ingest sanitises both
// for storage.
//
// The whole body is read into memory (the HTTP layer caps it); JSON is
// validated as a whole before anything is decoded, so a truncated or too
// deeply nested body fails as a whole rather than half-parsed.
package formats

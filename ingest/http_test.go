package ingest_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/vigil-soc/vigil/authz"
	"github.com/vigil-soc/vigil/ingest"
	"github.com/vigil-soc/vigil/store/storetest"
)

// TestHandlerRefusesContentEncoding: a compressed body is answered 415
// naming the encoding, and is not decoded (no decompression bomb gets past
// the size limit); identity is the plain body. Before, gzip got a 400
// about bytes that are neither JSON nor CSV.
func TestHandlerRefusesContentEncoding(t *testing.T) {
	db := storetest.Open(t, storetest.SQLite(t))
	h := ingest.Handler(ingest.New(db, ingest.Options{}), 1<<20, slog.New(slog.NewTextHandler(io.Discard, nil)))
	alert := []byte(`[{"SystemAlertId":"enc-1","Severity":"High","StartTimeUtc":"2024-05-01T10:00:00Z"}]`)
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write(alert)
	w.Close()
	tests := []struct {
		name, encoding string
		body           []byte
		status         int
		error          string
	}{
		{"gzip", "gzip", gz.Bytes(), http.StatusUnsupportedMediaType, `unsupported Content-Encoding "gzip": send the body uncompressed`},
		{"br", "br", alert, http.StatusUnsupportedMediaType, `unsupported Content-Encoding "br"`},
		{"a long made-up encoding is quoted bounded", strings.Repeat("x", 5000), alert, http.StatusUnsupportedMediaType, `"` + strings.Repeat("x", 64) + `…"`},
		{"identity is the plain body", "identity", alert, http.StatusOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, "/api/alerts", bytes.NewReader(tt.body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Content-Encoding", tt.encoding)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			var answer struct{ Error string }
			json.Unmarshal(rec.Body.Bytes(), &answer)
			if rec.Code != tt.status || !strings.Contains(answer.Error, tt.error) {
				t.Errorf("status %d %q, want %d %q", rec.Code, answer.Error, tt.status, tt.error)
			}
		})
	}
	if n := db.Client.Alert.Query().CountX(authz.System(t.Context())); n != 1 {
		t.Errorf("%d alerts stored, want the identity one only", n)
	}
}

package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/vigil-soc/vigil/formats"
)

// DefaultMaxBody is the default size limit of one POST /api/alerts body.
const DefaultMaxBody = 32 << 20

// Handler serves POST /api/alerts: it answers 200 with a Result when the
// body parsed (even if some items were rejected), 400 when it cannot be
// parsed at all, 413 over maxBody bytes, 415 for a content type that is
// neither JSON nor CSV or a Content-Encoding other than identity, 405 for
// other methods.
func Handler(in *Ingester, maxBody int64, log *slog.Logger) http.Handler {
	if maxBody <= 0 {
		maxBody = DefaultMaxBody
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			writeError(w, http.StatusMethodNotAllowed, "use POST")
			return
		}
		ct, ok := acceptedType(r.Header.Get("Content-Type"))
		if !ok {
			writeError(w, http.StatusUnsupportedMediaType, "unsupported content type: send application/json or text/csv")
			return
		}
		// Compressed bodies are not decoded (so no decompression bomb can
		// get past the size limit): say so, instead of a 400 about bytes
		// that are neither JSON nor CSV (RFC 7694).
		if enc := strings.TrimSpace(r.Header.Get("Content-Encoding")); enc != "" && !strings.EqualFold(enc, "identity") {
			w.Header().Set("Accept-Encoding", "identity")
			writeError(w, http.StatusUnsupportedMediaType, "unsupported Content-Encoding "+strconv.Quote(boundedHeader(enc))+": send the body uncompressed")
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			writeError(w, http.StatusRequestEntityTooLarge, "body larger than the limit of "+humanBytes(maxBody))
			return
		case err != nil:
			writeError(w, http.StatusBadRequest, "reading the body failed")
			return
		}
		res, err := in.Read(r.Context(), bytes.NewReader(body), ct)
		var syntax *formats.SyntaxError
		switch {
		case errors.As(err, &syntax):
			writeError(w, http.StatusBadRequest, syntax.Error())
			return
		case err != nil:
			if r.Context().Err() != nil {
				return // the client went away; nothing was stored
			}
			log.Error("storing alerts failed", "err", err)
			writeError(w, http.StatusServiceUnavailable, "storing the alerts failed; nothing was stored, retry later")
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(res)
	})
}

// acceptedType returns the media type to hand the parser, and whether the
// request's content type is one the formats package reads. No content type
// at all is accepted: the content decides.
func acceptedType(header string) (string, bool) {
	if strings.TrimSpace(header) == "" {
		return "", true
	}
	mt, _, err := mime.ParseMediaType(header)
	if err != nil {
		return "", false
	}
	switch {
	case mt == "application/json", mt == "text/json", strings.HasSuffix(mt, "+json"):
		return "application/json", true
	case mt == "text/csv", mt == "application/csv", mt == "text/plain":
		return mt, true
	}
	return "", false
}

func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

// boundedHeader shortens a header value quoted in an error.
func boundedHeader(s string) string {
	if len(s) > 64 {
		return strings.ToValidUTF8(s[:64], "") + "…"
	}
	return s
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

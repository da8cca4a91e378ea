package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/vigil-soc/vigil/authz"
)

// CookieName is the session cookie.
const CookieName = "vigil_session"

// Address is the client's address for throttling and the audit log: the
// connection's peer. (Behind a proxy every client shares the proxy's
// address; the per-account throttle still holds.)
func Address(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// Authenticate resolves the request's credentials — a Bearer token, else
// the session cookie — into a viewer in the request's context. A request
// without valid credentials goes on without a viewer, with the reason in
// the context (Refusal): the route decides how to refuse it. A
// cookie-authenticated request that changes state must come from the
// console's own origin.
func (s *Service) Authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if h := r.Header.Get("Authorization"); h != "" {
			secret, ok := Bearer(h)
			if !ok {
				next.ServeHTTP(w, r.WithContext(withRefusal(ctx, "the Authorization header must be \"Bearer TOKEN\"")))
				return
			}
			v, err := s.TokenViewer(ctx, secret, Address(r))
			if err != nil {
				if !errors.Is(err, ErrBadToken) {
					s.log.Error("checking a token", "err", err)
					writeError(w, http.StatusServiceUnavailable, "cannot check credentials now")
					return
				}
				next.ServeHTTP(w, r.WithContext(withRefusal(ctx, ErrBadToken.Error())))
				return
			}
			next.ServeHTTP(w, r.WithContext(authz.NewContext(ctx, v)))
			return
		}
		c, err := r.Cookie(CookieName)
		if err != nil || c.Value == "" {
			next.ServeHTTP(w, r)
			return
		}
		v, _, err := s.SessionViewer(ctx, c.Value)
		if err != nil {
			if !errors.Is(err, ErrNoSession) {
				s.log.Error("checking a session", "err", err)
				writeError(w, http.StatusServiceUnavailable, "cannot check credentials now")
				return
			}
			// An ended session: go on anonymous, and drop the cookie.
			clearCookie(w, r)
			next.ServeHTTP(w, r.WithContext(withRefusal(ctx, "your session ended; log in again")))
			return
		}
		if !SameOrigin(r) {
			s.Audit(authz.NewContext(ctx, v), "access.denied", r.Method+" "+r.URL.Path, "cross-origin request with the session cookie", Address(r))
			writeError(w, http.StatusForbidden, "cross-origin request refused")
			return
		}
		next.ServeHTTP(w, r.WithContext(authz.NewContext(ctx, v)))
	})
}

type refusalKey struct{}

func withRefusal(ctx context.Context, why string) context.Context {
	return context.WithValue(ctx, refusalKey{}, why)
}

// Refusal says why a request has no viewer: "authentication required"
// when it brought no credentials, else what was wrong with them.
func Refusal(ctx context.Context) string {
	if why, ok := ctx.Value(refusalKey{}).(string); ok {
		return why
	}
	return "authentication required"
}

// Bearer returns the token of an "Authorization: Bearer TOKEN" value.
func Bearer(h string) (string, bool) {
	scheme, secret, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	secret = strings.TrimSpace(secret)
	return secret, secret != ""
}

// SameOrigin reports whether a request that carries the cookie may act:
// reads (GET, HEAD, OPTIONS) other than websocket upgrades always may; a
// write or an upgrade needs Sec-Fetch-Site "same-origin" or, from browsers
// that do not send it, an Origin equal to the request's own.
func SameOrigin(r *http.Request) bool {
	upgrade := strings.EqualFold(r.Header.Get("Upgrade"), "websocket")
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		if !upgrade {
			return true
		}
	}
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" {
		return site == "same-origin"
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		// Not a browser: browsers send Origin on every cross-origin write
		// and websocket; without one there is no forged request to fear.
		return true
	}
	u, err := url.Parse(origin)
	if err != nil {
		return false
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return u.Scheme == scheme && strings.EqualFold(u.Host, r.Host)
}

// Require lets the request through when its viewer has the role, and
// answers 401 (no credentials) or 403 (another role) otherwise.
func (s *Service) Require(role authz.Role, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := authz.FromContext(r.Context())
		if v == nil {
			s.refuse(w, r, http.StatusUnauthorized, Refusal(r.Context()))
			return
		}
		if !v.Can(role) {
			s.Audit(r.Context(), "access.denied", r.Method+" "+r.URL.Path, "role "+string(v.Role), Address(r))
			writeError(w, http.StatusForbidden, fmt.Sprintf("role %s may not use %s", v.Role, r.URL.Path))
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Service) refuse(w http.ResponseWriter, r *http.Request, status int, msg string) {
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="vigil"`)
	}
	writeError(w, status, msg)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

type sessionInfo struct {
	Username  string     `json:"username"`
	Role      authz.Role `json:"role"`
	ExpiresAt time.Time  `json:"expiresAt"`
}

// LoginHandler serves POST /api/login: {"username", "password"} in, the
// session cookie out.
func (s *Service) LoginHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			writeError(w, http.StatusMethodNotAllowed, "use POST")
			return
		}
		if !SameOrigin(r) {
			// Login CSRF: a forged form would log the victim in as the
			// attacker.
			writeError(w, http.StatusForbidden, "cross-origin request refused")
			return
		}
		var in struct {
			Username string `json:"username"`
			Password string `json:"password"`
		}
		dec := json.NewDecoder(io.LimitReader(r.Body, 8<<10))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&in); err != nil || in.Username == "" || in.Password == "" {
			writeError(w, http.StatusBadRequest, `send JSON {"username": "…", "password": "…"}`)
			return
		}
		secret, sess, u, err := s.Login(r.Context(), in.Username, in.Password, Address(r))
		var throttled *ThrottledError
		switch {
		case errors.As(err, &throttled):
			w.Header().Set("Retry-After", strconv.Itoa(int(throttled.RetryAfter.Round(time.Second).Seconds())))
			writeError(w, http.StatusTooManyRequests, throttled.Error())
			return
		case errors.Is(err, ErrBadLogin):
			writeError(w, http.StatusUnauthorized, ErrBadLogin.Error())
			return
		case err != nil:
			s.log.Error("login", "err", err)
			writeError(w, http.StatusServiceUnavailable, "cannot log in now")
			return
		}
		http.SetCookie(w, &http.Cookie{
			Name:     CookieName,
			Value:    secret,
			Path:     "/",
			HttpOnly: true,
			Secure:   r.TLS != nil,
			SameSite: http.SameSiteStrictMode,
			Expires:  sess.ExpiresAt,
		})
		writeJSON(w, http.StatusOK, sessionInfo{Username: u.Username, Role: u.Role, ExpiresAt: sess.ExpiresAt.UTC()})
	})
}

// LogoutHandler serves POST /api/logout.
func (s *Service) LogoutHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			writeError(w, http.StatusMethodNotAllowed, "use POST")
			return
		}
		if c, err := r.Cookie(CookieName); err == nil && c.Value != "" {
			if err := s.Logout(r.Context(), c.Value, Address(r)); err != nil {
				s.log.Error("logout", "err", err)
			}
		}
		clearCookie(w, r)
		w.WriteHeader(http.StatusNoContent)
	})
}

// SessionHandler serves GET /api/session: who is logged in.
func (s *Service) SessionHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(CookieName)
		if err != nil {
			writeError(w, http.StatusUnauthorized, ErrNoSession.Error())
			return
		}
		v, sess, err := s.SessionViewer(r.Context(), c.Value)
		if err != nil {
			writeError(w, http.StatusUnauthorized, ErrNoSession.Error())
			return
		}
		writeJSON(w, http.StatusOK, sessionInfo{Username: v.Name, Role: v.Role, ExpiresAt: sess.ExpiresAt.UTC()})
	})
}

func clearCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: CookieName, Value: "", Path: "/", HttpOnly: true, Secure: r.TLS != nil,
		SameSite: http.SameSiteStrictMode, MaxAge: -1})
}

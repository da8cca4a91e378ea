package frontend

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

// script is the entry script named by the built index.html.
func script(t *testing.T) (name string, raw []byte) {
	t.Helper()
	index, err := fs.ReadFile(dist, "dist/index.html")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`src="/(assets/index-[^"]+\.js)"`).FindSubmatch(index)
	if m == nil {
		t.Fatalf("index.html names no entry script:\n%s", index)
	}
	raw, err = fs.ReadFile(dist, "dist/"+string(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	return string(m[1]), raw
}

func get(t *testing.T, method, target string, header map[string]string) *http.Response {
	t.Helper()
	srv := httptest.NewServer(Handler())
	t.Cleanup(srv.Close)
	req, _ := http.NewRequest(method, srv.URL+target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	// The transport would otherwise ask for gzip itself and hide the encoding.
	res, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	return res
}

func TestAssetsCompressedWhenAccepted(t *testing.T) {
	name, raw := script(t)
	for _, accept := range []string{"gzip", "gzip, deflate, br, zstd", "br;q=1.0, gzip;q=0.5", "*", "identity, *;q=0.1"} {
		res := get(t, http.MethodGet, "/"+name, map[string]string{"Accept-Encoding": accept})
		if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("Accept-Encoding %q: status %d, Content-Encoding %q; want 200 gzip", accept, res.StatusCode, res.Header.Get("Content-Encoding"))
		}
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
			t.Errorf("Content-Type %q, want text/javascript", ct)
		}
		if v := res.Header.Get("Vary"); v != "Accept-Encoding" {
			t.Errorf("Vary %q, want Accept-Encoding", v)
		}
		if cc := res.Header.Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
			t.Errorf("Cache-Control %q", cc)
		}
		zr, err := gzip.NewReader(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(body, raw) {
			t.Fatalf("decompressed %d bytes differ from the embedded %d", len(body), len(raw))
		}
		if n := res.ContentLength; n <= 0 || n >= int64(len(raw))/2 {
			t.Errorf("compressed Content-Length %d for %d bytes: want under half", n, len(raw))
		}
	}
}

func TestAssetsPlainWithoutGzip(t *testing.T) {
	name, raw := script(t)
	for _, accept := range []string{"", "identity", "br", "gzip;q=0", "*;q=0", "gzip;q=0, *"} {
		res := get(t, http.MethodGet, "/"+name, map[string]string{"Accept-Encoding": accept})
		if enc := res.Header.Get("Content-Encoding"); enc != "" {
			t.Fatalf("Accept-Encoding %q: Content-Encoding %q, want none", accept, enc)
		}
		body, _ := io.ReadAll(res.Body)
		if !bytes.Equal(body, raw) {
			t.Fatalf("Accept-Encoding %q: body of %d bytes, want the embedded %d", accept, len(body), len(raw))
		}
	}
}

func TestIndexForDeepLinks(t *testing.T) {
	index, _ := fs.ReadFile(dist, "dist/index.html")
	for _, target := range []string{"/", "/incidents/42", "/index.html"} {
		for _, accept := range []string{"", "gzip"} {
			res := get(t, http.MethodGet, target, map[string]string{"Accept-Encoding": accept})
			var body []byte
			if res.Header.Get("Content-Encoding") == "gzip" {
				zr, err := gzip.NewReader(res.Body)
				if err != nil {
					t.Fatal(err)
				}
				body, _ = io.ReadAll(zr)
			} else {
				body, _ = io.ReadAll(res.Body)
			}
			if res.StatusCode != 200 || !bytes.Equal(body, index) {
				t.Fatalf("%s (Accept-Encoding %q): status %d, %d bytes; want index.html", target, accept, res.StatusCode, len(body))
			}
			if cc := res.Header.Get("Cache-Control"); cc != "no-cache" {
				t.Errorf("%s: Cache-Control %q, want no-cache", target, cc)
			}
			if ct := res.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("%s: Content-Type %q", target, ct)
			}
		}
	}
}

func TestHeadMissingAndMethods(t *testing.T) {
	name, _ := script(t)
	res := get(t, http.MethodHead, "/"+name, map[string]string{"Accept-Encoding": "gzip"})
	if body, _ := io.ReadAll(res.Body); res.StatusCode != 200 || len(body) != 0 || res.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("HEAD: status %d, %d body bytes, encoding %q", res.StatusCode, len(body), res.Header.Get("Content-Encoding"))
	}
	if res := get(t, http.MethodGet, "/assets/missing-0000.js", nil); res.StatusCode != 404 {
		t.Errorf("missing asset: status %d, want 404", res.StatusCode)
	}
	res = get(t, http.MethodPost, "/"+name, nil)
	if res.StatusCode != 405 || res.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: status %d, Allow %q", res.StatusCode, res.Header.Get("Allow"))
	}
}

func TestIndexRevalidates(t *testing.T) {
	res := get(t, http.MethodGet, "/incidents/7", nil)
	tag := res.Header.Get("ETag")
	if !strings.HasPrefix(tag, `W/"`) {
		t.Fatalf("ETag %q, want a weak tag", tag)
	}
	again := get(t, http.MethodGet, "/", map[string]string{"If-None-Match": tag, "Accept-Encoding": "gzip"})
	if body, _ := io.ReadAll(again.Body); again.StatusCode != http.StatusNotModified || len(body) != 0 {
		t.Fatalf("If-None-Match with the tag: status %d, %d bytes; want 304, empty", again.StatusCode, len(body))
	}
	if other := get(t, http.MethodGet, "/", map[string]string{"If-None-Match": `W/"older"`}); other.StatusCode != 200 {
		t.Fatalf("If-None-Match with another tag: status %d, want 200", other.StatusCode)
	}
}

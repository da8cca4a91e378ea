// Package frontend embeds the built single-page app (frontend/dist) and
// serves it: hashed assets cached for a year, index.html never cached, and
// index.html for extension-less paths that are not API paths, so that deep
// links such as /incidents/42 load the app. Text files go gzip-compressed
// to clients that accept it (the list page's script is 750 kB as built and
// under 200 kB compressed); each is compressed once, on its first request.
package frontend

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
)

//go:embed all:dist
var dist embed.FS

// Handler serves the app.
func Handler() http.Handler {
	root, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // the embed directive guarantees dist exists
	}
	files := http.FileServer(http.FS(root))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p := path.Clean("/" + r.URL.Path)
		name := "index.html"
		if p != "/" && path.Ext(p) != "" {
			name = strings.TrimPrefix(p, "/")
			if _, err := fs.Stat(root, name); err != nil {
				http.NotFound(w, r)
				return
			}
		}
		if strings.HasPrefix(p, "/assets/") {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else if name == "index.html" {
			// Revalidated on every load: a 304 when the build is the same.
			w.Header().Set("Cache-Control", "no-cache")
			tag := indexTag(root)
			w.Header().Set("ETag", tag)
			if r.Header.Get("If-None-Match") == tag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		if compressible(name) {
			w.Header().Add("Vary", "Accept-Encoding")
			if acceptsGzip(r.Header.Get("Accept-Encoding")) {
				if gz := compressed(root, name); gz != nil {
					w.Header().Set("Content-Encoding", "gzip")
					write(w, r, contentType(name), gz)
					return
				}
			}
		}
		if name == "index.html" {
			// Not through the file server: it redirects /index.html to /.
			index, _ := fs.ReadFile(root, name)
			write(w, r, contentType(name), index)
			return
		}
		files.ServeHTTP(w, r)
	})
}

// write answers with the whole of body (no ranges: the files are small
// enough, and a range of the compressed form helps nobody).
func write(w http.ResponseWriter, r *http.Request, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodGet {
		w.Write(body)
	}
}

// indexTag is index.html's entity tag, a digest of it: weak, as the gzip
// and plain forms share it.
func indexTag(root fs.FS) string {
	indexTagOnce.Do(func() {
		index, _ := fs.ReadFile(root, "index.html")
		sum := sha256.Sum256(index)
		indexTagValue = `W/"` + hex.EncodeToString(sum[:12]) + `"`
	})
	return indexTagValue
}

var (
	indexTagOnce  sync.Once
	indexTagValue string
)

// compressible reports whether name is text worth compressing (fonts and
// images other than SVG are compressed already).
func compressible(name string) bool {
	switch path.Ext(name) {
	case ".js", ".mjs", ".css", ".html", ".svg", ".json", ".txt", ".map", ".ttf", ".otf":
		return true
	}
	return false
}

func contentType(name string) string {
	if name == "index.html" {
		return "text/html; charset=utf-8"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// acceptsGzip reports whether an Accept-Encoding header admits gzip: listed
// (or "*") without q=0.
func acceptsGzip(header string) bool {
	ok := false
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding != "gzip" && coding != "x-gzip" && coding != "*" {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					q = f
				}
			}
		}
		if coding == "*" {
			if q > 0 {
				ok = true
			}
			continue
		}
		return q > 0 // an explicit gzip entry decides, whatever "*" says
	}
	return ok
}

// gzipped holds each embedded file's compressed bytes, made once: the
// embedded files never change while the process runs.
var gzipped sync.Map // name -> *gzEntry

type gzEntry struct {
	once sync.Once
	data []byte // nil when compressing does not make it smaller
}

func compressed(root fs.FS, name string) []byte {
	v, _ := gzipped.LoadOrStore(name, &gzEntry{})
	e := v.(*gzEntry)
	e.once.Do(func() {
		raw, err := fs.ReadFile(root, name)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(raw)
		zw.Close()
		if buf.Len() < len(raw) {
			e.data = buf.Bytes()
		}
	})
	return e.data
}

package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/vigil-soc/vigil/store/storetest"
)

// TestServeShutsDownGracefully runs `vigil serve` as main does, then ends its
// context as SIGTERM does: a request in flight still gets its answer, an open
// subscription is closed, and the command exits 0.
func TestServeShutsDownGracefully(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	dsn := storetest.SQLite(t)
	var tokenOut bytes.Buffer
	if code := run(context.Background(), []string{"token", "create", "--db", dsn, "--name", "shutdown-test", "--role", "admin"},
		strings.NewReader(""), &tokenOut, io.Discard); code != 0 {
		t.Fatalf("token create exited %d", code)
	}
	token := strings.TrimSpace(tokenOut.String())
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	var stderr bytes.Buffer
	exit := make(chan int, 1)
	go func() {
		exit <- run(ctx, []string{"serve", "--db", dsn, "--addr", addr, "--shutdown-timeout", "10s"},
			strings.NewReader(""), io.Discard, &stderr)
	}()
	base := "http://" + addr
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil && resp.StatusCode == 200 {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not become healthy: %v\n%s", err, stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}

	// An open subscription.
	wctx, wcancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer wcancel()
	ws, _, err := websocket.Dial(wctx, "ws://"+addr+"/graphql", &websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.CloseNow()
	ws.Write(wctx, websocket.MessageText, []byte(`{"type":"connection_init","payload":{"Authorization":"Bearer `+token+`"}}`))
	if _, msg, err := ws.Read(wctx); err != nil || !bytes.Contains(msg, []byte("connection_ack")) {
		t.Fatalf("connection_init: %s %v", msg, err)
	}
	ws.Write(wctx, websocket.MessageText, []byte(`{"id":"1","type":"subscribe","payload":{"query":"subscription { incidentCreated { id } }"}}`))

	// A request in flight: headers and half of the body sent.
	body := `[{"id":"/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg/providers/Microsoft.Security/locations/westeurope/alerts/shutdown-1",` +
		`"name":"shutdown-1","type":"Microsoft.Security/Locations/alerts","properties":{"systemAlertId":"shutdown-1","alertType":"VM_EICAR",` +
		`"alertDisplayName":"Azure Security Center test alert (not a threat)","severity":"High","status":"Active","startTimeUtc":"2020-02-22T00:00:00Z"}}]`
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /api/alerts HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", addr, token, len(body), body[:len(body)/2])
	time.Sleep(100 * time.Millisecond) // let the server start reading it

	stop() // what SIGTERM does to main's context

	time.Sleep(100 * time.Millisecond)
	io.WriteString(conn, body[len(body)/2:])
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("the in-flight request got no answer: %v", err)
	}
	got, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !bytes.Contains(got, []byte(`"accepted":1`)) {
		t.Fatalf("in-flight request: %d %s, want 200 with the alert accepted", resp.StatusCode, got)
	}

	// The subscription ends: a complete message or a closed socket.
	for {
		_, msg, err := ws.Read(wctx)
		if err != nil || bytes.Contains(msg, []byte(`"complete"`)) {
			break
		}
	}
	select {
	case code := <-exit:
		if code != 0 {
			t.Fatalf("serve exited %d after shutdown, want 0\n%s", code, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not exit after its context ended")
	}
}

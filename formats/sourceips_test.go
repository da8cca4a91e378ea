package formats

import (
	"testing"

	"github.com/vigil-soc/vigil/alerts"
)

func TestSourceIPs(t *testing.T) {
	ipEntity := func(addr string) alerts.Entity {
		return alerts.Entity{Kind: alerts.EntityIP, Key: "ip:" + addr, Name: addr}
	}
	tests := []struct {
		name string
		ents []alerts.Entity
		ext  map[string]string
		want []string
	}{
		{"attacker IP property", nil, map[string]string{"Attacker IP": "192.0.2.1"}, []string{"192.0.2.1"}},
		{"victim and machine IPs are not sources", nil, map[string]string{"Victim IP": "10.0.0.1", "Machine IP": "10.0.0.2", "IP address": "10.0.0.3"}, nil},
		{"key spellings", nil, map[string]string{
			"attackerip": "192.0.2.1", "Source IP Address": "192.0.2.2", "client_ip": "192.0.2.3",
			"ClientIPAddress": "192.0.2.4", "Attacker IPs": "192.0.2.5", "sourceIPs": "192.0.2.6",
		}, // in key order (byte-wise: upper case first)
			[]string{"192.0.2.5", "192.0.2.4", "192.0.2.2", "192.0.2.1", "192.0.2.3", "192.0.2.6"}},
		{"a separated list, junk skipped", nil, map[string]string{"Source IPs": "192.0.2.1, 192.0.2.2;not-an-ip 2001:db8::1"}, []string{"192.0.2.1", "192.0.2.2", "2001:db8::1"}},
		{"a JSON list in a string", nil, map[string]string{"Source IPs": `["96.81.218.10","96.81.218.11"]`}, []string{"96.81.218.10", "96.81.218.11"}},
		{"an address with a port", nil, map[string]string{"Client IP": "192.0.2.1:443"}, []string{"192.0.2.1"}},
		{"entities first, then properties, distinct", []alerts.Entity{ipEntity("192.0.2.9"), ipEntity("192.0.2.1")},
			map[string]string{"Attacker IP": "192.0.2.1"}, []string{"192.0.2.9", "192.0.2.1"}},
		{"ip entity without a valid address is skipped", []alerts.Entity{{Kind: alerts.EntityIP, Name: "bogus"}}, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			eq(t, "sourceIPs", sourceIPs(tc.ents, tc.ext), tc.want)
		})
	}
}

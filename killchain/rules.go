package killchain

import (
	"fmt"
	"strings"
)

// rule gives tactics to a display name that no catalogue line names, by the
// technique its words describe. Every element of match must occur in the
// name; an element lists alternatives separated by "|", each a phrase of whole
// words, whose last word may end in "*" to match as a prefix.
type rule struct {
	match  []string
	intent string // tactics, for ParseIntent
	why    string // the ATT&CK technique, or Microsoft's classification, behind intent
}

// compiledRule is a rule with its phrases and tactics parsed.
type compiledRule struct {
	all     [][]phrase // every group must match; any phrase of a group will do
	tactics []Tactic
}

func (r rule) compile() (compiledRule, error) {
	var cr compiledRule
	ts, unknown := ParseIntent(r.intent)
	if len(ts) == 0 || len(unknown) > 0 || len(r.match) == 0 || r.why == "" {
		return cr, fmt.Errorf("rule %q: intent %q has tactics %v, unknown words %q, reason %q", r.match, r.intent, ts, unknown, r.why)
	}
	cr.tactics = ts
	for _, group := range r.match {
		var alts []phrase
		for _, alt := range strings.Split(group, "|") {
			p := parsePhrase(alt)
			if len(p.words) == 0 {
				return cr, fmt.Errorf("rule %q: empty phrase in %q", r.match, group)
			}
			alts = append(alts, p)
		}
		cr.all = append(cr.all, alts)
	}
	return cr, nil
}

func (cr compiledRule) matches(ws []string) bool {
	for _, alts := range cr.all {
		found := false
		for _, p := range alts {
			if p.in(ws) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// rules are tried in order and the first that matches answers, so a narrow
// rule must come before a broad one that would also match its names: a
// successful brute force before brute force in general, and the catch-all for
// suspicious processes last.
var rules = []rule{
	{[]string{"brute force*|bruteforce*|brute forcing", "success*|succeed*"}, "Exploitation",
		"a brute force that got in; Microsoft classifies VM_LoginBruteForceSuccess and VM_SshBruteForceSuccess as Exploitation"},
	{[]string{"brute force*|bruteforce*|password spray*|dictionary attack*|password guess*"}, "PreAttack",
		"a failed or attempted brute force; Microsoft classifies VM_SshBruteForceFailed as Probing and SQL.*_BruteForce, *_Incoming_BF_* as PreAttack"},
	{[]string{"sql injection*|sqli"}, "Initial Access",
		"exploit public-facing application (T1190)"},
	{[]string{"ransomware*|ransom"}, "Impact",
		"data encrypted for impact (T1486)"},
	{[]string{"shadow copy|shadow copies|vssadmin"}, "Impact",
		"inhibit system recovery (T1490)"},
	{[]string{"spam*"}, "Impact",
		"a hijacked machine sending spam is resource hijacking (T1496)"},
	{[]string{"denial of service|ddos|dos attack*"}, "Impact",
		"network denial of service (T1498)"},
	{[]string{"mining|miner*|cryptocoin*|crypto coin*|cryptomin*|coinmin*|cryptojack*"}, "Execution",
		"Microsoft classifies digital currency mining on hosts and containers as Execution (VM_MinerInContainerImage, K8S.NODE_DigitalCurrencyMining)"},
	{[]string{"pass the hash|pass the ticket|overpass the hash"}, "Defense Evasion, Lateral Movement",
		"use alternate authentication material (T1550)"},
	{[]string{"credential dump*|dump* credential*|lsass|mimikatz|golden ticket|silver ticket|kerberoast*|credential theft|password dump*|hash dump*"}, "Credential Access",
		"OS credential dumping and Kerberos ticket forgery (T1003, T1558)"},
	{[]string{"communicat*|connect*|contact*|traffic|beacon*", "malicious|c2|command and control|botnet*|threat intel*|suspicious domain*"}, "Command and Control",
		"communication with attacker infrastructure (T1071)"},
	{[]string{"ip communication|command and control|c2"}, "Command and Control",
		"communication with attacker infrastructure (T1071)"},
	{[]string{"local|host|domain|internal|network|system", "reconnaissance|recon"}, "Discovery",
		"reconnaissance from inside a host or network is discovery (T1082, T1087); Microsoft classifies VM_LinuxReconnaissance as Discovery"},
	{[]string{"accounts queried|account queried|enumerat*|discovery|group members*"}, "Discovery",
		"account, group and system discovery (T1087, T1069)"},
	{[]string{"malware*|virus*|trojan*|worm|infect*|malicious file*|malicious software|dropper*|hack tool*|hacktool*"}, "Execution",
		"malicious code found or run on a host, with no more detail: user execution (T1204)"},
	{[]string{"scan*|fingerprint*|probing|reconnaissance|recon"}, "PreAttack",
		"active scanning from outside (T1595); Microsoft classifies NMap and vulnerability scanner alerts as PreAttack"},
	{[]string{"svchost"}, "Defense Evasion, Execution",
		"Microsoft classifies VM_SvcHostRunInRareServiceGroup and AppServices_SVCHostFromInvalidPath as Defense Evasion, Execution"},
	{[]string{"log|logs|logging|event log*|history|audit*", "clear*|delet*|disabl*|tamper*|remov*|wip*|stop*"}, "Defense Evasion",
		"indicator removal (T1070) and impaired logging (T1562.002)"},
	{[]string{"antimalware|anti malware|antivirus|anti virus|defender|security center|am engine|engine|edr|sensor*", "disabl*|fail*|stop*|exclu*|tamper*|uninstall*|kill*|terminat*|bypass*"}, "Defense Evasion",
		"impair defenses (T1562.001)"},
	{[]string{"firewall"}, "Defense Evasion",
		"disable or modify system firewall (T1562.004)"},
	{[]string{"uac|user account control"}, "Privilege Escalation, Defense Evasion",
		"bypass user account control (T1548.002)"},
	{[]string{"obfuscat*|encod*|mixed case|upper and lower case|base64"}, "Defense Evasion",
		"obfuscated files or information (T1027)"},
	{[]string{"rundll32|regsvr32|mshta|pcalua|certutil|msbuild|installutil|applocker|lolbin*"}, "Defense Evasion, Execution",
		"system binary proxy execution (T1218)"},
	{[]string{"domain trust*|trust creat*|trust modif*"}, "Defense Evasion, Privilege Escalation",
		"domain policy modification: trust modification (T1484.002)"},
	{[]string{"group", "addition|added|add|adding"}, "Persistence, Privilege Escalation",
		"account manipulation: additional groups (T1098)"},
	{[]string{"fail*|unsuccessful|denied|invalid", "logon*|login*|log on|log in|sign in*|signin*|authenticat*"}, "Probing",
		"failed authentication attempts; Microsoft classifies VM_LoginBruteForceValidUserFailed as Probing"},
	{[]string{"logged on|logged in|logon*|login*|log on|log in|signed in|sign in*|signin*|authenticat*"}, "Initial Access",
		"a suspicious logon is use of valid accounts (T1078)"},
	{[]string{"account*|user*", "creat*|added|add|adding|new"}, "Persistence",
		"create account (T1136)"},
	{[]string{"exfiltrat*|egress|data transfer*|data extract*|data leak*"}, "Exfiltration",
		"exfiltration (TA0010)"},
	{[]string{"web shell*|webshell*|backdoor*|implant*"}, "Persistence",
		"server software component: web shell (T1505.003), and backdoors"},
	{[]string{"reverse shell*|bind shell*"}, "Execution, Command and Control",
		"a shell driven from the attacker's machine (T1059 over T1071)"},
	{[]string{"phish*"}, "Initial Access",
		"phishing (T1566)"},
	{[]string{"modified system binary|system binary|binary modif*"}, "Persistence, Defense Evasion",
		"compromise host software binary (T1554), hidden in a system file"},
	{[]string{"inject*|hollow*|shellcode|code segment|masquerad*|hijack*|sideload*|side load*"}, "Defense Evasion",
		"process injection and hijacked execution flow (T1055, T1574)"},
	{[]string{"process name|named process|renamed|double extension|right to left"}, "Defense Evasion",
		"masquerading (T1036)"},
	{[]string{"privilege* escalat*|elevat*|privileged|root|sudo*|setuid|suid"}, "Privilege Escalation",
		"privilege escalation (TA0004)"},
	{[]string{"persist*|run key|registry run|startup|autorun*|scheduled task*|cron*|new service"}, "Persistence",
		"boot or logon autostart, scheduled task and new service (T1547, T1053, T1543)"},
	{[]string{"lateral*|psexec|wmic|remote execution|remote service*"}, "Lateral Movement",
		"lateral movement (TA0008)"},
	{[]string{"download*|ingress|tool transfer"}, "Command and Control",
		"ingress tool transfer (T1105)"},
	{[]string{"process*|executed|execution|execut*|command*|script*|powershell|cmd|bash|shell"}, "Execution",
		"a suspicious process or command ran (T1059, T1204)"},
}

import type { Tactic } from '../gql/graphql';

/** TACTICS are the 14 MITRE ATT&CK enterprise tactics in kill-chain order (as the schema declares them). */
export const TACTICS: readonly Tactic[] = [
  'RECONNAISSANCE',
  'RESOURCE_DEVELOPMENT',
  'INITIAL_ACCESS',
  'EXECUTION',
  'PERSISTENCE',
  'PRIVILEGE_ESCALATION',
  'DEFENSE_EVASION',
  'CREDENTIAL_ACCESS',
  'DISCOVERY',
  'LATERAL_MOVEMENT',
  'COLLECTION',
  'COMMAND_AND_CONTROL',
  'EXFILTRATION',
  'IMPACT',
];

const labels: Record<Tactic, string> = {
  RECONNAISSANCE: 'Reconnaissance',
  RESOURCE_DEVELOPMENT: 'Resource Development',
  INITIAL_ACCESS: 'Initial Access',
  EXECUTION: 'Execution',
  PERSISTENCE: 'Persistence',
  PRIVILEGE_ESCALATION: 'Privilege Escalation',
  DEFENSE_EVASION: 'Defense Evasion',
  CREDENTIAL_ACCESS: 'Credential Access',
  DISCOVERY: 'Discovery',
  LATERAL_MOVEMENT: 'Lateral Movement',
  COLLECTION: 'Collection',
  COMMAND_AND_CONTROL: 'Command and Control',
  EXFILTRATION: 'Exfiltration',
  IMPACT: 'Impact',
};

/** tacticLabel is a tactic's name as MITRE writes it. */
export function tacticLabel(t: Tactic): string {
  return labels[t] ?? t;
}

/** inKillChainOrder returns the distinct tactics in kill-chain order. */
export function inKillChainOrder(ts: readonly Tactic[]): Tactic[] {
  const set = new Set(ts);
  return TACTICS.filter((t) => set.has(t));
}

/** tacticSlug is the URL form of a tactic: "command-and-control". */
export function tacticSlug(t: Tactic): string {
  return t.toLowerCase().replace(/_/g, '-');
}

/** tacticFromSlug parses the URL form (or the enum name); unknown names give null. */
export function tacticFromSlug(s: string): Tactic | null {
  const name = s.trim().toUpperCase().replace(/-/g, '_');
  return (TACTICS as readonly string[]).includes(name) ? (name as Tactic) : null;
}

// Why an incident's alerts are together, arranged for the page: the links
// read so far grouped by their step along the kill chain, and the entities
// that tie a multi-resource incident's resources. Pure functions over what
// the server sent; every string stays text.

import type { Tactic } from '../gql/graphql';
import { TACTICS, tacticLabel } from '../killchain/tactics';

/** LinkView: what the page shows of one link. */
export interface LinkView {
  id: string;
  tactics: readonly Tactic[];
  explanation: string;
  alert: { id: string; displayName: string };
}

/** StepView: one step of the progression, as the server counts it. */
export interface StepView {
  tactic: Tactic;
  alertCount: number;
}

/** LinkGroup: the links of one step (tactic null: links with no known tactic). */
export interface LinkGroup<L extends LinkView = LinkView> {
  tactic: Tactic | null;
  label: string;
  /** How many of the incident's alerts show the step (all of them, not only those read). */
  alertCount: number | null;
  links: L[];
}

/**
 * groupLinks puts each link under its earliest tactic, the groups in
 * kill-chain order (then the links with no known tactic), each link once
 * and in the order read (the alerts' start order).
 */
export function groupLinks<L extends LinkView>(steps: readonly StepView[], links: readonly L[]): LinkGroup<L>[] {
  const count = new Map(steps.map((s) => [s.tactic, s.alertCount]));
  const byTactic = new Map<Tactic | null, L[]>();
  for (const l of links) {
    const first = TACTICS.find((t) => l.tactics.includes(t)) ?? null;
    const list = byTactic.get(first);
    if (list) list.push(l);
    else byTactic.set(first, [l]);
  }
  const groups: LinkGroup<L>[] = [];
  for (const t of TACTICS) {
    const list = byTactic.get(t);
    if (list) groups.push({ tactic: t, label: tacticLabel(t), alertCount: count.get(t) ?? null, links: list });
  }
  const none = byTactic.get(null);
  if (none) groups.push({ tactic: null, label: 'No known tactic', alertCount: null, links: none });
  return groups;
}

/** mergeLinks appends a further page to the links read so far, each link once. */
export function mergeLinks<L extends { id: string }>(read: readonly L[], page: readonly L[]): L[] {
  const seen = new Set(read.map((l) => l.id));
  return [...read, ...page.filter((l) => !seen.has(l.id))];
}

/** entityValueText is an entity key without its kind's prefix: "ip:203.0.113.7" reads "203.0.113.7". */
export function entityValueText(kind: string, value: string): string {
  return value.startsWith(`${kind}:`) ? value.slice(kind.length + 1) : value;
}

/** countText is "1 alert" / "3,000 alerts". */
export function countText(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

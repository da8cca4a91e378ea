import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';

/** gql runs a GraphQL query against the server under test. */
export async function gql<T = Record<string, unknown>>(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await request.post('/graphql', { data: { query, variables } });
  expect(res.ok()).toBeTruthy();
  const body = await res.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as T;
}

/** unique is a short id for names this run creates. */
export function unique(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** chain is an alert chain in the flat format of workflow automation: initial access, execution, command and control on one new VM. */
export function chain(vm: string, opts: { displayName?: string; description?: string; startMs?: number } = {}) {
  const start = opts.startMs ?? Date.now() - 10 * 60_000;
  const at = (min: number) => new Date(start + min * 60_000).toISOString();
  const resourceId = `/subscriptions/00000000-0000-0000-0000-000000000e2e/resourceGroups/e2e/providers/Microsoft.Compute/virtualMachines/${vm}`;
  const alert = (n: number, intent: string, name: string, minute: number) => ({
    SystemAlertId: `e2e-${vm}-${n}`,
    AlertDisplayName: n === 1 && opts.displayName ? opts.displayName : name,
    Description: n === 1 && opts.description ? opts.description : `${name} on ${vm} (end-to-end test).`,
    Severity: n === 3 ? 'High' : 'Medium',
    Status: 'New',
    Intent: intent,
    StartTimeUtc: at(minute),
    EndTimeUtc: at(minute),
    ResourceId: resourceId,
    CompromisedEntity: vm,
    VendorName: 'Vigil e2e',
    RemediationSteps: ['Isolate the machine.'],
  });
  return [
    alert(1, 'InitialAccess', 'Successful RDP brute force attack', 0),
    alert(2, 'Execution', 'Suspicious process executed', 2),
    alert(3, 'CommandAndControl', 'Communication with a malicious IP', 4),
  ];
}

/** postAlerts sends alerts to /api/alerts and checks they were accepted. */
export async function postAlerts(request: APIRequestContext, alerts: unknown[]) {
  const res = await request.post('/api/alerts', { data: alerts });
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.rejected).toEqual([]);
  return body as { accepted: number; updated: number; duplicates: number };
}

/** grid is the security alerts list. */
export function grid(page: Page) {
  return page.getByRole('grid', { name: 'Security alerts' });
}

/** scroller is the list's scroll container (the grid inside it is virtualised). */
export function scroller(page: Page) {
  return page.getByTestId('feed-scroll');
}

/** row is the list row of an incident or alert, by its name. */
export function row(page: Page, name: string) {
  return grid(page).getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
}

/** noDialogs fails the test if any dialog (alert(), confirm() …) opens. */
export function noDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss();
  });
  return dialogs;
}

/** cspViolations collects the browser's Content-Security-Policy reports from the console. */
export function cspViolations(page: Page): string[] {
  const out: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) out.push(m.text().slice(0, 300));
  });
  return out;
}

/** seriousViolations runs axe-core (WCAG 2 A/AA rules) and keeps what it rates serious or critical. */
export async function seriousViolations(page: Page, exclude: string[] = []) {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  for (const sel of exclude) builder = builder.exclude(sel);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/** uncovered: whether what the browser would hit at the centre of the locator's element is that element (or inside it), i.e. nothing covers it. */
export async function uncovered(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return Boolean(hit && el.contains(hit));
  }, selector);
}

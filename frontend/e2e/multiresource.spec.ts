import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { grid, noDialogs, postAlerts, row, unique } from './helpers';

// One attacker across two VMs: a port scan of the web VM, then a brute
// force and a process run on the database VM, all from one public address
// (documentation range, which Vigil treats as public). Correlation makes a
// per-resource incident on the database VM and a multi-resource incident
// over both that covers it. Every expected value below is this input's.

interface Step {
  vm: string;
  intent: string;
  name: string;
  minute: number;
}

function alerts(run: string, entity: Record<string, string>, steps: Step[]) {
  const start = Date.now() - 30 * 60_000;
  return steps.map((s, n) => ({
    SystemAlertId: `e2e-mr-${run}-${n}`,
    AlertDisplayName: s.name,
    Description: `${s.name} on ${s.vm} (end-to-end test).`,
    Severity: n === steps.length - 1 ? 'High' : 'Medium',
    Status: 'New',
    Intent: s.intent,
    StartTimeUtc: new Date(start + s.minute * 60_000).toISOString(),
    EndTimeUtc: new Date(start + s.minute * 60_000).toISOString(),
    ResourceId: `/subscriptions/00000000-0000-0000-0000-000000000e2e/resourceGroups/e2e/providers/Microsoft.Compute/virtualMachines/${s.vm}`,
    CompromisedEntity: s.vm,
    VendorName: 'Vigil e2e',
    Entities: [{ $id: '1', ...entity }],
  }));
}

/** openCoveringIncident opens vm's per-resource incident from the list and follows its "Covered by" link. */
async function openCoveringIncident(page: Page, vm: string) {
  await page.goto(`/alerts?show=incidents&q=${encodeURIComponent(vm)}`);
  await row(page, `Security incident detected on ${vm}`).getByRole('link').click();
  await expect(page).toHaveURL(/\/incidents\/\d+$/);
  const perResource = page.url();
  const coveredBy = page.getByRole('list', { name: 'Multi-resource incidents that cover this incident' });
  await expect(coveredBy.getByRole('link')).toHaveText(['Security incident detected on multiple resources']);
  await coveredBy.getByRole('link').click();
  await expect(page.locator('[data-field=resource-name]')).toBeVisible();
  return perResource;
}

test('a multi-resource incident shows its resources, the linking address, the covered incident both ways and why each alert joined', async ({ page }) => {
  const run = unique();
  const web = `mr-web-${run}`;
  const db = `mr-db-${run}`;
  const ip = '203.0.113.77';
  const steps: Step[] = [
    { vm: web, intent: 'PreAttack', name: 'Suspicious port scanning activity detected', minute: 0 },
    { vm: db, intent: 'InitialAccess', name: 'Successful RDP brute force attack', minute: 3 },
    { vm: db, intent: 'Execution', name: 'Suspicious process executed', minute: 6 },
  ];
  await postAlerts(page.request, alerts(run, { Type: 'ip', Address: ip }, steps));

  // The per-resource incident on the database VM names the incident that covers it.
  await expect(async () => {
    await page.goto(`/alerts?show=incidents&q=${encodeURIComponent(db)}`);
    await expect(row(page, `Security incident detected on ${db}`)).toBeVisible({ timeout: 1_000 });
  }).toPass();
  const perResource = await openCoveringIncident(page, db);
  const multi = page.url();
  expect(multi).not.toBe(perResource);

  // Its resources, by name, each linked to its page; the primary is the one with the earliest alert.
  await expect(page.locator('[data-field=resource-name]')).toHaveText(web);
  const resources = page.getByRole('list', { name: 'Resources of this incident' });
  await expect(resources.getByRole('link')).toHaveText([db, web]);

  // The linking entity: the shared address, tying both VMs.
  const linking = page.getByRole('table', { name: 'Entities that tie the resources of this incident' });
  const tie = linking.locator('tbody tr');
  await expect(tie).toHaveCount(1);
  await expect(tie.locator('td').nth(0)).toHaveText('ip');
  await expect(tie.locator('td').nth(1)).toHaveText(ip);
  await expect(tie.getByRole('link')).toHaveText([db, web]);

  // Why these alerts are together: the rule, and one sentence per alert under its tactic.
  const why = page.locator('[data-section=why]');
  await expect(why.locator('[data-field=rule]')).toContainText('kill-chain');
  await expect(why.locator('[data-field=explanation]')).toHaveCount(steps.length);
  for (const [tactic, s] of [
    ['RECONNAISSANCE', steps[0]!],
    ['INITIAL_ACCESS', steps[1]!],
    ['EXECUTION', steps[2]!],
  ] as const) {
    const sentence = why.locator(`[data-step=${tactic}] [data-field=explanation]`);
    await expect(sentence).toContainText(s.name);
    await expect(sentence).toContainText(s.vm);
    await expect(sentence).toContainText(ip);
  }
  await expect(why.getByRole('status')).toHaveText(`Showing ${steps.length} of ${steps.length} reasons.`);

  // The graph draws the resources and the tying address with the alerts.
  await expect(page.getByTestId('entity-graph')).toHaveAttribute('aria-label', /and the 2 resources the linking entities tie/);

  // Covers: the per-resource incident, and back.
  const covers = page.getByRole('list', { name: 'Per-resource incidents this incident covers' });
  await expect(covers.getByRole('link')).toHaveText([`Security incident detected on ${db}`]);
  await covers.getByRole('link').click();
  await expect(page).toHaveURL(perResource);
  await expect(page.locator('[data-field=resource-name]')).toHaveText(db);

  // In the list, the incident reads as its two resources and the primary.
  await page.goto('/alerts?show=incidents&q=multiple');
  await expect(grid(page).getByRole('row').filter({ hasText: `2 resources · ${web}` })).toHaveCount(1);

  // A resource link opens the resource's page.
  await page.goto(multi);
  await resources.getByRole('link', { name: web, exact: true }).click();
  await expect(page).toHaveURL(/\/resources\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(web);
});

test('a hostile resource name and linking entity value of a multi-resource incident render as text', async ({ page }) => {
  const dialogs = noDialogs(page);
  const run = unique();
  const web = `<img src=x onerror=alert(1)>${run}`;
  const db = `mr-db-${run}`;
  // A host with a domain is a strong identifier; its key is the lowercase name and domain.
  const host = `<script>alert(2)</script><img src=y onerror=alert(3)>${run}`;
  const hostKey = `${host}.corp.example`;
  const steps: Step[] = [
    { vm: web, intent: 'PreAttack', name: 'Suspicious port scanning activity detected', minute: 0 },
    { vm: db, intent: 'InitialAccess', name: 'Successful RDP brute force attack', minute: 3 },
    { vm: db, intent: 'Execution', name: 'Suspicious process executed', minute: 6 },
  ];
  await postAlerts(page.request, alerts(run, { Type: 'host', HostName: host, DnsDomain: 'corp.example' }, steps));
  await expect(async () => {
    await page.goto(`/alerts?show=incidents&q=${encodeURIComponent(db)}`);
    await expect(row(page, `Security incident detected on ${db}`)).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await openCoveringIncident(page, db);

  await expect(page.getByRole('list', { name: 'Resources of this incident' }).getByRole('link')).toHaveText([web, db]);
  const tie = page.getByRole('table', { name: 'Entities that tie the resources of this incident' }).locator('tbody tr');
  await expect(tie.locator('td').nth(1)).toHaveText(hostKey);
  await expect(page.locator('[data-section=why] [data-field=explanation]').first()).toContainText(hostKey);

  expect(await page.locator('img[src="x"], img[src="y"], script:not([src])').count()).toBe(0);
  await page.waitForTimeout(300); // an onerror handler would have fired by now
  expect(dialogs).toEqual([]);
});

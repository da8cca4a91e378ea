import { expect, test } from './fixtures';
import { chain, gql, postAlerts, row, unique } from './helpers';

test("changing an alert's status persists across reload", async ({ page, request }) => {
  const data = await gql<{ alerts: { edges: { node: { id: string; displayName: string } }[] } }>(
    request,
    '{ alerts(first: 1, where: { displayName: "Detected Petya ransomware indicators" }) { edges { node { id displayName } } } }',
  );
  const { id } = data.alerts.edges[0]!.node;
  await page.goto(`/alerts/${id}`);
  const status = page.locator('[data-section=general] [data-field=status]');
  await expect(status).toHaveText('Active');
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByRole('menuitem', { name: 'In progress' }).click();
  await expect(status).toHaveText('In progress');
  await page.reload();
  await expect(status).toHaveText('In progress');
});

test('closing an incident with its alerts resolves the members too, and survives reload', async ({ page, request }) => {
  const vm = `close-${unique()}`;
  await postAlerts(request, chain(vm));
  await expect
    .poll(async () => (await gql<{ incidents: { totalCount: number } }>(request, `{ incidents(search: "${vm}") { totalCount } }`)).incidents.totalCount)
    .toBe(1);
  await page.goto(`/alerts?show=incidents&q=${vm}`);
  await row(page, `Security incident detected on ${vm}`).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Security incident detected' })).toBeVisible();
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByRole('menuitem', { name: 'Resolve with its alerts' }).click();
  const general = page.locator('[data-section=general]');
  await expect(general.locator('[data-status]')).toHaveText('Resolved');
  await page.reload();
  await expect(general.locator('[data-status]')).toHaveText('Resolved');
  await expect(general.locator('[data-field=active]')).toHaveText('No longer active');
  await expect(page.locator('[data-section=alerts] [data-status]')).toHaveText(['Resolved', 'Resolved', 'Resolved']);
});

test('bulk selection sets the status of several rows', async ({ page, request }) => {
  const vm = `bulk-${unique()}`;
  await postAlerts(request, chain(vm));
  await page.goto(`/alerts?show=alerts&q=${vm}`);
  const rows = page.getByRole('grid', { name: 'Security alerts' }).locator('[role=row][data-id]');
  await expect(rows).toHaveCount(3);
  await page.getByRole('checkbox', { name: 'Select all loaded rows' }).check();
  await expect(page.getByText('3 selected')).toBeVisible();
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByRole('menuitem', { name: 'Dismissed' }).click();
  await expect(page.getByText('Status set on 3 items.')).toBeVisible();
  await expect(rows.locator('[data-status]')).toHaveText(['Dismissed', 'Dismissed', 'Dismissed']);
  await page.reload();
  await expect(rows.locator('[data-status]')).toHaveText(['Dismissed', 'Dismissed', 'Dismissed']);
});

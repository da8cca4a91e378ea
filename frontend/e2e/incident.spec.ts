import { expect, test } from './fixtures';
import { row } from './helpers';

test('the vm1 incident shows its resource, source IP, active state, kill chain and member alerts', async ({ page }) => {
  await page.goto('/alerts?show=incidents');
  await row(page, 'Security incident detected on vm1').getByRole('link').click();
  await expect(page).toHaveURL(/\/incidents\/\d+$/);

  await expect(page.getByRole('heading', { level: 1, name: 'Security incident detected' })).toBeVisible();
  const general = page.locator('[data-section=general]');
  await expect(general.locator('[data-field=resource-name]')).toHaveText('vm1');
  await expect(general).toContainText('Microsoft.Compute/virtualMachines');
  await expect(general).toContainText('/providers/Microsoft.Compute/virtualMachines/vm1');
  await expect(general.locator('[data-field=source-ips]')).toContainText('183.95.154.13');
  await expect(general.locator('[data-field=active]')).toHaveText('Active');
  await expect(general).toContainText('High');
  // Times in the viewer's zone (the suite runs in New York) with the offset, the UTC instant on hover.
  const first = general.locator('time').first();
  await expect(first).toHaveText('2019-01-04 20:02:00 UTC-05:00');
  await expect(first).toHaveAttribute('title', '2019-01-05 01:02:00 UTC');

  await expect(page.locator('[data-section=story]')).toContainText('6 alerts on vm1');

  const chain = page.getByRole('list', { name: 'Kill chain of this incident' });
  await expect(chain.getByRole('listitem')).toHaveCount(14);
  const observed = await chain.locator('[data-observed]').evaluateAll((li) => li.map((l) => l.getAttribute('data-tactic')));
  expect(observed).toEqual(['RECONNAISSANCE', 'INITIAL_ACCESS', 'EXECUTION', 'DEFENSE_EVASION', 'DISCOVERY', 'COMMAND_AND_CONTROL']);

  const members = page.getByRole('table', { name: 'Alerts in this incident, by time' });
  const names = await members.getByRole('link').allTextContents();
  for (const want of ['Successful RDP brute force attack', 'Suspicious SVCHOST process executed', 'Network communication with a malicious machine detected']) {
    expect(names).toContain(want);
  }
  expect(names.indexOf('Successful RDP brute force attack')).toBeLessThan(names.indexOf('Suspicious SVCHOST process executed'));
  expect(names.indexOf('Suspicious SVCHOST process executed')).toBeLessThan(names.indexOf('Network communication with a malicious machine detected'));
  const starts = await members.locator('time').evaluateAll((ts) => ts.map((t) => Date.parse(t.getAttribute('datetime')!)));
  expect([...starts].sort((a, b) => a - b)).toEqual(starts);

  // The entities its alerts name, each once, and the graph of alerts and entities (cytoscape, loaded on its own).
  const entities = page.getByRole('table', { name: 'Entities involved, the most shared first' });
  await expect(entities.locator('tr[data-entity=host]').first()).toContainText('vm1');
  await expect(entities.locator('tr[data-entity=ip]')).toContainText('183.95.154.13');
  await expect(page.getByTestId('entity-graph').locator('canvas').first()).toBeVisible();

  // Click through to a member alert, and back.
  await members.getByRole('link', { name: 'Network communication with a malicious machine detected' }).click();
  await expect(page).toHaveURL(/\/alerts\/\d+$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Network communication with a malicious machine detected' })).toBeVisible();
  await expect(page.locator('[data-section=incidents]')).toContainText('Security incident detected on vm1');
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Security incident detected' })).toBeVisible();
});

test('a deep link to an incident loads it, and an unknown id says so', async ({ page }) => {
  await page.goto('/incidents/999999999');
  await expect(page.getByText('No such incident')).toBeVisible();
});

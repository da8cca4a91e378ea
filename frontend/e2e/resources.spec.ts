import { expect, test } from './fixtures';
import { grid } from './helpers';

test('resources are grouped by category with their alert and incident counts; a resource shows its alerts over time', async ({ page }) => {
  await page.goto('/resources');
  await expect(page.getByRole('heading', { level: 1, name: 'Resources' })).toBeVisible();
  const servers = page.locator('[data-section=category-servers]');
  await expect(servers.getByRole('heading')).toContainText('IaaS VMs and servers');
  const mstic = servers.locator('[data-resource=MSTICAlertsWin1]');
  await expect(mstic.getByRole('link', { name: '138 alerts on MSTICAlertsWin1' })).toBeVisible();
  await expect(mstic.getByRole('link', { name: '1 incident on MSTICAlertsWin1' })).toBeVisible();
  await expect(page.locator('[data-section=category-data_services]')).toContainText('Data services');

  // vm1 of the Defender demo: 6 alerts in one incident.
  const vm1 = servers.locator('[data-resource=vm1]').filter({ hasText: 'ASCDEMORG' });
  await vm1.getByRole('link', { name: 'vm1', exact: true }).click();
  await expect(page).toHaveURL(/\/resources\/\d+$/);
  await expect(page.getByRole('heading', { level: 1, name: 'vm1' })).toBeVisible();
  await expect(page.locator('[data-section=timeline] canvas').first()).toBeVisible();
  await expect(page.locator('[data-section=incidents]')).toContainText('Security incident detected on vm1');
  await expect(page.locator('[data-section=alerts] tbody tr')).toHaveCount(6);
  const first = page.locator('[data-section=incidents] time').first();
  await expect(first).toHaveText('2019-01-06 00:02:00 UTC-05:00');
  await expect(first).toHaveAttribute('title', '2019-01-06 05:02:00 UTC');

  // Its counts open the list filtered to it; a deep link reloads the page.
  const url = page.url();
  await page.locator('[data-section=general]').getByRole('link', { name: '6' }).click();
  await expect(page).toHaveURL(/\/alerts\?show=alerts&resource=\d+$/);
  await expect(grid(page).locator('[role=row][data-id]')).toHaveCount(6);
  await expect(page.getByTestId('resource-filter')).toHaveText('vm1');
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: 'vm1' })).toBeVisible();
  await page.goto('/resources/999999999');
  await expect(page.getByText('No such resource')).toBeVisible();
});

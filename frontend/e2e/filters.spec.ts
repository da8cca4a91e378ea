import { expect, test } from './fixtures';
import { grid, row } from './helpers';

test('filters are kept in the URL and survive reload', async ({ page }) => {
  await page.goto('/alerts');
  await expect(grid(page).locator('[role=row][data-id]').first()).toBeVisible();

  await page.getByRole('button', { name: 'Show' }).click();
  await page.getByRole('menuitemradio', { name: 'Incidents only' }).click();
  await expect(page).toHaveURL(/[?&]show=incidents/);

  await page.getByRole('search').getByRole('button', { name: 'Severity' }).click();
  await page.getByRole('menuitemcheckbox', { name: 'High' }).click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/[?&]severity=high/);

  await page.getByRole('button', { name: 'Tactic' }).click();
  await page.getByRole('menuitemcheckbox', { name: 'Command and Control' }).click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/[?&]tactic=command-and-control/);

  await page.getByRole('textbox', { name: 'Search' }).fill('vm1');
  await expect(page).toHaveURL(/[?&]q=vm1/);

  const only = async () => {
    await expect(row(page, 'Security incident detected on vm1')).toBeVisible();
    await expect(grid(page).locator('[role=row][data-id]')).toHaveCount(1);
  };
  await only();

  const url = page.url();
  await page.reload();
  expect(page.url()).toBe(url);
  await only();
  await expect(page.getByRole('textbox', { name: 'Search' })).toHaveValue('vm1');
  await expect(page.getByRole('search').getByRole('button', { name: 'Severity' })).toHaveText('High');
  await expect(page.getByRole('button', { name: 'Show' })).toHaveText('Incidents only');

  // Back undoes a filter; "Clear filters" drops them all.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/alerts$/);
  await page.goBack();
  await only();
});

test('the time range filter has a custom range in the viewer’s zone', async ({ page }) => {
  // vm1's incident was active 2019-01-05 01:02 – 2019-01-06 05:02 UTC.
  await page.goto('/alerts?show=incidents&range=custom&from=2019-01-05T12:00:00Z&to=2019-01-05T23:00:00Z');
  await expect(row(page, 'Security incident detected on vm1')).toBeVisible();
  await expect(grid(page).locator('[role=row][data-id]')).toHaveCount(1);
  await expect(page.getByLabel(/From \(UTC-05:00\)/)).toHaveValue('2019-01-05T07:00');
  await page.goto('/alerts?show=incidents&range=24h');
  await expect(page.getByText('Nothing matches these filters')).toBeVisible();
});

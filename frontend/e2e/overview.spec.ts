import { expect, test } from './fixtures';
import { gql, grid } from './helpers';

test('the overview is the landing page; every figure opens the list filtered to it', async ({ page, request }) => {
  const want = await gql<{ high: { totalCount: number }; servers: { totalCount: number }; inc: { totalCount: number } }>(
    request,
    `{ high: alerts(where: { statusIn: [ACTIVE, IN_PROGRESS], severity: HIGH }) { totalCount }
       servers: alerts(where: { category: SERVERS }) { totalCount }
       inc: incidents(where: { statusIn: [ACTIVE, IN_PROGRESS] }) { totalCount } }`,
  );
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.getByText('Times in UTC-05:00')).toBeVisible();

  const alertsTile = page.locator('[data-tile=alerts]');
  await expect(alertsTile.getByRole('heading', { name: 'Security alerts' })).toBeVisible();
  await expect(page.locator('[data-tile=incidents] [data-count="open incidents"]')).toHaveText(String(want.inc.totalCount));
  const high = alertsTile.getByRole('link', { name: `${want.high.totalCount} open high alerts` });
  await high.click();
  await expect(page).toHaveURL(/\/alerts\?show=alerts&severity=high&status=active,in-progress$/);
  await expect(page.getByText(`${want.high.totalCount} alerts`, { exact: true })).toBeVisible();
  await page.goBack();

  await page.locator('[data-tile=categories]').getByRole('link', { name: `${want.servers.totalCount} alerts on IaaS VMs and servers` }).click();
  await expect(page).toHaveURL(/\/alerts\?show=alerts&category=servers$/);
  await expect(page.getByText(`${want.servers.totalCount} alerts`, { exact: true })).toBeVisible();
  await page.goBack();

  // The most attacked resource: the list filtered to it, with the filter shown and removable.
  const top = page.locator('[data-tile=resources] li').first();
  await expect(top).toContainText('MSTICAlertsWin1');
  await top.getByRole('link', { name: /alerts on MSTICAlertsWin1/ }).click();
  await expect(page).toHaveURL(/\/alerts\?resource=\d+$/);
  await expect(page.getByTestId('resource-filter')).toHaveText('MSTICAlertsWin1');
  await expect(page.getByText('1 incident · 138 alerts')).toBeVisible();
  await expect(grid(page).locator('[role=row][data-id]').first()).toBeVisible();
  await page.getByTestId('resource-filter').click();
  await expect(page).toHaveURL(/\/alerts$/);
});

test('alerts over time: the days of the data, the last 7 and 30 days, in the viewer’s days', async ({ page }) => {
  await page.goto('/');
  const tile = page.locator('[data-tile=timeline]');
  await expect(tile.getByTestId('timeline-chart').locator('canvas')).toBeVisible();
  // "All": the days that hold most alerts; the demo's are from December 2018 to January 2019 (a few
  // outliers aside, and whatever other specs posted today).
  await expect(tile.getByTestId('chart-span')).toContainText(/^(2018-12|2019-01)-\d\d – \d{4}-\d\d-\d\d \(UTC-0[45]:00\)/);
  const total = tile.locator('[data-count="alerts in the chart"]');
  const n = Number((await total.textContent())!.match(/(\d+) alerts/)![1]);
  expect(n).toBeGreaterThan(150);
  // The legend's figures add up to the total; one opens the list on the chart's span.
  const legend = await tile.getByRole('link', { name: /^(High|Medium|Low|Informational): \d+$/ }).allTextContents();
  expect(legend.map((t) => Number(t.split(': ')[1])).reduce((a, b) => a + b, 0)).toBe(n);
  await total.click();
  await expect(page).toHaveURL(/\/alerts\?show=alerts&range=custom&from=(2018-12|2019-01)-\d\dT0[45]:00:00\.000Z&to=\d{4}-\d\d-\d\dT0[34]:59:59\.999Z$/);
  await expect(page.getByText(`${n} alerts`, { exact: true })).toBeVisible();
  await page.goBack();

  await page.getByRole('button', { name: 'Chart range' }).click();
  await page.getByRole('menuitemradio', { name: 'Last 7 days' }).click();
  await expect(page).toHaveURL(/\/\?range=7d$/);
  await expect(tile.getByTestId('chart-span')).toContainText('(UTC-05:00)');
  await expect(tile.getByTestId('timeline-chart').locator('canvas')).toBeVisible();

  // Hovering the chart names the bucket and its UTC start; a click opens its alerts.
  await page.goto('/');
  const over = tile.locator('.u-over');
  await expect(over).toBeVisible();
  const box = (await over.boundingBox())!;
  await page.mouse.move(box.x + box.width - 60, box.y + box.height - 5);
  await expect(tile.getByTestId('chart-tooltip')).toContainText(/alerts \(high \d+, medium \d+, low \d+, informational \d+\) · from \d{4}-\d\d-\d\d 0[45]:00:00 UTC/);
  await page.mouse.click(box.x + box.width - 60, box.y + box.height - 5);
  await expect(page).toHaveURL(/\/alerts\?show=alerts&range=custom&from=\d{4}-\d\d-\d\dT0[45]:00:00\.000Z&to=\d{4}-\d\d-\d\dT0[34]:59:59\.999Z$/);
});

test('the list keeps living at /alerts, and old deep links still work', async ({ page }) => {
  await page.goto('/alerts?show=incidents');
  await expect(grid(page).locator('[role=row][data-id]').first()).toBeVisible();
  await page.getByRole('link', { name: 'Overview' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/alerts\?show=incidents$/);
});

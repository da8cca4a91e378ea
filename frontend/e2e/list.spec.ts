import { expect, test } from './fixtures';
import { cspViolations, grid, row, scroller } from './helpers';

test('the list shows incidents, marked with their own icon, next to standalone alerts, newest first', async ({ page }) => {
  const csp = cspViolations(page);
  await page.goto('/alerts');
  await expect(page.getByRole('heading', { name: 'Security alerts' })).toBeVisible();
  await expect(page.getByText(/\d+ incidents · \d+ alerts/)).toBeVisible();

  const incident = row(page, 'Security incident detected on MSTICAlertsWin1');
  await expect(incident).toBeVisible();
  await expect(incident.getByRole('img', { name: 'Security incident' })).toBeVisible();
  await expect(incident).toContainText('MSTICAlertsWin1');
  await expect(incident.getByRole('gridcell').last()).toHaveText('138'); // its alert count

  // An alert of demo/data/campaigns-2024.json, the newest the demo holds: a
  // member of an incident stays listed on its own too.
  const alert = row(page, 'Unusual amount of data extracted from a storage account');
  await expect(alert).toBeVisible();
  await expect(alert.getByRole('img', { name: 'Alert' })).toBeVisible();
  await expect(alert.getByRole('gridcell').last()).toHaveText('');

  // Newest first: the rows' activity times never increase down the list.
  const times = await grid(page).locator('[role=row][data-id] time').evaluateAll((ts) => ts.map((t) => Date.parse(t.getAttribute('datetime')!)));
  expect(times.length).toBeGreaterThan(10);
  expect([...times].sort((a, b) => b - a)).toEqual(times);
  expect(csp).toEqual([]);
});

test('the list is virtualised and pages as it scrolls', async ({ page }) => {
  await page.goto('/alerts?show=alerts');
  const g = grid(page);
  await expect(g.locator('[role=row][data-id]').first()).toBeVisible();
  const rendered = await g.locator('[role=row][data-id]').count();
  expect(rendered).toBeLessThan(60); // ~20 visible rows plus overscan, not all of them
  const total = Number(((await page.getByText(/\d+ alerts/).textContent()) ?? '').match(/(\d+) alerts/)![1]);
  expect(total).toBeGreaterThan(150);
  // Scroll to the end: the list fetches the next page and reaches "End of the list".
  const end = page.getByText('End of the list');
  for (let i = 0; i < 10 && !(await end.isVisible()); i++) {
    await scroller(page).evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.waitForTimeout(300);
  }
  await expect(end).toBeVisible();
  expect(await g.getAttribute('aria-rowcount')).toBe(String(total + 1));
});

test('the keyboard moves through the list and Enter opens a row', async ({ page }) => {
  await page.goto('/alerts?show=incidents');
  const g = grid(page);
  await expect(row(page, 'Security incident detected on vm1')).toBeVisible();
  // As many steps down as vm1's row is from the top (the header row is 1),
  // one too far and one back.
  const steps = Number(await row(page, 'Security incident detected on vm1').getAttribute('aria-rowindex')) - 1;
  expect(steps).toBeGreaterThan(1);
  await g.focus();
  for (let i = 0; i <= steps; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  const active = await g.getAttribute('aria-activedescendant');
  expect(active).toMatch(/^row-/);
  await expect(page.locator(`[id="${active}"]`)).toContainText('Security incident detected on vm1');
  await page.keyboard.press('Space');
  await expect(page.locator(`[id="${active}"]`)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/incidents\/\d+$/);
  await expect(page.getByRole('heading', { name: 'Security incident detected' })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/alerts\?show=incidents$/);
  await expect(row(page, 'Security incident detected on vm1')).toBeVisible();
});

test('back to the list restores its scroll position', async ({ page }) => {
  await page.goto('/alerts');
  const g = grid(page);
  await expect(g.locator('[role=row][data-id]').first()).toBeVisible();
  const sc = scroller(page);
  await sc.evaluate((el) => el.scrollTo(0, 48 * 15));
  await expect.poll(() => sc.evaluate((el) => el.scrollTop)).toBe(48 * 15);
  const target = g.locator('[role=row][data-kind=alert]').nth(12);
  const name = await target.getByRole('link').textContent();
  await target.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name!);
  await page.goBack();
  await expect(g.locator('[role=row][data-id]').first()).toBeVisible();
  await expect.poll(() => sc.evaluate((el) => el.scrollTop)).toBe(48 * 15);
});

test('the list sorts by severity or time, both ways, kept in the URL', async ({ page }) => {
  await page.goto('/alerts');
  const g = grid(page);
  await expect(g.locator('[role=row][data-id]').first()).toBeVisible();
  const severityHeader = g.getByRole('columnheader', { name: 'Severity' });
  await expect(g.getByRole('columnheader', { name: 'Activity time' })).toHaveAttribute('aria-sort', 'descending');
  await severityHeader.getByRole('button').click();
  await expect(page).toHaveURL(/\/alerts\?sort=severity-desc$/);
  await expect(severityHeader).toHaveAttribute('aria-sort', 'descending');
  const rank: Record<string, number> = { HIGH: 3, MEDIUM: 2, LOW: 1, INFORMATIONAL: 0 };
  const severities = async () => (await g.locator('[role=row][data-id] [data-severity]').evaluateAll((s) => s.map((e) => e.getAttribute('data-severity')!))).map((s) => rank[s]!);
  await expect.poll(async () => (await severities())[0]).toBe(3);
  let sev = await severities();
  expect([...sev].sort((a, b) => b - a)).toEqual(sev);

  await severityHeader.getByRole('button').click();
  await expect(page).toHaveURL(/sort=severity-asc$/);
  await expect.poll(async () => (await severities())[0]).toBe(0);
  sev = await severities();
  expect([...sev].sort((a, b) => a - b)).toEqual(sev);

  await page.reload();
  await expect(severityHeader).toHaveAttribute('aria-sort', 'ascending');
  await g.getByRole('columnheader', { name: 'Activity time' }).getByRole('button').click();
  await expect(page).toHaveURL(/sort=time-desc|\/alerts$/);
  await g.getByRole('columnheader', { name: 'Activity time' }).getByRole('button').click();
  await expect(page).toHaveURL(/sort=time-asc$/);
  await expect(g.locator('[role=row][data-id]').first()).toBeVisible();
  const times = await g.locator('[role=row][data-id] time').evaluateAll((ts) => ts.map((t) => Date.parse(t.getAttribute('datetime')!)));
  expect([...times].sort((a, b) => a - b)).toEqual(times);
});

import { expect, test } from './fixtures';
import { chain, grid, postAlerts, row, scroller, unique } from './helpers';

test('an alert chain posted while the list is open appears as a new incident within 2 s, without reload', async ({ page, request }) => {
  await page.goto('/alerts');
  await expect(page.locator('[data-live=live]')).toBeVisible(); // the subscription is open
  const g = grid(page);
  await expect(g.locator('[role=row][data-id]').first()).toBeVisible();
  const navigations: string[] = [];
  page.on('framenavigated', (f) => f === page.mainFrame() && navigations.push(f.url()));

  const vm = `live-${unique()}`;
  const posted = Date.now();
  await postAlerts(request, chain(vm));
  const banner = page.getByTestId('new-banner');
  await expect(banner).toContainText('1 new incident', { timeout: 2_000 });
  expect(Date.now() - posted).toBeLessThan(2_000);
  await banner.getByRole('button', { name: 'Show 1 new' }).click();

  const inc = row(page, `Security incident detected on ${vm}`);
  await expect(inc).toBeVisible();
  await expect(inc).toContainText('New');
  await expect(inc.getByRole('img', { name: 'Security incident' })).toBeVisible();
  // The chain's alerts are listed on their own too.
  await expect(row(page, 'Communication with a malicious IP').first()).toBeVisible();
  await expect(banner).toHaveCount(0);
  expect(navigations).toEqual([]); // no reload
});

test('inserting new incidents keeps the scroll position and the selection', async ({ page, request }) => {
  await page.goto('/alerts');
  const g = grid(page);
  await expect(page.locator('[data-live=live]')).toBeVisible();
  await expect(g.locator('[role=row][data-id]').first()).toBeVisible();
  const sc = scroller(page);
  await sc.evaluate((el) => el.scrollTo(0, 48 * 10)); // ten rows down
  await page.waitForTimeout(200);
  const topRow = () =>
    sc.evaluate((el) => {
      const y = el.getBoundingClientRect().top + 36 + 4; // just under the sticky header
      const hit = document.elementsFromPoint(el.getBoundingClientRect().left + 300, y).find((e) => e.getAttribute('role') === 'row');
      return hit?.getAttribute('data-id') ?? null;
    });
  const before = await topRow();
  expect(before).not.toBeNull();
  const selectedRow = g.locator(`[data-id="${before}"]`);
  await selectedRow.getByRole('checkbox').check();

  const vm = `scroll-${unique()}`;
  await postAlerts(request, chain(vm));
  await page.getByTestId('new-banner').getByRole('button').click();
  await expect(g.locator('[role=row]').filter({ hasText: `Security incident detected on ${vm}` })).toHaveCount(0); // inserted above, out of view
  await expect.poll(topRow).toBe(before);
  await expect(selectedRow).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('1 selected')).toBeVisible();
  await sc.evaluate((el) => el.scrollTo(0, 0));
  await expect(row(page, `Security incident detected on ${vm}`)).toBeVisible();
});

import { expect, test } from './fixtures';
import { chain, noDialogs, postAlerts, row, unique } from './helpers';

const NAME = '<img src=x onerror=alert(1)>';
const DESCRIPTION = '<script>alert(2)</script>';

test('an alert whose name and description hold markup renders inert, as literal text', async ({ page, request }) => {
  const dialogs = noDialogs(page);
  const vm = `xss-${unique()}`;
  await postAlerts(request, chain(vm, { displayName: NAME, description: DESCRIPTION }));

  await page.goto(`/alerts?q=${vm}`);
  const r = row(page, NAME);
  await expect(r).toBeVisible();
  await expect(r.getByRole('link', { name: NAME, exact: true })).toHaveText(NAME);

  await r.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(NAME);
  await expect(page.locator('[data-field=description]')).toHaveText(DESCRIPTION);
  await expect(page.locator('[data-section=raw] pre')).toContainText('<script>alert(2)</script>');

  // The incident's story quotes the alert's name: text there too.
  await page.locator('[data-section=incidents]').getByRole('link').click();
  await expect(page.locator('[data-section=alerts]')).toContainText(NAME);

  expect(await page.locator('img[src="x"], script:not([src])').count()).toBe(0);
  await page.waitForTimeout(300); // an onerror handler would have fired by now
  expect(dialogs).toEqual([]);
});

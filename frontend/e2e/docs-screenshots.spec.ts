import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { gql } from './helpers';

// The README's screenshots, taken from the demo data (light theme, New York
// time). This file sorts before the specs that post alerts, so the pictures
// show the demo data only. Each PNG stays well under 200 kB.
const dir = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');

test.use({ colorScheme: 'light', viewport: { width: 1280, height: 760 } });

async function shoot(page: Page, name: string, { live = true } = {}) {
  if (live) await expect(page.locator('[data-live=live]')).toBeVisible();
  await page.mouse.move(0, 0);
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  expect(statSync(path).size).toBeLessThan(200_000);
}

test('screenshots of the overview, the list, an incident and the playground', async ({ page, request }) => {
  await page.goto('/');
  await expect(page.getByTestId('timeline-chart').locator('canvas')).toBeVisible();
  await expect(page.locator('[data-tile=resources] li').first()).toBeVisible();
  await shoot(page, 'overview');

  // The demo's own months, so that alerts posted by other runs do not show.
  await page.goto('/alerts?range=custom&from=2018-12-01T05:00:00.000Z&to=2019-02-01T04:59:59.999Z');
  await expect(page.getByRole('grid', { name: 'Security alerts' }).locator('[role=row][data-id]').first()).toBeVisible();
  await shoot(page, 'list');

  const d = await gql<{ incidents: { edges: { node: { id: string } }[] } }>(request, '{ incidents(first: 1, search: "vm1") { edges { node { id } } } }');
  await page.goto(`/incidents/${d.incidents.edges[0]!.node.id}`);
  await expect(page.locator('[data-section=alerts] table')).toBeVisible();
  await shoot(page, 'incident');

  // The campaign of demo/data/campaigns-2024.json: one address brute-forces app-01 to app-03.
  const m = await gql<{ incidents: { edges: { node: { id: string } }[] } }>(request, '{ incidents(first: 1, search: "app-01") { edges { node { id } } } }');
  await page.goto(`/incidents/${m.incidents.edges[0]!.node.id}`);
  await expect(page.getByText('3 resources', { exact: false }).first()).toBeVisible();
  await expect(page.locator('[data-section=alerts] table')).toBeVisible();
  await shoot(page, 'incident-multi');

  await page.goto('/playground');
  await expect(page.locator('.graphiql-query-editor')).toContainText('LatestIncidents', { timeout: 20_000 });
  await expect(async () => {
    await page.locator('.graphiql-execute-button').click();
    await expect(page.locator('.graphiql-response')).toContainText('Security incident detected on', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await shoot(page, 'playground');
});

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('a screenshot of the login page', async ({ page }) => {
    await page.goto('/login?next=/alerts');
    await expect(page.getByLabel('Username')).toBeFocused();
    await page.getByLabel('Username').fill('admin');
    await shoot(page, 'login', { live: false });
  });
});

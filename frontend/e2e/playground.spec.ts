import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { chain, cspViolations, postAlerts, unique } from './helpers';

/** run waits until the editor holds the operation (Monaco is ready), then runs it. */
async function run(page: Page, text: string) {
  await expect(page.locator('.graphiql-query-editor')).toContainText(text, { timeout: 20_000 });
  await expect(async () => {
    await page.locator('.graphiql-execute-button').click();
    await expect(page.locator('.graphiql-response .view-lines, .graphiql-spinner').first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

test('the playground runs a query with no internet, within the CSP', async ({ page, baseURL }) => {
  const external: string[] = [];
  await page.context().route(
    (url) => !url.href.startsWith(baseURL!) && !url.href.startsWith('ws://127.0.0.1') && !url.protocol.startsWith('blob') && !url.protocol.startsWith('data'),
    (route) => {
      external.push(route.request().url());
      return route.abort();
    },
  );
  const csp = cspViolations(page);
  await page.goto('/playground');
  await run(page, 'LatestIncidents');
  await expect(page.locator('.graphiql-response')).toContainText('Security incident detected on', { timeout: 15_000 });
  expect(external).toEqual([]);
  expect(csp).toEqual([]);
});

test('the playground runs subscriptions over the websocket', async ({ page, request }) => {
  const query = 'subscription { incidentCreated { title } }';
  await page.goto(`/playground?query=${encodeURIComponent(query)}`);
  await run(page, 'incidentCreated');
  await page.waitForTimeout(500); // the subscription is being opened
  const vm = `pg-${unique()}`;
  await postAlerts(request, chain(vm));
  await expect(page.locator('.graphiql-response')).toContainText(`Security incident detected on ${vm}`, { timeout: 10_000 });
});

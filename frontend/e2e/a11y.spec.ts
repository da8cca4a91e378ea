import { expect, test } from './fixtures';
import { gql, seriousViolations } from './helpers';

for (const theme of ['light', 'dark'] as const) {
  test.describe(`accessibility, ${theme} theme`, () => {
    test.use({ colorScheme: theme });

    test('the list', async ({ page }) => {
      await page.goto('/alerts');
      await expect(page.getByRole('grid', { name: 'Security alerts' }).locator('[role=row][data-id]').first()).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('the overview', async ({ page }) => {
      await page.goto('/');
      await expect(page.getByTestId('timeline-chart').locator('canvas')).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('the resources and a resource', async ({ page }) => {
      await page.goto('/resources');
      await expect(page.locator('[data-section=category-servers] table')).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.locator('[data-resource=MSTICAlertsWin1]').getByRole('link', { name: 'MSTICAlertsWin1', exact: true }).click();
      // The chart's chunk loads after the resource's data and its timeline: slow when the machine is loaded.
      await expect(page.locator('[data-section=timeline] canvas').first()).toBeVisible({ timeout: 15_000 });
      await expect(page.locator('[data-section=alerts] table')).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('the list sorted by severity, filtered to a resource', async ({ page, request }) => {
      const d = await gql<{ resources: { edges: { node: { id: string } }[] } }>(request, '{ resources(first: 1, orderBy: [{ field: ALERTS_COUNT, direction: DESC }]) { edges { node { id } } } }');
      await page.goto(`/alerts?resource=${d.resources.edges[0]!.node.id}&sort=severity-desc`);
      await expect(page.getByTestId('resource-filter')).toHaveText('MSTICAlertsWin1');
      await expect(page.getByRole('grid', { name: 'Security alerts' }).locator('[role=row][data-id]').first()).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('an incident', async ({ page, request }) => {
      const d = await gql<{ incidents: { edges: { node: { id: string } }[] } }>(request, '{ incidents(first: 1, search: "vm1") { edges { node { id } } } }');
      await page.goto(`/incidents/${d.incidents.edges[0]!.node.id}`);
      await expect(page.locator('[data-section=alerts] table')).toBeVisible();
      await expect(page.getByTestId('entity-graph').locator('canvas').first()).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('an alert', async ({ page, request }) => {
      const d = await gql<{ alerts: { edges: { node: { id: string } }[] } }>(
        request,
        '{ alerts(first: 1, where: { displayName: "Suspicious Screensaver process executed" }) { edges { node { id } } } }',
      );
      await page.goto(`/alerts/${d.alerts.edges[0]!.node.id}`);
      await expect(page.locator('[data-section=raw] pre')).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('the playground page (GraphiQL itself is third-party and not audited)', async ({ page }) => {
      await page.goto('/playground');
      await expect(page.locator('.graphiql-container')).toBeVisible({ timeout: 20_000 });
      expect(await seriousViolations(page, ['.graphiql-container'])).toEqual([]);
    });
  });
}

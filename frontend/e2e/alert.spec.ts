import { expect, test } from './fixtures';
import { gql } from './helpers';

// An alert of the Defender REST example (security/2022-01-01/GetAlertsSubscription_example.json), which the demo loads.
const SYSTEM_ALERT_ID = '2518298467986649999_4d25bfef-2d77-4a08-adc0-3e35715cc92a';

test('an alert view shows its remediation steps, links, entities and the raw alert as text', async ({ page, request }) => {
  const data = await gql<{ alerts: { edges: { node: { id: string } }[] } }>(
    request,
    'query($id: String!) { alerts(first: 1, where: { systemAlertID: $id }) { edges { node { id } } } }',
    { id: SYSTEM_ALERT_ID },
  );
  const id = data.alerts.edges[0]!.node.id;
  await page.goto(`/alerts/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Suspicious Screensaver process executed' })).toBeVisible();

  const steps = page.locator('[data-section=remediation] li');
  await expect(steps).toHaveCount(6);
  await expect(steps.first()).toContainText('1. Run Process Explorer and try to identify unknown running processes');
  await expect(steps.last()).toHaveText('6. Escalate the alert to the information security team');

  const link = page.locator('[data-section=links]').getByRole('link', { name: 'Report: RDP Brute Forcing' });
  await expect(link).toHaveAttribute('href', 'https://contoso.com/reports/DisplayReport');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(link).toHaveAttribute('target', '_blank');

  await expect(page.locator('[data-section=entities]')).toContainText('scrsave.scr');
  await expect(page.locator('[data-section=raw] pre')).toContainText(`"systemAlertId": "${SYSTEM_ALERT_ID}"`);
  await expect(page.locator('[data-section=properties]')).toContainText('account logon id');
});

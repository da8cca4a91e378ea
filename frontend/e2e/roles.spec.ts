import { join } from 'node:path';
import { expect, test } from './fixtures';
import { gql, uncovered } from './helpers';
import { READER } from './login.setup';

// A reader reads everything and changes nothing: the console disables the
// status actions and says why; the server refuses the mutation anyway.
test.use({ storageState: { cookies: [], origins: [] } });

test('a reader sees the status actions disabled, with the reason, and the server refuses the change', async ({ page, playwright, baseURL }) => {
  await page.goto('/login?next=/alerts');
  await page.getByLabel('Username').fill(READER.username);
  await page.getByLabel('Password').fill(READER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL('/alerts');
  await expect(page.getByTestId('user-role')).toHaveText('Reader');

  const change = page.getByRole('toolbar', { name: 'Selection' }).getByRole('button', { name: 'Change status' });
  await expect(change).toHaveAttribute('aria-disabled', 'true');
  await change.hover();
  await expect(page.getByRole('tooltip')).toHaveText('Your role (reader) cannot change statuses');
  // The tooltip stays mounted (for aria-describedby): its portal must not cover the page.
  expect(await uncovered(page, '#list-title')).toBe(true);

  // The admin's session (the suite's) only to find an id.
  const admin = await playwright.request.newContext({ baseURL, storageState: join(process.env.VIGIL_E2E_TMP!, 'admin.json') });
  const { alerts } = await gql<{ alerts: { edges: { node: { id: string; status: string } }[] } }>(
    admin,
    '{ alerts(first: 1, where: { displayName: "Detected Petya ransomware indicators" }) { edges { node { id status } } } }',
  );
  await admin.dispose();
  const alert = alerts.edges[0]!.node;
  await page.goto(`/alerts/${alert.id}`);
  await expect(page.getByRole('button', { name: 'Change status' })).toHaveAttribute('aria-disabled', 'true');

  const res = await page.request.post('/graphql', {
    data: { query: 'mutation($id: ID!) { setAlertStatus(id: $id, status: RESOLVED) { id status } }', variables: { id: alert.id } },
  });
  const body = await res.json();
  expect(body.errors?.[0]?.extensions?.code, JSON.stringify(body)).toBe('FORBIDDEN');
});

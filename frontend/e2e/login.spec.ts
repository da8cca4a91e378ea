import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { seriousViolations, uncovered } from './helpers';

// Signing in and out through the real login page. These tests start without
// the suite's cookie and sign in with their own sessions: signing out here
// must not end the session the other specs use.
test.use({ storageState: { cookies: [], origins: [] } });

const password = () => process.env.VIGIL_E2E_PASSWORD!;

async function signIn(page: Page, username: string, pass: string) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(pass);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const query = { query: '{ incidents(first: 1) { totalCount } }' };

test('a page opened without a session goes to the login page, and back to it after signing in', async ({ page, request }) => {
  const api = await request.post('/graphql', { data: query });
  expect(api.status()).toBe(401);
  expect((await api.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');

  await page.goto('/alerts?show=incidents&severity=high');
  await expect(page).toHaveURL(`/login?next=${encodeURIComponent('/alerts?show=incidents&severity=high')}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByLabel('Username')).toBeFocused();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);

  await signIn(page, 'admin', password());
  await expect(page).toHaveURL('/alerts?show=incidents&severity=high');
  await expect(page.getByTestId('user-name')).toHaveText('admin');
  await expect(page.getByTestId('user-role')).toHaveText('Administrator');
  await expect(page.getByRole('grid', { name: 'Security alerts' }).locator('[role=row][data-id]').first()).toBeVisible();
  await expect(page.locator('[data-live=live]')).toBeVisible(); // the websocket is accepted with the cookie
});

test('a wrong password shows the server’s error and stays on the login page', async ({ page }) => {
  await page.goto('/login?next=/resources');
  await signIn(page, 'admin', `${password()}-wrong`);
  await expect(page.getByRole('alert')).toHaveText('wrong username or password');
  await expect(page).toHaveURL('/login?next=/resources');
  await expect(page.getByLabel('Password')).toHaveValue('');
  await expect(page.getByLabel('Password')).toBeFocused();
});

test('repeated failures are throttled: the 429 message, and a countdown before the next try', async ({ page }) => {
  // An account of its own (one that does not exist: the server throttles it all the same).
  const username = `throttled-${Date.now().toString(36)}`;
  await page.goto('/login');
  for (let i = 1; i <= 4; i++) {
    await signIn(page, username, `wrong-${i}`);
    await expect(page.getByRole('alert')).toHaveText('wrong username or password');
  }
  await signIn(page, username, 'wrong-5');
  await expect(page.getByRole('alert')).toHaveText(/^too many failed logins, try again in \d+s$/);
  await expect(page.getByTestId('login-wait')).toHaveText(/^You can try again in \d+ s\.$/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeDisabled();
});

test('a next that leaves the site is not followed', async ({ page }) => {
  await page.goto(`/login?next=${encodeURIComponent('//example.com/phish')}`);
  await signIn(page, 'admin', password());
  await expect(page).toHaveURL('/');
  await expect(page.getByTestId('user-name')).toHaveText('admin');
});

test('signing out returns to the login page, and the old cookie no longer works', async ({ page, context, playwright, baseURL }) => {
  await page.goto('/login?next=/resources');
  await signIn(page, 'admin', password());
  await expect(page).toHaveURL('/resources');
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === 'vigil_session');
  expect(session, 'the session cookie').toBeTruthy();
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe('Strict');

  await page.getByTestId('user-menu').click();
  await expect(page.getByText('Signed in as admin (admin)')).toBeVisible();
  expect(await uncovered(page, 'main'), 'the open menu leaves the page visible').toBe(true);
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL('/login');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();

  const old = await playwright.request.newContext({ baseURL, storageState: { cookies, origins: [] } });
  try {
    const res = await old.post('/graphql', { data: query });
    expect(res.status()).toBe(401);
    expect((await res.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await old.get('/api/session')).status()).toBe(401);
  } finally {
    await old.dispose();
  }
  await page.goto('/incidents/1');
  await expect(page).toHaveURL(`/login?next=${encodeURIComponent('/incidents/1')}`);
});

test('a console whose session ends elsewhere returns to the login page by itself', async ({ page, context, playwright, baseURL }) => {
  await page.goto('/login?next=/alerts');
  await signIn(page, 'admin', password());
  await expect(page).toHaveURL('/alerts');
  await expect(page.locator('[data-live=live]')).toBeVisible();
  // Signing out with the same cookie from elsewhere: the browser keeps its copy.
  const elsewhere = await playwright.request.newContext({ baseURL, storageState: { cookies: await context.cookies(), origins: [] } });
  try {
    expect((await elsewhere.post('/api/logout')).status()).toBe(204);
  } finally {
    await elsewhere.dispose();
  }
  // The server ends the session's subscriptions within 5 s; the console then asks who is signed in.
  await expect(page).toHaveURL(`/login?next=${encodeURIComponent('/alerts')}`, { timeout: 20_000 });
});

for (const theme of ['light', 'dark'] as const) {
  test.describe(`the login page, ${theme} theme`, () => {
    test.use({ colorScheme: theme });

    test('passes axe, empty and with an error', async ({ page }) => {
      await page.goto('/login');
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      // A user that does not exist: the admin's failure count stays as it was.
      await signIn(page, `nobody-${theme}`, 'x');
      await expect(page.getByRole('alert')).toContainText('wrong username or password');
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}

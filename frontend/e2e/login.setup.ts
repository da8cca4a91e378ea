import { chromium, expect, type FullConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** READER is a user with the reader role that the setup adds (roles.spec.ts signs in as it). */
export const READER = { username: 'reader-e2e', password: 'reader-e2e-password' };

/**
 * Signs in once through the real login page (as `admin`, with the password
 * the config gave the server) and saves the cookie to the storage state that
 * every spec starts from; and adds a reader with the CLI, on the server's
 * database, as an operator would.
 */
export default async function signIn(config: FullConfig) {
  const { baseURL, storageState, launchOptions } = config.projects[0]!.use;
  const tmp = process.env.VIGIL_E2E_TMP!;
  execFileSync(join(tmp, 'vigil'), ['user', 'add', '--db', `sqlite://${tmp}/e2e.db`, '--role', 'reader', READER.username], {
    input: `${READER.password}\n`,
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  const browser = await chromium.launch(launchOptions);
  try {
    const page = await browser.newPage({ baseURL });
    await page.goto('/login?next=/alerts');
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(process.env.VIGIL_E2E_PASSWORD!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('/alerts');
    await expect(page.getByTestId('user-name')).toHaveText('admin');
    await page.context().storageState({ path: storageState as string });
  } finally {
    await browser.close();
  }
}

import { defineConfig } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// End-to-end tests against the real binary: the config builds `vigil` from
// the repository (with the dist/ it embeds) and serves the demo data on a
// temporary SQLite database. Debian's Chromium; Playwright downloads nothing.
//
// The runner's process picks the port, the temporary folder and the admin's
// password once; its workers inherit them through the environment. The
// server creates `admin` with that password on its first start; the global
// setup signs in through the login page and every spec starts from its
// cookie (login.spec.ts clears it where it tests signing in).
process.env.VIGIL_E2E_PORT ??= '18931';
process.env.VIGIL_E2E_TMP ??= mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
process.env.VIGIL_E2E_PASSWORD ??= randomBytes(18).toString('base64url');
const port = Number(process.env.VIGIL_E2E_PORT);
const tmp = process.env.VIGIL_E2E_TMP;
const repo = join(import.meta.dirname, '..');

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 5_000 },
  // One worker: the specs share one server and its database.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['junit', { outputFile: 'reports/playwright.xml' }]],
  outputDir: 'test-results',
  globalSetup: './e2e/login.setup.ts',
  globalTeardown: './e2e/teardown.ts',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    storageState: join(tmp, 'admin.json'),
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    // The whole suite reads times in New York: the assertions check the zone.
    timezoneId: 'America/New_York',
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `export PATH="$PATH:/usr/local/go/bin"; cd '${repo}' && go build -o '${tmp}/vigil' . && exec '${tmp}/vigil' serve --demo --db 'sqlite://${tmp}/e2e.db' --addr 127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}/healthz`,
    timeout: 300_000, // a cold Go build takes about a minute on 2 cores
    reuseExistingServer: false,
    env: { VIGIL_ADMIN_PASSWORD: process.env.VIGIL_E2E_PASSWORD },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
